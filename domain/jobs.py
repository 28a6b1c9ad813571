"""Background jobs: work that must not run inside a request (imports now; exports,
reports and webhook deliveries later). A database table is the queue, so it works the
same on SQLite and PostgreSQL and needs no extra service; workers claim jobs one at a
time, and a job whose worker died is handed out again after a while."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol
from uuid import UUID, uuid4

from domain.clock import utcnow

# A running job not finished after this long is presumed dead and runs again; handlers
# therefore resume rather than repeat (an import continues after its last saved row).
LEASE = timedelta(minutes=10)
MAX_ATTEMPTS = 3


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


@dataclass
class Job:
    kind: str
    payload: dict[str, Any]
    status: JobStatus = JobStatus.QUEUED
    attempts: int = 0
    error: str | None = None
    id: UUID = field(default_factory=uuid4)
    created_at: datetime = field(default_factory=utcnow)
    locked_at: datetime | None = None
    finished_at: datetime | None = None


class JobRepository(Protocol):
    async def add(self, job: Job) -> None: ...
    async def claim_next(self, now: datetime, lease: timedelta) -> Job | None:
        """Marks the oldest queued job (or one whose lease ran out) running and returns
        it; None when there is nothing to do. Two workers never get the same job."""
        ...

    async def finish(self, job_id: UUID, status: JobStatus, error: str | None) -> None: ...
