"""`crm worker` processes (issue 17). On PostgreSQL several share procrastinate's queue:
each job runs once whichever worker claims it, and a worker killed in the middle of a
job leaves the job to another (once its heartbeat is stale), which finishes it with
every row written once. On SQLite one worker runs the `jobs` table. On both, webhook
deliveries go on while a long job runs."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, text

from api.cli.webhooks import PassResult
from api.cli.worker import HANDLERS, work_forever
from domain.jobs import Job
from persistence.contacts import ContactEmailRow
from persistence.database import Database, is_sqlite
from persistence.jobs import QUEUE
from tests.conftest import Staff
from tests.helpers import job_outcomes

ROOT = Path(__file__).resolve().parent.parent
IMPORTS = "/api/v1/imports"
MAPPING = {"First": "first_name", "Last": "last_name", "E-Mail": "email"}
# Workers spawn, connect and poll: generous, and only ever waited out on a failure.
SETTLE_SECONDS = 180.0


def only_on_postgres(database_url: str) -> None:
    if is_sqlite(database_url):
        pytest.skip("one SQLite file is served by one worker (crm serve starts it)")


@contextmanager
def worker(database_url: str, lease_seconds: int = 120) -> Iterator[subprocess.Popen[bytes]]:
    """A `crm worker` process on the test database, stopped at the end."""
    env = {
        **os.environ,
        "CRM_DATABASE_URL": database_url,
        "CRM_JOB_LEASE_SECONDS": str(lease_seconds),
        "CRM_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    process = subprocess.Popen([sys.executable, "-m", "api.cli", "worker"], env=env, cwd=ROOT)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.terminate()
        process.wait(timeout=30)


async def upload(client: httpx.AsyncClient, staff: Staff, rows: list[str]) -> str:
    csv_text = "First,Last,E-Mail\n" + "".join(f"{row}\n" for row in rows)
    response = await client.post(
        IMPORTS,
        files={"file": ("contacts.csv", csv_text.encode(), "text/csv")},
        data={"mapping": json.dumps(MAPPING)},
        headers=staff.headers,
    )
    assert response.status_code == 202, response.text
    return str(response.json()["id"])


async def imports(client: httpx.AsyncClient, staff: Staff, ids: list[str]) -> list[dict[str, Any]]:
    found = []
    for import_id in ids:
        response = await client.get(f"{IMPORTS}/{import_id}", headers=staff.headers)
        assert response.status_code == 200
        found.append(response.json())
    return found


async def until(condition: Any, what: str) -> None:
    deadline = asyncio.get_running_loop().time() + SETTLE_SECONDS
    while not await condition():
        assert asyncio.get_running_loop().time() < deadline, what
        await asyncio.sleep(0.2)


async def starts(database: Database) -> list[int]:
    """How many times each job of the API's queue was started (procrastinate records
    every start as an event), in the order queued."""
    async with database.engine.connect() as connection:
        rows = await connection.execute(
            text(
                "SELECT count(event.id) FILTER (WHERE event.type = 'started')"
                " FROM procrastinate_jobs job"
                " LEFT JOIN procrastinate_events event ON event.job_id = job.id"
                " WHERE job.queue_name = :queue GROUP BY job.id ORDER BY job.id"
            ),
            {"queue": QUEUE},
        )
        return [int(count) for (count,) in rows]


async def emails(database: Database) -> tuple[int, int]:
    """How many e-mail rows there are, and how many distinct addresses."""
    async with database.sessions() as session:
        row = (
            await session.execute(
                select(func.count(), func.count(func.distinct(ContactEmailRow.email)))
            )
        ).one()
        return int(row[0]), int(row[1])


async def test_two_workers_run_two_hundred_jobs_each_once(
    client: httpx.AsyncClient, owner: Staff, database: Database, database_url: str
) -> None:
    """200 imports of one contact each, queued, then two `crm worker` processes on the
    same PostgreSQL: every job ends done, started once and on its first attempt, and
    there are exactly 200 contacts, one per address."""
    only_on_postgres(database_url)
    ids = [await upload(client, owner, [f"P{n},Person,p{n}@two.example"]) for n in range(200)]
    with worker(database_url), worker(database_url):

        async def all_done() -> bool:
            rows = await job_outcomes(database)
            return len(rows) == 200 and all(status == "done" for status, _ in rows)

        await until(all_done, "the 200 jobs to be done")
    assert {runs for _, runs in await job_outcomes(database)} == {1}
    assert set(await starts(database)) == {1}
    results = await imports(client, owner, ids)
    assert {(r["status"], r["created"]) for r in results} == {("done", 1)}
    assert await emails(database) == (200, 200)


async def test_a_worker_killed_mid_import_leaves_it_to_another_that_writes_each_row_once(
    client: httpx.AsyncClient, owner: Staff, database: Database, database_url: str
) -> None:
    """A worker killed (SIGKILL, no goodbye) while its import has written some chunks:
    once its heartbeat is older than the lease (3 s here), a second worker queues the job
    again, takes it and finishes it. Every row of the file is a contact exactly once, the
    counts add up, and the job was started twice."""
    only_on_postgres(database_url)
    rows = [f"K{n},Killed,k{n}@kill.example" for n in range(6000)]
    import_id = await upload(client, owner, rows)

    async def progressed() -> bool:
        (found,) = await imports(client, owner, [import_id])
        return bool(found["processed_rows"]) or found["status"] == "done"

    with worker(database_url, lease_seconds=3) as first:
        await until(progressed, "the first worker to write a chunk")
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    (midway,) = await imports(client, owner, [import_id])
    assert midway["status"] != "done", "the import finished before the worker was killed"

    with worker(database_url, lease_seconds=3):

        async def done() -> bool:
            (found,) = await imports(client, owner, [import_id])
            return bool(found["status"] == "done")

        await until(done, "the second worker to finish the import")
    (result,) = await imports(client, owner, [import_id])
    assert (result["created"], result["processed_rows"]) == (6000, 6000), result
    assert await emails(database) == (6000, 6000)
    assert await job_outcomes(database) == [("done", 2)]
    assert await starts(database) == [2]


async def test_a_worker_on_sqlite_runs_the_queued_imports(
    client: httpx.AsyncClient, owner: Staff, database: Database, database_url: str
) -> None:
    """The SQLite runner in a `crm worker` process: queued imports end done, each on its
    first claim, every row written once."""
    if not is_sqlite(database_url):
        pytest.skip("PostgreSQL's workers: the tests above")
    ids = [await upload(client, owner, [f"S{n},Person,s{n}@lite.example"]) for n in range(20)]
    with worker(database_url):

        async def all_done() -> bool:
            rows = await job_outcomes(database)
            return len(rows) == 20 and all(status == "done" for status, _ in rows)

        await until(all_done, "the 20 jobs to be done")
    assert await job_outcomes(database) == [("done", 1)] * 20
    results = await imports(client, owner, ids)
    assert {(r["status"], r["created"]) for r in results} == {("done", 1)}
    assert await emails(database) == (20, 20)


async def test_webhook_deliveries_go_on_while_a_long_job_runs(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker's webhook loop is its own: while a job runs (held here until the end),
    webhook passes keep coming, two a second, on both databases."""
    started, release = asyncio.Event(), asyncio.Event()
    passes: list[float] = []

    async def long_job(db: Database, job: Job) -> None:
        started.set()
        await release.wait()

    async def webhook_pass(*args: Any, **kwargs: Any) -> PassResult:
        passes.append(asyncio.get_running_loop().time())
        return PassResult(0, 0)

    monkeypatch.setitem(HANDLERS, "long", long_job)
    # The module, not `api.cli.worker`: that name is the `crm worker` command's function.
    monkeypatch.setattr(sys.modules[work_forever.__module__], "deliver_webhooks_once", webhook_pass)
    from persistence.uow import SqlUnitOfWork

    async with SqlUnitOfWork(database.sessions()) as uow:
        await uow.jobs.add(Job(kind="long", payload={}))
        await uow.commit()
    working = asyncio.create_task(work_forever(database, poll_seconds=0.1))
    try:
        await asyncio.wait_for(started.wait(), timeout=30)
        during = len(passes)
        await asyncio.sleep(1.5)
        assert len(passes) - during >= 2, passes
        assert not release.is_set()
    finally:
        release.set()
        working.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await working


async def test_a_worker_presumed_dead_can_neither_finish_nor_requeue_the_job_it_lost(
    client: httpx.AsyncClient, owner: Staff, database: Database, database_url: str
) -> None:
    """A worker whose heartbeat went stale (alive, but held up past the lease): its job
    is queued again and claimed by another worker; the first one's finishing or retrying
    of it then changes nothing, the second one's finishing does. Recovering again finds
    nothing: the job is the live worker's."""
    only_on_postgres(database_url)
    from procrastinate.jobs import Status

    from api.cli.queue import QueueOptions, Runner

    await upload(client, owner, ["Ada,King,ada@lost.example"])
    runner = Runner(database, QueueOptions(lease=timedelta(seconds=3), periodic=False))
    manager = runner.manager
    async with runner.app.open_async():
        held_up = await manager.register_worker()
        lost = await manager.fetch_job(queues=None, worker_id=held_up)
        assert lost is not None and lost.worker_id == held_up
        async with database.engine.begin() as connection:
            await connection.execute(
                text(
                    "UPDATE procrastinate_workers SET last_heartbeat = now() - interval '1 hour'"
                    " WHERE id = :id"
                ),
                {"id": held_up},
            )
        assert await runner.recover_stalled() == 1
        live = await manager.register_worker()
        taken = await manager.fetch_job(queues=None, worker_id=live)
        assert taken is not None and (taken.id, taken.worker_id) == (lost.id, live)

        await manager.finish_job(lost, Status.SUCCEEDED, delete_job=False)
        await manager.retry_job(lost)
        assert await job_outcomes(database) == [("running", 1)]
        assert not await manager.still_owned(lost) and await manager.still_owned(taken)
        assert await runner.recover_stalled() == 0

        await manager.finish_job(taken, Status.SUCCEEDED, delete_job=False)
    assert await job_outcomes(database) == [("done", 2)]


async def test_a_stalled_job_on_its_last_attempt_fails_its_import_saying_why(
    client: httpx.AsyncClient, owner: Staff, database: Database, database_url: str
) -> None:
    """The third run of an import stalled too (its worker killed again): it is not queued
    a fourth time; the import is failed and says where it stopped and after how many
    tries."""
    only_on_postgres(database_url)
    from api.cli.queue import QueueOptions, Runner

    import_id = await upload(client, owner, ["Ada,King,ada@third.example"])
    runner = Runner(database, QueueOptions(lease=timedelta(seconds=3), periodic=False))
    async with runner.app.open_async():
        dead = await runner.manager.register_worker()
        claimed = await runner.manager.fetch_job(queues=None, worker_id=dead)
        assert claimed is not None
        async with database.engine.begin() as connection:
            # Two runs before this one; its worker silent for an hour.
            await connection.execute(
                text("UPDATE procrastinate_jobs SET attempts = 2 WHERE id = :id"),
                {"id": claimed.id},
            )
            await connection.execute(
                text(
                    "UPDATE procrastinate_workers SET last_heartbeat = now() - interval '1 hour'"
                    " WHERE id = :id"
                ),
                {"id": dead},
            )
        assert await runner.recover_stalled() == 1
    assert await job_outcomes(database) == [("failed", 3)]
    (result,) = await imports(client, owner, [import_id])
    assert result["status"] == "failed"
    assert result["errors"][0]["message"].startswith("the import stopped here after 3 tries")


async def test_a_running_job_handed_to_another_worker_is_stopped_and_left_to_it(
    database: Database, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a job runs, its worker checks every quarter of the lease that the job is
    still its own; once another worker holds it (this one was presumed dead), the run
    is stopped and the job left as the other worker has it: running, not finished, not
    queued again."""
    only_on_postgres(database_url)
    from api.cli.queue import QueueOptions, Runner

    stopped: list[bool] = []
    running = asyncio.Event()

    async def endless(db: Database, job: Job) -> None:
        running.set()
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            stopped.append(True)
            raise

    monkeypatch.setitem(HANDLERS, "endless", endless)
    from persistence.uow import SqlUnitOfWork

    async with SqlUnitOfWork(database.sessions()) as uow:
        await uow.jobs.add(Job(kind="endless", payload={}))
        await uow.commit()
    runner = Runner(database, QueueOptions(lease=timedelta(seconds=0.8), periodic=False))

    async def take_over() -> None:
        await running.wait()
        async with database.engine.begin() as connection:
            other = await connection.scalar(
                text("INSERT INTO procrastinate_workers DEFAULT VALUES RETURNING id")
            )
            await connection.execute(
                text("UPDATE procrastinate_jobs SET worker_id = :other"), {"other": other}
            )

    await asyncio.wait_for(asyncio.gather(runner.work(wait=False), take_over()), timeout=30)

    assert stopped == [True]
    assert await job_outcomes(database) == [("running", 0)]
