"""Custom field definitions: the table, the repository, and `SharedDefinitions`, the
definitions a process's read requests share.

Every request that shows contacts, companies or deals needs its kind's definitions; read
from the database each time, they were one of a list's four round trips. A process keeps
them while PostgreSQL can tell it of every change: a write of definitions sends `NOTIFY`
with its transaction, which PostgreSQL delivers to every listening process when (and only
if) the transaction commits, and the writing process also forgets its copy the moment it
commits. On SQLite, or while the listening connection is down, reads go to the database."""

from __future__ import annotations

import asyncio
import uuid
import weakref
from datetime import datetime

from sqlalchemy import (
    Boolean,
    Integer,
    String,
    UniqueConstraint,
    bindparam,
    delete,
    event,
    select,
    text,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, Session, mapped_column

from domain.contacts.custom_fields import CustomEntity, CustomFieldDefinition
from persistence.base import Base, JSONDocument, read, unique_as_conflict
from persistence.database import Database, ReadSession
from persistence.mapping import RowMapping
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


CHANGED = "crm_custom_field_definitions"


async def _load(session: AsyncSession, entity: CustomEntity) -> list[CustomFieldDefinition]:
    rows = await read(session, _FOR_ENTITY, {"entity": entity.value})
    return [CUSTOM_FIELD_ROWS.record_of(row) for row in rows]


class SharedDefinitions:
    """A process's definitions for its read requests (see the module's doc)."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._by_entity: dict[CustomEntity, list[CustomFieldDefinition]] = {}
        # Moves on at every change heard of: a read that began before it keeps nothing.
        self._generation = 0
        self._listening = False
        self._starting = asyncio.Lock()

    def forget(self) -> None:
        self._by_entity.clear()
        self._generation += 1

    def _lost(self) -> None:
        self._listening = False
        self.forget()

    async def _listen(self) -> bool:
        if not self._listening:
            async with self._starting:
                if not self._listening:
                    self._listening = await self.database.listen(CHANGED, self.forget, self._lost)
        return self._listening

    async def for_entity(
        self, session: AsyncSession, entity: CustomEntity
    ) -> list[CustomFieldDefinition]:
        if not await self._listen():
            return await _load(session, entity)
        found = self._by_entity.get(entity)
        if found is None:
            generation = self._generation
            found = await _load(session, entity)
            if generation == self._generation and self._listening:
                self._by_entity[entity] = found
        return list(found)


_SHARED: weakref.WeakKeyDictionary[Database, SharedDefinitions] = weakref.WeakKeyDictionary()


def shared_definitions(database: Database) -> SharedDefinitions:
    """The one `SharedDefinitions` of this database in this process."""
    shared = _SHARED.get(database)
    if shared is None:
        shared = _SHARED[database] = SharedDefinitions(database)
    return shared


class SqlCustomFieldRepository:
    def __init__(self, session: AsyncSession, shared: SharedDefinitions | None = None) -> None:
        self.session = session
        self.shared = shared
        # Every write of a record validates against the definitions: read once per request.
        self._cache: dict[CustomEntity, list[CustomFieldDefinition]] = {}
        self._told = False

    async def for_entity(self, entity: CustomEntity) -> list[CustomFieldDefinition]:
        if entity not in self._cache:
            # Only a read request takes the shared copy: a write validates records against
            # the definitions as its own transaction reads them.
            if self.shared is not None and isinstance(self.session.sync_session, ReadSession):
                self._cache[entity] = await self.shared.for_entity(self.session, entity)
            else:
                self._cache[entity] = await _load(self.session, entity)
        return list(self._cache[entity])

    async def _changed(self) -> None:
        """Tells every process, once this transaction commits, to forget its copy."""
        if self._told:
            return
        self._told = True
        if self.session.get_bind().dialect.name == "postgresql":
            await self.session.execute(text(f"NOTIFY {CHANGED}"))
        shared = self.shared
        if shared is not None:

            def forget(_session: Session) -> None:
                shared.forget()

            event.listen(self.session.sync_session, "after_commit", forget, once=True)

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
