"""`crm worker` processes sharing one PostgreSQL queue (issue 17): each job runs once
whichever worker claims it, and a worker killed in the middle of a job leaves the job
to another, which finishes it with every row written once."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from persistence.contacts import ContactEmailRow
from persistence.database import Database, is_sqlite
from persistence.jobs import JobRow
from tests.conftest import Staff

ROOT = Path(__file__).resolve().parent.parent
IMPORTS = "/api/v1/imports"
MAPPING = {"First": "first_name", "Last": "last_name", "E-Mail": "email"}
# Workers spawn, connect and poll: generous, and only ever waited out on a failure.
SETTLE_SECONDS = 180.0


@pytest.fixture(autouse=True)
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


async def job_rows(database: Database) -> list[Any]:
    async with database.sessions() as session:
        return list((await session.execute(select(JobRow.status, JobRow.attempts))).all())


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
    same database: every import ends done on its first attempt, and there are exactly
    200 contacts, one per address."""
    ids = [await upload(client, owner, [f"P{n},Person,p{n}@two.example"]) for n in range(200)]
    with worker(database_url), worker(database_url):

        async def all_done() -> bool:
            rows = await job_rows(database)
            return len(rows) == 200 and all(status == "done" for status, _ in rows)

        await until(all_done, "the 200 jobs to be done")
    assert {attempts for _, attempts in await job_rows(database)} == {1}
    results = await imports(client, owner, ids)
    assert {(r["status"], r["created"]) for r in results} == {("done", 1)}
    assert await emails(database) == (200, 200)


async def test_a_worker_killed_mid_import_leaves_it_to_another_that_writes_each_row_once(
    client: httpx.AsyncClient, owner: Staff, database: Database, database_url: str
) -> None:
    """A worker killed (SIGKILL, no goodbye) while its import has written some chunks:
    once the job's lease (3 s here) runs out, a second worker takes the job and finishes
    it. Every row of the file is a contact exactly once, the counts add up, and the job
    ran twice."""
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
    assert [attempts for _, attempts in await job_rows(database)] == [2]
