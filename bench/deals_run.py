"""Times the deal board and the forecast and funnel reports over the data set of
`bench.deals_seed`, as the Owner (scope all), a Senior manager (their team) and a
Manager (their own deals).

    python -m bench.deals_run [--iterations 60] [--warmup 5] [--json PATH]

Requests go through the real FastAPI app in process (httpx's ASGI transport) with real
access tokens, so a figure is the server's time for the request: routing, token check,
queries, serialization; no network. Prints a table and the figures as JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import statistics
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from api.app import create_app
from api.settings import Settings
from auth.sessions import sign_in_as
from auth.tokens import TokenSettings
from bench.deals_seed import ANCHOR, database_url
from bench.run import NO_RATE_LIMITS
from domain.access.roles import TEMPLATES_BY_KEY
from domain.funnel.pipelines import DEFAULT_PIPELINE
from persistence.database import Database
from persistence.uow import SqlUnitOfWork

SECRET = "bench-secret-that-is-long-enough-for-hs256-signing"  # noqa: S105
TARGET_MS = 200.0


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _months_later(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# Forecast: six months back (won deals) and six ahead (open deals expected to close);
# funnel: deals created in the twelve months up to the anchor, the larger half of them.
THIS_MONTH = _month_start(ANCHOR.date())
FORECAST_WINDOW = (_months_later(THIS_MONTH, -6), _months_later(THIS_MONTH, 6))
FUNNEL_WINDOW = (_months_later(THIS_MONTH, -11), _months_later(THIS_MONTH, 1))
# The reports sum whole months from running totals and the days of a month the window
# starts or ends within from the deals: this one has half a month at either end.
MID_MONTH_WINDOW = tuple(day.replace(day=15) for day in FUNNEL_WINDOW)


@dataclass(frozen=True)
class Case:
    name: str
    path: str
    params: dict[str, str]


CASES = (
    Case("board", f"/api/v1/pipelines/{DEFAULT_PIPELINE.id}/board", {}),
    Case(
        "forecast by month",
        "/api/v1/reports/forecast",
        {"from": str(FORECAST_WINDOW[0]), "to": str(FORECAST_WINDOW[1]), "group_by": "month"},
    ),
    Case(
        "forecast by owner",
        "/api/v1/reports/forecast",
        {"from": str(FORECAST_WINDOW[0]), "to": str(FORECAST_WINDOW[1]), "group_by": "owner"},
    ),
    Case(
        "funnel",
        "/api/v1/reports/funnel",
        {"from": str(FUNNEL_WINDOW[0]), "to": str(FUNNEL_WINDOW[1])},
    ),
    Case(
        "funnel mid-month",
        "/api/v1/reports/funnel",
        {"from": str(MID_MONTH_WINDOW[0]), "to": str(MID_MONTH_WINDOW[1])},
    ),
)

# The busiest of each kind: the Manager with the most deals, the Senior manager of the
# team with the most; the Owner sees everything anyway.
CALLERS_SQL = """
SELECT 'owner' AS role, u.id, (SELECT count(*) FROM deals WHERE pipeline_id = :pipeline) AS seen
FROM users u WHERE u.role_id = :owner
UNION ALL (
  SELECT 'senior_manager', u.id, count(d.id)
  FROM users u JOIN deals d ON d.team_id = u.team_id AND d.pipeline_id = :pipeline
  WHERE u.role_id = :senior_manager GROUP BY u.id ORDER BY count(d.id) DESC LIMIT 1)
UNION ALL (
  SELECT 'manager', u.id, count(d.id)
  FROM users u JOIN deals d ON d.owner_id = u.id AND d.pipeline_id = :pipeline
  WHERE u.role_id = :manager GROUP BY u.id ORDER BY count(d.id) DESC LIMIT 1)
"""
ROLES = ("owner", "senior_manager", "manager")


@dataclass(frozen=True)
class Caller:
    role: str
    headers: dict[str, str]
    deals_seen: int


async def _callers(database: Database) -> list[Caller]:
    async with database.engine.connect() as connection:
        rows = (
            await connection.execute(
                text(CALLERS_SQL),
                {
                    "pipeline": DEFAULT_PIPELINE.id,
                    **{role: TEMPLATES_BY_KEY[role].id for role in ROLES},
                },
            )
        ).all()
    found = {role: (user_id, seen) for role, user_id, seen in rows}
    missing = [role for role in ROLES if role not in found]
    if missing:
        sys.exit(f"No {', '.join(missing)} with deals: run `python -m bench.deals_seed` first.")
    # A bench run outlasts the 15 minutes tokens normally live.
    tokens = TokenSettings(secret=SECRET, access_ttl=timedelta(hours=2))
    callers = []
    async with SqlUnitOfWork(database.sessions()) as uow:
        for role in ROLES:
            user_id, seen = found[role]
            user = await uow.users.get(uuid.UUID(str(user_id)))
            assert user is not None
            token = await sign_in_as(uow, tokens, user)
            callers.append(Caller(role, {"Authorization": f"Bearer {token}"}, int(seen)))
        await uow.commit()
    return callers


def _percentile(values: list[float], share: float) -> float:
    """Nearest rank: the smallest value at least `share` of the values do not exceed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


async def _time(
    client: httpx.AsyncClient, case: Case, caller: Caller, iterations: int, warmup: int
) -> list[float]:
    timings = []
    for n in range(warmup + iterations):
        started = time.perf_counter()
        response = await client.get(case.path, params=case.params, headers=caller.headers)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            sys.exit(f"{case.name} as {caller.role}: {response.status_code} {response.text}")
        if n >= warmup:
            timings.append(elapsed)
    return timings


async def run(iterations: int, warmup: int) -> dict[str, Any]:
    url = database_url()
    database = Database(url)
    try:
        callers = await _callers(database)
        app = create_app(
            Settings(database_url=url, jwt_secret=SECRET, **NO_RATE_LIMITS), database=database
        )
        results = []
        transport = httpx.ASGITransport(app=app)
        # The app's startup runs as a server's would (httpx's transport does not run it).
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=transport, base_url="http://bench") as client,
        ):
            for case in CASES:
                for caller in callers:
                    timings = await _time(client, case, caller, iterations, warmup)
                    results.append(
                        {
                            "case": case.name,
                            "role": caller.role,
                            "deals_seen": caller.deals_seen,
                            "p50_ms": round(statistics.median(timings), 1),
                            "p95_ms": round(_percentile(timings, 0.95), 1),
                            "max_ms": round(max(timings), 1),
                        }
                    )
    finally:
        await database.dispose()
    return {
        "database": url.rsplit("/", 1)[-1],
        "iterations": iterations,
        "warmup": warmup,
        "forecast_window": [str(d) for d in FORECAST_WINDOW],
        "funnel_window": [str(d) for d in FUNNEL_WINDOW],
        "mid_month_window": [str(d) for d in MID_MONTH_WINDOW],
        "target_p95_ms": TARGET_MS,
        "results": results,
    }


def _table(report: dict[str, Any]) -> str:
    lines = [
        f"{'case':<18} {'role':<15} {'deals seen':>10} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}",
    ]
    for r in report["results"]:
        flag = "" if r["p95_ms"] < report["target_p95_ms"] else "  over target"
        lines.append(
            f"{r['case']:<18} {r['role']:<15} {r['deals_seen']:>10,} {r['p50_ms']:>8.1f}"
            f" {r['p95_ms']:>8.1f} {r['max_ms']:>8.1f}{flag}"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--iterations", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    arguments = parser.parse_args()
    report = asyncio.run(run(arguments.iterations, arguments.warmup))
    print(_table(report))
    print(json.dumps(report, indent=2))
    if arguments.json:
        arguments.json.write_text(json.dumps(report, indent=2) + "\n")
    over = [r for r in report["results"] if r["p95_ms"] >= report["target_p95_ms"]]
    if over:
        sys.exit(f"{len(over)} case(s) over the {TARGET_MS:.0f} ms p95 target")


if __name__ == "__main__":
    main()
