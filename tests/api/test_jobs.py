"""The SQLite job runner's claims (the `jobs` table): a job runs under one worker at a
time, that worker renews its lease while the job runs, and a worker that lost its lease
stops and changes nothing. PostgreSQL runs jobs on procrastinate: tests/test_workers.py."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest

from api.cli.worker import HANDLERS, run_next_job
from domain.clock import utcnow
from domain.jobs import Job, JobStatus
from persistence.database import Database, is_sqlite
from persistence.jobs import JobRow, SqlJobRepository
from persistence.uow import SqlUnitOfWork

LEASE = timedelta(minutes=2)


@pytest.fixture(autouse=True)
def only_on_sqlite(database_url: str) -> None:
    if not is_sqlite(database_url):
        pytest.skip("PostgreSQL's jobs run on procrastinate (tests/test_workers.py)")


async def queued(database: Database, kind: str = "test") -> Job:
    job = Job(kind=kind, payload={})
    async with SqlUnitOfWork(database.sessions()) as uow:
        await SqlJobRepository(uow.session).add(job)
        await uow.commit()
    return job


async def stored(database: Database, job: Job) -> JobRow:
    async with database.sessions() as session:
        row = await session.get(JobRow, job.id)
        assert row is not None
        return row


async def test_a_job_handed_out_again_belongs_to_its_new_attempt(database: Database) -> None:
    """A job whose lease ran out goes to the next worker as a new attempt; the first
    attempt can then neither renew nor finish it, and the new one finishes it."""
    job = await queued(database)
    start = utcnow()
    async with SqlUnitOfWork(database.sessions()) as uow:
        first = await SqlJobRepository(uow.session).claim_next(start, LEASE)
        await uow.commit()
    assert first is not None and first.attempts == 1

    async with SqlUnitOfWork(database.sessions()) as uow:
        second = await SqlJobRepository(uow.session).claim_next(
            start + LEASE + timedelta(seconds=1), LEASE
        )
        assert second is not None and (second.id, second.attempts) == (job.id, 2)
        assert not await SqlJobRepository(uow.session).renew(job.id, first.attempts, utcnow())
        assert not await SqlJobRepository(uow.session).finish(
            job.id, first.attempts, JobStatus.DONE, None
        )
        await uow.commit()
    assert (await stored(database, job)).status == JobStatus.RUNNING.value

    async with SqlUnitOfWork(database.sessions()) as uow:
        assert await SqlJobRepository(uow.session).finish(
            job.id, second.attempts, JobStatus.DONE, None
        )
        await uow.commit()
    assert (await stored(database, job)).status == JobStatus.DONE.value


async def test_a_renewed_lease_keeps_the_job_from_other_workers(database: Database) -> None:
    """A worker that renews its lease keeps the job past the first lease's end."""
    await queued(database)
    start = utcnow()
    async with SqlUnitOfWork(database.sessions()) as uow:
        claimed = await SqlJobRepository(uow.session).claim_next(start, LEASE)
        assert claimed is not None
        assert await SqlJobRepository(uow.session).renew(
            claimed.id, claimed.attempts, start + LEASE * 0.75
        )
        await uow.commit()

    async with SqlUnitOfWork(database.sessions()) as uow:
        assert await SqlJobRepository(uow.session).claim_next(start + LEASE * 1.25, LEASE) is None


async def test_a_job_running_longer_than_its_lease_runs_once(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A job that runs for several leases is renewed all along: a second worker asking
    meanwhile gets nothing, and the job ends done, having run once."""
    runs: list[str] = []

    async def slow(db: Database, job: Job) -> None:
        runs.append(str(job.id))
        await asyncio.sleep(3.0)

    monkeypatch.setitem(HANDLERS, "slow", slow)
    job = await queued(database, "slow")
    # Renewed every 0.3 s: a renewal may wait most of a second on a loaded machine (a
    # tighter lease made this test fail there) and the job still outlives two leases.
    lease = timedelta(seconds=1.2)

    async def second_worker() -> bool:
        await asyncio.sleep(2.0)
        return await run_next_job(database, lease)

    first, second = await asyncio.gather(run_next_job(database, lease), second_worker())

    assert (first, second, runs) == (True, False, [str(job.id)])
    row = await stored(database, job)
    assert (row.status, row.attempts) == (JobStatus.DONE.value, 1)


async def test_a_worker_that_lost_its_lease_stops_the_job_and_leaves_it(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the job was handed to another worker (this one was presumed dead), the
    running attempt is stopped at its next renewal and does not mark the job done."""
    stopped: list[Any] = []

    async def long(db: Database, job: Job) -> None:
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            stopped.append(job.id)
            raise

    monkeypatch.setitem(HANDLERS, "long", long)
    job = await queued(database, "long")
    lease = timedelta(seconds=0.4)

    async def taken_over() -> None:
        # Another worker's claim: the job's next attempt.
        await asyncio.sleep(0.2)
        async with database.sessions() as session:
            row = await session.get(JobRow, job.id)
            assert row is not None
            row.attempts += 1
            await session.commit()

    ran, _ = await asyncio.wait_for(
        asyncio.gather(run_next_job(database, lease), taken_over()), timeout=10
    )

    assert (ran, stopped) == (True, [job.id])
    row = await stored(database, job)
    assert (row.status, row.attempts) == (JobStatus.RUNNING.value, 2)


async def test_a_failed_renewal_is_tried_again_at_the_next_tick(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A renewal that fails (a busy or unreachable database) does not end the keeping
    of the lease: the next one renews it, and the job runs to its end, done."""

    async def slow(db: Database, job: Job) -> None:
        await asyncio.sleep(0.8)

    original = SqlJobRepository.renew
    calls: list[int] = []

    async def flaky(self: SqlJobRepository, *args: Any) -> bool:
        calls.append(1)
        if len(calls) == 1:
            raise OSError("database unreachable")
        return await original(self, *args)

    monkeypatch.setitem(HANDLERS, "slow", slow)
    monkeypatch.setattr(SqlJobRepository, "renew", flaky)
    job = await queued(database, "slow")

    assert await run_next_job(database, timedelta(seconds=0.4))

    assert len(calls) >= 2
    row = await stored(database, job)
    assert (row.status, row.attempts) == (JobStatus.DONE.value, 1)
