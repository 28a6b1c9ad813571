"""The outbox (persistence/changes.py, domain/changes.py) against a real database: a
change and its event commit or roll back together, and a reader following the events
misses none and gets none twice, in commit order, even while slower transactions
commit after faster ones (PostgreSQL): each transaction's events are numbered at its
commit, in commit order."""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from domain import changes
from domain.access.levels import RecordKind
from domain.access.principal import Principal
from domain.access.users import principal_of
from domain.changes import (
    Audience,
    Change,
    FeedItem,
    FeedPosition,
    FeedReader,
    RecordChanged,
    StoredChange,
)
from domain.clock import utcnow
from domain.contacts.contacts import (
    Contact,
    ContactChanges,
    ContactOrigin,
    create_contact,
    set_contact_archived,
    update_contact,
)
from domain.pagination import PageRequest
from persistence.audit import AuditEventRow
from persistence.changes import EventRow, SqlChangeRepository
from persistence.contacts import ContactRow
from persistence.database import Database
from persistence.uow import SqlUnitOfWork
from tests.conftest import Staff
from tests.helpers import is_postgres

# A reader of every kind of record, whoever owns it: the outbox unfiltered.
EVERYTHING = FeedReader(
    kinds=tuple(RecordKind),
    everything=frozenset(RecordKind),
    team_id={},
    user_id=uuid.uuid4(),
)
# How long a reader waits for events a test committed, at most.
SETTLE_SECONDS = 30.0


def only_on_postgres(database: Database) -> None:
    if not is_postgres(database):
        pytest.skip("SQLite lets one writer at a time: transactions cannot overlap")


async def new_contact(uow: SqlUnitOfWork, principal: Principal) -> Contact:
    # A name of its own: contacts sharing a new search word would wait for each other.
    name = uuid.uuid4().hex
    return await create_contact(
        uow, principal, ContactChanges(last_name=name), ContactOrigin.MANUAL
    )


@dataclass(frozen=True)
class Event:
    """An event as the table holds it, or as a reader got it."""

    position: FeedPosition
    entity_id: uuid.UUID
    action: str
    version: int


def event_of(stored: StoredChange) -> Event:
    return Event(stored.position, stored.entity_id, stored.change.value, stored.version)


async def table(database: Database) -> list[Event]:
    """Every row of `events`, in feed order."""
    async with database.engine.connect() as connection:
        rows = await connection.execute(
            select(
                EventRow.tx, EventRow.seq, EventRow.entity_id, EventRow.action, EventRow.version
            ).order_by(EventRow.tx, EventRow.seq)
        )
        return [Event(FeedPosition(r.tx, r.seq), r.entity_id, r.action, r.version) for r in rows]


async def contacts_among(database: Database, ids: set[uuid.UUID]) -> int:
    async with database.engine.connect() as connection:
        found = await connection.execute(select(func.count()).where(ContactRow.id.in_(ids)))
        return int(found.scalar_one())


async def audit_events_on(database: Database, ids: set[uuid.UUID]) -> int:
    async with database.engine.connect() as connection:
        found = await connection.execute(
            select(func.count()).where(AuditEventRow.entity_id.in_(ids))
        )
        return int(found.scalar_one())


@dataclass
class Follower:
    """A reader following the outbox from `position`, one unit of work per read, a few
    events a page; `got` is everything it was given, in order."""

    database: Database
    position: FeedPosition | None = None
    page: int = 3
    got: list[Event] = field(default_factory=list)

    async def poll(self) -> list[Event]:
        found: list[Event] = []
        while True:
            async with SqlUnitOfWork(self.database.sessions()) as uow:
                batch = await uow.changes.after(EVERYTHING, self.position, frozenset(), self.page)
            found += [event_of(s) for s in batch]
            if batch:
                self.position = batch[-1].position
            if len(batch) < self.page:
                break
        self.got += found
        return found

    async def until(self, wanted: int) -> None:
        """Polls until it holds `wanted` events, or fails after a while."""
        deadline = asyncio.get_running_loop().time() + SETTLE_SECONDS
        await self.poll()
        while len(self.got) < wanted:
            assert asyncio.get_running_loop().time() < deadline, (len(self.got), wanted)
            await asyncio.sleep(0.01)
            await self.poll()


async def read_feed_after(
    database: Database, principal: Principal, cursor: str, at_least: int, seconds: float
) -> list[FeedItem]:
    """Follows read_feed from `cursor` until it gave `at_least` items or `seconds` passed."""
    items: list[FeedItem] = []
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        async with SqlUnitOfWork(database.sessions()) as uow:
            feed = await changes.read_feed(uow, principal, PageRequest(limit=2, cursor=cursor))
        items += feed.items
        cursor = feed.next_cursor
        if feed.has_more:
            continue
        if len(items) >= at_least or asyncio.get_running_loop().time() > deadline:
            return items
        await asyncio.sleep(0.01)


# --- A change and its events commit or roll back together ----------------------------------


async def test_a_rolled_back_use_case_leaves_neither_record_nor_event(
    database: Database, owner: Staff
) -> None:
    """A contact created and changed in a transaction that rolls back leaves no contact,
    no audit event and no row in `events`."""
    principal = principal_of(owner.user)
    async with SqlUnitOfWork(database.sessions()) as uow:
        contact = await new_contact(uow, principal)
        await update_contact(uow, principal, contact.id, ContactChanges(title="CEO"), 1)
        await uow.rollback()
    assert await table(database) == []
    assert await contacts_among(database, {contact.id}) == 0
    assert await audit_events_on(database, {contact.id}) == 0


async def test_changes_in_three_transactions_are_three_events_in_order(
    database: Database, owner: Staff
) -> None:
    """Create, update and archive of one contact, each committed on its own, are exactly
    three events in feed order: created v1, updated v2, archived v3 (a tombstone)."""
    principal = principal_of(owner.user)
    page = PageRequest(limit=100)
    async with SqlUnitOfWork(database.sessions()) as uow:
        start = await changes.feed_head(uow, page)
    async with SqlUnitOfWork(database.sessions()) as uow:
        contact = await new_contact(uow, principal)
        await uow.commit()
    async with SqlUnitOfWork(database.sessions()) as uow:
        await update_contact(uow, principal, contact.id, ContactChanges(title="CEO"), 1)
        await uow.commit()
    async with SqlUnitOfWork(database.sessions()) as uow:
        await set_contact_archived(uow, principal, contact.id, True, 2)
        await uow.commit()

    stored = await table(database)
    assert [(e.entity_id, e.action, e.version) for e in stored] == [
        (contact.id, "created", 1),
        (contact.id, "updated", 2),
        (contact.id, "archived", 3),
    ]
    items = await read_feed_after(database, principal, start, 3, SETTLE_SECONDS)
    assert [(i.type, i.version, i.tombstone) for i in items] == [
        ("contact.created", 1, False),
        ("contact.updated", 2, False),
        ("contact.archived", 3, True),
    ]
    assert {i.entity_id for i in items} == {contact.id}


async def test_changes_in_one_transaction_are_one_event_each_in_the_order_made(
    database: Database, owner: Staff
) -> None:
    """Several changes committed together are one event each, in the order they were
    made, all in the one transaction."""
    principal = principal_of(owner.user)
    async with SqlUnitOfWork(database.sessions()) as uow:
        first = await new_contact(uow, principal)
        second = await new_contact(uow, principal)
        await update_contact(uow, principal, first.id, ContactChanges(title="CEO"), 1)
        await set_contact_archived(uow, principal, second.id, True, 1)
        await update_contact(uow, principal, first.id, ContactChanges(city="Lyon"), 2)
        await uow.commit()

    stored = await table(database)
    assert [(e.entity_id, e.action, e.version) for e in stored] == [
        (first.id, "created", 1),
        (second.id, "created", 1),
        (first.id, "updated", 2),
        (second.id, "archived", 2),
        (first.id, "updated", 3),
    ]
    assert len({e.position.tx for e in stored}) == 1
    follower = Follower(database)
    await follower.until(len(stored))
    assert follower.got == stored


class Abandoned(Exception):
    """Thrown to roll a savepoint back."""


async def create_in_abandoned_savepoint(uow: SqlUnitOfWork, principal: Principal) -> Contact:
    async with uow.savepoint():
        contact = await new_contact(uow, principal)
        await update_contact(uow, principal, contact.id, ContactChanges(title="CEO"), 1)
        raise Abandoned(contact.id)


async def test_a_change_in_a_rolled_back_savepoint_leaves_no_event(
    database: Database, owner: Staff
) -> None:
    """Changes inside a savepoint that rolls back leave neither record nor event, while
    the outer transaction's changes before and after it commit with their events."""
    principal = principal_of(owner.user)
    async with SqlUnitOfWork(database.sessions()) as uow:
        before = await new_contact(uow, principal)
        with pytest.raises(Abandoned) as abandoned:
            await create_in_abandoned_savepoint(uow, principal)
        after = await new_contact(uow, principal)
        await uow.commit()

    gone = abandoned.value.args[0]
    stored = await table(database)
    assert [(e.entity_id, e.action) for e in stored] == [
        (before.id, "created"),
        (after.id, "created"),
    ]
    assert await contacts_among(database, {gone}) == 0
    assert await audit_events_on(database, {gone}) == 0
    assert await contacts_among(database, {before.id, after.id}) == 2


# --- Commit order without gaps (PostgreSQL) ------------------------------------------------


async def test_a_reader_gets_events_in_commit_order_not_in_the_order_written(
    database: Database, owner: Staff
) -> None:
    """A writes an event first and commits last; B writes later and commits first. The
    reader is given B's event as soon as B commits, and A's after it once A commits: the
    feed's order is the commit order, so a reader that has gone past B misses nothing of
    A. What it collected is every committed event, once each."""
    only_on_postgres(database)
    principal = principal_of(owner.user)
    follower = Follower(database)
    async with (
        SqlUnitOfWork(database.sessions()) as a,
        SqlUnitOfWork(database.sessions()) as b,
    ):
        slow = await new_contact(a, principal)
        fast = await new_contact(b, principal)
        await b.commit()
        await follower.until(1)
        assert [e.entity_id for e in follower.got] == [fast.id]
        await a.commit()

    await follower.until(2)
    assert [e.entity_id for e in follower.got] == [fast.id, slow.id]
    assert follower.got == await table(database)
    assert await follower.poll() == []


async def test_a_reader_polling_among_many_writers_misses_nothing_and_repeats_nothing(
    database: Database, owner: Staff
) -> None:
    """Eight writers commit transactions of one to three changes, pausing at random
    inside them, some rolling back; a reader polls all along, then once more when all
    are done. It collects exactly the events in the table, in the table's (commit)
    order: no gap, no duplicate, nothing rolled back."""
    principal = principal_of(owner.user)
    rng = random.Random(16)  # noqa: S311 -- a repeatable plan, no secret
    writers, rounds = 8, 4
    follower = Follower(database, page=4)
    rolled_back: set[uuid.UUID] = set()

    async def write(pauses: list[float], sizes: list[int], keep: list[bool]) -> None:
        for pause, size, kept in zip(pauses, sizes, keep, strict=True):
            async with SqlUnitOfWork(database.sessions()) as uow:
                made = [await new_contact(uow, principal) for _ in range(size)]
                await asyncio.sleep(pause)
                await update_contact(uow, principal, made[0].id, ContactChanges(title="Buyer"), 1)
                await asyncio.sleep(pause / 2)
                if kept:
                    await uow.commit()
                else:
                    rolled_back.update(c.id for c in made)

    plans = [
        (
            [rng.uniform(0, 0.03) for _ in range(rounds)],
            [rng.randint(1, 3) for _ in range(rounds)],
            [rng.random() > 0.2 for _ in range(rounds)],
        )
        for _ in range(writers)
    ]
    tasks = [asyncio.create_task(write(*plan)) for plan in plans]
    while not all(t.done() for t in tasks):
        await follower.poll()
        await asyncio.sleep(0.003)
    await asyncio.gather(*tasks)

    stored = await table(database)
    assert stored, "no writer committed"
    await follower.until(len(stored))
    assert await follower.poll() == []
    assert follower.got == stored
    assert len(set(follower.got)) == len(follower.got)
    assert not rolled_back & {e.entity_id for e in stored}


class CommitsDuringTheRead(SqlChangeRepository):
    """The outbox of the reader's unit of work, which lets another transaction commit
    right after the read's query and before anything else it asks."""

    def __init__(self, uow: SqlUnitOfWork, meanwhile: Callable[[], Awaitable[None]]) -> None:
        super().__init__(uow.session)
        self.meanwhile = meanwhile

    async def after(
        self, reader: FeedReader, position: FeedPosition | None, types: frozenset[str], limit: int
    ) -> list[StoredChange]:
        found = await super().after(reader, position, types, limit)
        await self.meanwhile()
        return found


async def test_a_quiet_read_does_not_pass_a_transaction_committing_during_it(
    database: Database, owner: Staff
) -> None:
    """A read that finds nothing new while a slower transaction runs, and during which
    that transaction commits, answers a cursor from which the slower transaction's event
    still comes."""
    only_on_postgres(database)
    principal = principal_of(owner.user)
    page = PageRequest(limit=100)
    async with SqlUnitOfWork(database.sessions()) as uow:
        start = await changes.feed_head(uow, page)
    async with SqlUnitOfWork(database.sessions()) as slow:
        contact = await new_contact(slow, principal)

        async def commit_slow() -> None:
            await slow.commit()

        async with SqlUnitOfWork(database.sessions()) as uow:
            uow.changes = CommitsDuringTheRead(uow, commit_slow)
            quiet = await changes.read_feed(uow, principal, replace(page, cursor=start))
    assert quiet.items == []
    items = await read_feed_after(database, principal, quiet.next_cursor, 1, 2.0)
    assert [(i.entity_id, i.type) for i in items] == [(contact.id, "contact.created")]


# --- The head ------------------------------------------------------------------------------


async def test_after_the_head_come_new_events_and_none_from_before_it(
    database: Database, owner: Staff
) -> None:
    """Reading after the head gives an event committed after the head was taken, and
    none of the events readable when it was taken."""
    principal = principal_of(owner.user)
    async with SqlUnitOfWork(database.sessions()) as uow:
        old = await new_contact(uow, principal)
        await update_contact(uow, principal, old.id, ContactChanges(title="CEO"), 1)
        await uow.commit()
    async with SqlUnitOfWork(database.sessions()) as uow:
        head = await uow.changes.head()
    async with SqlUnitOfWork(database.sessions()) as uow:
        new = await new_contact(uow, principal)
        await uow.commit()

    follower = Follower(database, position=head)
    await follower.until(1)
    await follower.poll()
    assert [(e.entity_id, e.action) for e in follower.got] == [(new.id, "created")]


async def test_the_head_of_an_empty_outbox_comes_before_the_first_event(
    database: Database, owner: Staff
) -> None:
    """With no event stored yet, the head still stands before every event to come."""
    principal = principal_of(owner.user)
    async with SqlUnitOfWork(database.sessions()) as uow:
        head = await uow.changes.head()
    async with SqlUnitOfWork(database.sessions()) as uow:
        first = await new_contact(uow, principal)
        await uow.commit()
    follower = Follower(database, position=head)
    await follower.until(1)
    assert [e.entity_id for e in follower.got] == [first.id]


# --- Pruning -------------------------------------------------------------------------------


def change_at(moment: datetime) -> RecordChanged:
    """A contact's creation that occurred at `moment`, as the outbox stores it."""
    return RecordChanged(
        kind=RecordKind.CONTACTS,
        entity_id=uuid.uuid4(),
        change=Change.CREATED,
        version=1,
        actor_id=None,
        rule_id=None,
        occurred_at=moment,
        state={"archived_at": None},
        audience=Audience(None, frozenset()),
        former_audience=None,
    )


async def store(database: Database, made: Sequence[RecordChanged]) -> None:
    async with SqlUnitOfWork(database.sessions()) as uow:
        await uow.changes.add(made)
        await uow.commit()


async def test_prune_deletes_only_older_events_and_counts_them(database: Database) -> None:
    """prune(before) deletes the events that occurred before `before`, keeps the rest,
    and answers how many it deleted (0 when none is older)."""
    now = utcnow()
    made = [change_at(now - timedelta(days=d)) for d in (40, 31, 29, 0)]
    await store(database, made)
    cutoff = now - timedelta(days=30)
    async with SqlUnitOfWork(database.sessions()) as uow:
        assert await uow.changes.prune(cutoff) == 2
        await uow.commit()
    assert [e.entity_id for e in await table(database)] == [c.entity_id for c in made[2:]]
    async with SqlUnitOfWork(database.sessions()) as uow:
        assert await uow.changes.prune(cutoff) == 0
        await uow.commit()
    assert len(await table(database)) == 2


async def test_pruning_by_retention_forgets_what_the_feed_no_longer_keeps(
    database: Database,
) -> None:
    """domain prune(retention) deletes the events older than the retention, and only
    those."""
    now = utcnow()
    made = [change_at(now - timedelta(hours=h)) for h in (50, 47, 1)]
    await store(database, made)
    async with SqlUnitOfWork(database.sessions()) as uow:
        assert await changes.prune(uow, timedelta(hours=48)) == 1
        await uow.commit()
    assert [e.entity_id for e in await table(database)] == [c.entity_id for c in made[1:]]


async def test_a_reader_gets_new_events_after_everything_it_read_was_pruned(
    database: Database,
) -> None:
    """A reader whose last event has been pruned, with every other one, still gets the
    events written afterwards: positions are never handed out twice."""
    await store(database, [change_at(utcnow() - timedelta(days=1)) for _ in range(3)])
    follower = Follower(database)
    await follower.until(3)
    async with SqlUnitOfWork(database.sessions()) as uow:
        assert await uow.changes.prune(utcnow()) == 3
        await uow.commit()
    later = change_at(utcnow())
    await store(database, [later])
    await follower.poll()
    assert [e.entity_id for e in follower.got[3:]] == [later.entity_id]
