"""The roles repository (the table: user_rows.py). Migrations seed the templates from
their own copies."""

from __future__ import annotations

import uuid
from contextlib import AbstractContextManager

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.access.levels import AccessMatrix, parse_access
from domain.access.roles import Permission, Role
from domain.clock import utcnow
from persistence.base import unique_as_conflict
from persistence.mapping import Converter, RowMapping
from persistence.user_rows import RoleRow, UserRow
from persistence.versioned import versioned_update

_KNOWN_PERMISSIONS = {p.value for p in Permission}


def _grants(stored: list[str]) -> frozenset[Permission]:
    # A permission dropped from the code base simply stops counting.
    return frozenset(Permission(p) for p in stored if p in _KNOWN_PERMISSIONS)


ROLE_ROWS = RowMapping(
    Role,
    RoleRow.__table__,
    # A template's key names the template it was seeded from, for good.
    set_once=frozenset({"template_key"}),
    converters={
        "access": Converter(read=parse_access, write=AccessMatrix.as_dict),
        "grants": Converter(
            read=_grants, write=lambda grants: sorted(p.value for p in grants), column="permissions"
        ),
    },
)


def role_to_domain(row: RoleRow) -> Role:
    return ROLE_ROWS.record_of(row)


def _name_taken() -> AbstractContextManager[None]:
    return unique_as_conflict("uq_roles_name", "roles.name", "name", "A role of this name exists.")


class SqlRoleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, role_id: uuid.UUID) -> Role | None:
        row = await self.session.get(RoleRow, role_id)
        return role_to_domain(row) if row else None

    async def get_by_name(self, name: str) -> Role | None:
        row = await self.session.scalar(
            select(RoleRow).where(func.lower(RoleRow.name) == name.lower())
        )
        return role_to_domain(row) if row else None

    async def all(self) -> list[Role]:
        rows = await self.session.scalars(
            select(RoleRow).order_by(RoleRow.rank.desc(), RoleRow.name)
        )
        return [role_to_domain(row) for row in rows]

    async def add(self, role: Role) -> None:
        self.session.add(RoleRow(**ROLE_ROWS.new_row_values(role)))
        with _name_taken():
            await self.session.flush()

    async def update(self, role: Role, expected_version: int) -> None:
        with _name_taken():
            await versioned_update(
                self.session,
                RoleRow,
                role.id,
                expected_version,
                # The role holds no times of its own; the row keeps when it last changed.
                {**ROLE_ROWS.values(role), "updated_at": utcnow()},
            )
        role.version = expected_version + 1

    async def delete(self, role: Role) -> None:
        await self.session.execute(delete(RoleRow).where(RoleRow.id == role.id))

    async def holders(self, role_id: uuid.UUID) -> list[uuid.UUID]:
        return list(
            await self.session.scalars(select(UserRow.id).where(UserRow.role_id == role_id))
        )
