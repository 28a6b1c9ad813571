"""The connection pool (persistence/database.py)."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from sqlalchemy import func, insert, select, text, update

from domain.clock import utcnow
from persistence.database import Database, ReadOnlyViolation, is_sqlite
from persistence.user_rows import TeamRow


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


async def test_the_pool_counts_sessions_waiting_for_a_connection(database_url: str) -> None:
    """With the pool's one connection out, a second session's statement waits, and the
    pool state (`crm_db_pool_waiting` in /metrics) says one is waiting; none once the
    connection is back and the second session has run."""
    if is_sqlite(database_url):
        pytest.skip("SQLite's pool does not queue")
    database = Database(database_url, pool_size=1, max_overflow=0)
    try:
        async with database.sessions() as holder:
            await holder.execute(text("SELECT 1"))
            state = database.pool_state()
            assert state is not None and (state.in_use, state.waiting) == (1, 0)

            async def second() -> Any:
                async with database.sessions() as session:
                    return await session.scalar(text("SELECT 2"))

            waiter = asyncio.create_task(second())
            for _ in range(100):
                await asyncio.sleep(0.01)
                state = database.pool_state()
                if state is not None and state.waiting:
                    break
            assert state is not None and state.waiting == 1
            assert not waiter.done()
        assert await asyncio.wait_for(waiter, 5) == 2
        state = database.pool_state()
        assert state is not None and (state.in_use, state.waiting) == (0, 0)
    finally:
        await database.dispose()


async def test_a_read_session_refuses_to_write_and_writes_nothing(database_url: str) -> None:
    """A session of `read_sessions` (routes that only read) refuses an INSERT, UPDATE or
    DELETE statement and a flush of new objects, before anything reaches the database:
    in it, a write would commit on its own."""
    database = Database(database_url)
    name = f"read-only-{uuid.uuid4().hex[:8]}"
    try:
        async with database.read_sessions() as session:
            with pytest.raises(ReadOnlyViolation):
                await session.execute(insert(TeamRow).values(id=uuid.uuid4(), name=name))
            with pytest.raises(ReadOnlyViolation):
                await session.execute(update(TeamRow).values(name=name))
            session.add(TeamRow(id=uuid.uuid4(), name=name))
            with pytest.raises(ReadOnlyViolation):
                await session.flush()
        async with database.sessions() as session:
            found = await session.scalar(select(func.count()).where(TeamRow.name == name))
        assert found == 0
    finally:
        await database.dispose()


async def test_a_read_session_reads_outside_a_transaction_while_a_writer_writes(
    database_url: str,
) -> None:
    """A read session's statements run without BEGIN (the driver is not in a transaction
    after them) and do not wait for a writer: on SQLite, where every other transaction
    takes the write lock first, a read answers while another session holds it."""
    database = Database(database_url)
    try:
        async with database.sessions() as writer:
            now = utcnow()
            await writer.execute(
                insert(TeamRow).values(
                    id=uuid.uuid4(), name=uuid.uuid4().hex, created_at=now, updated_at=now
                )
            )

            async def read() -> bool:
                async with database.read_sessions() as session:
                    await session.scalar(select(func.count()).select_from(TeamRow))
                    connection = await (await session.connection()).get_raw_connection()
                    driver: Any = connection.driver_connection
                    if is_sqlite(database_url):
                        return bool(driver.in_transaction)
                    return bool(driver.is_in_transaction())

            assert await asyncio.wait_for(read(), timeout=5) is False
            await writer.rollback()
    finally:
        await database.dispose()
