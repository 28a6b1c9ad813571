"""The jobs table: the queue background work goes through."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Index, Integer, String, Text, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from domain.clock import to_utc, utcnow
from domain.jobs import MAX_ATTEMPTS, Job, JobStatus, QueueState
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
