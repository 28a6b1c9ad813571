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
back."""

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
    String,
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
    tuple_,
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
        locked until the commit, so the next transaction's number comes after it."""
        if not self._unstamped or session.in_nested_transaction():
            return
        self._unstamped = False
        tick = (
            update(EventClockRow)
            .where(EventClockRow.id == 1)
            .values(value=EventClockRow.value + 1)
            .returning(EventClockRow.value)
        )
        # Only this transaction's events are unstamped: others' are invisible to it until
        # they commit, and stamped by then.
        unstamped = update(EventRow).where(EventRow.tx == 0)
        if session.get_bind().dialect.name == "postgresql":
            # Both in one statement, one round trip: every write pays for it.
            clock = tick.cte("clock")
            session.execute(
                # Unstamped events (0) are below any number the clock gives: the condition
                # joins the clock's one row to them, so no cartesian product is written.
                unstamped.where(EventRow.tx < clock.c.value)
                .values(tx=clock.c.value)
                .execution_options(synchronize_session=False)
            )
            return
        number = session.execute(tick.execution_options(synchronize_session=False)).scalar_one()
        session.execute(unstamped.values(tx=number).execution_options(synchronize_session=False))

    async def after(
        self, reader: FeedReader, position: FeedPosition | None, types: frozenset[str], limit: int
    ) -> list[StoredChange]:
        t = EventRow
        statement = select(*_FEED_COLUMNS).where(_readable(reader))
        if position is not None:
            # A row comparison, which both databases read along the (tx, seq) index; the
            # same condition spelt with OR made PostgreSQL scan from the start.
            statement = statement.where(
                tuple_(t.tx, t.seq) > tuple_(literal(position.tx), literal(position.seq))
            )
        else:
            statement = statement.where(t.tx > 0)
        if types:
            pairs = [name.split(".", 1) for name in sorted(types)]
            statement = statement.where(
                or_(*(and_(t.entity_type == e, t.action == a) for e, a in pairs))
            )
        statement = statement.order_by(t.tx, t.seq).limit(limit)
        rows = await read(self.session, statement)
        return [_to_stored(row) for row in rows]

    async def head(self) -> FeedPosition:
        last = (await read(self.session, select(func.max(EventRow.tx)))).scalar_one()
        return FeedPosition(int(last or 0), _LAST_SEQ)

    async def prune(self, before: datetime) -> int:
        result: Any = await self.session.execute(
            delete(EventRow).where(EventRow.occurred_at < before)
        )
        return int(result.rowcount or 0)
