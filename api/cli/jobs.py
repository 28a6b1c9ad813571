"""What background jobs do, whichever queue runs them (api/cli/queue.py on PostgreSQL,
api/cli/worker.py's runner on SQLite): a handler per kind of job, the import's give-up
when a job failed its last attempt, and the minute's work (scheduled automation rules,
event pruning)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from api.imports import parse_rows
from domain import changes
from domain.contacts.contact_import import JOB_KIND as CONTACT_IMPORT
from domain.contacts.contact_import import ImportStatus, give_up, run_import
from domain.contacts.custom_fields import CustomEntity
from domain.funnel.automation.scheduler import ScheduledResult, run_scheduled
from domain.jobs import Job
from persistence.database import Database
from persistence.uow import SqlUnitOfWork

logger = logging.getLogger("crm.worker")


async def _contact_import(database: Database, job: Job) -> None:
    import_id = UUID(job.payload["import_id"])
    async with SqlUnitOfWork(database.sessions()) as uow:
        record = await uow.imports.get(import_id)
        if record is None:
            return
        content = await uow.imports.content(import_id)
        definitions = await uow.custom_fields.for_entity(CustomEntity.CONTACT)
    rows = await asyncio.to_thread(parse_rows, content, record.mapping, definitions)
    result = await run_import(lambda: SqlUnitOfWork(database.sessions()), import_id, rows)
    # Not `created`: a log record's own attribute (its time), which `extra` may not set.
    logger.info(
        "import finished",
        extra={
            "import_id": str(import_id),
            "status": result.status.value,
            "rows_created": result.created,
            "rows_updated": result.updated,
            "rows_skipped": result.skipped,
            "rows_failed": result.failed,
        },
    )


Handler = Callable[[Database, Job], Coroutine[Any, Any, None]]
HANDLERS: dict[str, Handler] = {CONTACT_IMPORT: _contact_import}


async def give_up_job(database: Database, job: Job, reference: UUID | int) -> None:
    """A job that failed its last attempt: its import (if any) says so, and where;
    `reference` names the job in the server's log."""
    if job.kind != CONTACT_IMPORT:
        return
    async with SqlUnitOfWork(database.sessions()) as uow:
        record = await uow.imports.get(UUID(job.payload["import_id"]))
        if record is not None and record.status not in (ImportStatus.DONE, ImportStatus.FAILED):
            give_up(record, job.attempts, reference)
            await uow.imports.save_progress(record)
            await uow.commit()


async def run_scheduled_once(database: Database, now: datetime | None = None) -> ScheduledResult:
    """The scheduled automation rules, once (`crm run-scheduled`, the worker's minute)."""
    result = await run_scheduled(lambda: SqlUnitOfWork(database.sessions()), now)
    if result.done or result.failed or result.skipped:
        logger.info(
            "scheduled rules ran",
            extra={"done": result.done, "failed": result.failed, "skipped": result.skipped},
        )
    return result


async def prune_events_once(database: Database, retention: timedelta) -> int:
    """Forgets the change feed's events older than it keeps (`crm prune-events`, the
    worker's minute); how many."""
    async with SqlUnitOfWork(database.sessions()) as uow:
        pruned = await changes.prune(uow, retention)
        await uow.commit()
    if pruned:
        logger.info("events pruned", extra={"events": pruned})
    return pruned
