"""procrastinate's side of the PostgreSQL job queue: its connection pool, and the job
manager the workers use, made to change a job only while it is the caller's.

procrastinate finishes or retries a job by id whatever worker holds it now. A worker
presumed dead that was not (its heartbeat held up past the timeout) would then mark a
job done, or queue it again, while another worker runs it, or finish it between its
retry and the next claim, so that it never ran again. Every change a worker makes here
names the worker that claimed the job and happens only while the job is still that
worker's, in one statement that holds the job's row."""

from __future__ import annotations

import datetime
import logging

from procrastinate import PsycopgConnector
from procrastinate.jobs import Job, Status
from procrastinate.manager import JobManager
from sqlalchemy.engine import make_url

logger = logging.getLogger("crm.worker")

# Each takes the job's row (locked in a MATERIALIZED step, before the function runs)
# only while it is still the worker's.
_FINISH_OWNED = """
    WITH owned AS MATERIALIZED (
        SELECT id FROM procrastinate_jobs
        WHERE id = %(job_id)s AND status = 'doing'
          AND worker_id IS NOT DISTINCT FROM %(worker_id)s::bigint
        FOR UPDATE
    )
    SELECT procrastinate_finish_job_v1(id, %(status)s::procrastinate_job_status, %(delete_job)s)
    FROM owned
"""
_RETRY_OWNED = """
    WITH owned AS MATERIALIZED (
        SELECT id FROM procrastinate_jobs
        WHERE id = %(job_id)s AND status = 'doing'
          AND worker_id IS NOT DISTINCT FROM %(worker_id)s::bigint
        FOR UPDATE
    )
    SELECT procrastinate_retry_job_v2(id, %(retry_at)s, %(priority)s, %(queue)s, %(lock)s)
    FROM owned
"""
_STILL_OWNED = (
    "SELECT 1 AS owned FROM procrastinate_jobs WHERE id = %(job_id)s AND status = 'doing'"
    " AND worker_id = %(worker_id)s"
)


def connector(database_url: str, max_size: int = 4) -> PsycopgConnector:
    """procrastinate's pool on the database of `database_url` (SQLAlchemy's form, with
    the asyncpg driver): psycopg takes the plain libpq URL."""
    url = make_url(database_url).set(drivername="postgresql")
    return PsycopgConnector(
        conninfo=url.render_as_string(hide_password=False), min_size=1, max_size=max_size
    )


class OwnedJobManager(JobManager):
    """procrastinate's job manager, finishing and retrying a job only for the worker
    that holds it (see the module's doc); otherwise it logs and leaves the job alone."""

    async def finish_job(self, job: Job, status: Status, delete_job: bool) -> None:
        if not await self.finish_owned(job, job.worker_id, status, delete_job):
            logger.warning("a job taken over meanwhile was not finished", extra=_about(job))

    async def retry_job(
        self,
        job: Job,
        retry_at: datetime.datetime | None = None,
        priority: int | None = None,
        queue: str | None = None,
        lock: str | None = None,
    ) -> None:
        if not await self.retry_owned(job, job.worker_id, retry_at, priority, queue, lock):
            logger.warning("a job taken over meanwhile was not retried", extra=_about(job))

    async def finish_owned(
        self, job: Job, worker_id: int | None, status: Status, delete_job: bool = False
    ) -> bool:
        """Ends the job as `status` when `worker_id` still holds it; whether it did."""
        done = await self.connector.execute_query_all_async(
            _FINISH_OWNED,
            job_id=job.id,
            worker_id=worker_id,
            status=status.value,
            delete_job=delete_job,
        )
        return bool(done)

    async def retry_owned(
        self,
        job: Job,
        worker_id: int | None,
        retry_at: datetime.datetime | None = None,
        priority: int | None = None,
        queue: str | None = None,
        lock: str | None = None,
    ) -> bool:
        """Queues the job again when `worker_id` still holds it; whether it did."""
        done = await self.connector.execute_query_all_async(
            _RETRY_OWNED,
            job_id=job.id,
            worker_id=worker_id,
            retry_at=retry_at or datetime.datetime.now(datetime.UTC),
            priority=priority,
            queue=queue,
            lock=lock,
        )
        return bool(done)

    async def still_owned(self, job: Job) -> bool:
        """Whether the worker that claimed the job still holds it."""
        found = await self.connector.execute_query_all_async(
            _STILL_OWNED, job_id=job.id, worker_id=job.worker_id
        )
        return bool(found)


def _about(job: Job) -> dict[str, object]:
    return {"job_id": job.id, "task": job.task_name, "worker_id": job.worker_id}
