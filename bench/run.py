"""Times the contact lists, search and a long timeline: `python -m bench.run`.

Runs the real FastAPI app in this process (httpx's ASGITransport, no network) against
the database `python -m bench.seed` loaded, signed in as an Owner (reads all), a Senior
manager (reads the whole directory, works the team's), a Manager (reads the whole
directory, writes their own: "read all, write own") and the same Manager acting with a
role that reads and writes only their own ("manager_own", as the Manager did before access
levels per kind: the own branches of the scope, with the responsible-person rule).
Server time is the ASGI call of the app, from the request reaching it to the last byte
of the response: routing, authentication, validation, the queries over asyncpg and the
JSON. Each query runs `--iterations` times, all queries taking turns, so load from
elsewhere on the machine spreads over all of them.
Prints a table and a JSON summary; its `cpu ms` is the median CPU time this process spent
per request (the database's own is not in it), which grows less than server time when
other work loads the machine."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from uuid import NAMESPACE_URL, UUID, uuid5

import asyncpg
import httpx
import phonenumbers
from starlette.types import ASGIApp, Receive, Scope, Send

from api.app import create_app
from api.settings import Settings
from auth.sessions import sign_in_as
from auth.tokens import TokenSettings
from bench.database import bench_url, dsn, read_marker
from domain.access.levels import AccessLevel, AccessMatrix
from domain.access.roles import Permission, Role
from persistence.database import Database
from persistence.uow import SqlUnitOfWork

SECRET = "bench-secret-long-enough-for-hs256-signing-only"  # noqa: S105 - signs bench tokens
# A benchmark sends thousands of requests a minute as one person: the app it measures
# counts them (api/rate_limits.py) but never stops them.
NO_RATE_LIMITS: dict[str, Any] = {
    "rate_limit_key": "100000000/minute",
    "rate_limit_user": "100000000/minute",
    "rate_limit_anonymous": "100000000/minute",
}
CONTACTS = "/api/v1/contacts"
LIST_TARGET_MS = 30.0
TIMELINE_TARGET_MS = 20.0
DEEP_ROWS = 10_000
PAGE = 50
ROLES = ("owner", "senior_manager", "manager", "manager_own")
# The seeded user each caller signs in as, when it is not the caller's own name, and the
# role it acts with then (the access token carries the role's claims).
OWN_ONLY = Role(
    id=uuid5(NAMESPACE_URL, "crm-bench/own-only"),
    name="Own only (bench)",
    rank=30,
    access=AccessMatrix.uniform(AccessLevel.OWN, AccessLevel.OWN),
    grants=frozenset({Permission.USERS_READ}),
    description="",
    template_key=None,
)
STAND_INS = {"manager_own": ("manager", OWN_ONLY)}


class Timed:
    """The app, remembering how long its last call took, and how much of this process's
    CPU time it used (PostgreSQL's is not in it): on a machine others load too, the
    first grows with their load, the second much less."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.last = 0.0
        self.last_cpu = 0.0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started, cpu = time.perf_counter(), time.process_time()
        try:
            await self.app(scope, receive, send)
        finally:
            self.last = time.perf_counter() - started
            self.last_cpu = time.process_time() - cpu


@dataclass
class Query:
    name: str
    role: str
    path: str
    params: dict[str, Any]
    target_ms: float
    must_find: str | None = None  # an id the answer has to contain
    samples: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    items: int = 0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] * 1000

    @property
    def p50(self) -> float:
        return statistics.median(self.samples) * 1000

    @property
    def p95(self) -> float:
        return self.percentile(0.95)

    @property
    def cpu_p50(self) -> float:
        return statistics.median(self.cpu) * 1000

    @property
    def met(self) -> bool:
        return self.p95 < self.target_ms


def typo(word: str) -> str:
    """Two neighbouring letters swapped inside the word ("Müller" -> "Mülelr")."""
    i = max(1, len(word) - 3)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


async def probes(url: Any, manager: str) -> dict[str, str]:
    """What to search for: a prefix and a typo of the most common surname (the costliest
    name searches), and the e-mail, phone and company of a contact the Manager owns (so
    every role's search has something to find)."""
    connection = await asyncpg.connect(dsn(url))
    try:
        common = await connection.fetchval(
            """SELECT last_name FROM contacts WHERE last_name ~ '^[A-Za-zÀ-ž]{5,}$'
               GROUP BY last_name ORDER BY count(*) DESC LIMIT 1"""
        )
        row = await connection.fetchrow(
            """SELECT c.id, c.company_name, e.email, p.phone FROM contacts c
               JOIN contact_emails e ON e.contact_id = c.id AND e.is_primary
               JOIN contact_phones p ON p.contact_id = c.id AND p.is_primary
               WHERE c.owner_id = $1 AND c.archived_at IS NULL AND c.company_id IS NOT NULL
                 AND c.country = 'DE'
               ORDER BY c.updated_at DESC LIMIT 1""",
            UUID(manager),
        )
    finally:
        await connection.close()
    phone = phonenumbers.format_number(
        phonenumbers.parse(row["phone"]), phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return {
        "surname": common,
        "prefix": common[:5].lower(),
        "typo": typo(common).lower(),
        "contact": str(row["id"]),
        "email": row["email"],
        "phone": phone,
        "company": row["company_name"],
    }


async def deep_cursor(client: httpx.AsyncClient, headers: dict[str, str]) -> str:
    """The cursor DEEP_ROWS rows into the list, reached by following next_cursor."""
    params: dict[str, Any] = {"limit": 200, "sort": "-updated_at"}
    for _ in range((DEEP_ROWS - PAGE) // 200):
        response = await client.get(CONTACTS, params=params, headers=headers)
        response.raise_for_status()
        params["cursor"] = response.json()["next_cursor"]
    params["limit"] = PAGE
    response = await client.get(CONTACTS, params=params, headers=headers)
    cursor: str = response.json()["next_cursor"]
    return cursor


def build_queries(
    marker: dict[str, Any], found: dict[str, str], cursors: dict[str, str]
) -> list[Query]:
    base = {"limit": PAGE, "sort": "-updated_at"}
    contact_queries: list[tuple[str, dict[str, Any], str | None]] = [
        ("first page", {}, None),
        (f"deep page ({DEEP_ROWS:,} rows in)", {"cursor": None}, None),
        ("filter stage+country", {"lifecycle_stage": "customer", "country": "DE"}, None),
        ("filter tag", {"tag": "vip"}, None),
        ("filter city", {"city": "Berlin"}, None),
        (f"q name prefix {found['prefix']!r}", {"q": found["prefix"]}, None),
        ("q e-mail", {"q": found["email"]}, found["contact"]),
        (f"q phone {found['phone']!r}", {"q": found["phone"]}, found["contact"]),
        (f"q company {found['company']!r}", {"q": found["company"]}, found["contact"]),
        (f"q typo {found['typo']!r}", {"q": found["typo"]}, None),
    ]
    queries = []
    for name, extra, must_find in contact_queries:
        for role in ROLES:
            params = {**base, **extra}
            if "cursor" in params:
                params["cursor"] = cursors[role]
            queries.append(Query(name, role, CONTACTS, params, LIST_TARGET_MS, must_find))
    timeline = f"{CONTACTS}/{marker['timeline_contact']}/timeline"
    for role in ROLES:
        queries.append(
            Query(
                f"timeline first page ({marker['params']['timeline_items']:,} items)",
                role,
                timeline,
                {"limit": PAGE},
                TIMELINE_TARGET_MS,
            )
        )
    return queries


async def measure(
    client: httpx.AsyncClient,
    timed: Timed,
    query: Query,
    headers: dict[str, str],
    record: bool,
) -> None:
    response = await client.get(query.path, params=query.params, headers=headers)
    if response.status_code != 200:
        raise RuntimeError(f"{query.name} as {query.role}: {response.status_code} {response.text}")
    if record:
        query.samples.append(timed.last)
        query.cpu.append(timed.last_cpu)
    else:
        items = response.json()["items"]
        query.items = len(items)
        if query.must_find and query.must_find not in {item["id"] for item in items}:
            raise RuntimeError(f"{query.name} as {query.role} did not find {query.must_find}")


def calibration_ms() -> float:
    """The median time of a fixed piece of pure-Python work (building, encoding and
    decoding JSON, as a request does): the raw speed of the machine's Python, printed with
    the figures so that runs on different machines can be told apart (the same code once
    ran 3-4 times slower on another machine of this kind). It does not follow the drift of
    a quarter or so between runs on one machine: within minutes it stayed at 9.2-9.7 ms
    while a first page's CPU went from 4.3 to 3.3 ms."""
    rows = [
        {"id": str(UUID(int=n)), "name": f"Contact {n}", "tags": ["a", "b"], "n": n}
        for n in range(200)
    ]
    times = []
    for _ in range(7):
        started = time.process_time()
        for _ in range(50):
            json.loads(json.dumps(rows))
        times.append(time.process_time() - started)
    return statistics.median(times) * 1000


def machine() -> dict[str, Any]:
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as info:
            found = re.search(r"model name\s*:\s*(.+)", info.read())
            model = found.group(1) if found else model
    except OSError:
        pass
    return {
        "cpu": model,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "calibration_ms": round(calibration_ms(), 1),
    }


def table(queries: Sequence[Query]) -> str:
    lines = [
        f"{'query':44} {'role':15} {'p50 ms':>7} {'p95 ms':>7} {'cpu ms':>7} {'items':>5}  target",
        "-" * 100,
    ]
    for q in queries:
        verdict = "ok" if q.met else "MISSED"
        lines.append(
            f"{q.name[:44]:44} {q.role:15} {q.p50:7.1f} {q.p95:7.1f} {q.cpu_p50:7.1f} {q.items:5}"
            f"  <{q.target_ms:.0f} {verdict}"
        )
    return "\n".join(lines)


async def run(iterations: int, only: str | None) -> dict[str, Any]:
    url = bench_url()
    marker = await read_marker(url)
    if marker is None:
        raise SystemExit(f"{url.database} is not seeded: run `python -m bench.seed` first")
    sqlalchemy_url = url.render_as_string(hide_password=False)
    database = Database(sqlalchemy_url)
    app = create_app(
        Settings(database_url=sqlalchemy_url, jwt_secret=SECRET, **NO_RATE_LIMITS),
        database=database,
    )
    timed = Timed(app)
    tokens = TokenSettings(secret=SECRET)
    headers: dict[str, dict[str, str]] = {}
    async with SqlUnitOfWork(database.sessions()) as uow:
        for role in ROLES:
            seeded, acting_as = STAND_INS.get(role, (role, None))
            user = await uow.users.get(UUID(marker["users"][seeded]))
            assert user is not None
            if acting_as is not None:
                user = replace(user, role=acting_as)
            token = await sign_in_as(uow, tokens, user)
            headers[role] = {"Authorization": f"Bearer {token}"}
        await uow.commit()
    found = await probes(url, marker["users"]["manager"])
    transport = httpx.ASGITransport(app=timed)
    started = machine()
    # The app's startup runs as a server's would (httpx's transport does not run it).
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://bench") as client,
    ):
        cursors = {role: await deep_cursor(client, headers[role]) for role in ROLES}
        queries = build_queries(marker, found, cursors)
        if only:
            queries = [q for q in queries if re.search(only, f"{q.name} {q.role}")]
        for query in queries:  # checks the answers, and warms up
            await measure(client, timed, query, headers[query.role], record=False)
        for _ in range(3):
            for query in queries:
                await measure(client, timed, query, headers[query.role], record=True)
        for query in queries:
            query.samples.clear()
            query.cpu.clear()
        began = time.perf_counter()
        for _ in range(iterations):
            for query in queries:
                await measure(client, timed, query, headers[query.role], record=True)
        seconds = time.perf_counter() - began
    await database.dispose()
    print(table(queries))
    print(
        f"\nCalibration (fixed pure-Python work, see calibration_ms):"
        f" {started['calibration_ms']} ms, measured before the run."
    )
    missed = [q for q in queries if not q.met]
    print(
        f"\n{len(queries)} queries x {iterations} iterations in {seconds:.0f} s;"
        f" targets {'all met' if not missed else f'missed by {len(missed)}'}."
    )
    summary = {
        "measured": "server time: the app's ASGI call, in-process (httpx ASGITransport)",
        "iterations": iterations,
        "database": {
            "rows": marker["rows"],
            "seeded_at": marker["seeded_at"],
            "seed_seconds": marker["seconds"],
        },
        "probes": found,
        "machine": {**started, "load_average_after": [round(x, 2) for x in os.getloadavg()]},
        "results": [
            {
                "query": q.name,
                "role": q.role,
                "p50_ms": round(q.p50, 2),
                "p95_ms": round(q.p95, 2),
                "app_cpu_p50_ms": round(q.cpu_p50, 2),
                "items": q.items,
                "target_ms": q.target_ms,
                "met": q.met,
            }
            for q in queries
        ],
    }
    return summary


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--only", help="a regular expression over 'query role'")
    parser.add_argument("--json", help="also write the JSON summary to this file")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    summary = asyncio.run(run(args.iterations, args.only))
    text = json.dumps(summary, indent=2, ensure_ascii=False)
    if args.json:
        Path(args.json).write_text(text + "\n")
    print(text)
    if args.strict and not all(r["met"] for r in summary["results"]):
        sys.exit(1)


if __name__ == "__main__":
    main()
