"""The outbox: the `events` table the change feed reads (domain/changes.py).

Commit order without gaps. Concurrent transactions write their events in one order and
commit in another; a reader that went by the order of writing could pass over an event
whose transaction commits a moment later, and never see it. So each transaction that
wrote events takes the next number of the event clock (one row) as the very last thing
before it commits, and stamps its events with it (`tx`). Holding the clock's row until
its commit, it makes the next one wait: numbers are handed out in commit order, every
event is visible before any event with a higher number is, and the feed goes by
(number, order within the transaction). Only transactions that wrote events take part,
and only for the moment of their commit; nothing else on the server holds the feed
back.

Finding a reader's events. A reader of everything follows the `(tx, seq)` index. A reader
who reads only their own records, or their team's, would walk that index past everybody
else's events to find theirs (44,000 to find 1,000 at 2M events); so the stamp also writes
one `event_readers` row per person and team an event's record was or is readable by, and
those readers page along their own `(reader_id, tx, seq)` range."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Subquery,
    Text,
    and_,
    cast,
    delete,
    event,
    false,
    func,
    insert,
    literal,
    or_,
    select,
    text,
    true,
    tuple_,
    union,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, Session, mapped_column

from domain.changes import (
    ENTITY_OF,
    KIND_OF,
    Audience,
    Change,
    FeedPosition,
    FeedReader,
    RecordChanged,
    StoredChange,
)
from persistence.base import Base, JSONDocument, read

# Past every event of a transaction: the head stands after all of them.
_LAST_SEQ = 2**62


class EventClockRow(Base):
    """The one row numbering transactions that wrote events, in commit order."""

    __tablename__ = "event_clock"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)


class EventReaderRow(Base):
    """A person or team an event's record is (or was, before the change) readable by,
    with the event's position: written when the event is stamped, never changed."""

    __tablename__ = "event_readers"
    __table_args__ = (
        # The kind and action ride in the key's leaf, so a reader's page is read from the
        # index alone, filtered by kind and type there.
        PrimaryKeyConstraint(
            "reader_id", "tx", "seq", postgresql_include=["entity_type", "action"]
        ),
    )

    # A user's or a team's id: both are random UUIDs, so the two never meet.
    reader_id: Mapped[uuid.UUID]
    tx: Mapped[int] = mapped_column(BigInteger)
    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    entity_type: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(20))


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_position", "tx", "seq"),
        Index("ix_events_occurred_at", "occurred_at"),
    )

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    # The writing transaction's number in commit order; 0 until it commits.
    tx: Mapped[int] = mapped_column(BigInteger)
    occurred_at: Mapped[datetime]
    entity_type: Mapped[str] = mapped_column(String(20))
    # The change's name (domain.changes.Change): created, moved, won, ...
    action: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[uuid.UUID]
    version: Mapped[int] = mapped_column(Integer)
    # No foreign keys: events outlive the users and rules they name, as the audit trail.
    actor_id: Mapped[uuid.UUID | None]
    rule_id: Mapped[uuid.UUID | None]
    # Who reads the record after the change, and before it where that differs: a team
    # and people (space-separated ids), matched by the feed's scope filter.
    team_id: Mapped[uuid.UUID | None]
    user_ids: Mapped[str] = mapped_column(Text)
    former_team_id: Mapped[uuid.UUID | None]
    former_user_ids: Mapped[str | None] = mapped_column(Text)
    state: Mapped[dict[str, Any]] = mapped_column(JSONDocument)


def _people(audience: Audience) -> str:
    # Padded with spaces, so a LIKE '% id %' matches whole ids only.
    return " " + " ".join(sorted(str(u) for u in audience.user_ids)) + " "


# Made once for each team and people: a page of events names few audiences, and reading
# the people's ids anew for every event was a tenth of a page's cost.
@lru_cache(maxsize=4096)
def _audience(team_id: uuid.UUID | None, people: str) -> Audience:
    return Audience(team_id, frozenset(uuid.UUID(p) for p in people.split()))


def _values(change: RecordChanged) -> dict[str, Any]:
    former = change.former_audience
    return {
        "occurred_at": change.occurred_at,
        "entity_type": ENTITY_OF[change.kind],
        "action": change.change.value,
        "entity_id": change.entity_id,
        "version": change.version,
        "actor_id": change.actor_id,
        "rule_id": change.rule_id,
        "team_id": change.audience.team_id,
        "user_ids": _people(change.audience),
        "former_team_id": former.team_id if former else None,
        "former_user_ids": _people(former) if former else None,
        "state": change.state,
    }


def _to_stored(row: Any) -> StoredChange:
    (
        tx,
        seq,
        entity_type,
        action,
        entity_id,
        version,
        actor_id,
        rule_id,
        occurred_at,
        team_id,
        user_ids,
        former_team_id,
        former_user_ids,
        archived,
        state,
    ) = row
    return StoredChange(
        FeedPosition(int(tx), int(seq)),
        KIND_OF[entity_type],
        entity_id,
        Change(action),
        version,
        actor_id,
        rule_id,
        occurred_at,
        _audience(team_id, user_ids),
        _audience(former_team_id, former_user_ids) if former_user_ids is not None else None,
        bool(archived),
        state,
    )


def readers_of(
    team_id: uuid.UUID | None,
    user_ids: str,
    former_team_id: uuid.UUID | None,
    former_user_ids: str | None,
) -> set[uuid.UUID]:
    """The people and teams an event's record is readable by after the change or was
    before it: its `event_readers`. _STAMP_POSTGRESQL says the same in SQL."""
    readers = {uuid.UUID(person) for person in f"{user_ids} {former_user_ids or ''}".split()}
    return readers | {team for team in (team_id, former_team_id) if team is not None}


# What the stamp reads back of each event it stamped, in readers_of's order after the
# first four.
_AUDIENCE_COLUMNS = (
    EventRow.tx,
    EventRow.seq,
    EventRow.entity_type,
    EventRow.action,
    EventRow.team_id,
    EventRow.user_ids,
    EventRow.former_team_id,
    EventRow.former_user_ids,
)

# The stamp on PostgreSQL: the clock's next number (its row locked until the commit), on
# this transaction's events (only they are unstamped: others' are invisible to it until
# they commit, and stamped by then), and their readers as readers_of finds them.
_STAMP_POSTGRESQL = text(
    """
    WITH clock AS (
        UPDATE event_clock SET value = value + 1 WHERE id = 1 RETURNING value
    ), stamped AS (
        UPDATE events SET tx = clock.value FROM clock WHERE events.tx = 0
        RETURNING events.tx, events.seq, events.entity_type, events.action,
            events.team_id, events.user_ids, events.former_team_id, events.former_user_ids
    )
    INSERT INTO event_readers (reader_id, tx, seq, entity_type, action)
    SELECT reader.id, stamped.tx, stamped.seq, stamped.entity_type, stamped.action
    FROM stamped CROSS JOIN LATERAL (
        SELECT CAST(person AS uuid) AS id
        FROM unnest(string_to_array(
            stamped.user_ids || ' ' || coalesce(stamped.former_user_ids, ''), ' '
        )) AS person
        WHERE person <> ''
        UNION SELECT stamped.team_id
        UNION SELECT stamped.former_team_id
    ) AS reader
    WHERE reader.id IS NOT NULL
    """
)


def _readable(reader: FeedReader) -> ColumnElement[bool]:
    """Events on records the reader reads after the change or read before it: the
    coarse filter; domain/changes.py decides which of the two each one is."""
    t = EventRow
    branches: list[ColumnElement[bool]] = []
    me = f"% {reader.user_id} %"
    for kind in reader.kinds:
        entity = t.entity_type == ENTITY_OF[kind]
        if kind in reader.everything:
            branches.append(entity)
            continue
        mine: list[ColumnElement[bool]] = [t.user_ids.like(me), t.former_user_ids.like(me)]
        team = reader.team_id.get(kind)
        if team is not None:
            mine += [t.team_id == team, t.former_team_id == team]
        branches.append(and_(entity, or_(*mine)))
    return or_(false(), *branches)


def _after(
    table: type[EventRow] | type[EventReaderRow], position: FeedPosition | None
) -> ColumnElement[bool]:
    if position is None:
        return table.tx > 0  # stamped: committed
    # A row comparison, which both databases read along the (tx, seq) index; the same
    # condition spelt with OR made PostgreSQL scan from the start.
    return tuple_(table.tx, table.seq) > tuple_(literal(position.tx), literal(position.seq))


def _of_types(
    table: type[EventRow] | type[EventReaderRow], types: frozenset[str]
) -> ColumnElement[bool]:
    if not types:
        return true()
    pairs = [name.split(".", 1) for name in sorted(types)]
    return or_(*(and_(table.entity_type == e, table.action == a) for e, a in pairs))


def _readers_page(
    reader: FeedReader, position: FeedPosition | None, types: frozenset[str], limit: int
) -> Subquery:
    """The positions of the next `limit` events of a reader who reads no kind whole: along
    their own range of `event_readers` for every kind they read, and their team's for
    the kinds they read the team's of, merged. The same events _readable finds."""
    r = EventReaderRow
    through: dict[uuid.UUID, list[str]] = {reader.user_id: [ENTITY_OF[k] for k in reader.kinds]}
    for kind in reader.kinds:
        team = reader.team_id.get(kind)
        if team is not None:
            through.setdefault(team, []).append(ENTITY_OF[kind])
    pages = [
        select(r.tx, r.seq)
        .where(
            r.reader_id == who,
            r.entity_type.in_(entities),
            _after(r, position),
            _of_types(r, types),
        )
        .order_by(r.tx, r.seq)
        .limit(limit)
        .subquery()
        for who, entities in through.items()
    ]
    if len(pages) == 1:
        return pages[0]
    # UNION, not UNION ALL: an event the reader reads both ways comes once. Cut to the
    # page before the join: only the page's events are read from the table.
    merged = union(*(select(page.c.tx, page.c.seq) for page in pages)).subquery()
    return select(merged).order_by(merged.c.tx, merged.c.seq).limit(limit).subquery()


# What the feed reads of an event, in the order _to_stored unpacks it: the state as its
# JSON text, not decoded (readers get it as it is), and whether it is an archived
# record's.
_FEED_COLUMNS = (
    EventRow.tx,
    EventRow.seq,
    EventRow.entity_type,
    EventRow.action,
    EventRow.entity_id,
    EventRow.version,
    EventRow.actor_id,
    EventRow.rule_id,
    EventRow.occurred_at,
    EventRow.team_id,
    EventRow.user_ids,
    EventRow.former_team_id,
    EventRow.former_user_ids,
    EventRow.state["archived_at"].as_string().is_not(None).label("archived"),
    cast(EventRow.state, Text).label("state"),
)


class SqlChangeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._unstamped = False
        self._listening = False

    async def add(self, changes: Sequence[RecordChanged]) -> None:
        if not changes:
            return
        if not self._listening:
            # At commit, whichever way the session commits (a use case's own trace
            # included). Only once there are events: a session that writes none, as
            # every read's, is spared setting up the listener.
            event.listen(self.session.sync_session, "before_commit", self._stamp)
            self._listening = True
        statement = insert(EventRow).values(tx=0)
        if len(changes) == 1:
            await self.session.execute(statement.values(**_values(changes[0])))
        else:
            # One executemany, rows numbered in the order given.
            await self.session.execute(statement, [_values(c) for c in changes])
        self._unstamped = True

    def _stamp(self, session: Session) -> None:
        """The transaction's number on its events, taken last: the clock's row stays
        locked until the commit, so the next transaction's number comes after it. The
        events' readers are written with it, from the events as they stand: any a
        savepoint rolled back are gone from the table by then."""
        if not self._unstamped or session.in_nested_transaction():
            return
        self._unstamped = False
        if session.get_bind().dialect.name == "postgresql":
            # The clock, the stamp and the readers in one statement, one round trip:
            # every write pays for it.
            session.execute(_STAMP_POSTGRESQL)
            return
        tick = (
            update(EventClockRow)
            .where(EventClockRow.id == 1)
            .values(value=EventClockRow.value + 1)
            .returning(EventClockRow.value)
        )
        number = session.execute(tick.execution_options(synchronize_session=False)).scalar_one()
        # Only this transaction's events are unstamped: others' are invisible to it until
        # they commit, and stamped by then.
        stamped = session.execute(
            update(EventRow)
            .where(EventRow.tx == 0)
            .values(tx=number)
            .returning(*_AUDIENCE_COLUMNS)
            .execution_options(synchronize_session=False)
        ).all()
        rows = [
            {"reader_id": reader, "tx": tx, "seq": seq, "entity_type": kind, "action": action}
            for tx, seq, kind, action, *audience in stamped
            for reader in readers_of(*audience)
        ]
        if rows:
            session.execute(insert(EventReaderRow), rows)

    async def after(
        self, reader: FeedReader, position: FeedPosition | None, types: frozenset[str], limit: int
    ) -> list[StoredChange]:
        if not reader.kinds:
            return []
        t = EventRow
        if reader.everything:
            # Dense: a kind read whole has events all along the (tx, seq) index.
            statement = select(*_FEED_COLUMNS).where(
                _readable(reader), _after(t, position), _of_types(t, types)
            )
        else:
            keys = _readers_page(reader, position, types, limit)
            statement = select(*_FEED_COLUMNS).join(keys, t.seq == keys.c.seq)
        statement = statement.order_by(t.tx, t.seq).limit(limit)
        rows = await read(self.session, statement)
        return [_to_stored(row) for row in rows]

    async def head(self) -> FeedPosition:
        last = (await read(self.session, select(func.max(EventRow.tx)))).scalar_one()
        return FeedPosition(int(last or 0), _LAST_SEQ)

    async def prune(self, before: datetime) -> int:
        gone = select(EventRow.tx, EventRow.seq).where(EventRow.occurred_at < before)
        # Once a day, in the worker: a pass over event_readers, whose key starts with the
        # reader, is cheaper there than a second index every write would keep up.
        await self.session.execute(
            delete(EventReaderRow).where(tuple_(EventReaderRow.tx, EventReaderRow.seq).in_(gone))
        )
        result: Any = await self.session.execute(
            delete(EventRow).where(EventRow.occurred_at < before)
        )
        return int(result.rowcount or 0)
