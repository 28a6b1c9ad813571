"""The engine and session factory, built once per process (in the app's lifespan)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import asyncpg
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.pool import AsyncAdaptedQueuePool, QueuePool

DEFAULT_URL = "sqlite+aiosqlite:///./crm.db"
DRIVER_POOL_SIZE = 4
# After PostgreSQL refused a listening connection, requests go without what it would tell
# (caches read through) this long before it is tried again.
LISTEN_RETRY_SECONDS = 30.0
# Connections a process keeps open to PostgreSQL, and how many more it may open under load.
POOL_SIZE = 10
MAX_OVERFLOW = 20

# asyncpg prepares every statement and keeps it per connection, and PostgreSQL switches a
# prepared statement to one generic plan after five runs when that looks no costlier on
# average. A list's best plan depends on its values (an owner with 200 contacts or
# 200,000, a rare tag or a common one, a search found in ten rows or in half the table);
# the generic plan for one of them was up to 50x slower in the 1M-contact benchmark. Planning
# afresh costs a fraction of a millisecond.
# The planner's defaults assume spinning disks and analytic queries: a random page read
# four times a sequential one (a team's contacts read along their own index lost to
# reading the whole table in order, 12 ms instead of 5 at a million contacts), and
# compiling expressions (JIT) for any query it expects to be costly, tens of milliseconds
# spent on a request that needs a few. A CRM's working set is in memory.
# The typo correction's candidates (persistence/records.py): vocabulary words sharing at
# least this trigram similarity with a query word ("jonh" and "john" share 2 of their 8
# trigrams: 0.25), the threshold of pg_trgm's `%`, which it alone uses. Set for the
# connection, not per transaction: a search may run in a read without one.
TYPO_SIMILARITY = 0.2
POSTGRESQL_SESSION_SETTINGS = {
    "plan_cache_mode": "force_custom_plan",
    "random_page_cost": "1.1",
    "jit": "off",
    "pg_trgm.similarity_threshold": str(TYPO_SIMILARITY),
}


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


# Statements run without a transaction around them (the driver's autocommit).
READS_ONLY = "AUTOCOMMIT"


class ReadOnlyViolation(RuntimeError):
    """A write through a session of `Database.read_sessions`: it would commit on its
    own, outside any transaction. The route must take a unit of work that writes."""


class ReadSession(Session):
    """A session of `Database.read_sessions`."""


@event.listens_for(ReadSession, "do_orm_execute")
def _refuse_statements_that_write(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        raise ReadOnlyViolation(str(state.statement)[:200])


@event.listens_for(ReadSession, "before_flush")
def _refuse_flushes(session: Session, _context: Any, _instances: Any) -> None:
    if session.new or session.dirty or session.deleted:
        raise ReadOnlyViolation("a flush of changed objects")


def _configure_sqlite(engine: AsyncEngine) -> None:
    """SQLite by default neither enforces foreign keys nor waits for a lock, and pysqlite
    starts transactions lazily, so a read that turns into a write can fail instead of
    waiting. Every transaction here starts with BEGIN IMMEDIATE: writers queue up on the
    busy timeout and readers keep reading under WAL."""

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        if connection.get_execution_options().get("isolation_level") == READS_ONLY:
            return  # Database.read_sessions: each statement reads on its own
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _discard_closed_connections(engine: AsyncEngine) -> None:
    """A pooled connection the server has closed (a restart, an idle timeout, an
    administrator) is replaced when it is checked out, so no request fails on it.
    asyncpg notices the close as soon as the event loop reads it, which it does while
    the server waits for requests. SQLAlchemy's `pool_pre_ping` asks the server instead:
    three round trips per request with asyncpg (BEGIN, a ping, ROLLBACK), 0.7 ms of CPU
    and 0.8 ms of waiting out of a 20 ms request."""

    @event.listens_for(engine.sync_engine, "checkout")
    def _on_checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        if dbapi_connection.driver_connection.is_closed():
            # The pool discards it and checks out another (SQLAlchemy retries 3 times).
            raise DisconnectionError("the server closed this connection")


@dataclass(frozen=True)
class PoolState:
    """A process's database connection pool at a moment."""

    size: int
    in_use: int
    # Connections opened beyond `size` under load, closed again when returned.
    overflow: int
    # Sessions waiting for a connection now (all are out, or one is being opened).
    waiting: int


class CountingPool(AsyncAdaptedQueuePool):
    """The asyncio queue pool, counting who is waiting in it: the sign of a pool too small
    for the load, which in-use alone cannot tell (it is then simply at its maximum).
    `_do_get` is the hook a pool class implements to hand out a connection."""

    waiting = 0

    def _do_get(self) -> Any:
        self.waiting += 1
        try:
            return super()._do_get()
        finally:
            self.waiting -= 1


async def _keep_as_is(_connection: Any) -> None:
    """The driver pool's connections run single reads that leave no session state, so
    they go back to the pool without asyncpg's reset, a round trip per use."""


class Database:
    def __init__(
        self,
        url: str,
        echo: bool = False,
        pool_size: int = POOL_SIZE,
        max_overflow: int = MAX_OVERFLOW,
    ) -> None:
        self.url = url
        options: dict[str, Any] = {"echo": echo}
        asyncpg = make_url(url).get_driver_name() == "asyncpg"
        if not is_sqlite(url):
            options.update(
                poolclass=CountingPool,
                pool_size=pool_size,
                max_overflow=max_overflow,
                pool_pre_ping=not asyncpg,
            )
        if asyncpg:
            options["connect_args"] = {"server_settings": POSTGRESQL_SESSION_SETTINGS}
        self.engine: AsyncEngine = create_async_engine(url, **options)
        if asyncpg:
            _discard_closed_connections(self.engine)
        if is_sqlite(url):
            _configure_sqlite(self.engine)
        self.sessions: async_sessionmaker[AsyncSession] = async_sessionmaker(
            self.engine, expire_on_commit=False, autoflush=False
        )
        # For requests that only read: no BEGIN and no COMMIT around their statements,
        # two of a list's four round trips, and no write lock taken on SQLite. Each
        # statement sees what was committed when it ran; a write is refused.
        self.read_sessions: async_sessionmaker[AsyncSession] = async_sessionmaker(
            self.engine.execution_options(isolation_level=READS_ONLY),
            expire_on_commit=False,
            autoflush=False,
            sync_session_class=ReadSession,
        )
        self._driver_pool: Any = None
        self._opening = asyncio.Lock()
        # LISTEN: one asyncpg connection for every channel a process follows.
        self._listener: Any = None
        self._on_lost: list[Callable[[], None]] = []
        self._listen_failed_at = float("-inf")

    def pool_state(self) -> PoolState | None:
        """The connection pool now (for `/metrics`); None for a pool that does not
        queue (one connection per session, or one shared)."""
        pool = self.engine.sync_engine.pool
        if not isinstance(pool, QueuePool):
            return None
        return PoolState(
            size=pool.size(),
            in_use=pool.checkedout(),
            overflow=max(pool.overflow(), 0),
            waiting=pool.waiting if isinstance(pool, CountingPool) else 0,
        )

    async def driver_pool(self) -> Any:
        """asyncpg's own small pool beside SQLAlchemy's, made on first use, for the one
        statement every request runs (persistence/auth_sessions.py), where SQLAlchemy's
        work per statement would cost more than the query; None on other drivers."""
        if self._driver_pool is not None or make_url(self.url).get_driver_name() != "asyncpg":
            return self._driver_pool
        async with self._opening:
            if self._driver_pool is None:
                url = make_url(self.url).set(drivername="postgresql")
                self._driver_pool = await asyncpg.create_pool(
                    url.render_as_string(hide_password=False),
                    min_size=1,
                    max_size=DRIVER_POOL_SIZE,
                    server_settings={"jit": "off"},
                    reset=_keep_as_is,
                )
        return self._driver_pool

    async def listen(
        self, channel: str, on_notify: Callable[[], None], on_lost: Callable[[], None]
    ) -> bool:
        """Calls `on_notify` each time a transaction of any process that ran `NOTIFY
        channel` commits, and `on_lost` once if the listening connection breaks (listen
        again then). False where nothing can be heard: SQLite, or PostgreSQL unreachable
        (not tried again for `LISTEN_RETRY_SECONDS`)."""
        if make_url(self.url).get_driver_name() != "asyncpg":
            return False
        async with self._opening:
            if self._listener is None or self._listener.is_closed():
                if time.monotonic() - self._listen_failed_at < LISTEN_RETRY_SECONDS:
                    return False
                url = make_url(self.url).set(drivername="postgresql")
                try:
                    self._listener = await asyncpg.connect(
                        url.render_as_string(hide_password=False)
                    )
                except (OSError, asyncpg.PostgresError):
                    self._listen_failed_at = time.monotonic()
                    return False
                self._listener.add_termination_listener(self._listener_lost)
            await self._listener.add_listener(channel, lambda *_: on_notify())
            self._on_lost.append(on_lost)
        return True

    def _listener_lost(self, _connection: Any) -> None:
        self._listener = None
        lost, self._on_lost = self._on_lost, []
        for callback in lost:
            callback()

    async def ping(self) -> bool:
        from sqlalchemy import text

        async with self.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return True

    async def dispose(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            await listener.close()
            self._listener_lost(listener)
        pool, self._driver_pool = self._driver_pool, None
        if pool is not None:
            await pool.close()
        await self.engine.dispose()
