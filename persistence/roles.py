"""The roles repository (the table: user_rows.py). Migrations seed the templates from
their own copies."""

from __future__ import annotations

import uuid
from contextlib import AbstractContextManager
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.access.levels import parse_access
from domain.access.roles import Permission, Role
from domain.clock import utcnow
from persistence.base import unique_as_conflict
from persistence.user_rows import RoleRow, UserRow
from persistence.versioned import versioned_update

_KNOWN_PERMISSIONS = {p.value for p in Permission}


def role_to_domain(row: RoleRow) -> Role:
    return Role(
        id=row.id,
        name=row.name,
        rank=row.rank,
        access=parse_access(row.access),
        # A permission dropped from the code base simply stops counting.
        grants=frozenset(Permission(p) for p in row.permissions if p in _KNOWN_PERMISSIONS),
        description=row.description,
        template_key=row.template_key,
        version=row.version,
    )


def _values(role: Role) -> dict[str, Any]:
    return {
        "name": role.name,
        "rank": role.rank,
        "access": role.access.as_dict(),
        "permissions": sorted(p.value for p in role.grants),
        "description": role.description,
    }


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
        self.session.add(
            RoleRow(
                id=role.id, template_key=role.template_key, version=role.version, **_values(role)
            )
        )
        with _name_taken():
            await self.session.flush()

    async def update(self, role: Role, expected_version: int) -> None:
        with _name_taken():
            await versioned_update(
                self.session,
                RoleRow,
                role.id,
                expected_version,
                {**_values(role), "updated_at": utcnow()},
            )
        role.version = expected_version + 1

    async def delete(self, role: Role) -> None:
        await self.session.execute(delete(RoleRow).where(RoleRow.id == role.id))

    async def holders(self, role_id: uuid.UUID) -> list[uuid.UUID]:
        return list(
            await self.session.scalars(select(UserRow.id).where(UserRow.role_id == role_id))
        )
