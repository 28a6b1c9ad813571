"""What a server process keeps of the company's set-up for its read requests: the
custom-field definitions and the pipelines with their stages, read by nearly every
request that shows records (a list's definitions, a board's and a report's pipeline) and
changed a few times a year.

A copy is kept only while PostgreSQL can tell the process of every change: a write of
the set-up sends `NOTIFY <channel>` with its transaction, which PostgreSQL delivers to
every listening process when (and only if) that transaction commits, and the writing
process also forgets its own copy the moment it commits, before it answers. A read that
began before a change keeps nothing of what it read. On SQLite, or while the listening
connection is down, every read goes to the database.

Only read requests use the copies: a write checks what its own transaction reads."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from persistence.database import Database, ReadSession

K = TypeVar("K")
V = TypeVar("V")

DEFINITIONS = "crm_custom_field_definitions"
PIPELINES = "crm_pipelines"


class ProcessCopy(Generic[K, V]):
    """Values by key, kept while the channel can be heard (see the module's doc)."""

    def __init__(self, database: Database, channel: str) -> None:
        self.database = database
        self.channel = channel
        self._values: dict[K, V] = {}
        # Moves on at every change heard of: a read that began before it keeps nothing.
        self._generation = 0
        self._listening = False
        self._starting = asyncio.Lock()

    def forget(self) -> None:
        self._values.clear()
        self._generation += 1

    def _lost(self) -> None:
        self._listening = False
        self.forget()

    async def _listen(self) -> bool:
        if not self._listening:
            async with self._starting:
                if not self._listening:
                    self._listening = await self.database.listen(
                        self.channel, self.forget, self._lost
                    )
        return self._listening

    async def get(self, key: K, load: Callable[[], Awaitable[V]]) -> V:
        """The value kept for `key`, or `load`'s (kept when nothing changed meanwhile)."""
        if not await self._listen():
            return await load()
        if key in self._values:
            return self._values[key]
        generation = self._generation
        value = await load()
        if generation == self._generation and self._listening:
            self._values[key] = value
        return value


@dataclass(frozen=True)
class ProcessCopies:
    """A process's copies of one database's set-up."""

    definitions: ProcessCopy[Any, Any]
    pipelines: ProcessCopy[Any, Any]


_COPIES: weakref.WeakKeyDictionary[Database, ProcessCopies] = weakref.WeakKeyDictionary()


def process_copies(database: Database) -> ProcessCopies:
    """The one set of copies of this database in this process."""
    copies = _COPIES.get(database)
    if copies is None:
        copies = _COPIES[database] = ProcessCopies(
            ProcessCopy(database, DEFINITIONS), ProcessCopy(database, PIPELINES)
        )
    return copies


def serves(session: AsyncSession) -> bool:
    """Whether a session's reads may take a process's copy: a read request's only."""
    return isinstance(session.sync_session, ReadSession)


async def tell_changed(
    session: AsyncSession, channel: str, copy: ProcessCopy[Any, Any] | None
) -> None:
    """Tells every process, once this session's transaction commits, to forget its copy
    of what `channel` names, and forgets this process's `copy` then; once per
    transaction is enough."""
    told: set[str] = session.info.setdefault("process_copies_told", set())
    if channel in told:
        return
    told.add(channel)
    if session.get_bind().dialect.name == "postgresql":
        await session.execute(text(f"NOTIFY {channel}"))

    def ended(_session: Session) -> None:
        told.discard(channel)

    def committed(_session: Session) -> None:
        told.discard(channel)
        if copy is not None:
            copy.forget()

    event.listen(session.sync_session, "after_commit", committed, once=True)
    event.listen(session.sync_session, "after_rollback", ended, once=True)
