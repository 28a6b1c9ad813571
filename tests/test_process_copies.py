"""What a process keeps of the set-up for its read requests (persistence/process_copies.py):
custom-field definitions and pipelines, kept while PostgreSQL can tell of every change,
forgotten when any process commits one; read through on SQLite."""

from __future__ import annotations

import asyncio
import uuid

from sqlalchemy import delete, insert, update

from domain.clock import utcnow
from domain.contacts.custom_fields import CustomEntity, CustomFieldDefinition, FieldType
from domain.funnel.pipelines import DEFAULT_PIPELINE
from persistence.custom_fields import CustomFieldRow
from persistence.database import Database, is_sqlite
from persistence.funnel_rows import PipelineRow, StageRow
from persistence.process_copies import process_copies
from persistence.uow import SqlUnitOfWork


async def contact_keys(database: Database) -> set[str]:
    """The contact field keys a read request of this process gets."""
    async with SqlUnitOfWork(database.read_sessions(), process_copies(database)) as uow:
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

        async with SqlUnitOfWork(second.sessions(), process_copies(second)) as uow:
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
        async with SqlUnitOfWork(database.sessions(), process_copies(database)) as uow:
            await uow.custom_fields.add(
                CustomFieldDefinition(CustomEntity.CONTACT, key, "Undone", FieldType.TEXT)
            )
            await uow.rollback()
        await asyncio.sleep(0.1)
        assert key not in await contact_keys(database)
    finally:
        await database.dispose()


async def pipeline_names(database: Database) -> dict[str, list[str]]:
    """Each pipeline's stage names, as a read request of this process gets them."""
    async with SqlUnitOfWork(database.read_sessions(), process_copies(database)) as uow:
        return {p.name: [s.name for s in p.stages] for p in await uow.pipelines.all()}


async def test_a_stage_renamed_by_another_process_is_read_once_it_commits(
    database_url: str,
) -> None:
    """A process reads the pipelines and keeps them (a rename behind its back, without a
    NOTIFY, goes unseen on PostgreSQL); a rename through the repository in another process
    is read once it commits, and at once by the process that made it."""
    first, second = Database(database_url), Database(database_url)
    before = await pipeline_names(first)
    try:
        async with first.sessions() as session, session.begin():
            await session.execute(
                update(StageRow)
                .where(StageRow.id == DEFAULT_PIPELINE.stages[0].id)
                .values(name="Quietly renamed")
            )
        kept = await pipeline_names(first)
        assert (kept == before) is not is_sqlite(database_url)

        await pipeline_names(second)
        async with SqlUnitOfWork(second.sessions(), process_copies(second)) as uow:
            pipeline = await uow.pipelines.get(DEFAULT_PIPELINE.id)
            assert pipeline is not None
            pipeline.stages[1].name = "Renamed aloud"
            await uow.pipelines.save(pipeline, pipeline.version)
            await uow.commit()
        assert (await pipeline_names(second))[pipeline.name][:2] == [
            "Quietly renamed",
            "Renamed aloud",
        ]
        found: dict[str, list[str]] = {}
        for _ in range(250):
            found = await pipeline_names(first)
            if "Renamed aloud" in found[pipeline.name]:
                break
            await asyncio.sleep(0.02)
        assert found[pipeline.name][:2] == ["Quietly renamed", "Renamed aloud"]
    finally:
        async with first.sessions() as session, session.begin():
            for stage in DEFAULT_PIPELINE.stages[:2]:
                await session.execute(
                    update(StageRow).where(StageRow.id == stage.id).values(name=stage.name)
                )
            await session.execute(
                update(PipelineRow)
                .where(PipelineRow.id == DEFAULT_PIPELINE.id)
                .values(version=PipelineRow.version + 1)
            )
        await first.dispose()
        await second.dispose()
