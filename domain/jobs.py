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

# A running job is its worker's for this long, and the worker renews it every
# RENEW_EVERY while the job runs: a job that outlives its lease is presumed dead (its
# worker was killed or lost the database) and runs again, on another worker if need be;
# handlers therefore resume rather than repeat (an import continues after its last saved
# row). A worker that finds its lease gone stops: the job is someone else's now.
LEASE = timedelta(minutes=2)
RENEW_EVERY = LEASE / 4
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


@dataclass(frozen=True)
class QueueState:
    """The queue at a moment: what waits, what runs, since when the oldest waits."""

    queued: int
    running: int
    oldest_queued_at: datetime | None


class JobRepository(Protocol):
    async def add(self, job: Job) -> None: ...
    async def claim_next(self, now: datetime, lease: timedelta) -> Job | None:
        """Marks the oldest queued job (or one whose lease ran out) running and returns
        it, its `attempts` counted up: that number is the claim. None when there is
        nothing to do. Two workers never get the same job at once."""
        ...

    async def state(self) -> QueueState: ...

    async def renew(self, job_id: UUID, attempt: int, now: datetime) -> bool:
        """Starts the lease of a running job afresh from `now`, when the job is still
        that attempt's; False when it is not (handed out again): the attempt must stop."""
        ...

    async def finish(
        self, job_id: UUID, attempt: int, status: JobStatus, error: str | None
    ) -> bool:
        """Ends that attempt of the job as `status`; False (and nothing changed) when the
        job was handed out again meanwhile: the newer attempt decides."""
        ...
