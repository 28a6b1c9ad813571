"""The background worker: takes jobs from the queue and runs them, one at a time, and
runs the time-triggered automation rules every minute.

`crm worker` runs it on its own; `crm serve` starts one beside the server. Several
workers (or a worker and `crm run-scheduled` from cron) may run the rules at once: each
deal's work is claimed, and done once."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from api.cli.webhooks import DEFAULT_TIMEOUT, deliver_webhooks_once
from api.imports import parse_rows
from domain import changes
from domain.clock import utcnow
from domain.contacts.contact_import import JOB_KIND as CONTACT_IMPORT
from domain.contacts.contact_import import ImportStatus, give_up, run_import
from domain.contacts.custom_fields import CustomEntity
from domain.funnel.automation.scheduler import ScheduledResult, run_scheduled
from domain.integrations.webhooks import UrlPolicy
from domain.jobs import LEASE, MAX_ATTEMPTS, Job, JobStatus
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


async def _give_up(database: Database, job: Job) -> None:
    """A job that failed its last attempt: its import (if any) says so, and where."""
    if job.kind != CONTACT_IMPORT:
        return
    async with SqlUnitOfWork(database.sessions()) as uow:
        record = await uow.imports.get(UUID(job.payload["import_id"]))
        if record is not None and record.status not in (ImportStatus.DONE, ImportStatus.FAILED):
            give_up(record, job.attempts, job.id)
            await uow.imports.save_progress(record)
            await uow.commit()


async def run_next_job(database: Database, lease: timedelta = LEASE) -> bool:
    """Runs one job if there is one, renewing its lease while it runs; False when the
    queue is empty. A job whose lease was lost (this worker stalled past it, and another
    took the job) stops at once and is left to the other worker."""
    async with SqlUnitOfWork(database.sessions()) as uow:
        job = await uow.jobs.claim_next(utcnow(), lease)
        await uow.commit()
    if job is None:
        return False
    work = asyncio.create_task(HANDLERS[job.kind](database, job))
    lost = asyncio.Event()
    keeper = asyncio.create_task(_keep_lease(database, job, lease / 4, work, lost))
    try:
        await work
    except asyncio.CancelledError:
        if not lost.is_set():
            raise  # the worker itself is stopping
        logger.warning("job lease lost", extra=_about(job))
        return True
    except Exception as error:  # a failed job must not stop the worker
        logger.exception("job failed", extra={"job_id": str(job.id), "kind": job.kind})
        last = job.attempts >= MAX_ATTEMPTS
        if last:
            await _give_up(database, job)
        async with SqlUnitOfWork(database.sessions()) as uow:
            status = JobStatus.FAILED if last else JobStatus.QUEUED
            await uow.jobs.finish(job.id, job.attempts, status, repr(error)[:2000])
            await uow.commit()
        return True
    finally:
        keeper.cancel()
    async with SqlUnitOfWork(database.sessions()) as uow:
        await uow.jobs.finish(job.id, job.attempts, JobStatus.DONE, None)
        await uow.commit()
    return True


def _about(job: Job) -> dict[str, str]:
    return {"job_id": str(job.id), "kind": job.kind}


async def _keep_lease(
    database: Database,
    job: Job,
    every: timedelta,
    work: asyncio.Task[None],
    lost: asyncio.Event,
) -> None:
    """Renews the job's lease while it runs; stops the work when the job is no longer
    this attempt's."""
    while True:
        await asyncio.sleep(every.total_seconds())
        try:
            async with SqlUnitOfWork(database.sessions()) as uow:
                renewed = await uow.jobs.renew(job.id, job.attempts, utcnow())
                await uow.commit()
        except Exception:  # a busy or unreachable database: there are ticks to come
            logger.warning("renewing a job's lease failed", exc_info=True, extra=_about(job))
            continue
        if not renewed:
            lost.set()
            work.cancel()
            return


async def drain(database: Database) -> int:
    """Runs jobs until none is left; returns how many ran (tests and one-off runs)."""
    count = 0
    while await run_next_job(database):
        count += 1
    return count


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


SCHEDULE_SECONDS = 60.0


async def work_forever(
    database: Database,
    poll_seconds: float = 1.0,
    parent_pid: int | None = None,
    event_retention: timedelta = changes.DEFAULT_RETENTION,
    lease: timedelta = LEASE,
    webhook_policy: UrlPolicy | None = None,
    webhook_timeout: float = DEFAULT_TIMEOUT,
) -> None:
    """Works until cancelled or, when started by a server (`parent_pid`), until that
    server is gone: a server killed without cleaning up must not leave its worker."""
    logger.info("worker started")
    next_schedule = time.monotonic()
    while parent_pid is None or os.getppid() == parent_pid:
        if time.monotonic() >= next_schedule:
            next_schedule = time.monotonic() + SCHEDULE_SECONDS
            try:
                await run_scheduled_once(database)
            except Exception:  # the rules' trouble must not stop the imports
                logger.exception("scheduled rules failed")
            try:
                await prune_events_once(database, event_retention)
            except Exception:
                logger.exception("pruning events failed")
        try:
            await deliver_webhooks_once(
                database, webhook_policy or UrlPolicy(), None, webhook_timeout, event_retention
            )
        except Exception:  # a receiver's or the database's trouble must not stop the jobs
            logger.exception("webhook delivery failed")
        if not await run_next_job(database, lease):
            await asyncio.sleep(poll_seconds)
    logger.info("worker stopped: the server that started it is gone")
