"""`crm worker` on PostgreSQL: jobs run by procrastinate (issue 17).

The API queues a job in its own transaction (persistence/jobs.py calls procrastinate's
defer function through our session); any number of workers on any number of machines
claim jobs with SKIP LOCKED (procrastinate's fetch function) and tell the database they
live with a heartbeat every quarter of `lease`. Here:

- a task per kind of job (api/cli/jobs.py), retried with backoff up to `MAX_ATTEMPTS`
  runs; the last failed run marks its import failed with the reason;
- periodic tasks every minute, deferred once per minute across all workers (procrastinate
  dedupes them in the database): scheduled automation rules, and pruning of events and
  old finished jobs;
- stalled-job recovery: a job whose worker's heartbeat is older than `lease` (the worker
  was killed, or lost its machine) is queued again, or given up on its last attempt;
- a job runs only while it is its worker's: every change a worker makes to a job checks
  that (persistence/task_queue.py), and a running job that was handed to another worker
  meanwhile (this one was presumed dead) is stopped. The import itself writes each row
  once even when two runs overlap (domain/contacts/contact_import.py), so the short
  overlap before the stop costs nothing."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Coroutine
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, cast

import procrastinate
from procrastinate import JobContext, RetryStrategy
from procrastinate.jobs import Status

from api.cli.jobs import HANDLERS, Handler, give_up_job, prune_events_once, run_scheduled_once
from domain import changes
from domain.jobs import LEASE, MAX_ATTEMPTS, Job
from persistence.database import Database
from persistence.jobs import QUEUE
from persistence.task_queue import OwnedJobManager, connector

logger = logging.getLogger("crm.worker")

# The minute's tasks have a queue of their own: their finished jobs are pruned sooner.
PERIODIC_QUEUE = "crm-periodic"
# A failed run waits BACKOFF ** n seconds before the next (4 s, then 16 s).
BACKOFF = 4
# How long a stopping worker lets its running jobs finish before it stops them (they are
# then retried: an import resumes after its last saved chunk). Under the 10 s `crm serve`
# gives its worker to stop.
SHUTDOWN_SECONDS = 5.0


class JobTakenOver(Exception):
    """The job was handed to another worker while this one ran it."""


@dataclass
class QueueOptions:
    lease: timedelta = LEASE
    concurrency: int = 2
    backoff: bool = True
    periodic: bool = True
    event_retention: timedelta = changes.DEFAULT_RETENTION


@dataclass
class Runner:
    """A procrastinate app with our tasks, and the jobs it has run (for `drain`)."""

    database: Database
    options: QueueOptions
    app: procrastinate.App = field(init=False)
    ran: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Connections: the listener's, the heartbeat's, and claims, checks and
        # finishing for each job running at once.
        pool = connector(self.database.url, max_size=self.options.concurrency + 3)
        self.app = procrastinate.App(connector=pool)
        # Before the tasks are registered: they keep the app's manager to defer with.
        self.app.job_manager = OwnedJobManager(self.app.connector)
        retry = RetryStrategy(
            max_attempts=MAX_ATTEMPTS - 1, exponential_wait=BACKOFF if self.options.backoff else 0
        )
        for kind, handler in HANDLERS.items():
            self.app.task(name=kind, queue=QUEUE, pass_context=True, retry=retry)(
                self._task(kind, handler)
            )
        if self.options.periodic:
            self._periodic()

    @property
    def manager(self) -> OwnedJobManager:
        return cast(OwnedJobManager, self.app.job_manager)

    def _task(self, kind: str, handler: Handler) -> Any:
        async def run(context: JobContext, **payload: Any) -> None:
            claimed = context.job
            self.ran.append(claimed.id or 0)
            # procrastinate counts finished runs; ours counts this one too.
            job = Job(kind=kind, payload=payload, attempts=claimed.attempts + 1)
            try:
                await self._while_owned(claimed, handler(self.database, job))
            except JobTakenOver:
                raise
            except BaseException:
                # The last run (or a stop during it): the import says why it ended.
                if job.attempts >= MAX_ATTEMPTS:
                    await give_up_job(self.database, job, claimed.id or 0)
                raise

        run.__name__ = kind
        return run

    async def _while_owned(
        self, claimed: procrastinate.jobs.Job, work: Coroutine[Any, Any, None]
    ) -> None:
        """Runs the work, stopping it when the job is no longer this worker's."""
        task = asyncio.create_task(work)
        every = self.options.lease.total_seconds() / 4
        try:
            while True:
                done, _ = await asyncio.wait({task}, timeout=every)
                if done:
                    return task.result()
                try:
                    owned = await self.manager.still_owned(claimed)
                except Exception:  # a busy or unreachable database: there are ticks to come
                    logger.warning("checking a job's owner failed", exc_info=True)
                    continue
                if not owned:
                    logger.warning("job taken over: stopped", extra={"job_id": claimed.id})
                    raise JobTakenOver(claimed.id)
        finally:
            if not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    def _periodic(self) -> None:
        database, options, app = self.database, self.options, self.app
        keep_hours = max(1, int(options.event_retention.total_seconds() // 3600))

        @app.periodic(cron="* * * * *")
        @app.task(name="scheduled_rules", queue=PERIODIC_QUEUE)
        async def scheduled_rules(timestamp: int) -> None:
            await run_scheduled_once(database)

        @app.periodic(cron="* * * * *")
        @app.task(name="prune", queue=PERIODIC_QUEUE)
        async def prune(timestamp: int) -> None:
            await prune_events_once(database, options.event_retention)
            # Finished jobs: the minute's after an hour, the others as long as events.
            await app.job_manager.delete_old_jobs(
                nb_hours=1, queue=PERIODIC_QUEUE, include_failed=True, include_aborted=True
            )
            await app.job_manager.delete_old_jobs(
                nb_hours=keep_hours, queue=QUEUE, include_failed=True, include_aborted=True
            )

    async def recover_stalled(self) -> int:
        """Queues again the jobs of workers whose heartbeat is older than the lease (or
        gives them up after their last attempt), then forgets those workers; how many
        jobs. Several workers may do this at once: each job is changed once, by the
        first, as long as it is still the stalled worker's."""
        seconds = self.options.lease.total_seconds()
        recovered = 0
        for claimed in await self.manager.get_stalled_jobs(seconds_since_heartbeat=seconds):
            about = {"job_id": claimed.id, "task": claimed.task_name}
            job = Job(kind=claimed.task_name, payload=claimed.task_kwargs)
            job.attempts = claimed.attempts + 1
            if job.attempts >= MAX_ATTEMPTS:
                if await self.manager.finish_owned(claimed, claimed.worker_id, Status.FAILED):
                    await give_up_job(self.database, job, claimed.id or 0)
                    logger.warning("job of a stalled worker given up", extra=about)
                    recovered += 1
            elif await self.manager.retry_owned(claimed, claimed.worker_id):
                logger.warning("job of a stalled worker queued again", extra=about)
                recovered += 1
        await self.manager.prune_stalled_workers(seconds)
        return recovered

    async def recover_forever(self) -> None:
        every = self.options.lease.total_seconds() / 4
        while True:
            try:
                await self.recover_stalled()
            except Exception:  # the database's trouble: there are ticks to come
                logger.exception("recovering stalled jobs failed")
            await asyncio.sleep(every)

    async def work(self, wait: bool = True) -> None:
        """Runs jobs until cancelled (then lets running jobs finish for a while) or,
        with `wait` False, until none is left."""
        lease = self.options.lease.total_seconds()
        async with self.app.open_async():
            recovery = asyncio.create_task(self.recover_forever()) if wait else None
            try:
                await self.app.run_worker_async(
                    wait=wait,
                    concurrency=self.options.concurrency,
                    listen_notify=wait,
                    install_signal_handlers=False,
                    update_heartbeat_interval=lease / 4,
                    stalled_worker_timeout=lease,
                    # Notifications bring new jobs at once; a retry falls due unnotified.
                    fetch_job_polling_interval=min(5.0, lease / 4),
                    shutdown_graceful_timeout=SHUTDOWN_SECONDS,
                )
            finally:
                if recovery is not None:
                    recovery.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await recovery


async def drain(database: Database, lease: timedelta = LEASE) -> int:
    """Runs the queued jobs until none is left, failed ones retried at once; how many
    runs there were (tests and one-off runs). No periodic tasks."""
    runner = Runner(
        database, QueueOptions(lease=lease, concurrency=1, backoff=False, periodic=False)
    )
    await runner.work(wait=False)
    return len(runner.ran)
