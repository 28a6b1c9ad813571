"""The background worker: runs the queue's jobs, the time-triggered work every minute and,
in a loop of its own, webhook deliveries.

`crm worker` runs it on its own; `crm serve` starts one beside the server. On PostgreSQL
jobs run on procrastinate (api/cli/queue.py): several workers on several machines, each
job claimed by one. On SQLite (one file, one machine) the `jobs` table and the runner
below do: jobs one at a time under a renewed lease, and the minute's rules and pruning
in a loop. Several workers (or a worker and `crm run-scheduled` from cron) may run the
rules at once: each deal's work is claimed, and done once.

Webhook deliveries never wait behind a job: their loop polls every `WEBHOOK_POLL_SECONDS`
beside the job runner, on both databases."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Coroutine
from datetime import timedelta
from typing import Any

from api.cli.jobs import (
    HANDLERS,
    Handler,
    give_up_job,
    prune_events_once,
    run_scheduled_once,
)
from api.cli.queue import QueueOptions, Runner
from api.cli.queue import drain as drain_queue
from api.cli.webhooks import DEFAULT_TIMEOUT, deliver_webhooks_once, new_client
from domain import changes
from domain.clock import utcnow
from domain.integrations.webhooks import UrlPolicy
from domain.jobs import LEASE, MAX_ATTEMPTS, Job, JobStatus
from persistence.database import Database, is_sqlite
from persistence.jobs import SqlJobRepository

logger = logging.getLogger("crm.worker")

# Re-exported: tests and `crm run-scheduled` / `crm prune-events` find them here.
__all__ = [
    "HANDLERS",
    "Handler",
    "drain",
    "prune_events_once",
    "run_next_job",
    "run_scheduled_once",
    "work_forever",
]

SCHEDULE_SECONDS = 60.0
WEBHOOK_POLL_SECONDS = 0.5
PARENT_POLL_SECONDS = 1.0
RESTART_SECONDS = 5.0


async def run_next_job(database: Database, lease: timedelta = LEASE) -> bool:
    """Runs one job if there is one, renewing its lease while it runs; False when the
    queue is empty. A job whose lease was lost (this worker stalled past it, and another
    took the job) stops at once and is left to the other worker."""
    async with database.sessions() as session:
        job = await SqlJobRepository(session).claim_next(utcnow(), lease)
        await session.commit()
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
            await give_up_job(database, job, job.id)
        async with database.sessions() as session:
            status = JobStatus.FAILED if last else JobStatus.QUEUED
            await SqlJobRepository(session).finish(job.id, job.attempts, status, repr(error)[:2000])
            await session.commit()
        return True
    finally:
        keeper.cancel()
    async with database.sessions() as session:
        await SqlJobRepository(session).finish(job.id, job.attempts, JobStatus.DONE, None)
        await session.commit()
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
            async with database.sessions() as session:
                renewed = await SqlJobRepository(session).renew(job.id, job.attempts, utcnow())
                await session.commit()
        except Exception:  # a busy or unreachable database: there are ticks to come
            logger.warning("renewing a job's lease failed", exc_info=True, extra=_about(job))
            continue
        if not renewed:
            lost.set()
            work.cancel()
            return


async def drain(database: Database) -> int:
    """Runs jobs until none is left, on the database's queue; how many runs (tests and
    one-off runs). On PostgreSQL a failed job is retried at once, not after its backoff."""
    if not is_sqlite(database.url):
        return await drain_queue(database)
    count = 0
    while await run_next_job(database):
        count += 1
    return count


async def _run_jobs_on_sqlite(database: Database, poll_seconds: float, lease: timedelta) -> None:
    while True:
        try:
            ran = await run_next_job(database, lease)
        except Exception:  # a claim the database refused (busy): the next poll tries again
            logger.exception("taking a job failed")
            ran = False
        if not ran:
            await asyncio.sleep(poll_seconds)


async def _run_jobs_on_postgresql(database: Database, options: QueueOptions) -> None:
    """procrastinate's worker, started again whenever it stops: it stops itself when one
    of its side tasks fails (its heartbeat or its listener losing the database), and a
    worker that ran on without taking jobs would be worse than one that stopped."""
    while True:
        try:
            await Runner(database, options).work()
            logger.warning("the job runner stopped: starting it again")
        except Exception:
            logger.exception("the job runner failed: starting it again")
        await asyncio.sleep(RESTART_SECONDS)


async def _every_minute_on_sqlite(database: Database, event_retention: timedelta) -> None:
    """The minute's work (on PostgreSQL: procrastinate's periodic tasks)."""
    while True:
        try:
            await run_scheduled_once(database)
        except Exception:  # the rules' trouble must not stop the pruning
            logger.exception("scheduled rules failed")
        try:
            await prune_events_once(database, event_retention)
        except Exception:
            logger.exception("pruning events failed")
        await asyncio.sleep(SCHEDULE_SECONDS)


async def deliver_webhooks_forever(
    database: Database,
    policy: UrlPolicy,
    timeout_seconds: float,
    event_retention: timedelta,
    poll_seconds: float = WEBHOOK_POLL_SECONDS,
) -> None:
    """Webhook passes back to back, a pause only when one found nothing to do, through
    one HTTP client kept open (connections to receivers are reused)."""
    async with new_client() as client:
        while True:
            try:
                result = await deliver_webhooks_once(
                    database, policy, None, timeout_seconds, event_retention, client=client
                )
            except Exception:  # a receiver's or the database's trouble: the next pass retries
                logger.exception("webhook delivery failed")
            else:
                if result.collected or result.sent:
                    continue
            await asyncio.sleep(poll_seconds)


async def _parent_gone(parent_pid: int) -> None:
    # No event tells of a parent's end: its pid is looked at every second.
    while os.getppid() == parent_pid:  # noqa: ASYNC110
        await asyncio.sleep(PARENT_POLL_SECONDS)


async def work_forever(
    database: Database,
    poll_seconds: float = 1.0,
    parent_pid: int | None = None,
    event_retention: timedelta = changes.DEFAULT_RETENTION,
    lease: timedelta = LEASE,
    webhook_policy: UrlPolicy | None = None,
    webhook_timeout: float = DEFAULT_TIMEOUT,
    concurrency: int = 2,
) -> None:
    """Works until cancelled or, when started by a server (`parent_pid`), until that
    server is gone: a server killed without cleaning up must not leave its worker. The
    job runner, the minute's work and the webhook loop run side by side, each keeping
    itself going through errors; should one end anyway, the others are stopped and its
    error raised."""
    logger.info("worker started")
    loops: list[Coroutine[Any, Any, None]] = [
        deliver_webhooks_forever(
            database, webhook_policy or UrlPolicy(), webhook_timeout, event_retention
        )
    ]
    if is_sqlite(database.url):
        loops += [
            _run_jobs_on_sqlite(database, poll_seconds, lease),
            _every_minute_on_sqlite(database, event_retention),
        ]
    else:
        options = QueueOptions(
            lease=lease, concurrency=concurrency, event_retention=event_retention
        )
        loops.append(_run_jobs_on_postgresql(database, options))
    if parent_pid is not None:
        loops.append(_parent_gone(parent_pid))
    tasks = [asyncio.create_task(loop) for loop in loops]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            task.result()
        logger.info("worker stopped: the server that started it is gone")
    finally:
        for task in tasks:
            task.cancel()
        # The job runner lets its running jobs finish for a while (api/cli/queue.py).
        await asyncio.gather(*tasks, return_exceptions=True)
