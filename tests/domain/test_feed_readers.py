"""How the outbox finds one reader's events (persistence/changes.py): a reader who reads
no kind whole pages along `event_readers`, the people and teams each event's record is
or was readable by, written when the event is stamped. These tests hold the two ways of
finding events to one rule, written here in Python: an event is the reader's when they
read its kind and read it whole, or are among its people before or after the change, or
read the kind at team level and it was or is their team's."""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select

from domain.access.levels import RecordKind
from domain.changes import KIND_OF, Audience, Change, FeedPosition, FeedReader, RecordChanged
from domain.clock import utcnow
from persistence.changes import EventReaderRow, EventRow, readers_of
from persistence.database import Database
from persistence.uow import SqlUnitOfWork

PEOPLE = [uuid.uuid4() for _ in range(4)]
TEAMS = [uuid.uuid4() for _ in range(2)]
ACTIONS = [Change.CREATED, Change.UPDATED, Change.ARCHIVED]


def seeded(seed: int) -> random.Random:
    return random.Random(seed)  # noqa: S311 -- a repeatable plan, no secret


def audience(rnd: random.Random) -> Audience:
    people = frozenset(rnd.sample(PEOPLE, rnd.choice([0, 1, 1, 2])))
    return Audience(rnd.choice([None, *TEAMS]), people)


def random_change(rnd: random.Random) -> RecordChanged:
    """A change on a record of any kind, of random people and team, a third of them
    handed over from others (a former audience)."""
    return RecordChanged(
        kind=rnd.choice(list(RecordKind)),
        entity_id=uuid.uuid4(),
        change=rnd.choice(ACTIONS),
        version=1,
        actor_id=None,
        rule_id=None,
        occurred_at=utcnow() - timedelta(minutes=rnd.randrange(120)),
        state={"archived_at": None},
        audience=audience(rnd),
        former_audience=audience(rnd) if rnd.random() < 0.3 else None,
    )


@dataclass(frozen=True)
class Stored:
    position: FeedPosition
    kind: str
    action: str
    team_id: uuid.UUID | None
    user_ids: str
    former_team_id: uuid.UUID | None
    former_user_ids: str | None


async def stored(database: Database) -> list[Stored]:
    async with database.engine.connect() as connection:
        rows = await connection.execute(
            select(
                EventRow.tx,
                EventRow.seq,
                EventRow.entity_type,
                EventRow.action,
                EventRow.team_id,
                EventRow.user_ids,
                EventRow.former_team_id,
                EventRow.former_user_ids,
            ).order_by(EventRow.tx, EventRow.seq)
        )
        return [Stored(FeedPosition(r[0], r[1]), *r[2:]) for r in rows]


async def reader_rows(database: Database) -> set[tuple[uuid.UUID, int, int, str, str]]:
    async with database.engine.connect() as connection:
        rows = await connection.execute(select(EventReaderRow))
        return {(r.reader_id, r.tx, r.seq, r.entity_type, r.action) for r in rows}


class Abandoned(Exception):
    """Thrown to roll a savepoint back."""


async def store_in_transactions(database: Database, rnd: random.Random, count: int) -> None:
    """`count` changes in transactions of one to five, each transaction also trying two
    changes in a savepoint it rolls back."""
    left = count
    while left:
        batch = [random_change(rnd) for _ in range(min(left, rnd.randint(1, 5)))]
        left -= len(batch)
        async with SqlUnitOfWork(database.sessions()) as uow:
            await uow.changes.add(batch[:1])
            try:
                async with uow.savepoint():
                    await uow.changes.add([random_change(rnd), random_change(rnd)])
                    raise Abandoned()
            except Abandoned:
                pass
            await uow.changes.add(batch[1:])
            await uow.commit()


def is_theirs(reader: FeedReader, event: Stored) -> bool:
    """The rule, in Python."""
    kind = KIND_OF[event.kind]
    if kind not in reader.kinds:
        return False
    if kind in reader.everything:
        return True
    people = f"{event.user_ids} {event.former_user_ids or ''}".split()
    if str(reader.user_id) in people:
        return True
    team = reader.team_id.get(kind)
    return team is not None and team in (event.team_id, event.former_team_id)


READERS = {
    "own only, every kind": FeedReader(
        kinds=tuple(RecordKind), everything=frozenset(), team_id={}, user_id=PEOPLE[0]
    ),
    "the team's deals and tasks, own of the rest": FeedReader(
        kinds=tuple(RecordKind),
        everything=frozenset(),
        team_id={RecordKind.DEALS: TEAMS[0], RecordKind.TASKS: TEAMS[0]},
        user_id=PEOPLE[1],
    ),
    "the team's everything, no requests": FeedReader(
        kinds=tuple(k for k in RecordKind if k is not RecordKind.REQUESTS),
        everything=frozenset(),
        team_id={k: TEAMS[1] for k in RecordKind},
        user_id=PEOPLE[2],
    ),
    "all contacts, own deals": FeedReader(
        kinds=(RecordKind.CONTACTS, RecordKind.DEALS),
        everything=frozenset({RecordKind.CONTACTS}),
        team_id={},
        user_id=PEOPLE[3],
    ),
    "a stranger": FeedReader(
        kinds=tuple(RecordKind), everything=frozenset(), team_id={}, user_id=uuid.uuid4()
    ),
}


async def follow(
    database: Database,
    reader: FeedReader,
    position: FeedPosition | None,
    types: frozenset[str],
    page: int,
) -> list[FeedPosition]:
    got: list[FeedPosition] = []
    while True:
        async with SqlUnitOfWork(database.sessions()) as uow:
            batch = await uow.changes.after(reader, position, types, page)
        got += [s.position for s in batch]
        if len(batch) < page:
            return got
        position = batch[-1].position


async def test_each_event_has_a_reader_row_per_person_and_team_before_and_after(
    database: Database,
) -> None:
    """After changes in several transactions, some rolled back in savepoints, event_readers
    holds exactly one row per committed event and each person and team its record is or
    was readable by (readers_of), at the event's position, and none for what a savepoint
    rolled back."""
    await store_in_transactions(database, seeded(16), 40)
    events = await stored(database)
    assert len(events) == 40
    expected = {
        (reader, e.position.tx, e.position.seq, e.kind, e.action)
        for e in events
        for reader in readers_of(e.team_id, e.user_ids, e.former_team_id, e.former_user_ids)
    }
    assert await reader_rows(database) == expected
    # The random audiences put each person and team to use.
    assert {row[0] for row in expected} == set(PEOPLE) | set(TEAMS)


async def test_every_reader_pages_through_exactly_their_events_in_order(
    database: Database,
) -> None:
    """For readers of their own records, of their team's for some kinds, of a kind whole
    and of nothing, following the outbox four events a page from the start, from the
    middle, and for two types only, gives exactly the events the rule picks, in the
    table's order, each once."""
    await store_in_transactions(database, seeded(17), 80)
    events = await stored(database)
    middle = events[len(events) // 2].position
    types = frozenset({"deal.created", "contact.archived"})
    for name, reader in READERS.items():
        theirs = [e for e in events if is_theirs(reader, e)]
        assert await follow(database, reader, None, frozenset(), 4) == [
            e.position for e in theirs
        ], name
        assert await follow(database, reader, middle, frozenset(), 4) == [
            e.position for e in theirs if (e.position.tx, e.position.seq) > (middle.tx, middle.seq)
        ], name
        assert await follow(database, reader, None, types, 4) == [
            e.position for e in theirs if f"{e.kind}.{e.action}" in types
        ], name
    assert await follow(database, READERS["a stranger"], None, frozenset(), 4) == []
    # Each reader but the stranger has events of their own to find.
    for name, reader in READERS.items():
        if name != "a stranger":
            assert any(is_theirs(reader, e) for e in events), name


async def test_pruning_takes_the_events_readers_with_them(database: Database) -> None:
    """prune deletes the reader rows of the events it deletes, and only those."""
    await store_in_transactions(database, seeded(18), 30)
    cutoff = utcnow() - timedelta(minutes=60)
    async with SqlUnitOfWork(database.sessions()) as uow:
        pruned = await uow.changes.prune(cutoff)
        await uow.commit()
    events = await stored(database)
    assert 0 < pruned < 30 and len(events) == 30 - pruned
    kept = {(e.position.tx, e.position.seq) for e in events}
    assert {(row[1], row[2]) for row in await reader_rows(database)} == {
        (e.position.tx, e.position.seq)
        for e in events
        if readers_of(e.team_id, e.user_ids, e.former_team_id, e.former_user_ids)
    }
    assert kept
