"""The custom-field definitions a process's read requests share (persistence/custom_fields.py,
`SharedDefinitions`): kept while PostgreSQL can tell of every change, forgotten when any
process commits one; read through on SQLite."""

from __future__ import annotations

import asyncio
import uuid

from sqlalchemy import delete, insert

from domain.clock import utcnow
from domain.contacts.custom_fields import CustomEntity, CustomFieldDefinition, FieldType
from persistence.custom_fields import CustomFieldRow, shared_definitions
from persistence.database import Database, is_sqlite
from persistence.uow import SqlUnitOfWork


async def contact_keys(database: Database) -> set[str]:
    """The contact field keys a read request of this process gets."""
    async with SqlUnitOfWork(database.read_sessions(), shared_definitions(database)) as uow:
        return {d.key for d in await uow.custom_fields.for_entity(CustomEntity.CONTACT)}


async def test_a_process_keeps_the_definitions_until_any_process_changes_them(
    database_url: str,
) -> None:
    """Two processes (two `Database`s): a definition written behind both their backs (no
    NOTIFY) is not seen by a process that keeps its copy, on PostgreSQL; once the other
    process adds one through the repository and commits, the first hears of it and reads
    both; the writing process sees its own at once. On SQLite reads go through."""
    first, second = Database(database_url), Database(database_url)
    quiet, told = f"quiet_{uuid.uuid4().hex[:8]}", f"told_{uuid.uuid4().hex[:8]}"
    try:
        assert quiet not in await contact_keys(first)
        assert told not in await contact_keys(second)
        now = utcnow()
        async with first.sessions() as session, session.begin():
            await session.execute(
                insert(CustomFieldRow).values(
                    id=uuid.uuid4(),
                    entity="contact",
                    key=quiet,
                    label="Quiet",
                    type="text",
                    required=False,
                    choices=[],
                    position=99,
                    created_at=now,
                    updated_at=now,
                    version=1,
                )
            )
        kept = quiet not in await contact_keys(first)
        assert kept is not is_sqlite(database_url)

        async with SqlUnitOfWork(second.sessions(), shared_definitions(second)) as uow:
            definition = CustomFieldDefinition(CustomEntity.CONTACT, told, "Told", FieldType.TEXT)
            await uow.custom_fields.add(definition)
            await uow.commit()
        assert {quiet, told} <= await contact_keys(second)  # its own change, at once

        found: set[str] = set()
        for _ in range(250):
            found = await contact_keys(first)
            if told in found:
                break
            await asyncio.sleep(0.02)
        assert {quiet, told} <= found
    finally:
        async with first.sessions() as session, session.begin():
            await session.execute(
                delete(CustomFieldRow).where(CustomFieldRow.key.in_([quiet, told]))
            )
        await first.dispose()
        await second.dispose()


async def test_a_write_that_rolls_back_leaves_the_copies_as_they_are(database_url: str) -> None:
    """A definition added in a transaction that rolls back is never read, by any process."""
    database = Database(database_url)
    key = f"undone_{uuid.uuid4().hex[:8]}"
    try:
        await contact_keys(database)
        async with SqlUnitOfWork(database.sessions(), shared_definitions(database)) as uow:
            await uow.custom_fields.add(
                CustomFieldDefinition(CustomEntity.CONTACT, key, "Undone", FieldType.TEXT)
            )
            await uow.rollback()
        await asyncio.sleep(0.1)
        assert key not in await contact_keys(database)
    finally:
        await database.dispose()
