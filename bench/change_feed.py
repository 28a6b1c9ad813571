"""What the change feed (issue 16) costs a write, and what reading it costs, on the
database `python -m bench.seed` loaded: `python -m bench.change_feed writes|feed`.

writes  A contact created (`POST /contacts`) and a deal moved (`POST /deals/{id}/move`)
        by a Manager, through the build before the outbox (a checkout given with
        `--before-tree`) and through this one, each in a process of its own on its own
        copy of crm_bench migrated to its own head, the two taking turns round by round.
        Prints both builds' figures and the ratios after/before.
feed    `GET /events?after=<cursor>&limit=1000` over `--events` stored events (10
        million unless told; the database crm_bench_events: crm_bench migrated to head
        plus the events, filled once and kept for the next runs), read by callers of each
        scope from positions in the middle, near the end and at the end of the feed; then
        the repository's query alone. With `--before-tree`, a checkout of another build
        reads the same cursors too, each build in a process of its own, the two taking
        turns read by read: both builds' figures, the ratios after/before, and whether
        the two answered the same JSON for the same events.

Server time as in `bench.run`: the real FastAPI app in this process, called through httpx's
ASGITransport, from the request entering the app to its last response byte."""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

import asyncpg
import httpx
from sqlalchemy.engine import URL, make_url

from api.app import create_app
from api.settings import Settings
from auth.sessions import sign_in_as
from auth.tokens import TokenSettings
from bench.database import NAME_PREFIX, bench_url, dsn, read_marker, write_marker
from bench.run import NO_RATE_LIMITS, OWN_ONLY, SECRET, Timed, machine
from domain.access.levels import AccessLevel, AccessMatrix
from domain.access.roles import Permission, Role
from persistence.database import Database
from persistence.uow import SqlUnitOfWork

# Only this module's own imports: the `writes` workers run it on the build before the
# outbox, which has neither domain.changes nor persistence.changes (those are imported
# where the feed is read).

HERE = Path(__file__).resolve()
THIS_TREE = HERE.parent.parent
WRITE_COPIES = {"before": "crm_bench_feed_before", "after": "crm_bench_feed_after"}
EVENTS_DATABASE = "crm_bench_events"
WRITE_TARGET = 1.15  # after/before: "at most 15% more"
FEED_TARGET_MS = 50.0
FEED_PAGE = 1000
# Bumped when the events generated change, so `--reuse` fills the database afresh.
FEED_GENERATOR = 3  # 3: with event_readers (migration 0019)

# The default pipeline's open stages (domain/funnel/pipelines.py): moves among them
# change no won/lost totals, as most moves do not.
OPEN_STAGES = (
    UUID("0b5e0c6a-9f9e-4d7e-8a3f-5f1c2e0a7d11"),
    UUID("0b5e0c6a-9f9e-4d7e-8a3f-5f1c2e0a7d12"),
    UUID("0b5e0c6a-9f9e-4d7e-8a3f-5f1c2e0a7d13"),
    UUID("0b5e0c6a-9f9e-4d7e-8a3f-5f1c2e0a7d14"),
)
FIRST_NAMES = ("Anna", "Jonas", "Lena", "Paul", "Maria", "Felix", "Sofia", "Lukas", "Emma", "Ben")
LAST_NAMES = ("Becker", "Hoffmann", "Schulz", "Koch", "Richter", "Wolf", "Neumann", "Braun")


def code_version(tree: Path) -> str:
    """The commit a checkout is at, `+changes` when its tracked files differ from it."""

    def git(*args: str) -> str:
        return subprocess.run(  # noqa: S603 - git on our own checkout
            ["git", "-C", str(tree), *args],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()

    changed = git("status", "--porcelain", "--untracked-files=no")
    return git("rev-parse", "--short", "HEAD") + ("+changes" if changed else "")


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest rank (as bench.deals_run)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def figures(wall: Sequence[float], cpu: Sequence[float]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(wall) * 1000, 2),
        "p95_ms": round(percentile(wall, 0.95) * 1000, 2),
        "cpu_p50_ms": round(statistics.median(cpu) * 1000, 2),
        "n": len(wall),
    }


# --- writes ------------------------------------------------------------------------------


async def _write_targets(url: str, manager: UUID) -> tuple[list[list[Any]], list[UUID]]:
    """The Manager's open deals in the default pipeline (id, stage, version), and
    companies to file new contacts under."""
    connection = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        deals = await connection.fetch(
            """SELECT id, stage_id, version FROM deals
               WHERE owner_id = $1 AND stage_id = ANY($2::uuid[])
               ORDER BY id LIMIT 200""",
            manager,
            list(OPEN_STAGES),
        )
        companies = await connection.fetch(
            "SELECT id FROM companies WHERE archived_at IS NULL ORDER BY id LIMIT 500"
        )
    finally:
        await connection.close()
    if not deals:
        raise SystemExit("the Manager has no open deals in the default pipeline")
    return [[d["id"], d["stage_id"], d["version"]] for d in deals], [c["id"] for c in companies]


def _new_contact(rnd: random.Random, companies: list[UUID], n: int) -> dict[str, Any]:
    """A contact as a person types one in; e-mail and phone unique within the copy, names
    from a short list at one of 500 companies, so that the duplicate check finds next to
    nothing, as for most new contacts."""
    first, last = rnd.choice(FIRST_NAMES), rnd.choice(LAST_NAMES)
    return {
        "first_name": first,
        "last_name": last,
        "country": "DE",
        "emails": [{"email": f"{first}.{last}.{n}@bench.example".lower(), "primary": True}],
        "phones": [{"phone": f"+49 30 {10_000_000 + n}", "primary": True}],
        "title": "Head of Purchasing",
        "company_id": str(rnd.choice(companies)),
        "city": "Berlin",
        "source": "referral",
        "lifecycle_stage": "lead",
        "tags": ["bench"],
    }


WRITES = ("create contact", "move deal")
REPLY = "bench-change-feed "  # marks the worker's own lines among anything else on stdout


async def write_worker(url: str, manager: UUID, warmup: int) -> None:
    """One build, in a process of its own: signs the Manager in, warms up, then for each
    number N read from stdin makes N contact creations and N deal moves, taking turns,
    and answers their timings as one JSON line; 0 ends it."""
    import api

    database = Database(url)
    app = create_app(
        Settings(database_url=url, jwt_secret=SECRET, **NO_RATE_LIMITS), database=database
    )
    timed = Timed(app)
    tokens = TokenSettings(secret=SECRET, access_ttl=timedelta(hours=4))
    async with SqlUnitOfWork(database.sessions()) as uow:
        user = await uow.users.get(manager)
        assert user is not None
        token = await sign_in_as(uow, tokens, user)
        await uow.commit()
    headers = {"Authorization": f"Bearer {token}"}
    deals, companies = await _write_targets(url, manager)
    rnd = random.Random(16)
    made = 0
    transport = httpx.ASGITransport(app=timed)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://bench") as client,
    ):

        async def write(samples: dict[str, dict[str, list[float]]]) -> None:
            nonlocal made
            response = await client.post(
                "/api/v1/contacts", json=_new_contact(rnd, companies, made), headers=headers
            )
            note(samples, "create contact", response, 201)
            deal = deals[made % len(deals)]
            stage = OPEN_STAGES[(OPEN_STAGES.index(deal[1]) + 1) % len(OPEN_STAGES)]
            response = await client.post(
                f"/api/v1/deals/{deal[0]}/move",
                json={"stage_id": str(stage)},
                headers={**headers, "If-Match": f'"{deal[2]}"'},
            )
            note(samples, "move deal", response, 200)
            deal[1], deal[2] = stage, response.json()["version"]
            made += 1

        def note(
            samples: dict[str, dict[str, list[float]]],
            op: str,
            response: httpx.Response,
            expected: int,
        ) -> None:
            if response.status_code != expected:
                raise SystemExit(f"{op}: {response.status_code} {response.text}")
            samples[op]["wall"].append(timed.last)
            samples[op]["cpu"].append(timed.last_cpu)

        for _ in range(warmup):
            await write({op: {"wall": [], "cpu": []} for op in WRITES})
        print(REPLY + json.dumps({"ready": api.__file__}), flush=True)
        while count := int(await asyncio.to_thread(sys.stdin.readline) or 0):
            samples: dict[str, dict[str, list[float]]] = {
                op: {"wall": [], "cpu": []} for op in WRITES
            }
            for _ in range(count):
                await write(samples)
            print(REPLY + json.dumps(samples), flush=True)
    await database.dispose()


class Worker:
    """A `write-worker` on one build's code (`-P`: not this checkout's bench/ directory
    first; PYTHONPATH ahead of the editable install's finder)."""

    def __init__(self, tree: Path, *args: str) -> None:
        self.tree = tree
        self.log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed in close()
        self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and file
            [sys.executable, "-P", str(HERE), *args],
            cwd=tree,
            env={**os.environ, "PYTHONPATH": str(tree)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            text=True,
        )

    def ask(self, line: str | None) -> Any:
        assert self.process.stdin is not None and self.process.stdout is not None
        if line is not None:
            self.process.stdin.write(line + "\n")
            self.process.stdin.flush()
        for answer in self.process.stdout:
            if answer.startswith(REPLY):
                return json.loads(answer.removeprefix(REPLY))
        self.log.seek(0)
        raise SystemExit(f"the worker on {self.tree} failed:\n{self.log.read()[-3000:]}")

    def close(self) -> None:
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.write("0\n")
            self.process.stdin.close()
            self.process.wait(timeout=60)
        self.log.close()


def _in_tree(tree: Path, *args: str) -> str:
    """Runs a command of this file on the code of `tree`, as Worker does; its output."""
    result = subprocess.run(  # noqa: S603 - our own interpreter and file
        [sys.executable, "-P", str(HERE), *args],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"{args[0]} on {tree} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def _migrate_to(url: str, revision: str) -> None:
    """Up or down to `revision` with this checkout's migrations, which know every
    revision: crm_bench may be ahead of the build before (`bench.seed --reuse` migrates it
    to this build's head), and that build does not know the revisions after its own."""
    from alembic import command
    from alembic.script import ScriptDirectory

    from api.cli import alembic_config

    async def current() -> str:
        connection = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
        try:
            return str(await connection.fetchval("SELECT version_num FROM alembic_version"))
        finally:
            await connection.close()

    config = alembic_config(url)
    now = asyncio.run(current())
    if now == revision:
        return
    older = {r.revision for r in ScriptDirectory.from_config(config).iterate_revisions(now, "base")}
    if revision in older:
        command.downgrade(config, revision)
    else:
        command.upgrade(config, revision)


async def _copy_database(source: URL, name: str) -> None:
    connection = await asyncpg.connect(dsn(source, "postgres"))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        await connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source.database}"')
    finally:
        await connection.close()


async def _drop_database(source: URL, name: str) -> None:
    connection = await asyncpg.connect(dsn(source, "postgres"))
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
    finally:
        await connection.close()


async def _events_written(url: str) -> int | None:
    """How many events the copy holds; None without an events table (before)."""
    connection = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        if await connection.fetchval("SELECT to_regclass('events')") is None:
            return None
        return int(await connection.fetchval("SELECT count(*) FROM events"))
    finally:
        await connection.close()


def writes(before_tree: Path, iterations: int, batch: int, warmup: int, keep: bool) -> Any:
    """Both builds' workers run side by side and take turns, `batch` writes of each kind
    at a time (the order of the two flipping every turn), so that load from elsewhere on
    the machine falls on both alike."""
    source = bench_url()
    marker = asyncio.run(read_marker(source))
    if marker is None:
        raise SystemExit(f"{source.database} is not seeded: run `python -m bench.seed` first")
    trees = {"before": before_tree, "after": THIS_TREE}
    urls = {
        side: source.set(database=name).render_as_string(hide_password=False)
        for side, name in WRITE_COPIES.items()
    }
    started = machine()
    samples: dict[str, dict[str, dict[str, list[float]]]] = {
        side: {op: {"wall": [], "cpu": []} for op in WRITES} for side in trees
    }
    # Per third of the run, the p50 ratio: how steady the comparison was.
    thirds: list[dict[str, float]] = []
    workers: dict[str, Worker] = {}
    try:
        for side, name in WRITE_COPIES.items():
            asyncio.run(_copy_database(source, name))
            _migrate_to(urls[side], _in_tree(trees[side], "head").strip())
            print(f"{name}: a copy of {source.database} at the {side} build's head", flush=True)
        for side in trees:
            workers[side] = Worker(
                trees[side], "write-worker", urls[side], marker["users"]["manager"], str(warmup)
            )
        for side, worker in workers.items():
            code = worker.ask(None)["ready"]
            if not code.startswith(str(trees[side])):
                raise SystemExit(f"the {side} worker runs {code}, not {trees[side]}'s code")
        turns = math.ceil(iterations / batch)
        third: dict[str, dict[str, list[float]]] = {s: {op: [] for op in WRITES} for s in trees}
        for turn in range(turns):
            order = ("before", "after") if turn % 2 == 0 else ("after", "before")
            for side in order:
                got = workers[side].ask(str(batch))
                for op in WRITES:
                    for key in ("wall", "cpu"):
                        samples[side][op][key] += got[op][key]
                    third[side][op] += got[op]["wall"]
            if (turn + 1) % math.ceil(turns / 3) == 0 or turn + 1 == turns:
                thirds.append(
                    {
                        op: round(
                            statistics.median(third["after"][op])
                            / statistics.median(third["before"][op]),
                            3,
                        )
                        for op in WRITES
                    }
                )
                third = {s: {op: [] for op in WRITES} for s in trees}
            print(f"\r  turns: {turn + 1} of {turns}", end="", flush=True)
        print()
        for worker in workers.values():
            worker.close()
        written = {side: asyncio.run(_events_written(url)) for side, url in urls.items()}
    finally:
        for worker in workers.values():
            if worker.process.poll() is None:
                worker.process.kill()
        if not keep:
            for name in WRITE_COPIES.values():
                asyncio.run(_drop_database(source, name))
    results: list[dict[str, Any]] = []
    for op in WRITES:
        before = figures(samples["before"][op]["wall"], samples["before"][op]["cpu"])
        after = figures(samples["after"][op]["wall"], samples["after"][op]["cpu"])
        ratio = {k: round(after[k] / before[k], 3) for k in ("p50_ms", "p95_ms", "cpu_p50_ms")}
        results.append(
            {
                "write": op,
                "before": before,
                "after": after,
                "ratio": ratio,
                "p50_ratio_by_third": [t[op] for t in thirds],
                "met": ratio["p50_ms"] <= WRITE_TARGET and ratio["p95_ms"] <= WRITE_TARGET,
            }
        )
    print(f"\n{'write':16} {'':7} {'p50 ms':>7} {'p95 ms':>7} {'cpu ms':>7}")
    for row in results:
        for side in ("before", "after"):
            f = row[side]
            print(
                f"{row['write']:16} {side:7} {f['p50_ms']:7.2f} {f['p95_ms']:7.2f}"
                f" {f['cpu_p50_ms']:7.2f}"
            )
        r = row["ratio"]
        print(
            f"{row['write']:16} {'ratio':7} {r['p50_ms']:7.3f} {r['p95_ms']:7.3f}"
            f" {r['cpu_p50_ms']:7.3f}  target <= {WRITE_TARGET};"
            f" p50 ratio by third of the run {row['p50_ratio_by_third']}"
        )
    print(f"events written: {written}")
    return {
        "measured": "server time of the app's ASGI call; each build in a process of its own,"
        " the two taking turns",
        "before_tree": str(trees["before"]),
        "code": {side: code_version(tree) for side, tree in trees.items()},
        "iterations": iterations,
        "batch": batch,
        "warmup": warmup,
        "events_written": written,
        "machine": {**started, "load_average_after": [round(x, 2) for x in os.getloadavg()]},
        "results": results,
    }


# --- feed --------------------------------------------------------------------------------

TEAM_ONLY = Role(
    id=uuid5(NAMESPACE_URL, "crm-bench/team-only"),
    name="Team only (bench)",
    rank=40,
    access=AccessMatrix.uniform(AccessLevel.TEAM, AccessLevel.TEAM),
    grants=frozenset({Permission.USERS_READ}),
    description="",
    template_key=None,
)
# caller -> (seeded user, role it acts with instead of its own)
FEED_CALLERS: dict[str, tuple[str, Role | None]] = {
    "owner": ("owner", None),
    "senior_manager": ("senior_manager", None),
    "manager": ("manager", None),
    "team_only": ("senior_manager", TEAM_ONLY),
    "manager_own": ("manager", OWN_ONLY),
}
RULE_ID = uuid5(NAMESPACE_URL, "crm-bench/rule")

# One chunk of events, numbered $1..$2 of $3. Values come from hashes of the number, so a
# chunk is the same whichever connection writes it. 35% of the events are on contacts,
# 25% on interactions, 15% tasks, 12% deals, 8% companies, 5% requests; 25% created, 72%
# updated, 3% archived; owners evenly over the staff (their team with them); a second
# reader for half the interactions (a participant) and 30% of tasks and requests (an
# assignee); 1% of the updates of contacts, companies and deals hand the record over from
# someone of another team (the former audience); 40% of the deals' updates are moves, 20%
# of the tasks' completions. About one transaction in nine writes two events (a merge; a
# won deal making its contact a customer): `tx`, the event clock's number of the
# transaction, counts one per transaction. The state: a real record's of the kind, with
# the event's id, owner, team, version and times.
FILL_SQL = """
WITH r AS (
  SELECT i,
    (hashint8extended(i, 1) & 1048575) / 1048576.0 AS r_kind,
    (hashint8extended(i, 2) & 1048575) / 1048576.0 AS r_action,
    (hashint8extended(i, 3) & 1048575) / 1048576.0 AS r_second,
    (hashint8extended(i, 4) & 1048575) / 1048576.0 AS r_rule,
    1 + (hashint8extended(i, 5) & 2147483647) % cardinality($6::uuid[]) AS u,
    1 + (hashint8extended(i, 6) & 2147483647) % cardinality($6::uuid[]) AS v,
    (hashint8extended(i, 7) & 2147483647) % 2000000 AS rec
  FROM generate_series($1::bigint, $2::bigint) AS i
), k AS (
  SELECT r.*,
    CASE WHEN r_kind < 0.35 THEN 'contact' WHEN r_kind < 0.60 THEN 'interaction'
         WHEN r_kind < 0.75 THEN 'task' WHEN r_kind < 0.87 THEN 'deal'
         WHEN r_kind < 0.95 THEN 'company' ELSE 'request' END AS entity,
    CASE WHEN r_action < 0.25 THEN 'created'
         WHEN r_action >= 0.97 THEN 'archived'
         WHEN r_kind >= 0.75 AND r_kind < 0.87 AND r_rule >= 0.6 THEN 'moved'
         WHEN r_kind >= 0.60 AND r_kind < 0.75 AND r_rule >= 0.8 THEN 'completed'
         ELSE 'updated' END AS action,
    ($6::uuid[])[u] AS owner, ($7::uuid[])[u] AS team,
    ($6::uuid[])[v] AS other, ($7::uuid[])[v] AS other_team,
    $4::timestamptz + make_interval(secs => $5::float8 * i / $3::bigint) AS at
  FROM r
), a AS (
  SELECT k.*,
    md5(entity || ':' || rec)::uuid AS entity_id,
    CASE WHEN action = 'created' THEN 1 ELSE 2 + rec % 30 END AS version,
    CASE WHEN entity = 'interaction' AND r_second < 0.5 AND other <> owner THEN other
         WHEN entity IN ('task', 'request') AND r_second < 0.3 AND other <> owner THEN other
         END AS second,
    action IN ('updated', 'moved') AND entity IN ('contact', 'company', 'deal')
      AND r_second > 0.99
      AND other_team IS DISTINCT FROM team AS handed
  FROM k
)
INSERT INTO events (seq, tx, occurred_at, entity_type, action, entity_id, version, actor_id,
                    rule_id, team_id, user_ids, former_team_id, former_user_ids, state)
SELECT i,
  i - (i + 1) / 9,
  at, entity, action, entity_id, version, owner,
  CASE WHEN r_rule < 0.05 THEN $9::uuid END,
  team,
  ' ' || owner || coalesce(' ' || second, '') || ' ',
  CASE WHEN handed THEN other_team END,
  CASE WHEN handed THEN ' ' || other || ' ' END,
  ($8::jsonb -> entity)
    || jsonb_build_object('id', entity_id, 'owner_id', owner, 'team_id', team,
                          'version', version, 'updated_at', at,
                          'archived_at', CASE WHEN action = 'archived' THEN at END)
    || CASE entity
         WHEN 'interaction' THEN jsonb_build_object(
           'user_ids', to_jsonb(array_remove(ARRAY[owner, second], NULL)))
         WHEN 'task' THEN jsonb_build_object('assignee_id', coalesce(second, owner))
         WHEN 'request' THEN jsonb_build_object('assignee_id', coalesce(second, owner))
         ELSE '{}'::jsonb END
FROM a
"""


async def _state_templates(url: str, marker: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A real record of each kind, as an event carries it (domain.changes.state_of): the
    Manager's most recently changed contact with a company, and the most recent of the
    other kinds."""
    from domain.changes import state_of

    connection = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        ids = {
            "contact": await connection.fetchval(
                """SELECT id FROM contacts WHERE owner_id = $1 AND company_id IS NOT NULL
                   AND archived_at IS NULL ORDER BY updated_at DESC LIMIT 1""",
                UUID(marker["users"]["manager"]),
            )
        }
        for entity, table in (
            ("company", "companies"),
            ("deal", "deals"),
            ("interaction", "interactions"),
            ("task", "tasks"),
            ("request", "requests"),
        ):
            ids[entity] = await connection.fetchval(
                f"SELECT id FROM {table} ORDER BY updated_at DESC LIMIT 1"  # noqa: S608
            )
    finally:
        await connection.close()
    database = Database(url)
    templates = {}
    try:
        async with SqlUnitOfWork(database.sessions()) as uow:
            repositories: dict[str, Callable[[UUID], Awaitable[Any]]] = {
                "contact": uow.contacts.get,
                "company": uow.companies.get,
                "deal": uow.deals.get,
                "interaction": uow.interactions.get,
                "task": uow.tasks.get,
                "request": uow.requests.get,
            }
            for entity, get in repositories.items():
                record = await get(ids[entity])
                assert record is not None, entity
                templates[entity] = state_of(record)
    finally:
        await database.dispose()
    return templates


def events_schema() -> str:
    """A fingerprint of the outbox's tables as this code defines them: a database filled
    for other definitions (migration 0018 changed in place) is filled again."""
    from sqlalchemy.dialects import postgresql
    from sqlalchemy.schema import CreateIndex, CreateTable

    from persistence.base import Base

    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    parts = []
    for name in sorted(n for n in Base.metadata.tables if n.startswith("event")):
        table = Base.metadata.tables[name]
        parts.append(str(CreateTable(table).compile(dialect=dialect)))
        parts += sorted(str(CreateIndex(i).compile(dialect=dialect)) for i in table.indexes)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


async def fill_events(source: URL, url: URL, events: int, chunk: int) -> dict[str, Any]:
    """crm_bench_events afresh: a copy of crm_bench at head, with `events` events."""
    from api.cli import migrate_database

    began = time.perf_counter()
    marker = await read_marker(source)
    assert marker is not None
    await _copy_database(source, str(url.database))
    plain = dsn(url)
    sqlalchemy_url = url.render_as_string(hide_password=False)
    await asyncio.to_thread(migrate_database, sqlalchemy_url)
    templates = await _state_templates(sqlalchemy_url, marker)
    connection = await asyncpg.connect(plain)
    try:
        staff = await connection.fetch(
            "SELECT id, team_id FROM users WHERE team_id IS NOT NULL ORDER BY id"
        )
        indexes = await connection.fetch(
            """SELECT indexname, indexdef FROM pg_indexes
               WHERE tablename = 'events' AND indexname <> 'pk_events'"""
        )
        for index in indexes:
            await connection.execute(f'DROP INDEX "{index["indexname"]}"')
    finally:
        await connection.close()
    span = timedelta(days=25)
    start = datetime.now(UTC) - span
    arguments = (
        events,
        start,
        span.total_seconds(),
        [s["id"] for s in staff],
        [s["team_id"] for s in staff],
        json.dumps(templates),
        RULE_ID,
    )
    chunks = [(lo, min(lo + chunk - 1, events)) for lo in range(1, events + 1, chunk)]
    written = 0

    async def writer() -> None:
        nonlocal written
        connection = await asyncpg.connect(plain)
        try:
            await connection.execute("SET synchronous_commit = off")
            while chunks:
                lo, hi = chunks.pop(0)
                await connection.execute(FILL_SQL, lo, hi, *arguments)
                written += hi - lo + 1
                print(f"\r  events: {written:,} of {events:,}", end="", flush=True)
        finally:
            await connection.close()

    await asyncio.gather(writer(), writer())
    print()
    connection = await asyncpg.connect(plain)
    try:
        for index in indexes:
            await connection.execute(index["indexdef"])
        await connection.execute(
            "SELECT setval(pg_get_serial_sequence('events', 'seq'), $1)", events
        )
        await _fill_readers(connection, events, chunk)
        # The clock goes on from the last transaction's number, as after real writes.
        await connection.execute(
            "UPDATE event_clock SET value = (SELECT max(tx) FROM events) WHERE id = 1"
        )
        await connection.execute("VACUUM (ANALYZE) events")
        size = await connection.fetchval("SELECT pg_size_pretty(pg_total_relation_size('events'))")
        state = await connection.fetchval(
            "SELECT avg(pg_column_size(state)) FROM events TABLESAMPLE SYSTEM (0.1)"
        )
        await write_marker(
            connection,
            str(url.database),
            {
                **marker,
                "feed": {
                    "events": events,
                    "generator": FEED_GENERATOR,
                    "schema": events_schema(),
                },
                "feed_filled_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "feed_seconds": round(time.perf_counter() - began),
                "events_size": size,
                "state_bytes": round(float(state)),
            },
        )
    finally:
        await connection.close()
    print(f"  {url.database}: {events:,} events, {size}, state {float(state):.0f} bytes")
    read_back = await read_marker(url)
    assert read_back is not None
    return read_back


# The readers of the events filled, as the stamp finds them (persistence.changes.readers_of).
FILL_READERS_SQL = """
    INSERT INTO event_readers (reader_id, tx, seq, entity_type, action)
    SELECT reader.id, events.tx, events.seq, events.entity_type, events.action
    FROM events CROSS JOIN LATERAL (
        SELECT CAST(person AS uuid) AS id
        FROM unnest(string_to_array(
            events.user_ids || ' ' || coalesce(events.former_user_ids, ''), ' '
        )) AS person
        WHERE person <> ''
        UNION SELECT events.team_id
        UNION SELECT events.former_team_id
    ) AS reader
    WHERE events.seq BETWEEN $1 AND $2 AND reader.id IS NOT NULL
"""


async def _fill_readers(connection: Any, events: int, chunk: int) -> None:
    """event_readers for the events filled, their key built once at the end."""
    key = await connection.fetchval(
        """SELECT pg_get_constraintdef(oid) FROM pg_constraint
           WHERE conname = 'pk_event_readers'"""
    )
    await connection.execute("ALTER TABLE event_readers DROP CONSTRAINT pk_event_readers")
    for lo in range(1, events + 1, chunk):
        await connection.execute(FILL_READERS_SQL, lo, min(lo + chunk - 1, events))
        print(f"\r  readers of events: {min(lo + chunk - 1, events):,}", end="", flush=True)
    print()
    await connection.execute(f"ALTER TABLE event_readers ADD CONSTRAINT pk_event_readers {key}")
    await connection.execute("VACUUM (ANALYZE) event_readers")


@dataclass
class FeedCase:
    caller: str
    where: str
    cursors: list[str]
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    query: list[float] = field(default_factory=list)
    items: list[int] = field(default_factory=list)
    # A digest of the first page read, as JSON written again compactly (the keys in the
    # order given): whether two builds answer the same for the same events.
    page_digest: str = ""

    @property
    def key(self) -> str:
        return f"{self.caller} {self.where}"

    @property
    def spent(self) -> float:
        return sum(self.wall)

    def figures(self) -> dict[str, Any]:
        return {
            "caller": self.caller,
            "where": self.where,
            **figures(self.wall, self.cpu),
            "query_p50_ms": round(statistics.median(self.query) * 1000, 2),
            "query_p95_ms": round(percentile(self.query, 0.95) * 1000, 2),
            "items_median": statistics.median(self.items),
            "met": percentile(self.wall, 0.95) * 1000 < FEED_TARGET_MS,
        }


async def _positions(plain: str, events: int, reads: int, seed: int) -> dict[str, list[Any]]:
    """`reads` positions of each kind: in the middle (40-60% in), near the end (the
    last 1%: a follower some hours behind) and at the end (the last 100: in step)."""
    rnd = random.Random(seed)
    ranges = {
        "middle": (int(events * 0.4), int(events * 0.6)),
        "near end": (events - events // 100, events - 100),
        "at end": (events - 100, events),
    }
    connection = await asyncpg.connect(plain)
    try:
        found = {}
        for where, (lo, hi) in ranges.items():
            seqs = [rnd.randint(lo, hi) for _ in range(reads)]
            rows = await connection.fetch(
                "SELECT seq, tx, occurred_at FROM events WHERE seq = ANY($1::bigint[])", seqs
            )
            by_seq = {r["seq"]: r for r in rows}
            found[where] = [by_seq[s] for s in seqs]
    finally:
        await connection.close()
    return found


async def _feed_statement(reader: Any, position: Any, limit: int) -> Any:
    """The statement SqlChangeRepository.after runs (no types asked for), caught instead
    of run, so that the SQL timed alone is always the repository's own."""
    from persistence import changes

    stored: Any = changes  # its `read` is swapped for a moment
    caught: list[Any] = []

    async def catch(session: Any, statement: Any, params: Any = None) -> list[Any]:
        caught.append(statement)
        return []

    repository = object.__new__(stored.SqlChangeRepository)
    repository.session = None
    read = stored.read
    stored.read = catch
    try:
        await stored.SqlChangeRepository.after(repository, reader, position, frozenset(), limit)
    finally:
        stored.read = read
    return caught[0]


class FeedReads:
    """The app on one build, signed in as each caller, with `reads` cursors for each
    caller and position (the same on every build: the positions come from a fixed seed):
    `read(n)` reads the n-th of every case. Only what every build since the outbox has
    (the app, the repository's `after`, the cursor), so that a `feed-worker` runs it on
    the build before too."""

    def __init__(self, url: URL, marker: dict[str, Any], reads: int) -> None:
        self.url, self.marker, self.reads = url, marker, reads
        sqlalchemy_url = url.render_as_string(hide_password=False)
        self.database = Database(sqlalchemy_url)
        settings = Settings(
            database_url=sqlalchemy_url,
            jwt_secret=SECRET,
            event_retention_days=3650,
            **NO_RATE_LIMITS,
        )
        self.app = create_app(settings, database=self.database)
        self.timed = Timed(self.app)
        self.headers: dict[str, dict[str, str]] = {}
        self.principals: dict[str, Any] = {}
        self.cases: list[FeedCase] = []
        self.positions: dict[str, list[Any]] = {}
        self.last_query = [0.0]

    async def __aenter__(self) -> FeedReads:
        from domain.access.users import principal_of
        from domain.changes import FeedPosition, _cursor
        from domain.pagination import PageRequest
        from persistence import changes as stored

        tokens = TokenSettings(secret=SECRET, access_ttl=timedelta(hours=8))
        async with SqlUnitOfWork(self.database.sessions()) as uow:
            for caller, (seeded, acting_as) in FEED_CALLERS.items():
                user = await uow.users.get(UUID(self.marker["users"][seeded]))
                assert user is not None
                if acting_as is not None:
                    user = replace(user, role=acting_as)
                token = await sign_in_as(uow, tokens, user)
                self.headers[caller] = {"Authorization": f"Bearer {token}"}
                self.principals[caller] = principal_of(user)
            await uow.commit()
        events = self.marker["feed"]["events"]
        self.positions = await _positions(dsn(self.url), events, self.reads, seed=16)
        page = PageRequest(limit=FEED_PAGE, cursor_key=self.app.state.cursor_key)
        self.cases = [
            FeedCase(
                caller,
                where,
                [
                    _cursor(page, FeedPosition(int(p["tx"]), int(p["seq"])), p["occurred_at"])
                    for p in found
                ],
            )
            for where, found in self.positions.items()
            for caller in FEED_CALLERS
        ]
        # The repository's query, timed within the request: the rest is the app's work.
        self.original_after = stored.SqlChangeRepository.after
        original, last_query = self.original_after, self.last_query

        async def after(repository: Any, *args: Any) -> Any:
            started = time.perf_counter()
            try:
                return await original(repository, *args)
            finally:
                last_query[0] = time.perf_counter() - started

        stored.SqlChangeRepository.after = after  # type: ignore[method-assign,assignment]
        self.lifespan = self.app.router.lifespan_context(self.app)
        await self.lifespan.__aenter__()
        transport = httpx.ASGITransport(app=self.timed)
        self.client = httpx.AsyncClient(transport=transport, base_url="http://bench")
        return self

    async def __aexit__(self, *exc: object) -> None:
        from persistence import changes as stored

        await self.client.aclose()
        await self.lifespan.__aexit__(None, None, None)
        stored.SqlChangeRepository.after = self.original_after  # type: ignore[method-assign]
        await self.database.dispose()

    async def get(self, case: FeedCase, n: int, record: bool) -> None:
        params: dict[str, str | int] = {"after": case.cursors[n], "limit": FEED_PAGE}
        response = await self.client.get(
            "/api/v1/events", params=params, headers=self.headers[case.caller]
        )
        if response.status_code != 200:
            raise SystemExit(f"{case.caller} {case.where}: {response.status_code} {response.text}")
        if record:
            case.wall.append(self.timed.last)
            case.cpu.append(self.timed.last_cpu)
            case.query.append(self.last_query[0])
            page = response.json()
            case.items.append(len(page["items"]))
            if not case.page_digest:
                if not page["items"]:
                    del page["next_cursor"]  # it carries the time of the read
                text = json.dumps(page, ensure_ascii=False, separators=(",", ":"))
                case.page_digest = hashlib.sha256(text.encode()).hexdigest()[:16]

    async def warm_up(self) -> None:
        for n in range(2):
            for case in self.cases:
                await self.get(case, self.reads - 1 - n, record=False)

    async def read(self, n: int, case_seconds: float) -> None:
        """The n-th read of every case; a case slower than the budget allows is read
        fewer times (at least 5)."""
        for case in self.cases:
            if len(case.wall) < 5 or case.spent < case_seconds:
                await self.get(case, n, record=True)


def _print_feed(results: Sequence[dict[str, Any]]) -> None:
    print(
        f"\n{'caller':15} {'from':9} {'p50 ms':>8} {'p95 ms':>8} {'cpu ms':>7}"
        f" {'query p50':>9} {'p95':>8} {'items':>5} {'reads':>5}  p95 < {FEED_TARGET_MS:.0f} ms"
    )
    for row in results:
        print(
            f"{row['caller']:15} {row['where']:9} {row['p50_ms']:8.1f}"
            f" {row['p95_ms']:8.1f} {row['cpu_p50_ms']:7.1f} {row['query_p50_ms']:9.1f}"
            f" {row['query_p95_ms']:8.1f} {row['items_median']:5.0f} {row['n']:5}"
            f"  {'ok' if row['met'] else 'MISSED'}"
        )


async def read_feed_bench(
    url: URL, marker: dict[str, Any], reads: int, probes: int, case_seconds: float
) -> Any:
    from domain.changes import feed_reader

    started = machine()
    async with FeedReads(url, marker, reads) as feed:
        await feed.warm_up()
        began = time.perf_counter()
        for n in range(reads):
            await feed.read(n, case_seconds)
            print(f"\r  reads: {n + 1} of {reads}", end="", flush=True)
        print()
        seconds = time.perf_counter() - began
        results = [case.figures() for case in feed.cases]
        _print_feed(results)
        print(f"{len(feed.cases)} cases, up to {reads} reads each, in {seconds:.0f} s")
        readers = {c: feed_reader(p) for c, p in feed.principals.items()}
        queries = await _sql_alone(feed.database, readers, feed.positions, probes, case_seconds)
    return {
        "measured": "server time of the app's ASGI call, in-process (httpx ASGITransport);"
        " query: the repository's `after` within it",
        "events": marker["feed"]["events"],
        "code": code_version(THIS_TREE),
        "database": _database_of(url, marker),
        "reads": reads,
        "machine": {**started, "load_average_after": [round(x, 2) for x in os.getloadavg()]},
        "results": results,
        "sql_alone": queries,
    }


def _database_of(url: URL, marker: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": url.database,
        "filled_at": marker.get("feed_filled_at"),
        "events_size": marker.get("events_size"),
        "state_bytes": marker.get("state_bytes"),
    }


async def feed_worker(url: str, reads: int, case_seconds: float) -> None:
    """One build's reads, in a process of its own: sets up and warms up, then for each
    number k read from stdin reads the (k-1)-th cursor of every case and answers its
    timings as one JSON line; 0 ends it, answering every case's figures."""
    import api

    source = make_url(url)
    marker = await read_marker(source)
    assert marker is not None
    async with FeedReads(source, marker, reads) as feed:
        await feed.warm_up()
        print(REPLY + json.dumps({"ready": api.__file__}), flush=True)
        while k := int(await asyncio.to_thread(sys.stdin.readline) or 0):
            await feed.read(k - 1, case_seconds)
            print(REPLY + json.dumps({"read": k}), flush=True)
        answer = {
            case.key: {**case.figures(), "page_digest": case.page_digest} for case in feed.cases
        }
    print(REPLY + json.dumps(answer), flush=True)


def feed_compare(
    before_tree: Path, url: URL, marker: dict[str, Any], reads: int, case_seconds: float
) -> Any:
    """The build before (`before_tree`) and this one, each in a process of its own on the
    same database, taking turns read by read (which goes first flips every read), so that
    load from elsewhere falls on both alike; the figures of both and the ratios
    after/before, and whether both answered the same JSON for the same events."""
    trees = {"before": before_tree, "after": THIS_TREE}
    plain = url.render_as_string(hide_password=False)
    started = machine()
    workers: dict[str, Worker] = {}
    try:
        for side, tree in trees.items():
            workers[side] = Worker(tree, "feed-worker", plain, str(reads), str(case_seconds))
        for side, worker in workers.items():
            code = worker.ask(None)["ready"]
            if not code.startswith(str(trees[side])):
                raise SystemExit(f"the {side} worker runs {code}, not {trees[side]}'s code")
        began = time.perf_counter()
        for n in range(reads):
            order = ("before", "after") if n % 2 == 0 else ("after", "before")
            for side in order:
                workers[side].ask(str(n + 1))
            print(f"\r  reads: {n + 1} of {reads}", end="", flush=True)
        print()
        seconds = time.perf_counter() - began
        got = {side: worker.ask("0") for side, worker in workers.items()}
        for worker in workers.values():
            assert worker.process.stdin is not None
            worker.process.stdin.close()
            worker.process.wait(timeout=60)
            worker.log.close()
    finally:
        for worker in workers.values():
            if worker.process.poll() is None:
                worker.process.kill()
    results = []
    for key, after in got["after"].items():
        before = got["before"][key]
        ratio = {
            k: round(after[k] / before[k], 3)
            for k in ("p50_ms", "p95_ms", "cpu_p50_ms", "query_p50_ms")
        }
        same = after["page_digest"] == before["page_digest"]
        results.append({**after, "before": before, "ratio": ratio, "same_json": same})
    print("\nbefore:")
    _print_feed([r["before"] for r in results])
    print("\nafter:")
    _print_feed(results)
    print(
        f"\n{'caller':15} {'from':9} {'p50':>6} {'p95':>6} {'cpu':>6} {'query':>6}"
        "  after/before; same JSON"
    )
    for row in results:
        r = row["ratio"]
        print(
            f"{row['caller']:15} {row['where']:9} {r['p50_ms']:6.2f} {r['p95_ms']:6.2f}"
            f" {r['cpu_p50_ms']:6.2f} {r['query_p50_ms']:6.2f}  {row['same_json']}"
        )
    full = [r for r in results if r["items_median"] >= FEED_PAGE]

    def geomean(values: list[float]) -> float:
        return round(math.exp(statistics.mean(math.log(v) for v in values)), 3)

    summary = {
        k: geomean([r["ratio"][k] for r in full])
        for k in ("p50_ms", "p95_ms", "cpu_p50_ms", "query_p50_ms")
    }
    print(f"geometric mean of the ratios over the full pages ({len(full)} cases): {summary}")
    print(f"{len(results)} cases, up to {reads} reads each per build, in {seconds:.0f} s")
    return {
        "measured": "server time of the app's ASGI call, in-process (httpx ASGITransport), each"
        " build in a process of its own, taking turns read by read; query: the repository's"
        " `after` within it",
        "events": marker["feed"]["events"],
        "before_tree": str(before_tree),
        "code": {side: code_version(tree) for side, tree in trees.items()},
        "database": _database_of(url, marker),
        "reads": reads,
        "machine": {**started, "load_average_after": [round(x, 2) for x in os.getloadavg()]},
        "ratio_geomean_full_pages": summary,
        "results": results,
    }


async def _sql_alone(
    database: Database,
    readers: dict[str, Any],
    positions: dict[str, list[Any]],
    probes: int,
    case_seconds: float,
) -> list[dict[str, Any]]:
    """The repository's SQL alone, on a plain asyncpg connection (rows fetched, the state
    left as text): where a read's time goes between PostgreSQL and the app; and its plan
    at the first middle position."""
    from domain.changes import FeedPosition

    dialect = database.engine.dialect

    async def sql(reader: Any, position: Any) -> str:
        statement = await _feed_statement(reader, position, FEED_PAGE + 1)
        return str(statement.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))

    connection = await asyncpg.connect(
        database.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    )
    results = []
    try:
        await connection.execute("SET jit = off")  # as persistence/database.py
        for caller, reader in readers.items():
            for where, found in positions.items():
                entry: dict[str, Any] = {"caller": caller, "where": where}
                timings: list[float] = []
                for n in range(probes):
                    position = FeedPosition(int(found[n]["tx"]), int(found[n]["seq"]))
                    text = await sql(reader, position)
                    started = time.perf_counter()
                    rows = await connection.fetch(text)
                    timings.append(time.perf_counter() - started)
                    entry["rows"] = len(rows)
                    if n >= 2 and sum(timings) > case_seconds:
                        break
                entry["p50_ms"] = round(statistics.median(timings) * 1000, 1)
                entry["p95_ms"] = round(percentile(timings, 0.95) * 1000, 1)
                entry["n"] = len(timings)
                if where == "middle":
                    position = FeedPosition(int(found[0]["tx"]), int(found[0]["seq"]))
                    plan = await connection.fetch(
                        f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) {await sql(reader, position)}"
                    )
                    entry["plan"] = [row[0] for row in plan]
                results.append(entry)
                print(
                    f"  SQL alone {caller:15} {where:9} rows {entry['rows']:5}"
                    f"  p50 {entry['p50_ms']:7.1f} p95 {entry['p95_ms']:7.1f}",
                    flush=True,
                )
    finally:
        await connection.close()
    return results


async def feed(
    events: int,
    reads: int,
    probes: int,
    reuse: bool,
    chunk: int,
    fill_only: bool,
    case_seconds: float,
    database: str,
    before_tree: Path | None = None,
) -> Any:
    from api.cli import migrate_database

    source = bench_url()
    if await read_marker(source) is None:
        raise SystemExit(f"{source.database} is not seeded: run `python -m bench.seed` first")
    if not database.startswith(NAME_PREFIX):
        raise SystemExit(f"--database must start with {NAME_PREFIX}: it is dropped and refilled")
    url = source.set(database=database)
    marker = await read_marker(url)
    wanted = {"events": events, "generator": FEED_GENERATOR, "schema": events_schema()}
    if reuse and marker is not None and marker.get("feed") == wanted:
        await asyncio.to_thread(migrate_database, url.render_as_string(hide_password=False))
        print(f"{database} was filled alike on {marker['feed_filled_at']}; reused.")
    else:
        print(f"Filling {database} with {events:,} events", flush=True)
        marker = await fill_events(source, url, events, chunk)
    if fill_only:
        return None
    if before_tree is not None:
        return await asyncio.to_thread(feed_compare, before_tree, url, marker, reads, case_seconds)
    return await read_feed_bench(url, marker, reads, probes, case_seconds)


# --- command line ------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.change_feed", description=__doc__)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    commands = parser.add_subparsers(dest="command", required=True)
    w = commands.add_parser("writes", help="a write's cost, before the outbox and now")
    w.add_argument("--before-tree", type=Path, required=True, help="a checkout of the build before")
    w.add_argument("--iterations", type=int, default=300, help="of each write, per build")
    w.add_argument("--batch", type=int, default=10, help="writes of each kind per turn")
    w.add_argument("--warmup", type=int, default=30)
    w.add_argument("--keep", action="store_true", help="keep the two copies of crm_bench")
    w.add_argument("--json")
    f = commands.add_parser("feed", help="reading 1,000 events at a time of 10 million")
    f.add_argument("--events", type=int, default=10_000_000)
    f.add_argument("--reads", type=int, default=200, help="per caller and position")
    f.add_argument("--probes", type=int, default=20, help="of the SQL alone, per case")
    f.add_argument(
        "--case-seconds",
        type=float,
        default=120,
        help="stop repeating a case (at least 5 reads) once its reads took this long",
    )
    f.add_argument("--database", default=EVENTS_DATABASE, help="where the events are")
    f.add_argument("--reuse", action="store_true", help="keep the database if filled alike")
    f.add_argument("--chunk", type=int, default=250_000, help="events per INSERT")
    f.add_argument("--fill-only", action="store_true", help="fill the database, read nothing")
    f.add_argument(
        "--before-tree",
        type=Path,
        help="a checkout of another build: read with it and with this one, taking turns",
    )
    f.add_argument("--json")
    # Run by `writes` on each build, in a process of its own.
    commands.add_parser("head")
    ww = commands.add_parser("write-worker")
    ww.add_argument("url")
    ww.add_argument("manager", type=UUID)
    ww.add_argument("warmup", type=int)
    fw = commands.add_parser("feed-worker")
    fw.add_argument("url")
    fw.add_argument("reads", type=int)
    fw.add_argument("case_seconds", type=float)
    args = parser.parse_args(argv)
    if args.command == "head":
        from alembic.script import ScriptDirectory

        from api.cli import alembic_config

        print(ScriptDirectory.from_config(alembic_config("")).get_current_head())
        return
    if args.command == "write-worker":
        asyncio.run(write_worker(args.url, args.manager, args.warmup))
        return
    if args.command == "feed-worker":
        asyncio.run(feed_worker(args.url, args.reads, args.case_seconds))
        return
    before_tree = getattr(args, "before_tree", None)
    if before_tree is not None and not (before_tree / "api" / "app.py").is_file():
        parser.error(f"--before-tree {before_tree} is no checkout of this project")
    if args.command == "writes":
        summary = writes(
            args.before_tree.resolve(), args.iterations, args.batch, args.warmup, args.keep
        )
    else:
        summary = asyncio.run(
            feed(
                args.events,
                args.reads,
                args.probes,
                args.reuse,
                args.chunk,
                args.fill_only,
                args.case_seconds,
                args.database,
                args.before_tree.resolve() if args.before_tree else None,
            )
        )
        if summary is None:
            return
    text = json.dumps(summary, indent=2, ensure_ascii=False, default=str)
    if args.json:
        Path(args.json).write_text(text + "\n")
    else:
        print(text)
    if not all(r["met"] for r in summary["results"]):
        sys.exit(1)


if __name__ == "__main__":
    main()
