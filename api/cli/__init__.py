"""The `crm` command: serve, worker, run-scheduled, prune-events, migrate, create-user, seed-demo,
openapi.

The command line, the background worker (api/cli/worker.py) and the demo data
(api/cli/seeding.py) sit beside the HTTP layer, not in it: the app, its routers and
their helpers never import this package (an import-linter contract)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer
from alembic.config import Config

app = typer.Typer(help="Run and administer the CRM.", no_args_is_help=True, add_completion=False)

CONTRACT = Path("openapi") / "openapi.json"
RELEASED = Path("openapi") / "released"
DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - demo data only, printed for the user


def alembic_config(database_url: str) -> Config:
    """Built in code, not read from alembic.ini, so an installed package (the Docker
    image) migrates the same way a checkout does."""
    import migrations

    config = Config()
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    config.set_main_option("path_separator", "os")
    config.attributes["database_url"] = database_url
    return config


def migrate_database(database_url: str) -> None:
    from alembic import command

    command.upgrade(alembic_config(database_url), "head")


async def _bootstrap_owner(database_url: str, email: str, password: str | None) -> str | None:
    """Creates the first Owner when the database has no user; returns the password used
    when it was generated here (so it can be shown once)."""
    from auth.passwords import Argon2PasswordHasher
    from domain.access.users import bootstrap_owner
    from persistence.database import Database
    from persistence.uow import SqlUnitOfWork

    generated = None
    if password is None:
        generated = password = secrets.token_urlsafe(15)
    database = Database(database_url)
    try:
        async with SqlUnitOfWork(database.sessions()) as uow:
            user = await bootstrap_owner(uow, Argon2PasswordHasher(), email, "Owner", password)
            await uow.commit()
    finally:
        await database.dispose()
    if user is None:
        return None
    return generated or ""


@app.command()
def migrate() -> None:
    """Apply all database migrations (DATABASE_URL, default: the local SQLite file)."""
    from api.settings import Settings

    settings = Settings()
    migrate_database(settings.database_url)
    typer.echo("Database is at the newest migration.")


@app.command()
def worker(
    parent_pid: Annotated[
        int | None,
        typer.Option(help="Stop when this process (the server that started it) is gone."),
    ] = None,
) -> None:
    """Run background jobs (imports) until stopped, the scheduled automation rules every
    minute, and webhook deliveries. On PostgreSQL, run as many as you like, on as many
    machines: each job runs on one of them at a time."""
    from api.cli.worker import work_forever
    from api.logging import configure_logging
    from api.settings import Settings
    from persistence.database import Database

    settings = Settings()
    configure_logging(settings.log_level)

    async def run() -> None:
        # SIGTERM (a supervisor, `crm serve` stopping) stops the worker as Ctrl+C does:
        # running jobs get a moment to finish, and procrastinate forgets this worker.
        main = asyncio.current_task()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            if main is not None:
                loop.add_signal_handler(signum, main.cancel)
        database = Database(settings.database_url)
        try:
            retention = timedelta(days=settings.event_retention_days)
            await work_forever(
                database,
                parent_pid=parent_pid,
                event_retention=retention,
                lease=timedelta(seconds=settings.job_lease_seconds),
                webhook_policy=settings.webhook_policy(),
                webhook_timeout=settings.webhook_timeout_seconds,
                concurrency=settings.worker_concurrency,
            )
        finally:
            await database.dispose()

    with contextlib.suppress(KeyboardInterrupt, asyncio.CancelledError):
        asyncio.run(run())


@app.command("run-scheduled")
def run_scheduled(
    now: Annotated[
        datetime | None,
        typer.Option(
            help="Evaluate as if it were this UTC time (e.g. 2026-12-01T09:00:00), to "
            "try rules out. Default: now."
        ),
    ] = None,
) -> None:
    """Run the time-triggered automation rules once (deals idle in a stage). Safe every
    minute from cron, and beside other copies: each deal's work is done once."""
    from api.cli.worker import run_scheduled_once
    from api.settings import Settings
    from persistence.database import Database

    settings = Settings()
    at = now.replace(tzinfo=UTC) if now else None

    async def run() -> str:
        database = Database(settings.database_url)
        try:
            result = await run_scheduled_once(database, at)
        finally:
            await database.dispose()
        counts = f"{result.done} done, {result.failed} failed, {result.skipped} skipped"
        return f"Scheduled rules: {counts}."

    typer.echo(asyncio.run(run()))


@app.command("prune-events")
def prune_events() -> None:
    """Forget the change feed's events older than CRM_EVENT_RETENTION_DAYS (30 by
    default). The worker does this every minute; this is for cron without a worker."""
    from api.cli.worker import prune_events_once
    from api.settings import Settings
    from persistence.database import Database

    settings = Settings()

    async def run() -> int:
        database = Database(settings.database_url)
        try:
            return await prune_events_once(database, timedelta(days=settings.event_retention_days))
        finally:
            await database.dispose()

    typer.echo(f"Events pruned: {asyncio.run(run())}.")


def server_processes(database_url: str) -> int:
    """How many server processes `crm serve` runs unless told: SQLite lets one writer
    in at a time, so one; PostgreSQL serves requests in parallel, so one per CPU."""
    if database_url.startswith("sqlite"):
        return 1
    return os.cpu_count() or 1


def pool_share(processes: int) -> tuple[int, int]:
    """Each of `processes` server processes' pool (kept open, more under load): one
    process's share of the defaults, so N processes open about as many PostgreSQL
    connections as one did, and stay under the server's `max_connections`."""
    from persistence.database import MAX_OVERFLOW, POOL_SIZE

    return max(2, -(-POOL_SIZE // processes)), max(2, -(-MAX_OVERFLOW // processes))


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


@app.command()
def serve(
    reload: Annotated[bool, typer.Option(help="Restart on code changes (development).")] = False,
    with_worker: Annotated[
        bool, typer.Option(help="Also run a background worker (imports) beside the server.")
    ] = True,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Server processes. Default: one per CPU on PostgreSQL, one on SQLite"
            " (its writers take turns: more processes would only wait for each other).",
        ),
    ] = None,
) -> None:
    """Migrate, create the first Owner if there is no user yet, and serve the API."""
    import uvicorn

    from api.logging import configure_logging
    from api.settings import Settings

    settings = Settings()
    settings.signing_secret  # noqa: B018 - fail now, not on the first request, without a secret
    migrate_database(settings.database_url)
    email = settings.bootstrap_owner_email or "owner@example.com"
    given = settings.bootstrap_owner_password
    shown = asyncio.run(
        _bootstrap_owner(settings.database_url, email, given.get_secret_value() if given else None)
    )
    if shown is not None:
        typer.echo("")
        typer.echo("First Owner account created. Sign in with:")
        typer.echo(f"  e-mail:   {email}")
        typer.echo(f"  password: {shown or '(the one in CRM_BOOTSTRAP_OWNER_PASSWORD)'}")
        typer.echo("This password is shown only now.\n")
    processes = workers or server_processes(settings.database_url)
    if reload and processes > 1:
        raise typer.BadParameter("--reload runs one process: leave out --workers.")
    configure_logging(settings.log_level)
    typer.echo(
        f"Serving the CRM API on http://{settings.host}:{settings.port} (docs at /docs),"
        f" {processes} process{'es' if processes > 1 else ''}"
    )
    # The worker is a process of its own, not a thread of the server: a long import
    # never slows requests, and production runs `crm worker` wherever it likes.
    background = (
        subprocess.Popen(  # noqa: S603 - this interpreter and module, no outside input
            [sys.executable, "-m", "api.cli", "worker", "--parent-pid", str(os.getpid())]
        )
        if with_worker
        else None
    )
    metrics_dir: tempfile.TemporaryDirectory[str] | None = None
    if processes > 1:
        # The server processes are this one's children: they stop when it is gone.
        os.environ["CRM_SUPERVISOR_PID"] = str(os.getpid())
        # The processes share one process's connections to PostgreSQL, unless told.
        pool_size, max_overflow = pool_share(processes)
        os.environ.setdefault("CRM_DB_POOL_SIZE", str(pool_size))
        os.environ.setdefault("CRM_DB_MAX_OVERFLOW", str(max_overflow))
        if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            # Each process counts its requests into a file here; a scrape, answered by
            # any of them, sums them all (api/metrics.py).
            metrics_dir = tempfile.TemporaryDirectory(prefix="crm-metrics-")
            os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir.name
    # uvicorn shuts down gracefully on SIGTERM, then raises the signal again under the
    # handler it found: this one, so that the worker is stopped below, not orphaned.
    signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        uvicorn.run(
            "api.main:app",
            host=settings.host,
            port=settings.port,
            reload=reload,
            workers=None if reload else processes,
            log_config=None,
            proxy_headers=True,
        )
    finally:
        if background is not None:
            background.terminate()
            background.wait(timeout=10)
        if metrics_dir is not None:
            metrics_dir.cleanup()


@app.command("create-user")
def create_user(
    email: Annotated[str, typer.Option(help="Sign-in e-mail.")],
    full_name: Annotated[str, typer.Option(help="Name shown to colleagues.")],
    role: Annotated[
        str, typer.Option(help="Role template key (owner, manager, ...) or role name.")
    ],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)],
    team: Annotated[str | None, typer.Option(help="Team name (created if missing).")] = None,
) -> None:
    """Create a user from the server's command line (no escalation check: you hold the
    server already)."""
    from api.cli.seeding import create_user_by_names
    from api.settings import Settings

    settings = Settings()
    try:
        user_id = asyncio.run(
            create_user_by_names(settings.database_url, email, full_name, role, password, team)
        )
    except Exception as error:
        typer.echo(f"Could not create the user: {error}", err=True)
        raise typer.Exit(1) from error
    typer.echo(f"Created user {email} ({user_id}).")


@app.command("seed-demo")
def seed_demo(
    password: Annotated[str, typer.Option(help="Password for every demo user.")] = DEMO_PASSWORD,
) -> None:
    """Load a demo data set: teams and a user of every role template."""
    from api.cli.seeding import seed_demo_data
    from api.settings import Settings

    settings = Settings()
    migrate_database(settings.database_url)
    for line in asyncio.run(seed_demo_data(settings.database_url, password)):
        typer.echo(line)


@app.command()
def openapi(
    output: Annotated[Path, typer.Option(help="Where to write the contract.")] = CONTRACT,
    check: Annotated[
        bool,
        typer.Option(
            help="Only check; exit 1 when the file differs from what the app serves, is not "
            "valid OpenAPI 3.1, or breaks the newest released contract without a version bump."
        ),
    ] = False,
    released: Annotated[
        Path, typer.Option(help="Folder of released contracts (openapi-<version>.json).")
    ] = RELEASED,
    release: Annotated[
        bool, typer.Option(help="Also keep the contract as released, under its version.")
    ] = False,
) -> None:
    """Write the OpenAPI contract exactly as the app serves it."""
    from api.openapi import render_contract

    rendered = render_contract()
    if check:
        if not _check_contract(output, rendered, released):
            raise typer.Exit(1)
        return
    output.write_text(rendered)
    typer.echo(f"Wrote {output}.")
    if release:
        version = json.loads(rendered)["info"]["version"]
        target = released / f"openapi-{version}.json"
        if target.exists() and target.read_text() != rendered:
            typer.echo(f"{target} exists and differs: bump the version first.", err=True)
            raise typer.Exit(1)
        released.mkdir(parents=True, exist_ok=True)
        target.write_text(rendered)
        typer.echo(f"Released the contract as {target}.")


def _check_contract(output: Path, rendered: str, released: Path) -> bool:
    from api.contract_diff import check_release
    from api.openapi import latest_release, validation_errors

    ok = True
    if not output.exists() or output.read_text() != rendered:
        typer.echo(f"{output} is not what the app serves: run `make openapi`.", err=True)
        ok = False
    else:
        typer.echo(f"{output} matches the app.")
    document = json.loads(rendered)
    errors = validation_errors(document)
    if errors:
        typer.echo(f"The contract is not valid OpenAPI 3.1 ({len(errors)} errors):", err=True)
        for error in errors:
            typer.echo(f"  {error}", err=True)
        ok = False
    else:
        typer.echo("The contract is valid OpenAPI 3.1.")
    latest = latest_release(released)
    if latest is None:
        typer.echo(f"No released contract in {released}: no breaking-change check.", err=True)
        return False
    version, path = latest
    result = check_release(json.loads(path.read_text()), document)
    if not result.changes:
        typer.echo(f"No breaking change against the released {version} ({path}).")
        return ok
    stream_is_error = not result.ok
    typer.echo(
        f"{len(result.changes)} breaking changes against the released {version} ({path}):",
        err=stream_is_error,
    )
    for change in result.changes:
        typer.echo(f"  {change}", err=stream_is_error)
    if not result.ok:
        typer.echo(
            f"The contract is still version {result.current_version}: keep these operations "
            "and fields, or bump VERSION in api/app.py for a breaking release.",
            err=True,
        )
        return False
    typer.echo(f"Allowed: the version is bumped to {result.current_version}.")
    return ok


def main() -> None:
    app()
