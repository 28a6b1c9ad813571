"""The users repository (the table: user_rows.py)."""

from __future__ import annotations

import uuid
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, joinedload

from domain.access.principal import Principal
from domain.access.roles import OWNER_TEMPLATE
from domain.access.users import User, UserFilter, UserKind
from domain.pagination import Page, PageRequest
from persistence.base import unique_as_conflict
from persistence.mapping import RowMapping
from persistence.pagination import fetch_page
from persistence.roles import role_to_domain
from persistence.scope import readable_users
from persistence.user_rows import UserRow
from persistence.versioned import versioned_update

USER_ROWS = RowMapping(
    User,
    UserRow.__table__,
    # Raised by the statements that end sessions (persistence/auth_sessions.py) only.
    kept_elsewhere=frozenset({"security_version"}),
    derived=lambda user: {"role_id": user.role.id},
)


def _to_domain(row: UserRow) -> User:
    """A user from their ORM row, with their role loaded with it."""
    return USER_ROWS.record_of(row, role=role_to_domain(row.role))


def _email_taken() -> AbstractContextManager[None]:
    return unique_as_conflict(
        "uq_users_email", "users.email", "email", "A user with this e-mail exists already."
    )


class SqlUserRepository:
    sorts: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "created_at": UserRow.created_at,
        "email": UserRow.email,
        "full_name": UserRow.full_name,
    }

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _select(self) -> Any:
        return select(UserRow).options(joinedload(UserRow.role))

    async def get(self, user_id: uuid.UUID, visible_to: Principal | None = None) -> User | None:
        statement = self._select().where(UserRow.id == user_id)
        if visible_to is not None:
            # A user "owns" their own account; team scope sees the team's accounts.
            statement = readable_users(statement, visible_to, UserRow.id, UserRow.team_id)
        row = await self.session.scalar(statement)
        return _to_domain(row) if row else None

    async def get_by_email(self, email: str) -> User | None:
        row = await self.session.scalar(self._select().where(UserRow.email == email))
        return _to_domain(row) if row else None

    async def full_names(self) -> dict[uuid.UUID, str]:
        rows = await self.session.execute(select(UserRow.id, UserRow.full_name))
        return {row.id: row.full_name for row in rows}

    async def find_page(
        self, principal: Principal, filters: UserFilter, page: PageRequest
    ) -> Page[User]:
        statement = readable_users(self._select(), principal, UserRow.id, UserRow.team_id)
        # Integrations are listed as API keys (/api-keys), with what only a key has.
        statement = statement.where(UserRow.kind == UserKind.PERSON.value)
        if filters.team_id is not None:
            statement = statement.where(UserRow.team_id == filters.team_id)
        if filters.role_id is not None:
            statement = statement.where(UserRow.role_id == filters.role_id)
        if filters.is_active is not None:
            statement = statement.where(UserRow.is_active == filters.is_active)
        if filters.q:
            needle = filters.q.lower()  # autoescape: % and _ are matched literally
            statement = statement.where(
                or_(
                    func.lower(UserRow.full_name).contains(needle, autoescape=True),
                    UserRow.email.contains(needle, autoescape=True),
                )
            )
        return await fetch_page(self.session, statement, UserRow.id, self.sorts, page, _to_domain)

    async def add(self, user: User) -> None:
        self.session.add(UserRow(**USER_ROWS.new_row_values(user)))
        with _email_taken():
            await self.session.flush()

    async def update(self, user: User, expected_version: int) -> None:
        with _email_taken():
            await versioned_update(
                self.session, UserRow, user.id, expected_version, USER_ROWS.values(user)
            )
        user.version = expected_version + 1

    async def record_login(self, user_id: uuid.UUID, at: datetime) -> None:
        await self.session.execute(
            update(UserRow).where(UserRow.id == user_id).values(last_login_at=at)
        )

    async def count_active_owners(self) -> int:
        # Locks the Owner rows until commit: two Owners stepping down at once must not
        # both see the other one still in place.
        owners = await self.session.scalars(
            select(UserRow.id)
            .where(UserRow.role_id == OWNER_TEMPLATE.id, UserRow.is_active.is_(True))
            .with_for_update()
        )
        return len(owners.all())

    async def count(self) -> int:
        return int(await self.session.scalar(select(func.count()).select_from(UserRow)) or 0)
