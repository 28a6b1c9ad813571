"""Background jobs: work that must not run inside a request (imports now; exports,
reports and webhook deliveries later). The queue is in the database, so a job is queued
in the transaction of the record it works on (never lost, never queued for a rolled-back
import) and needs no extra service.

Two queues behind one `JobQueue`: on PostgreSQL, procrastinate's tables (several workers
on several machines, retries, periodic tasks; api/cli/queue.py); on SQLite, the `jobs`
table and the in-process runner below, whose workers claim jobs one at a time under a
lease. Either way a job whose worker died is handed out again after a while, and
handlers resume rather than repeat (an import continues after its last saved row and
writes each row once, even when two runs of it overlap)."""

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
# row). A worker that finds its lease gone stops: the job is someone else's now. On
# PostgreSQL the same span is how long a worker may go without a heartbeat (sent every
# quarter of it) before its running jobs are handed out again.
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


class JobQueue(Protocol):
    """What use cases and the API see of the queue, whichever runs it."""

    async def add(self, job: Job) -> None:
        """Queues the job in the unit of work's transaction: it exists once that commits."""
        ...

    async def state(self) -> QueueState: ...


class JobRepository(JobQueue, Protocol):
    """The `jobs` table, claimed under a lease (the SQLite runner)."""

    async def claim_next(self, now: datetime, lease: timedelta) -> Job | None:
        """Marks the oldest queued job (or one whose lease ran out) running and returns
        it, its `attempts` counted up: that number is the claim. None when there is
        nothing to do. Two workers never get the same job at once."""
        ...

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
