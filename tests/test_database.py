"""The connection pool (persistence/database.py)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text

from persistence.database import Database, is_sqlite


async def test_a_connection_the_server_closed_is_replaced(database_url: str) -> None:
    """After PostgreSQL ends a pooled connection (as a restart or an administrator does),
    the next request gets a new connection instead of failing on the dead one."""
    if is_sqlite(database_url):
        pytest.skip("SQLite has no server to close connections")
    database, admin = Database(database_url), Database(database_url)

    async def backend() -> int:
        async with database.sessions() as session:
            pid: int = await session.scalar(text("SELECT pg_backend_pid()"))
            return pid

    try:
        first = await backend()
        async with admin.sessions() as session:
            await session.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})
        await asyncio.sleep(0.2)  # a server waits for its next request meanwhile
        assert await backend() != first
    finally:
        await database.dispose()
        await admin.dispose()


async def test_the_pool_is_as_large_as_told(database_url: str) -> None:
    """`CRM_DB_POOL_SIZE` and `CRM_DB_MAX_OVERFLOW` (which `crm serve --workers N` shares
    out) size a process's PostgreSQL pool (SQLite's is SQLAlchemy's own)."""
    if is_sqlite(database_url):
        pytest.skip("the pool sizes are PostgreSQL's")
    database = Database(database_url, pool_size=3, max_overflow=4)
    try:
        state = database.pool_state()
        assert state is not None and state.size == 3
        assert database.engine.sync_engine.pool._max_overflow == 4  # type: ignore[attr-defined]
    finally:
        await database.dispose()
