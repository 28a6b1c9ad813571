"""Roles table and its repository. Migrations seed the templates from their own copies."""

from __future__ import annotations

import uuid
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, String, Text, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from domain.access.levels import parse_access
from domain.access.roles import Permission, Role
from domain.clock import utcnow
from persistence.base import Base, JSONDocument, unique_as_conflict
from persistence.versioned import versioned_update


class RoleRow(Base):
    __tablename__ = "roles"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    rank: Mapped[int] = mapped_column(Integer)
    access: Mapped[dict[str, dict[str, str]]] = mapped_column(JSONDocument)
    permissions: Mapped[list[str]] = mapped_column(JSONDocument)
    description: Mapped[str] = mapped_column(Text, default="")
    template_key: Mapped[str | None] = mapped_column(String(50), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)


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
        from persistence.users import UserRow  # users.py imports this module

        return list(
            await self.session.scalars(select(UserRow.id).where(UserRow.role_id == role_id))
        )
