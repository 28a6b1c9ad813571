"""Roles table, its repository, and the seeding of the role templates."""

from __future__ import annotations

import uuid
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Integer, String, Table, Text, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from domain.clock import utcnow
from domain.roles import ROLE_TEMPLATES, Permission, RecordScope, Role
from persistence.base import Base, JSONDocument, unique_as_conflict
from persistence.versioned import versioned_update


class RoleRow(Base):
    __tablename__ = "roles"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    rank: Mapped[int] = mapped_column(Integer)
    scope: Mapped[str] = mapped_column(String(8))
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
        scope=RecordScope(row.scope),
        # A permission dropped from the code base simply stops counting.
        permissions=frozenset(Permission(p) for p in row.permissions if p in _KNOWN_PERMISSIONS),
        description=row.description,
        template_key=row.template_key,
        version=row.version,
    )


def _values(role: Role) -> dict[str, Any]:
    return {
        "name": role.name,
        "rank": role.rank,
        "scope": role.scope.value,
        "permissions": sorted(p.value for p in role.permissions),
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


def sync_role_templates(connection: Connection) -> None:
    """Makes the template rows match `domain.roles.ROLE_TEMPLATES` (run by migrations)."""
    table = cast(Table, RoleRow.__table__)
    now = utcnow()
    for template in ROLE_TEMPLATES:
        values = {
            "name": template.name,
            "rank": template.rank,
            "scope": template.scope.value,
            "permissions": sorted(p.value for p in template.permissions),
            "description": template.description,
            "updated_at": now,
        }
        exists = connection.execute(select(table.c.id).where(table.c.id == template.id)).first()
        if exists:
            connection.execute(table.update().where(table.c.id == template.id).values(**values))
        else:
            connection.execute(
                table.insert().values(
                    id=template.id, template_key=template.key, created_at=now, version=1, **values
                )
            )
