"""Custom field definitions table and repository."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Integer, String, UniqueConstraint, bindparam, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from domain.contacts.custom_fields import CustomEntity, CustomFieldDefinition, FieldType
from persistence.base import Base, JSONDocument, read, unique_as_conflict
from persistence.versioned import versioned_update


class CustomFieldRow(Base):
    __tablename__ = "custom_field_definitions"
    __table_args__ = (UniqueConstraint("entity", "key"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    entity: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(50))
    label: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(20))
    required: Mapped[bool] = mapped_column(Boolean)
    choices: Mapped[list[str]] = mapped_column(JSONDocument)
    position: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)


def _to_domain(row: Any) -> CustomFieldDefinition:
    """A definition from a row of its table (an ORM row or a plain one)."""
    return CustomFieldDefinition(
        id=row.id,
        entity=CustomEntity(row.entity),
        key=row.key,
        label=row.label,
        type=FieldType(row.type),
        required=row.required,
        choices=list(row.choices),
        position=row.position,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.version,
    )


# Read on every request that shows records: built once.
_FOR_ENTITY = (
    select(CustomFieldRow.__table__)
    .where(CustomFieldRow.entity == bindparam("entity"))
    .order_by(CustomFieldRow.position, CustomFieldRow.key)
)


class SqlCustomFieldRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        # Every write of a record validates against the definitions: read once per request.
        self._cache: dict[CustomEntity, list[CustomFieldDefinition]] = {}

    async def for_entity(self, entity: CustomEntity) -> list[CustomFieldDefinition]:
        if entity not in self._cache:
            rows = await read(self.session, _FOR_ENTITY, {"entity": entity.value})
            self._cache[entity] = [_to_domain(row) for row in rows]
        return list(self._cache[entity])

    async def get(self, definition_id: uuid.UUID) -> CustomFieldDefinition | None:
        row = await self.session.get(CustomFieldRow, definition_id)
        return _to_domain(row) if row else None

    async def add(self, definition: CustomFieldDefinition) -> None:
        self._cache.pop(definition.entity, None)
        self.session.add(
            CustomFieldRow(
                id=definition.id,
                entity=definition.entity.value,
                key=definition.key,
                label=definition.label,
                type=definition.type.value,
                required=definition.required,
                choices=definition.choices,
                position=definition.position,
                created_at=definition.created_at,
                updated_at=definition.updated_at,
                version=definition.version,
            )
        )
        # Two requests can both pass the use case's "is the key free?" check.
        with unique_as_conflict(
            "uq_custom_field_definitions_entity_key",
            "custom_field_definitions.entity, custom_field_definitions.key",
            "key",
            f"The {definition.entity.value} field {definition.key!r} exists already.",
        ):
            await self.session.flush()

    async def update(self, definition: CustomFieldDefinition, expected_version: int) -> None:
        self._cache.pop(definition.entity, None)
        await versioned_update(
            self.session,
            CustomFieldRow,
            definition.id,
            expected_version,
            {
                "label": definition.label,
                "required": definition.required,
                "choices": definition.choices,
                "position": definition.position,
                "updated_at": definition.updated_at,
            },
        )
        definition.version = expected_version + 1

    async def delete(self, definition: CustomFieldDefinition) -> None:
        self._cache.pop(definition.entity, None)
        await self.session.execute(delete(CustomFieldRow).where(CustomFieldRow.id == definition.id))
