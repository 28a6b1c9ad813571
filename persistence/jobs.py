"""The job queues: the `jobs` table (SQLite, claimed under a lease) and, on PostgreSQL,
procrastinate's `procrastinate_jobs` (schema from revision 0024), written to through our
own session so that a job is queued in the transaction of the record it works on."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Index,
    Integer,
    String,
    Text,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from domain.clock import to_utc, utcnow
from domain.jobs import MAX_ATTEMPTS, Job, JobQueue, JobStatus, QueueState
from persistence.base import Base, JSONDocument
from persistence.mapping import RowMapping


class JobRow(Base):
    __tablename__ = "jobs"
    __table_args__ = (Index("ix_jobs_status_created_at", "status", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(50))
    payload: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    status: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    locked_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


JOB_ROWS = RowMapping(Job, JobRow.__table__)


def _claimed_by(job_id: uuid.UUID, attempt: int) -> list[ColumnElement[bool]]:
    """The job, while it is running under that attempt's claim."""
    return [
        JobRow.id == job_id,
        JobRow.status == JobStatus.RUNNING.value,
        JobRow.attempts == attempt,
    ]


class SqlJobRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, job: Job) -> None:
        self.session.add(JobRow(**JOB_ROWS.new_row_values(job)))
        await self.session.flush()

    async def claim_next(self, now: datetime, lease: timedelta) -> Job | None:
        claimable = or_(
            JobRow.status == JobStatus.QUEUED.value,
            (JobRow.status == JobStatus.RUNNING.value) & (JobRow.locked_at < now - lease),
        )
        # SKIP LOCKED lets PostgreSQL workers pass over a job another is claiming;
        # SQLite serialises writers anyway (BEGIN IMMEDIATE) and ignores the clause.
        row = await self.session.scalar(
            select(JobRow)
            .where(claimable, JobRow.attempts < MAX_ATTEMPTS)
            .order_by(JobRow.created_at)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        if row is None:
            return None
        # Read before the update: the session brings the loaded row up to date with it.
        job = JOB_ROWS.record_of(row)
        job.status, job.locked_at, job.attempts = JobStatus.RUNNING, now, job.attempts + 1
        await self.session.execute(
            update(JobRow)
            .where(JobRow.id == job.id)
            .values(status=job.status.value, locked_at=now, attempts=job.attempts)
        )
        return job

    async def state(self) -> QueueState:
        statement = select(
            func.count().filter(JobRow.status == JobStatus.QUEUED.value),
            func.count().filter(JobRow.status == JobStatus.RUNNING.value),
            func.min(JobRow.created_at).filter(JobRow.status == JobStatus.QUEUED.value),
        ).where(JobRow.status.in_([JobStatus.QUEUED.value, JobStatus.RUNNING.value]))
        queued, running, oldest = (await self.session.execute(statement)).one()
        return QueueState(int(queued), int(running), to_utc(oldest))

    async def renew(self, job_id: uuid.UUID, attempt: int, now: datetime) -> bool:
        renewed: Any = await self.session.execute(
            update(JobRow).where(*_claimed_by(job_id, attempt)).values(locked_at=now)
        )
        return bool(renewed.rowcount)

    async def finish(
        self, job_id: uuid.UUID, attempt: int, status: JobStatus, error: str | None
    ) -> bool:
        finished: Any = await self.session.execute(
            update(JobRow)
            .where(*_claimed_by(job_id, attempt))
            .values(status=status.value, error=error, finished_at=utcnow())
        )
        return bool(finished.rowcount)


# procrastinate's queue for jobs deferred by the API; the periodic tasks have their own.
QUEUE = "crm"

# procrastinate's own defer function, as its `defer_jobs` query calls it; through our
# session it inserts in our transaction (a connection of procrastinate's pool could not).
# The insert trigger notifies the listening workers when the transaction commits.
_DEFER = text(
    """
    SELECT unnest(procrastinate_defer_jobs_v1(ARRAY[ROW(
        CAST(:queue AS varchar), CAST(:task AS varchar), 0, CAST(NULL AS text),
        CAST(NULL AS text), CAST(:args AS jsonb), CAST(NULL AS timestamptz)
    )::procrastinate_job_to_defer_v1]))
    """
)

# Waiting since: when deferred, or when due if later (a retry after its backoff).
_STATE = text(
    """
    SELECT
        count(*) FILTER (WHERE job.status = 'todo'),
        count(*) FILTER (WHERE job.status = 'doing'),
        min(GREATEST(job.scheduled_at, deferred.at)) FILTER (WHERE job.status = 'todo')
    FROM procrastinate_jobs job
    LEFT JOIN LATERAL (
        SELECT min(event.at) AS at FROM procrastinate_events event
        WHERE event.job_id = job.id AND event.type = 'deferred'
    ) deferred ON true
    WHERE job.status IN ('todo', 'doing')
    """
)


class ProcrastinateJobQueue:
    """Jobs for procrastinate's workers (PostgreSQL): the job's kind is the task's name,
    its payload the task's arguments."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, job: Job) -> None:
        await self.session.execute(
            _DEFER, {"queue": QUEUE, "task": job.kind, "args": json.dumps(job.payload)}
        )

    async def state(self) -> QueueState:
        queued, running, oldest = (await self.session.execute(_STATE)).one()
        return QueueState(int(queued), int(running), to_utc(oldest))


def job_queue(session: AsyncSession) -> JobQueue:
    """The queue of the session's database."""
    bind = session.bind
    if bind is not None and bind.dialect.name == "postgresql":
        return ProcrastinateJobQueue(session)
    return SqlJobRepository(session)
