"""API keys: the table, the repository, and `ApiKeyStates`, which reads a key's state for
every request it signs (domain/access/api_keys.py).

A key's row shares its id with its integration's `users` row, which holds the name,
role and team; the key's own row holds what only a key has."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from types import SimpleNamespace
from typing import Any, ClassVar

from sqlalchemy import ForeignKey, Integer, String, bindparam, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, Mapped, joinedload, mapped_column, relationship

from domain.access.api_keys import LAST_USED_EVERY, ApiKey, KeyState
from domain.access.auth_sessions import MAX_CLIENT_ADDRESS
from domain.access.principal import Principal
from domain.pagination import Page, PageRequest
from persistence.base import Base
from persistence.database import Database
from persistence.pagination import fetch_page
from persistence.roles import ROLE_ROWS, role_to_domain
from persistence.scope import readable_users
from persistence.user_rows import RoleRow, UserRow
from persistence.users import USER_ROWS
from persistence.versioned import versioned_update

# The public id's length (auth/api_keys.py makes it) and the SHA-256 hex digest's.
PUBLIC_ID_LENGTH = 12
SECRET_HASH_LENGTH = 64


class ApiKeyRow(Base):
    __tablename__ = "api_keys"

    # The integration's account: the key is deleted with it.
    id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(UserRow.id, ondelete="CASCADE"), primary_key=True
    )
    public_id: Mapped[str] = mapped_column(String(PUBLIC_ID_LENGTH), unique=True)
    secret_hash: Mapped[str] = mapped_column(String(SECRET_HASH_LENGTH))
    # Who made it; the trail keeps that too, so a creator's removal only clears it.
    created_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(UserRow.id, ondelete="SET NULL"), index=True
    )
    expires_at: Mapped[datetime | None]
    requests_per_minute: Mapped[int | None] = mapped_column(Integer)
    revoked_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]
    last_used_address: Mapped[str | None] = mapped_column(String(MAX_CLIENT_ADDRESS))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)

    account: Mapped[UserRow] = relationship(foreign_keys=[id], lazy="raise")


_KEY_FIELDS = (
    "public_id",
    "secret_hash",
    "created_by",
    "expires_at",
    "requests_per_minute",
    "revoked_at",
    "last_used_at",
    "last_used_address",
    "created_at",
    "updated_at",
    "version",
)


def _to_domain(row: ApiKeyRow) -> ApiKey:
    account = USER_ROWS.record_of(row.account, role=role_to_domain(row.account.role))
    return ApiKey(account=account, **{name: getattr(row, name) for name in _KEY_FIELDS})


class SqlApiKeyRepository:
    sorts: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "created_at": ApiKeyRow.created_at,
    }

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _select(self) -> Any:
        return (
            select(ApiKeyRow)
            .join(UserRow, UserRow.id == ApiKeyRow.id)
            .options(joinedload(ApiKeyRow.account).joinedload(UserRow.role))
        )

    async def add(self, key: ApiKey) -> None:
        values = {name: getattr(key, name) for name in _KEY_FIELDS}
        self.session.add(ApiKeyRow(id=key.id, **values))
        await self.session.flush()

    async def get(self, key_id: uuid.UUID, visible_to: Principal | None = None) -> ApiKey | None:
        statement = self._select().where(ApiKeyRow.id == key_id)
        if visible_to is not None:
            # Keys are within reach as their integrations' accounts are, like users.
            statement = readable_users(statement, visible_to, UserRow.id, UserRow.team_id)
        row = await self.session.scalar(statement)
        return _to_domain(row) if row else None

    async def find_page(self, principal: Principal, page: PageRequest) -> Page[ApiKey]:
        statement = readable_users(self._select(), principal, UserRow.id, UserRow.team_id)
        return await fetch_page(self.session, statement, ApiKeyRow.id, self.sorts, page, _to_domain)

    async def update(self, key: ApiKey, expected_version: int) -> None:
        await versioned_update(
            self.session,
            ApiKeyRow,
            key.id,
            expected_version,
            {
                "expires_at": key.expires_at,
                "requests_per_minute": key.requests_per_minute,
                "revoked_at": key.revoked_at,
                "updated_at": key.updated_at,
            },
        )
        # The account's version follows too: its name or role is the key's to change.
        await self.session.execute(
            update(UserRow)
            .where(UserRow.id == key.id)
            .values(
                full_name=key.account.full_name,
                role_id=key.account.role.id,
                team_id=key.account.team_id,
                updated_at=key.account.updated_at,
                version=UserRow.version + 1,
            )
        )
        key.version = expected_version + 1


# Built once: this runs on every request a key signs. The role's columns as ROLE_ROWS
# reads them, its id labelled apart from the key's.
_ROLE_COLUMNS = ("name", "rank", "access", "permissions", "description", "template_key", "version")
_STATE = (
    select(
        ApiKeyRow.id,
        ApiKeyRow.secret_hash,
        ApiKeyRow.expires_at,
        ApiKeyRow.revoked_at,
        ApiKeyRow.last_used_at,
        ApiKeyRow.requests_per_minute,
        UserRow.team_id,
        UserRow.is_active,
        RoleRow.id.label("role_id"),
        *(getattr(RoleRow, name) for name in _ROLE_COLUMNS),
    )
    .join(UserRow, UserRow.id == ApiKeyRow.id)
    .join(RoleRow, RoleRow.id == UserRow.role_id)
    .where(ApiKeyRow.public_id == bindparam("public_id"))
)
_STATE_ASYNCPG = (
    "SELECT k.id, k.secret_hash, k.expires_at, k.revoked_at, k.last_used_at,"
    " k.requests_per_minute, u.team_id,"
    " u.is_active, r.id AS role_id, r.name, r.rank, r.access::text AS access,"
    " r.permissions::text AS permissions, r.description, r.template_key, r.version"
    " FROM api_keys k JOIN users u ON u.id = k.id JOIN roles r ON r.id = u.role_id"
    " WHERE k.public_id = $1"
)
_MARK_USED_ASYNCPG = (
    "UPDATE api_keys SET last_used_at = $2, last_used_address = $3"
    " WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $4)"
)


def _state_of(row: Any, documents: Any = None) -> KeyState:
    """A key's state from a row of `_STATE` (or `_STATE_ASYNCPG`, whose JSON documents
    come as text for `documents` to read)."""
    role = {name: row[name] for name in _ROLE_COLUMNS}
    if documents is not None:
        role["access"], role["permissions"] = (
            documents(role["access"]),
            documents(role["permissions"]),
        )
    return KeyState(
        key_id=row["id"],
        secret_hash=row["secret_hash"],
        role=ROLE_ROWS.record_of(SimpleNamespace(id=row["role_id"], **role)),
        team_id=row["team_id"],
        expires_at=row["expires_at"],
        revoked_at=row["revoked_at"],
        is_active=row["is_active"],
        last_used_at=row["last_used_at"],
        requests_per_minute=row["requests_per_minute"],
    )


class ApiKeyStates:
    """Keys' state for the check on every request, read from the database each time so a
    revocation or a role change committed by any process is seen by the next request:
    on PostgreSQL through asyncpg's own pool, as `SessionStates` does
    (persistence/auth_sessions.py), elsewhere through a session."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def state(self, public_id: str) -> KeyState | None:
        pool = await self.database.driver_pool()
        if pool is not None:
            found = await pool.fetchrow(_STATE_ASYNCPG, public_id)
            return _state_of(found, json.loads) if found else None
        # A read session: no transaction around the one statement, no lock on SQLite.
        async with self.database.read_sessions() as session:
            row = (await session.execute(_STATE, {"public_id": public_id})).first()
        return _state_of(row._mapping) if row else None

    async def mark_used(self, key_id: uuid.UUID, at: datetime, address: str | None) -> None:
        # The condition makes the write once a minute across processes too: of several
        # requests racing past the caller's own check, one updates and the rest match
        # no row.
        pool = await self.database.driver_pool()
        if pool is not None:
            await pool.execute(_MARK_USED_ASYNCPG, key_id, at, address, at - LAST_USED_EVERY)
            return
        async with self.database.sessions() as session, session.begin():
            await session.execute(
                update(ApiKeyRow)
                .where(
                    ApiKeyRow.id == key_id,
                    or_(
                        ApiKeyRow.last_used_at.is_(None),
                        ApiKeyRow.last_used_at <= at - LAST_USED_EVERY,
                    ),
                )
                .values(last_used_at=at, last_used_address=address)
            )
