"""Import and export at bulk speed (issue 17): `python -m bench.bulk import|export`.

import  A CSV of `--rows` contacts (first and last name, an e-mail, a phone, one of 2,500
        companies, city, country and three custom fields: text, number, boolean; 1 row
        in 50 repeats an earlier row's e-mail, so dedupe finds something) uploaded
        through `POST /imports` with dedupe on (`skip`) and the default `on_error=abort`,
        then run by `crm worker`'s job code in a process of its own, as in production.
        Meanwhile this process asks `GET /imports/{id}` every 0.2 s and times each
        answer. Prints the rows a second and the status endpoint's p50 / p95 / max.
        The database is made for the run: a SQLite file in a temporary directory, or the
        PostgreSQL database `crm_bench_bulk` (dropped first and afterwards; `--keep`
        keeps it for `export --url`).
export  Every contact the Owner sees (1M on the seeded `crm_bench`), as the export
        endpoint writes them (`prepare_export`, `rows_to_export`, `csv_stream`), in a
        transaction that is rolled back: the endpoint itself also writes an audit event,
        and crm_bench is not written to. Prints rows a second and the process's resident
        memory as the rows go by (flat memory: it must not grow with the row count).
        `--http` runs the real endpoint instead (it writes its audit event: only for a
        database of your own, e.g. one `import --keep` left); `--serve` runs it in a
        uvicorn process of its own, downloaded over TCP, and reports that server's
        memory. `--before-tree DIR` runs another build the same way, in turns."""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from api.app import create_app
from api.cli import migrate_database
from api.settings import Settings
from auth.sessions import sign_in_as
from auth.tokens import TokenSettings
from bench.run import NO_RATE_LIMITS, SECRET, machine
from domain.access.roles import TEMPLATES_BY_KEY
from domain.access.users import User

IMPORT_DATABASE = "crm_bench_bulk"
ADMIN_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
EXPORT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/crm_bench"
IMPORT_TARGET_S = {"postgresql": 60.0, "sqlite": 120.0}
EXPORT_TARGET_ROWS_S = 20_000
STATUS_TARGET_MS = 100.0
COMPANIES = 2_500
HEADER = (
    "First", "Last", "E-Mail", "Phone", "Company", "City", "Country",
    "Customer number", "Employees", "Partner",
)  # fmt: skip
MAPPING = {
    "First": "first_name",
    "Last": "last_name",
    "E-Mail": "email",
    "Phone": "phone",
    "Company": "company",
    "City": "city",
    "Country": "country",
    "Customer number": "custom_fields.customer_number",
    "Employees": "custom_fields.employees",
    "Partner": "custom_fields.partner",
}
FIELDS = (("customer_number", "text"), ("employees", "number"), ("partner", "boolean"))
FIRST = ("Anna", "Jonas", "Lena", "Paul", "Maria", "Felix", "Sofia", "Lukas", "Emma", "Ben")
LAST = ("Becker", "Hoffmann", "Schulz", "Koch", "Richter", "Wolf", "Neumann", "Braun", "Frank")
CITIES = (("Berlin", "DE"), ("Hamburg", "DE"), ("Wien", "AT"), ("Zürich", "CH"), ("Lyon", "FR"))


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def contacts_csv(rows: int, seed: int = 17) -> bytes:
    """The file: unique e-mails and (valid, Berlin) phones, except every 50th row, which
    repeats the e-mail of a row before it."""
    rnd = random.Random(seed)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for i in range(rows):
        email = f"person{i}@example.com"
        if i % 50 == 49:
            email = f"PERSON{rnd.randrange(i)}@example.com"
        city, country = CITIES[i % len(CITIES)]
        writer.writerow(
            (
                rnd.choice(FIRST),
                f"{rnd.choice(LAST)}{i}",
                email,
                f"+49 30 {10_000_000 + i}",
                f"Company {rnd.randrange(COMPANIES)} GmbH",
                city,
                country,
                f"K-{i:06d}",
                str(rnd.randrange(1, 5000)),
                rnd.choice(("ja", "nein", "yes", "")),
            )
        )
    return out.getvalue().encode()


async def _recreate_postgres(name: str, drop_only: bool = False) -> str:
    if not name.startswith(IMPORT_DATABASE):
        raise SystemExit(f"refusing to drop {name!r}: not a bulk bench database")
    engine = create_async_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            if not drop_only:
                await connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await engine.dispose()
    return make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)


async def _owner_token(url: str) -> str:
    from persistence.database import Database
    from persistence.uow import SqlUnitOfWork

    database = Database(url)
    try:
        async with SqlUnitOfWork(database.sessions()) as uow:
            role = await uow.roles.get(TEMPLATES_BY_KEY["owner"].id)
            assert role is not None
            user = User(
                email="bulk-owner@example.com",
                full_name="Bulk Owner",
                role=role,
                team_id=None,
                password_hash="-",  # noqa: S106 - signs in by token only
            )
            await uow.users.add(user)
            token = await sign_in_as(uow, TokenSettings(secret=SECRET), user)
            await uow.commit()
    finally:
        await database.dispose()
    return token


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(share * len(ordered) + 0.5) - 1)]


async def bench_import(
    backend: str, rows: int, keep: bool, worker_tree: Path | None = None
) -> dict[str, Any]:
    workdir = Path(tempfile.mkdtemp(prefix="crm-bulk-"))
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{workdir / 'crm.db'}"
    else:
        url = await _recreate_postgres(IMPORT_DATABASE)
    try:
        await asyncio.to_thread(migrate_database, url)
        headers = {"Authorization": f"Bearer {await _owner_token(url)}"}
        content = contacts_csv(rows)
        settings = Settings(database_url=url, jwt_secret=SECRET, web_dir=None, **NO_RATE_LIMITS)
        app = create_app(settings)
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(
                transport=transport, base_url="http://bench", timeout=600
            ) as client:
                for key, kind in FIELDS:
                    made = await client.post(
                        "/api/v1/custom-fields",
                        json={"entity": "contact", "key": key, "label": key, "type": kind},
                        headers=headers,
                    )
                    assert made.status_code == 201, made.text
                started = time.perf_counter()
                upload = await client.post(
                    "/api/v1/imports",
                    files={"file": ("contacts.csv", content, "text/csv")},
                    data={"mapping": json.dumps(MAPPING), "dedupe": "skip"},
                    headers=headers,
                )
                upload_s = time.perf_counter() - started
                assert upload.status_code == 202, upload.text
                status_url = f"/api/v1/imports/{upload.json()['id']}"
                load_before = load()
                # The worker in a process of its own, as `crm worker` runs it.
                started = time.perf_counter()
                tree = worker_tree or THIS_TREE
                worker = await asyncio.create_subprocess_exec(
                    sys.executable,
                    "-c",
                    WORKER,
                    url,
                    cwd=tree,
                    env={**os.environ, "PYTHONPATH": str(tree)},
                )
                latencies: list[float] = []
                result: dict[str, Any] = {}
                while True:
                    await asyncio.sleep(0.2)
                    asked = time.perf_counter()
                    answer = await client.get(status_url, headers=headers)
                    latencies.append(time.perf_counter() - asked)
                    result = answer.json()
                    if result["status"] in ("done", "failed") or worker.returncode is not None:
                        break
                elapsed = time.perf_counter() - started
                await worker.wait()
                load_after = load()
    finally:
        if backend == "sqlite":
            shutil.rmtree(workdir, ignore_errors=True)
        elif not keep:
            await _recreate_postgres(IMPORT_DATABASE, drop_only=True)
    figures = {
        "benchmark": "import",
        "backend": backend,
        "rows": rows,
        "status": result["status"],
        "counts": {k: result[k] for k in ("created", "updated", "skipped", "failed")},
        "errors": result["errors"][:3],
        "upload_s": round(upload_s, 2),
        "import_s": round(elapsed, 1),
        "rows_per_s": round(rows / elapsed, 1),
        "target_s": IMPORT_TARGET_S[backend],
        "status_ms": {
            "p50": round(statistics.median(latencies) * 1000, 1),
            "p95": round(_percentile(latencies, 0.95) * 1000, 1),
            "max": round(max(latencies) * 1000, 1),
            "n": len(latencies),
        },
        "load_average": {"before": load_before, "after": load_after},
        "machine": machine(),
    }
    if keep and backend == "postgresql":
        figures["kept"] = url
    return figures


# `crm worker`'s job loop until the queue is empty, in the checkout it is started in (this
# one, or `--before-tree`'s, which need not have this module).
WORKER = """
import asyncio, sys
from api.cli.worker import drain
from persistence.database import Database

async def main(url):
    database = Database(url)
    try:
        await drain(database)
    finally:
        await database.dispose()

asyncio.run(main(sys.argv[1]))
"""
THIS_TREE = Path(__file__).resolve().parent.parent


async def bench_export(url: str, http: bool, limit: int | None) -> dict[str, Any]:
    from api.exports import csv_stream
    from domain.access.users import principal_of
    from domain.contacts import contact_export
    from domain.contacts.contact_export import ExportRow
    from domain.contacts.contacts import ContactFilter
    from persistence.database import Database
    from persistence.uow import SqlUnitOfWork
    from persistence.user_rows import UserRow

    database = Database(url)
    memory: list[tuple[int, float]] = [(0, round(rss_mb(), 1))]
    rows = 0
    size = 0
    try:
        async with SqlUnitOfWork(database.sessions()) as uow:
            owner_id = await uow.session.scalar(_owner_query(UserRow))
            user = await uow.users.get(owner_id)
            assert user is not None
            principal = principal_of(user)
        started, cpu = time.perf_counter(), time.process_time()
        if http:
            token = await _token_for(database, user)
            app = create_app(
                Settings(database_url=url, jwt_secret=SECRET, web_dir=None, **NO_RATE_LIMITS),
                database=database,
            )
            transport = httpx.ASGITransport(app=app)
            async with (
                httpx.AsyncClient(transport=transport, base_url="http://bench", timeout=3600) as c,
                c.stream(
                    "GET",
                    "/api/v1/contacts/export",
                    headers={"Authorization": f"Bearer {token}"},
                ) as response,
            ):
                assert response.status_code == 200
                async for line in response.aiter_lines():
                    size += len(line)
                    rows += 1
                    if rows % 100_000 == 0:
                        memory.append((rows, round(rss_mb(), 1)))
            rows -= 1  # the header
        else:
            async with SqlUnitOfWork(database.sessions()) as uow:
                layout, prepared = await contact_export.prepare_export(
                    uow, principal, ContactFilter()
                )

                async def counted() -> AsyncIterator[Sequence[ExportRow]]:
                    nonlocal rows
                    async for batch in contact_export.rows_to_export(
                        uow, principal, prepared, layout
                    ):
                        if limit is not None:
                            batch = batch[: limit - rows]
                        before, rows = rows, rows + len(batch)
                        if rows // 100_000 > before // 100_000:
                            memory.append((rows, round(rss_mb(), 1)))
                        yield batch
                        if limit is not None and rows >= limit:
                            return

                async for chunk in csv_stream(layout, counted()):
                    size += len(chunk)
                await uow.rollback()  # nothing written: crm_bench is read only here
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        await database.dispose()
    return {
        "benchmark": "export",
        "through": "http" if http else "domain + csv writer, rolled back",
        "rows": rows,
        "mb": round(size / 2**20, 1),
        "seconds": round(elapsed, 1),
        "rows_per_s": round(rows / elapsed),
        # This process's CPU time alone (PostgreSQL's not in it): what the machine's
        # other load changes least.
        "rows_per_cpu_s": round(rows / cpu),
        "target_rows_per_s": EXPORT_TARGET_ROWS_S,
        "rss_mb_at_rows": memory,
        # The process's peak resident memory, startup and imports included.
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "load_average": load(),
        "machine": machine(),
    }


def export_in_turns(before_tree: Path, url: str, limit: int | None, rounds: int) -> dict[str, Any]:
    """`export` of another build (a checkout in `before_tree`) and of this one, each in a
    fresh process, taking turns (the order swapped every round), so both meet the
    machine's other load alike; medians over the rounds and the ratios after/before."""
    command = [sys.executable, "-m", "bench.bulk", "export", "--url", url]
    if limit is not None:
        command += ["--limit", str(limit)]
    runs: dict[str, list[dict[str, Any]]] = {"before": [], "after": []}
    for number in range(rounds):
        order = [("before", before_tree), ("after", THIS_TREE)]
        for name, tree in order if number % 2 == 0 else order[::-1]:
            done = subprocess.run(  # noqa: S603 - our own interpreter and bench module
                command,
                cwd=tree,
                env={**os.environ, "PYTHONPATH": str(tree)},
                capture_output=True,
                text=True,
                check=True,
            )
            runs[name].append(json.loads(done.stdout))

    def median(name: str, key: str) -> float:
        return float(statistics.median(run[key] for run in runs[name]))

    def most_memory(name: str) -> float:
        return float(max(mb for run in runs[name] for _, mb in run["rss_mb_at_rows"]))

    return {
        "benchmark": "export, two builds taking turns",
        "rounds": rounds,
        "rows": runs["after"][0]["rows"],
        **{
            f"{name}_{key}": median(name, key)
            for name in ("before", "after")
            for key in ("rows_per_s", "rows_per_cpu_s")
        },
        "rows_per_s_ratio": round(
            median("after", "rows_per_s") / median("before", "rows_per_s"), 2
        ),
        "rows_per_cpu_s_ratio": round(
            median("after", "rows_per_cpu_s") / median("before", "rows_per_cpu_s"), 2
        ),
        "before_rss_mb_most": most_memory("before"),
        "after_rss_mb_most": most_memory("after"),
        "runs": runs,
    }


def _memory_of(pid: int) -> dict[str, float]:
    """A process's resident memory now and at its peak (VmRSS, VmHWM), in MB."""
    with open(f"/proc/{pid}/status") as status:
        fields = dict(line.split(":", 1) for line in status if line.startswith("Vm"))
    return {key: round(int(fields[key].split()[0]) / 1024, 1) for key in ("VmRSS", "VmHWM")}


async def export_served(url: str, tree: Path, port: int) -> dict[str, Any]:
    """The real endpoint, served by uvicorn from `tree` in a process of its own (as in
    production: the server's memory is its own, not the client's), downloaded over TCP
    with the body streamed to nothing. Writes the endpoint's audit event: not on
    crm_bench. Rows are counted as CRLF line ends (the bench's data has no line breaks
    in cells)."""
    from persistence.database import Database
    from persistence.uow import SqlUnitOfWork
    from persistence.user_rows import UserRow

    database = Database(url)
    try:
        async with SqlUnitOfWork(database.sessions()) as uow:
            user: User | None = await uow.users.get(await uow.session.scalar(_owner_query(UserRow)))
        assert user is not None
        token = await _token_for(database, user)
    finally:
        await database.dispose()
    limits = {f"CRM_{key.upper()}": value for key, value in NO_RATE_LIMITS.items()}
    # Started, not waited for: Popen returns at once.
    server = subprocess.Popen(  # noqa: S603, ASYNC220 - our own interpreter, uvicorn and app
        [sys.executable, "-m", "uvicorn", "api.main:app", "--port", str(port), "--no-access-log"],
        cwd=tree,
        env={
            **os.environ,
            **limits,
            "PYTHONPATH": str(tree),
            "CRM_DATABASE_URL": url,
            "CRM_JWT_SECRET": SECRET,
        },
    )
    memory: list[tuple[int, float]] = []
    rows = size = 0
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=3600) as client:
            for _ in range(300):  # the server's start-up
                try:
                    await client.get("/healthz")
                    break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
            memory.append((0, _memory_of(server.pid)["VmRSS"]))
            started, cpu = time.perf_counter(), _cpu_seconds(server.pid)
            async with client.stream(
                "GET", "/api/v1/contacts/export", headers={"Authorization": f"Bearer {token}"}
            ) as response:
                assert response.status_code == 200, response.status_code
                last = b""
                async for chunk in response.aiter_raw():
                    before = rows
                    # A line end split between two parts counts too.
                    rows += chunk.count(b"\r\n") + (last == b"\r" and chunk[:1] == b"\n")
                    last = chunk[-1:]
                    size += len(chunk)
                    if rows // 100_000 > before // 100_000:
                        memory.append((rows, _memory_of(server.pid)["VmRSS"]))
            elapsed, cpu = time.perf_counter() - started, _cpu_seconds(server.pid) - cpu
            peak = _memory_of(server.pid)["VmHWM"]
    finally:
        server.terminate()
        server.wait(timeout=30)
    rows -= 1  # the header
    return {
        "benchmark": "export over HTTP, uvicorn",
        "tree": str(tree),
        "rows": rows,
        "mb": round(size / 2**20, 1),
        "seconds": round(elapsed, 1),
        "rows_per_s": round(rows / elapsed),
        "rows_per_server_cpu_s": round(rows / cpu),
        "server_rss_mb_at_rows": memory,
        "server_peak_rss_mb": peak,
        "load_average": load(),
    }


def _cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _owner_query(user_row: Any) -> Any:
    """The first active user whose role is the Owner template: sees every contact."""
    from sqlalchemy import select

    return (
        select(user_row.id)
        .where(user_row.role_id == TEMPLATES_BY_KEY["owner"].id, user_row.is_active.is_(True))
        .order_by(user_row.id)
        .limit(1)
    )


async def _token_for(database: Any, user: User) -> str:
    from persistence.uow import SqlUnitOfWork

    async with SqlUnitOfWork(database.sessions()) as uow:
        token = await sign_in_as(uow, TokenSettings(secret=SECRET), user)
        await uow.commit()
    return token


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.bulk", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    imports = commands.add_parser("import")
    imports.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    imports.add_argument("--rows", type=int, default=50_000)
    imports.add_argument("--keep", action="store_true", help="keep crm_bench_bulk")
    exports = commands.add_parser("export")
    exports.add_argument("--url", default=os.environ.get("CRM_BENCH_DATABASE_URL", EXPORT_URL))
    exports.add_argument("--http", action="store_true", help="the real endpoint (writes audit)")
    exports.add_argument("--limit", type=int, default=None)
    exports.add_argument(
        "--before-tree",
        type=Path,
        help="a checkout of another build: both builds export in turns, each in a process"
        " of its own, and the ratios are printed",
    )
    exports.add_argument("--rounds", type=int, default=2, help="with --before-tree")
    exports.add_argument(
        "--serve",
        action="store_true",
        help="the real endpoint served by uvicorn in a process of its own (writes audit);"
        " with --before-tree, that build's server and this one's in turns",
    )
    exports.add_argument("--port", type=int, default=8765)
    imports.add_argument(
        "--before-tree",
        type=Path,
        help="a checkout of another build (git archive into a directory): its worker runs"
        " the same file first, and both figures and the ratio are printed",
    )
    args = parser.parse_args()
    if args.command == "import":
        figures = asyncio.run(bench_import(args.backend, args.rows, args.keep))
        if args.before_tree:
            before = asyncio.run(
                bench_import(args.backend, args.rows, False, args.before_tree.resolve())
            )
            figures = {
                "after": figures,
                "before": before,
                "speed_ratio_after_before": round(figures["rows_per_s"] / before["rows_per_s"], 1),
            }
    else:
        if args.http and make_url(args.url).database == "crm_bench":
            raise SystemExit("--http writes an audit event: not on crm_bench")
        if args.serve:
            if make_url(args.url).database == "crm_bench":
                raise SystemExit("--serve writes an audit event: not on crm_bench")
            trees = [("after", THIS_TREE)]
            if args.before_tree:
                trees = [("before", args.before_tree.resolve()), *trees]
            runs: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in trees}
            for number in range(args.rounds if args.before_tree else 1):
                for name, tree in trees if number % 2 == 0 else trees[::-1]:
                    runs[name].append(asyncio.run(export_served(args.url, tree, args.port)))
            figures = {"runs": runs}
        elif args.before_tree:
            figures = export_in_turns(args.before_tree.resolve(), args.url, args.limit, args.rounds)
        else:
            figures = asyncio.run(bench_export(args.url, args.http, args.limit))
    print(json.dumps(figures, indent=2, default=str))


if __name__ == "__main__":
    main()
