"""The contacts list over HTTP, as a user meets it, against a floor (issue 17).

`make bench-http` (after `bench.seed --reuse`) starts `crm serve` on the seeded
crm_bench and `bench/floor.py` (a bare ASGI app running the same page SQL in one round
trip), each one process unless told, and loads them in turns with `wrk` (-t1, 16
connections by default): for each case, round after round, the API then the floor (the
order swapped every round), so that both meet the same machine. It prints each side's
req/s, p50 and p99 (medians over the rounds) and the API's share of the floor's req/s.
Without `wrk` on the PATH it loads them with a small asyncio HTTP/1.1 client of its own,
which spends more CPU per request than wrk: its ratios are lower bounds.

    python -m bench.http                       every case, 3 rounds of 5 s
    python -m bench.http --only 'first|deep' --rounds 5 --seconds 10
    python -m bench.http --workers 2           the API in 2 processes (the floor in 1)
    python -m bench.http --scaling             the first page with 1 and with 2 processes
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

import httpx

from api.app import create_app
from api.settings import Settings
from auth.sessions import sign_in_as
from auth.tokens import TokenSettings
from bench.database import bench_url, read_marker
from bench.run import NO_RATE_LIMITS, PAGE, SECRET, machine, probes
from persistence.database import Database
from persistence.uow import SqlUnitOfWork

HERE = Path(__file__).resolve().parent.parent
API_PORT, FLOOR_PORT = 8311, 8312
CONTACTS = "/api/v1/contacts"
DEEP_ROWS = 10_000
# Targets (issue 17), as the API's share of the floor's req/s in one run.
LIST_SHARE = 0.5
SEARCH_SHARE = 0.5
LIST_P99_MS = 40.0


@dataclass(frozen=True)
class Case:
    name: str
    api: str  # path and query
    floor: str | None  # None: the API alone, against its own target
    share: float | None = LIST_SHARE


@dataclass
class Load:
    """One run of the load generator against one server."""

    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


@dataclass
class Result:
    case: Case
    api: list[Load] = field(default_factory=list)
    floor: list[Load] = field(default_factory=list)

    def median(self, side: list[Load], key: str) -> float:
        return float(statistics.median(getattr(load, key) for load in side)) if side else 0.0

    def row(self) -> dict[str, Any]:
        api = {k: self.median(self.api, k) for k in ("rps", "p50_ms", "p99_ms")}
        floor = {k: self.median(self.floor, k) for k in ("rps", "p50_ms", "p99_ms")}
        share = api["rps"] / floor["rps"] if floor["rps"] else None
        return {
            "case": self.case.name,
            "api": api,
            "floor": floor if self.case.floor else None,
            "share": round(share, 3) if share is not None else None,
            "target": self.case.share,
            "errors": sum(load.errors for load in self.api + self.floor),
            "rounds": len(self.api),
        }


# --- Load generators -----------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text.strip()).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def wrk(program: str, url: str, token: str, seconds: float, connections: int) -> Load:
    out = subprocess.run(  # noqa: S603 - wrk from the PATH, our own arguments
        [
            program,
            "-t1",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",  # whole seconds only
            "--latency",
            "-H",
            f"Authorization: Bearer {token}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*?timeout (\d+)", out)
    return Load(
        rps, p50, p99, (int(bad.group(1)) if bad else 0) + (int(errors.group(1)) if errors else 0)
    )


async def _python_load(url: str, token: str, seconds: float, connections: int) -> Load:
    """wrk's measure with asyncio streams: keep-alive connections sending one request
    after another for `seconds`."""
    parsed = httpx.URL(url)
    request = (
        f"GET {parsed.raw_path.decode()} HTTP/1.1\r\nHost: {parsed.host}\r\n"
        f"Authorization: Bearer {token}\r\n\r\n"
    ).encode()
    times: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def one() -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(parsed.host, parsed.port)
        try:
            while time.perf_counter() < deadline:
                began = time.perf_counter()
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                length = int(re.search(rb"content-length: (\d+)", head, re.I).group(1))  # type: ignore[union-attr]
                await reader.readexactly(length)
                times.append(time.perf_counter() - began)
                if not head.startswith(b"HTTP/1.1 2"):
                    errors += 1
        finally:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(connections)))
    spent = time.perf_counter() - began
    times.sort()
    return Load(
        len(times) / spent,
        times[len(times) // 2] * 1000,
        times[min(len(times) - 1, int(len(times) * 0.99))] * 1000,
        errors,
    )


def load(url: str, token: str, seconds: float, connections: int) -> Load:
    program = shutil.which("wrk")
    if program:
        return wrk(program, url, token, seconds, connections)
    return asyncio.run(_python_load(url, token, seconds, connections))


# --- Servers -------------------------------------------------------------------------------


def _wait_for(port: int, path: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                if httpx.get(f"http://127.0.0.1:{port}{path}", timeout=5).status_code < 500:
                    return
        except (OSError, httpx.HTTPError):
            pass
        time.sleep(0.2)
    raise SystemExit(f"nothing answered on port {port} within {seconds} s")


@contextmanager
def serving(workers: int, tree: Path = HERE) -> Iterator[None]:
    """`crm serve` (of the checkout `tree`) on crm_bench and the floor (of this one),
    each quiet (no request logs)."""
    url = bench_url().render_as_string(hide_password=False)
    env = {
        **os.environ,
        "CRM_DATABASE_URL": url,
        "CRM_BENCH_DATABASE_URL": url,
        "CRM_JWT_SECRET": SECRET,
        **{f"CRM_{name.upper()}": rate for name, rate in NO_RATE_LIMITS.items()},
        "CRM_PORT": str(API_PORT),
        "CRM_LOG_LEVEL": "WARNING",
        "CRM_WEB_DIR": "",
        "PYTHONPATH": str(HERE),
    }
    bin_dir = Path(sys.executable).parent
    processes = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and commands
            [str(bin_dir / "crm"), "serve", "--no-with-worker", "--workers", str(workers)],
            # The tree's modules ahead of the editable install's.
            env={**env, "PYTHONPATH": str(tree)},
            cwd=tree,
            stdout=subprocess.DEVNULL,
        ),
        subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "uvicorn",
                "bench.floor:app",
                "--port",
                str(FLOOR_PORT),
                "--log-level",
                "warning",
                "--no-access-log",
            ],
            env=env,
            cwd=HERE,
        ),
    ]
    try:
        _wait_for(API_PORT, "/health")
        _wait_for(FLOOR_PORT, CONTACTS + "?limit=1")
        yield
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.wait(timeout=30)


# --- Cases ---------------------------------------------------------------------------------


async def prepare() -> tuple[str, list[Case]]:
    """The Owner's token, and the cases: the deep page's cursor found by following
    next_cursor DEEP_ROWS rows in (the floor starts after the same row)."""
    url = bench_url()
    marker = await read_marker(url)
    if marker is None:
        raise SystemExit("crm_bench is not seeded: run `python -m bench.seed --reuse` first")
    plain = url.render_as_string(hide_password=False)
    database = Database(plain)
    app = create_app(
        Settings(database_url=plain, jwt_secret=SECRET, **NO_RATE_LIMITS), database=database
    )
    async with SqlUnitOfWork(database.sessions()) as uow:
        owner = await uow.users.get(UUID(marker["users"]["owner"]))
        assert owner is not None
        token = await sign_in_as(
            uow, TokenSettings(secret=SECRET, access_ttl=timedelta(hours=8)), owner
        )
        await uow.commit()
    headers = {"Authorization": f"Bearer {token}"}
    found = await probes(url, marker["users"]["manager"])
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://bench") as client,
    ):
        params: dict[str, Any] = {"limit": 200, "sort": "-updated_at"}
        for _ in range((DEEP_ROWS - PAGE) // 200):
            response = await client.get(CONTACTS, params=params, headers=headers)
            response.raise_for_status()
            params["cursor"] = response.json()["next_cursor"]
        last = response.json()["items"][-1]
        board = (await client.get("/api/v1/pipelines", headers=headers)).json()
    await database.dispose()
    pipeline = next(p for p in board["items"] if p["is_default"])["id"]
    first = {"limit": PAGE, "sort": "-updated_at"}
    filtered = {"lifecycle_stage": "customer", "country": "DE"}
    after = f"{last['updated_at']},{last['id']}"
    year = date.today().year
    cases = [
        Case("first page", _q(first), _q({"limit": PAGE})),
        Case(
            f"deep page ({DEEP_ROWS:,} rows in)",
            _q({**first, "cursor": params["cursor"]}),
            _q({"limit": PAGE, "after": after}),
        ),
        Case("filter stage+country", _q({**first, **filtered}), _q({"limit": PAGE, **filtered})),
        Case(
            f"q name {found['prefix']!r}",
            _q({**first, "q": found["prefix"]}),
            _q({"limit": PAGE, "q": found["prefix"]}),
            SEARCH_SHARE,
        ),
        Case("board", f"/api/v1/pipelines/{pipeline}/board", None, None),
        Case(
            "forecast (a year by month)",
            "/api/v1/reports/forecast?"
            + urlencode({"from": f"{year}-01-01", "to": f"{year + 1}-01-01"}),
            None,
            None,
        ),
    ]
    return token, cases


def _q(params: dict[str, Any]) -> str:
    return f"{CONTACTS}?{urlencode(params)}"


def run(
    token: str, cases: Sequence[Case], rounds: int, seconds: float, connections: int
) -> list[Result]:
    results = []
    for case in cases:
        result = Result(case)
        api = f"http://127.0.0.1:{API_PORT}{case.api}"
        floor = f"http://127.0.0.1:{FLOOR_PORT}{case.floor}" if case.floor else None
        # Warm both (caches, prepared statements, connections) before counting.
        load(api, token, 2, connections)
        if floor:
            load(floor, token, 2, connections)
        for n in range(rounds):
            sides: list[tuple[list[Load], str]] = [(result.api, api)]
            if floor:
                sides.append((result.floor, floor))
            for into, target in sides if n % 2 == 0 else reversed(sides):
                into.append(load(target, token, seconds, connections))
        results.append(result)
        print(_line(result.row()), flush=True)
    return results


def _line(row: dict[str, Any]) -> str:
    api, floor = row["api"], row["floor"]
    text = (
        f"{row['case']:<28} API {api['rps']:7.0f} req/s p50 {api['p50_ms']:6.1f}"
        f" p99 {api['p99_ms']:6.1f} ms"
    )
    if floor:
        text += (
            f" | floor {floor['rps']:7.0f} req/s p50 {floor['p50_ms']:6.1f}"
            f" p99 {floor['p99_ms']:6.1f} ms | {row['share']:.2f}x (target {row['target']}x)"
        )
    if row["errors"]:
        text += f" | {row['errors']} errors"
    return text


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.http", description=__doc__)
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=1, help="the API's processes")
    parser.add_argument("--scaling", action="store_true", help="first page, 1 and 2 processes")
    parser.add_argument("--only", help="cases whose name matches this regular expression")
    parser.add_argument(
        "--tree", type=Path, default=HERE, help="serve the API of this checkout (an earlier build)"
    )
    parser.add_argument("--json")
    args = parser.parse_args(argv)
    token, cases = asyncio.run(prepare())
    if args.only:
        cases = [c for c in cases if re.search(args.only, c.name)]
    report: dict[str, Any] = {
        "tree": str(args.tree),
        "machine": machine(),
        "generator": "wrk" if shutil.which("wrk") else "asyncio",
        "connections": args.connections,
    }
    if args.scaling:
        first = [c for c in cases if c.name == "first page"]
        by_workers = {}
        for workers in (1, 2):
            print(f"API in {workers} process{'es' if workers > 1 else ''}:")
            with serving(workers, args.tree):
                by_workers[workers] = run(
                    token, first, args.rounds, args.seconds, args.connections
                )[0].row()
        gain = by_workers[2]["api"]["rps"] / by_workers[1]["api"]["rps"]
        print(f"2 processes serve {gain:.2f}x of 1 (target 1.6x)")
        report["scaling"] = {"one": by_workers[1], "two": by_workers[2], "gain": gain}
    else:
        with serving(args.workers, args.tree):
            report["results"] = [
                r.row() for r in run(token, cases, args.rounds, args.seconds, args.connections)
            ]
    report["machine"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
