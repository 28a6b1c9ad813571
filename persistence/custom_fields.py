"""Custom field definitions: the table and the repository, whose read requests take
the process's copy of the definitions (persistence/process_copies.py)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    Boolean,
    Integer,
    String,
    UniqueConstraint,
    bindparam,
    delete,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from domain.contacts.custom_fields import CustomEntity, CustomFieldDefinition
from persistence.base import Base, JSONDocument, read, unique_as_conflict
from persistence.mapping import RowMapping
from persistence.process_copies import DEFINITIONS, ProcessCopy, serves, tell_changed
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


# What a definition is for, its key and its type are fixed once it exists: the values
# stored under it keep their meaning.
CUSTOM_FIELD_ROWS = RowMapping(
    CustomFieldDefinition, CustomFieldRow.__table__, set_once=frozenset({"entity", "key", "type"})
)


# Read on every request that shows records: built once.
_FOR_ENTITY = (
    select(CustomFieldRow.__table__)
    .where(CustomFieldRow.entity == bindparam("entity"))
    .order_by(CustomFieldRow.position, CustomFieldRow.key)
)


async def _load(session: AsyncSession, entity: CustomEntity) -> list[CustomFieldDefinition]:
    rows = await read(session, _FOR_ENTITY, {"entity": entity.value})
    return [CUSTOM_FIELD_ROWS.record_of(row) for row in rows]


class SqlCustomFieldRepository:
    def __init__(
        self,
        session: AsyncSession,
        shared: ProcessCopy[CustomEntity, list[CustomFieldDefinition]] | None = None,
    ) -> None:
        self.session = session
        self.shared = shared
        # Every write of a record validates against the definitions: read once per request.
        self._cache: dict[CustomEntity, list[CustomFieldDefinition]] = {}

    async def for_entity(self, entity: CustomEntity) -> list[CustomFieldDefinition]:
        if entity not in self._cache:
            if self.shared is not None and serves(self.session):
                self._cache[entity] = await self.shared.get(
                    entity, lambda: _load(self.session, entity)
                )
            else:
                self._cache[entity] = await _load(self.session, entity)
        return list(self._cache[entity])

    async def _changed(self) -> None:
        await tell_changed(self.session, DEFINITIONS, self.shared)

    async def get(self, definition_id: uuid.UUID) -> CustomFieldDefinition | None:
        row = await self.session.get(CustomFieldRow, definition_id)
        return CUSTOM_FIELD_ROWS.record_of(row) if row else None

    async def add(self, definition: CustomFieldDefinition) -> None:
        self._cache.pop(definition.entity, None)
        await self._changed()
        self.session.add(CustomFieldRow(**CUSTOM_FIELD_ROWS.new_row_values(definition)))
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
        await self._changed()
        await versioned_update(
            self.session,
            CustomFieldRow,
            definition.id,
            expected_version,
            CUSTOM_FIELD_ROWS.values(definition),
        )
        definition.version = expected_version + 1

    async def delete(self, definition: CustomFieldDefinition) -> None:
        self._cache.pop(definition.entity, None)
        await self._changed()
        await self.session.execute(delete(CustomFieldRow).where(CustomFieldRow.id == definition.id))
