"""The `crm` command: help for every command, demo data, users from the shell, the
scheduled automation rules, pruning the change feed."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select, update
from typer.testing import CliRunner

from api.cli import app, pool_share, server_processes
from domain.access.users import principal_of
from domain.clock import utcnow
from domain.contacts import contacts
from domain.contacts.contacts import ContactChanges, ContactOrigin
from domain.funnel import deals
from domain.funnel.automation import definitions
from domain.funnel.automation.definitions import RuleChanges
from domain.funnel.automation.model import Action, ActionType, RuleTrigger
from domain.funnel.deals import NewDeal
from domain.funnel.pipelines import DEFAULT_PIPELINE
from domain.funnel.triggers import Trigger
from persistence.changes import EventRow
from persistence.database import Database
from persistence.uow import SqlUnitOfWork

runner = CliRunner()


@pytest.mark.parametrize(
    "command",
    [
        "serve",
        "migrate",
        "create-user",
        "seed-demo",
        "openapi",
        "worker",
        "run-scheduled",
        "prune-events",
    ],
)
def test_every_command_has_help(command: str) -> None:
    """`crm <command> --help` explains the command."""
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage" in result.output


def test_seed_demo_and_create_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """seed-demo migrates and loads a user of every template below Owner per team plus
    companies and contacts, twice without duplicates; create-user adds a user by role
    key and team name."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)
    first = runner.invoke(app, ["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "manager.north@demo.example" in first.output
    assert "12 companies and" in first.output
    assert "interactions, tasks and customer requests, and" in first.output
    assert " deals." in first.output
    again = runner.invoke(app, ["seed-demo"])
    assert again.exit_code == 0 and "@demo.example " not in again.output
    assert "companies" not in again.output

    created = runner.invoke(
        app,
        [
            "create-user",
            "--email", "Ops@Example.com", "--full-name", "Ops Person",
            "--role", "advanced_access", "--team", "Back office",
            "--password", "a long and unusual passphrase",
        ],
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    weak = runner.invoke(
        app,
        ["create-user", "--email", "w@example.com", "--full-name", "W", "--role", "manager",
         "--password", "password1"],
    )  # fmt: skip
    assert weak.exit_code == 1 and "Invalid password" in weak.output

    async def count() -> tuple[int, str | None]:
        database = Database(url)
        try:
            async with SqlUnitOfWork(database.sessions()) as uow:
                user = await uow.users.get_by_email("ops@example.com")
                return await uow.users.count(), user.role.name if user else None
        finally:
            await database.dispose()

    assert asyncio.run(count()) == (13, "Advanced access")


def test_run_scheduled_runs_idle_rules_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`crm run-scheduled --now` runs a deal_idle_in_stage rule for a deal idle long
    enough, and a second run (the next minute from cron) finds nothing left to do."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    created = runner.invoke(
        app,
        ["create-user", "--email", "boss@example.com", "--full-name", "Boss", "--role", "owner",
         "--password", "a long and unusual passphrase"],
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    proposal = next(s.id for s in DEFAULT_PIPELINE.stages if s.name == "Proposal")

    async def set_up() -> datetime:
        database = Database(url)
        try:
            async with SqlUnitOfWork(database.sessions()) as uow:
                user = await uow.users.get_by_email("boss@example.com")
                assert user is not None
                principal = principal_of(user)
                rule = RuleChanges(
                    name="Chase quiet proposals",
                    trigger=RuleTrigger(Trigger.DEAL_IDLE_IN_STAGE, stage_id=proposal, days=5),
                    actions=(Action(ActionType.ADD_TAG, tag="chased"),),
                )
                await definitions.create_rule(uow, principal, rule)
                deal = await deals.create_deal(
                    uow, principal, NewDeal(title="Quiet", stage_id=proposal)
                )
                await uow.commit()
                return deal.stage_entered_at
        finally:
            await database.dispose()

    entered = asyncio.run(set_up())
    at = (entered + timedelta(days=5, minutes=1)).strftime("%Y-%m-%dT%H:%M:%S")
    first = runner.invoke(app, ["run-scheduled", "--now", at])
    assert first.exit_code == 0, first.output
    assert "1 done, 0 failed" in first.output
    again = runner.invoke(app, ["run-scheduled", "--now", at])
    assert "0 done, 0 failed, 0 skipped" in again.output


def test_prune_events_forgets_only_events_older_than_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`crm prune-events` deletes the change feed's events older than
    CRM_EVENT_RETENTION_DAYS and keeps the newer ones."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("CRM_EVENT_RETENTION_DAYS", "2")
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    created = runner.invoke(
        app,
        ["create-user", "--email", "boss@example.com", "--full-name", "Boss", "--role", "owner",
         "--password", "a long and unusual passphrase"],
    )  # fmt: skip
    assert created.exit_code == 0, created.output

    async def write_and_age() -> None:
        database = Database(url)
        try:
            async with SqlUnitOfWork(database.sessions()) as uow:
                user = await uow.users.get_by_email("boss@example.com")
                assert user is not None
                for name in ("Old", "Older", "New"):
                    await contacts.create_contact(
                        uow,
                        principal_of(user),
                        ContactChanges(first_name=name),
                        ContactOrigin.MANUAL,
                    )
                await uow.commit()
            async with database.engine.begin() as connection:
                await connection.execute(
                    update(EventRow)
                    .where(EventRow.seq <= 2)
                    .values(occurred_at=utcnow() - timedelta(days=3))
                )
        finally:
            await database.dispose()

    async def left() -> int:
        database = Database(url)
        try:
            async with database.engine.connect() as connection:
                return int(
                    (await connection.execute(select(func.count(EventRow.seq)))).scalar_one()
                )
        finally:
            await database.dispose()

    asyncio.run(write_and_age())
    result = runner.invoke(app, ["prune-events"])
    assert result.exit_code == 0, result.output
    assert "Events pruned: 2." in result.output
    assert asyncio.run(left()) == 1


def _children(pid: int) -> list[int]:
    """Live processes whose parent is `pid` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
@pytest.mark.parametrize("processes", [1, 2], ids=["one process", "two processes"])
def test_serve_takes_its_worker_down_with_it(
    tmp_path: Path, how: signal.Signals, processes: int
) -> None:
    """`crm serve` runs a worker beside the server (and, asked for several, server
    processes of its own); stopping it (SIGTERM, as a service manager does) or killing it
    outright stops all of them too, within seconds: none serves on unsupervised."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'serve.db'}",
        "CRM_PORT": str(port),
        "CRM_JWT_SECRET_FILE": str(tmp_path / "secret"),
        "CRM_WEB_DIR": "",
    }
    server = subprocess.Popen(  # noqa: S603 - this interpreter and module, fixed arguments
        [sys.executable, "-m", "api.cli", "serve", "--workers", str(processes)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not workers:
            time.sleep(0.2)
            workers = _children(server.pid)
        assert workers, "no worker started"
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        # The background worker, and with several processes uvicorn's server processes.
        workers = _children(server.pid)
        assert len(workers) >= (1 if processes == 1 else 3), workers
        server.send_signal(how)
        server.wait(timeout=30)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and any(_alive(w) for w in workers):
            time.sleep(0.2)
        assert not any(_alive(w) for w in workers), "the worker outlived its server"
    finally:
        for pid in [server.pid, *workers]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


def test_serve_runs_one_process_on_sqlite_and_one_per_cpu_on_postgresql() -> None:
    """SQLite lets one writer in at a time: more server processes would only queue for
    it. PostgreSQL serves requests in parallel: one process per CPU."""
    assert server_processes("sqlite+aiosqlite:///crm.db") == 1
    assert server_processes("postgresql+asyncpg://crm@db/crm") == (os.cpu_count() or 1)


def test_server_processes_share_one_process_s_connections() -> None:
    """N server processes together keep about as many PostgreSQL connections open (and
    open about as many more under load) as one process alone: N times 34 would run past
    PostgreSQL's 100 on any machine of four cores or more."""
    assert pool_share(1) == (10, 20)
    assert pool_share(2) == (5, 10)
    assert pool_share(4) == (3, 5)
    assert pool_share(16) == (2, 2)
