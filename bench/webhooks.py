"""Webhook delivery under load (issue 18): `python -m bench.webhooks [--rate 200] [--seconds 30]`.

The target: a single worker keeps up with 200 events a second to a local receiver, and
the lag from commit to delivery stays under 2 s at p95 at that rate.

The PostgreSQL database `crm_bench_webhooks` is made for the run (dropped first and
afterwards; `--url` takes another, e.g. a SQLite file). One webhook of the Owner's wants
`contact.*` and points at a receiver in this process (127.0.0.1, which the worker is
allowed to reach for the run). This process creates contacts at `--rate` a second for
`--seconds`, `--per-commit` to a transaction (5: one process could not commit 200
single-contact transactions a second beside the worker on 2 cores), through the domain's
create use case, and notes when each commit returned. `crm worker` runs in a process of
its own, as in production. The receiver notes when each delivery arrives and checks its
signature; the lag of an event is arrival minus commit. Prints the events committed and
delivered, the rates, and the lag's p50 / p95 / max."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine
from standardwebhooks import Webhook as Verifier

from api.cli import migrate_database
from bench.run import machine
from domain.access.roles import TEMPLATES_BY_KEY
from domain.access.users import User, principal_of
from domain.contacts.contacts import ContactChanges, ContactOrigin, create_contact
from domain.integrations.webhooks import NewWebhook, UrlPolicy, create_webhook
from persistence.database import Database
from persistence.uow import SqlUnitOfWork

DATABASE = "crm_bench_webhooks"
ADMIN_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
TARGET_RATE = 200
TARGET_P95_S = 2.0
# Producers taking turns on the schedule: one commit's round trips do not hold up the next.
PRODUCERS = 8
THIS_TREE = Path(__file__).resolve().parents[1]


@dataclass
class Receiver:
    """An HTTP/1.1 receiver that keeps connections open (as a real one behind a proxy
    would) and notes when each delivery arrived."""

    secret: str = ""
    arrived: dict[UUID, float] = field(default_factory=dict)
    # Set when `expected` deliveries have arrived.
    expected: int = -1
    all_in: asyncio.Event = field(default_factory=asyncio.Event)
    duplicates: int = 0
    bad_signatures: int = 0

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                at = time.time()
                headers = {}
                for line in head.decode("latin-1").split("\r\n")[1:]:
                    name, _, value = line.partition(":")
                    if name:
                        headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                self.note(headers, body, at)
                writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    def note(self, headers: dict[str, str], body: bytes, at: float) -> None:
        try:
            event = Verifier(self.secret).verify(body, headers)
        except Exception:
            self.bad_signatures += 1
            return
        entity = UUID(event["entity_id"])
        if entity in self.arrived:
            self.duplicates += 1
        else:
            self.arrived[entity] = at
        if len(self.arrived) == self.expected:
            self.all_in.set()


async def _recreate(name: str, drop_only: bool = False) -> str:
    engine = create_async_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            if not drop_only:
                await connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await engine.dispose()
    return make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)


async def _owner_and_webhook(database: Database, url: str) -> tuple[User, str]:
    async with SqlUnitOfWork(database.sessions()) as uow:
        role = await uow.roles.get(TEMPLATES_BY_KEY["owner"].id)
        assert role is not None
        owner = User(
            email="hooks-owner@example.com",
            full_name="Hooks Owner",
            role=role,
            team_id=None,
            password_hash="-",  # noqa: S106 - never signs in
        )
        await uow.users.add(owner)
        policy = UrlPolicy(allow_http=True, allowed=("127.0.0.1",))
        hook = await create_webhook(
            uow, principal_of(owner), NewWebhook(url=url, event_types=("contact.*",)), policy
        )
        await uow.commit()
    return owner, hook.secret


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(share * len(ordered) + 0.5) - 1)]


async def _produce(
    database: Database, owner: User, rate: float, seconds: float, per_commit: int
) -> dict[UUID, float]:
    """Creates contacts on a schedule of `rate` a second, `per_commit` to a transaction;
    when each one's commit returned."""
    principal = principal_of(owner)
    committed: dict[UUID, float] = {}
    total = int(rate * seconds) // per_commit
    start = time.monotonic() + 0.5

    async def producer(first: int) -> None:
        for n in range(first, total, PRODUCERS):
            delay = start + n * per_commit / rate - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            async with SqlUnitOfWork(database.sessions()) as uow:
                made = []
                for k in range(per_commit):
                    changes = ContactChanges(first_name="Hook", last_name=f"Load {n}.{k}")
                    made.append(await create_contact(uow, principal, changes, ContactOrigin.MANUAL))
                await uow.commit()
            at = time.time()
            committed.update((contact.id, at) for contact in made)

    await asyncio.gather(*(producer(first) for first in range(PRODUCERS)))
    return committed


async def run(
    url: str | None, rate: float, seconds: float, drain_s: float, per_commit: int
) -> dict[str, Any]:
    own_database = url is None
    url = url or await _recreate(DATABASE)
    receiver = Receiver()
    server = await asyncio.start_server(receiver.handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    worker: asyncio.subprocess.Process | None = None
    try:
        await asyncio.to_thread(migrate_database, url)
        database = Database(url)
        try:
            owner, receiver.secret = await _owner_and_webhook(
                database, f"http://127.0.0.1:{port}/hooks"
            )
            worker = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "api.cli",
                "worker",
                cwd=THIS_TREE,
                env={
                    **os.environ,
                    "PYTHONPATH": str(THIS_TREE),
                    "DATABASE_URL": url,
                    "CRM_WEBHOOK_ALLOW_HTTP": "true",
                    "CRM_WEBHOOK_ALLOWED_HOSTS": "127.0.0.1",
                    "CRM_LOG_LEVEL": "WARNING",
                },
            )
            await asyncio.sleep(2.0)  # the worker's start (imports, first pass)
            started = time.monotonic()
            committed = await _produce(database, owner, rate, seconds, per_commit)
            produced_s = time.monotonic() - started
            receiver.expected = len(committed)
            if len(receiver.arrived) < len(committed):
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(receiver.all_in.wait(), drain_s)
        finally:
            await database.dispose()
    finally:
        if worker is not None and worker.returncode is None:
            worker.terminate()
            await worker.wait()
        server.close()
        await server.wait_closed()
        if own_database:
            await _recreate(DATABASE, drop_only=True)
    lags = [receiver.arrived[i] - at for i, at in committed.items() if i in receiver.arrived]
    arrivals = sorted(receiver.arrived.values())
    delivered_s = (arrivals[-1] - arrivals[0]) if len(arrivals) > 1 else 0.0
    p95 = _percentile(lags, 0.95) if lags else float("inf")
    return {
        "benchmark": "webhook delivery",
        "backend": make_url(url).get_backend_name(),
        "asked_rate": rate,
        "per_commit": per_commit,
        "committed": len(committed),
        "committed_per_s": round(len(committed) / produced_s, 1),
        "delivered": len(receiver.arrived),
        "delivered_per_s": round(len(arrivals) / delivered_s, 1) if delivered_s else None,
        "duplicates": receiver.duplicates,
        "bad_signatures": receiver.bad_signatures,
        "lag_s": {
            "p50": round(statistics.median(lags), 3) if lags else None,
            "p95": round(p95, 3),
            "max": round(max(lags), 3) if lags else None,
        },
        "target": f"{TARGET_RATE}/s with p95 lag < {TARGET_P95_S} s",
        # Met only at the rate reached, not the rate asked: a machine too busy to commit
        # 200 a second has not shown that they are delivered.
        "met": len(receiver.arrived) == len(committed)
        and len(committed) / produced_s >= 0.95 * TARGET_RATE
        and p95 < TARGET_P95_S,
        "machine": machine(),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.webhooks", description=__doc__)
    parser.add_argument("--rate", type=float, default=TARGET_RATE, help="events a second")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long to produce")
    parser.add_argument("--drain", type=float, default=60.0, help="seconds to wait after")
    parser.add_argument(
        "--per-commit", type=int, default=5, help="contacts (events) per transaction"
    )
    parser.add_argument("--url", help=f"a database of your own (default: {DATABASE}, made)")
    args = parser.parse_args(argv)
    figures = asyncio.run(run(args.url, args.rate, args.seconds, args.drain, args.per_commit))
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
