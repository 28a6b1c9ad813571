"""Where the benchmark's database lives and the marker that says what was loaded into it."""

from __future__ import annotations

import json
import os
from typing import Any

import asyncpg
from sqlalchemy.engine import URL, make_url

from persistence import deal_totals
from persistence.database import Database

DEFAULT_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/crm_bench"
# The seed drops and recreates its database: only one whose name says it is a bench's.
NAME_PREFIX = "crm_bench"
MARKER_PREFIX = "crm-bench "


def bench_url() -> URL:
    url = make_url(os.environ.get("CRM_BENCH_DATABASE_URL", DEFAULT_URL))
    if url.get_backend_name() != "postgresql" or not (url.database or "").startswith(NAME_PREFIX):
        raise SystemExit(
            f"CRM_BENCH_DATABASE_URL must name a PostgreSQL database called {NAME_PREFIX}*"
        )
    return url


def dsn(url: URL, database: str | None = None) -> str:
    """The URL as asyncpg takes it (no `+asyncpg` driver suffix)."""
    plain = url.set(drivername="postgresql")
    if database is not None:
        plain = plain.set(database=database)
    return plain.render_as_string(hide_password=False)


async def read_marker(url: URL) -> dict[str, Any] | None:
    """What the last complete seed wrote into the database's comment, or None."""
    connection = await asyncpg.connect(dsn(url, "postgres"))
    try:
        comment = await connection.fetchval(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1",
            url.database,
        )
    finally:
        await connection.close()
    if not comment or not comment.startswith(MARKER_PREFIX):
        return None
    marker: dict[str, Any] = json.loads(comment.removeprefix(MARKER_PREFIX))
    return marker


async def write_marker(connection: asyncpg.Connection, name: str, marker: dict[str, Any]) -> None:
    text = MARKER_PREFIX + json.dumps(marker, sort_keys=True)
    literal = "'" + text.replace("'", "''") + "'"
    await connection.execute(f'COMMENT ON DATABASE "{name}" IS {literal}')


async def rebuild_deal_totals(url: str) -> None:
    """The deal reports' running totals, summed from the deals loaded (as migration 0010
    does): a bulk load writes deals without keeping them."""
    database = Database(url)
    try:
        async with database.sessions() as session:
            await deal_totals.rebuild(session)
            await session.commit()
    finally:
        await database.dispose()
