"""Running totals of the deals, kept in the same transaction as every deal write, so the
board and the reports sum a few thousand rows instead of every deal (bench/DEALS.md: at
200,000 deals, summing the deals themselves costs PostgreSQL 30 to 250 ms of CPU).

Five tables, each a sum over the deals (or stage changes) that share its key:

- `deal_stage_totals`: per stage, currency, owner and team, how many deals and their
  amount; the board.
- `deal_open_totals`: open deals per pipeline, month of expected close, stage, owner,
  team and currency: how many, their amount, and their amount weighted by the stage's
  probability, rounded per deal; the forecast.
- `deal_won_totals`: won deals per pipeline, month won, owner, team and currency; the
  forecast.
- `deal_cohort_totals`: per pipeline, month of creation, owner, team, stages entered,
  status and currency, how many deals, their amount and their time from creation to
  won; the funnel's reach, win rate, amounts and cycle.
- `deal_stage_time_totals`: per pipeline, month of the deal's creation, owner, team and
  stage, the time spent in the stage and how many stays ended; the funnel's time in
  stage.

Owner and team are in every key so that each caller's scope filters the totals as it
filters deals. A deal without a team counts under NO_TEAM (a key column cannot be
NULL). Every write applies the difference between what the deal added before and what
it adds now (`apply`, or `apply_all` for many deals at once), through upserts in a
fixed order; what depends on a stage as a whole (its probability changed) is summed
afresh for that stage (`refresh_stages`). `rebuild` recomputes every total from the
deals and their history; the tests hold the two to each other.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    BigInteger,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from domain.access.levels import RecordKind
from domain.access.principal import Principal
from persistence.base import Base
from persistence.funnel_rows import DealRow, PipelineRow, StageChangeRow, StageRow
from persistence.scope import readable

NO_TEAM = uuid.UUID(int=0)
_MICROSECOND = timedelta(microseconds=1)


class StageTotalRow(Base):
    __tablename__ = "deal_stage_totals"

    stage_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(StageRow.id, ondelete="CASCADE"), primary_key=True
    )
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    owner_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    team_key: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    deals: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(BigInteger)


class OpenTotalRow(Base):
    __tablename__ = "deal_open_totals"

    pipeline_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(PipelineRow.id, ondelete="CASCADE"), primary_key=True
    )
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    stage_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(StageRow.id, ondelete="CASCADE"), primary_key=True
    )
    owner_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    team_key: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    deals: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(BigInteger)
    weighted: Mapped[int] = mapped_column(BigInteger)


class WonTotalRow(Base):
    __tablename__ = "deal_won_totals"

    pipeline_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(PipelineRow.id, ondelete="CASCADE"), primary_key=True
    )
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    owner_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    team_key: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    deals: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(BigInteger)


class CohortTotalRow(Base):
    __tablename__ = "deal_cohort_totals"

    pipeline_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(PipelineRow.id, ondelete="CASCADE"), primary_key=True
    )
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    owner_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    team_key: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    entered_stage_ids: Mapped[str] = mapped_column(Text, primary_key=True)
    status: Mapped[str] = mapped_column(String(10), primary_key=True)
    currency: Mapped[str] = mapped_column(String(3), primary_key=True)
    deals: Mapped[int] = mapped_column(Integer)
    amount: Mapped[int] = mapped_column(BigInteger)
    # Creation to won, in microseconds: whole numbers add and subtract without drift.
    cycle_us: Mapped[int] = mapped_column(BigInteger)
    cycles: Mapped[int] = mapped_column(Integer)


class StageTimeTotalRow(Base):
    __tablename__ = "deal_stage_time_totals"

    pipeline_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(PipelineRow.id, ondelete="CASCADE"), primary_key=True
    )
    month: Mapped[date] = mapped_column(Date, primary_key=True)
    owner_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    team_key: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    # No foreign key: the history keeps the time spent in stages deleted since.
    stage_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    seconds: Mapped[int] = mapped_column(BigInteger)
    stays: Mapped[int] = mapped_column(Integer)


MEASURES: dict[str, tuple[str, ...]] = {
    StageTotalRow.__tablename__: ("deals", "amount"),
    OpenTotalRow.__tablename__: ("deals", "amount", "weighted"),
    WonTotalRow.__tablename__: ("deals", "amount"),
    CohortTotalRow.__tablename__: ("deals", "amount", "cycle_us", "cycles"),
    StageTimeTotalRow.__tablename__: ("seconds", "stays"),
}
TABLES: dict[str, Table] = {
    row.__tablename__: row.__table__  # type: ignore[misc]
    for row in (StageTotalRow, OpenTotalRow, WonTotalRow, CohortTotalRow, StageTimeTotalRow)
}
OPEN = "open"
WON = "won"


def month_of(moment: datetime | date) -> date:
    if isinstance(moment, datetime):
        moment = moment.astimezone(UTC).date()
    return moment.replace(day=1)


def weighted(amount: int, probability: int) -> int:
    """The amount times the probability, to the minor unit, half up (amounts are never
    negative). SQL's integer division of the same expression gives the same."""
    return (amount * probability + 50) // 100


def team_key(team_id: uuid.UUID | None) -> uuid.UUID:
    return team_id or NO_TEAM


@dataclass(frozen=True)
class DealFacts:
    """The columns of a deal row the totals are made of."""

    pipeline_id: uuid.UUID
    stage_id: uuid.UUID
    status: str
    currency: str
    amount: int
    owner_id: uuid.UUID
    team_id: uuid.UUID | None
    created_at: datetime
    won_at: datetime | None
    expected_close: date | None
    entered_stage_ids: str

    def with_(self, **changes: Any) -> DealFacts:
        return replace(self, **changes)


# (table name, key as (column, value) pairs) -> the measures to add.
Deltas = dict[tuple[str, tuple[tuple[str, Any], ...]], list[int]]


def _contribute(
    deltas: Deltas, facts: DealFacts, sign: int, probabilities: dict[uuid.UUID, int]
) -> None:
    team = team_key(facts.team_id)
    board = (
        ("stage_id", facts.stage_id),
        ("currency", facts.currency),
        ("owner_id", facts.owner_id),
        ("team_key", team),
    )
    cycle = (facts.won_at - facts.created_at) // _MICROSECOND if facts.won_at else 0
    cohort = (
        ("pipeline_id", facts.pipeline_id),
        ("month", month_of(facts.created_at)),
        ("owner_id", facts.owner_id),
        ("team_key", team),
        ("entered_stage_ids", facts.entered_stage_ids),
        ("status", facts.status),
        ("currency", facts.currency),
    )
    contributions: list[tuple[str, tuple[tuple[str, Any], ...], tuple[int, ...]]] = [
        (StageTotalRow.__tablename__, board, (1, facts.amount)),
        (CohortTotalRow.__tablename__, cohort, (1, facts.amount, cycle, int(bool(facts.won_at)))),
    ]
    key: tuple[tuple[str, Any], ...]
    if facts.status == OPEN and facts.expected_close is not None:
        key = (
            ("pipeline_id", facts.pipeline_id),
            ("month", month_of(facts.expected_close)),
            ("stage_id", facts.stage_id),
            ("owner_id", facts.owner_id),
            ("team_key", team),
            ("currency", facts.currency),
        )
        chance = probabilities[facts.stage_id]
        contributions.append(
            (OpenTotalRow.__tablename__, key, (1, facts.amount, weighted(facts.amount, chance)))
        )
    if facts.status == WON and facts.won_at is not None:
        key = (
            ("pipeline_id", facts.pipeline_id),
            ("month", month_of(facts.won_at)),
            ("owner_id", facts.owner_id),
            ("team_key", team),
            ("currency", facts.currency),
        )
        contributions.append((WonTotalRow.__tablename__, key, (1, facts.amount)))
    for table, key, measures in contributions:
        total = deltas.setdefault((table, key), [0] * len(measures))
        for index, value in enumerate(measures):
            total[index] += sign * value


def _stay_key(
    facts: DealFacts, owner_id: uuid.UUID, team_id: uuid.UUID | None, stage_id: uuid.UUID
) -> tuple[str, tuple[tuple[str, Any], ...]]:
    return (
        StageTimeTotalRow.__tablename__,
        (
            ("pipeline_id", facts.pipeline_id),
            ("month", month_of(facts.created_at)),
            ("owner_id", owner_id),
            ("team_key", team_key(team_id)),
            ("stage_id", stage_id),
        ),
    )


async def _upsert(session: AsyncSession, deltas: Deltas) -> None:
    """Adds each delta to its row, creating it at need. In key order, so that two
    transactions touching the same rows take their locks in the same order."""
    postgresql_ = session.get_bind().dialect.name == "postgresql"
    for (name, key), values in sorted(deltas.items(), key=lambda item: repr(item[0])):
        if not any(values):
            continue
        table = TABLES[name]
        measures = dict(zip(MEASURES[name], values, strict=True))
        statement = (postgresql.insert if postgresql_ else sqlite.insert)(table).values(
            **dict(key), **measures
        )
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=[column for column, _ in key],
                set_={m: table.c[m] + statement.excluded[m] for m in measures},
            )
        )


async def apply(session: AsyncSession, before: DealFacts | None, after: DealFacts | None) -> None:
    """A deal went from `before` to `after` (None: it did not exist)."""
    await apply_all(session, [(before, after)])


async def apply_all(
    session: AsyncSession,
    changes: Sequence[tuple[DealFacts | None, DealFacts | None]],
    stays: Sequence[tuple[DealFacts, uuid.UUID, int]] = (),
) -> None:
    """Deals went from `before` to `after` (`apply` for each), and left stages after the
    time given (`add_stay` for each of `stays`: deal, stage, seconds): their deltas are
    summed per total row and written in one pass, as many deals share their rows."""
    both = [facts for change in changes for facts in change if facts is not None]
    open_in = {f.stage_id for f in both if f.status == OPEN and f.expected_close is not None}
    probabilities: dict[uuid.UUID, int] = {}
    if open_in:
        probabilities = dict(
            (
                await session.execute(
                    select(StageRow.id, StageRow.probability).where(StageRow.id.in_(open_in))
                )
            ).all()
        )
    deltas: Deltas = {}
    for before, after in changes:
        if before is not None:
            _contribute(deltas, before, -1, probabilities)
        if after is not None:
            _contribute(deltas, after, 1, probabilities)
    for facts, stage_id, seconds in stays:
        total = deltas.setdefault(_stay_key(facts, facts.owner_id, facts.team_id, stage_id), [0, 0])
        total[0] += seconds
        total[1] += 1
    await _upsert(session, deltas)


async def add_stay(
    session: AsyncSession, facts: DealFacts, stage_id: uuid.UUID, seconds: int
) -> None:
    """The deal left `stage_id` after `seconds` there."""
    await apply_all(session, [], [(facts, stage_id, seconds)])


async def move_stays(
    session: AsyncSession,
    facts: DealFacts,
    stays: Iterable[tuple[uuid.UUID, int, int]],
    owner_id: uuid.UUID,
    team_id: uuid.UUID | None,
) -> None:
    """The deal's stays (stage, seconds, count) now count for its new owner and team."""
    deltas: Deltas = {}
    for stage_id, seconds, count in stays:
        deltas[_stay_key(facts, facts.owner_id, facts.team_id, stage_id)] = [-seconds, -count]
        deltas[_stay_key(facts, owner_id, team_id, stage_id)] = [seconds, count]
    await _upsert(session, deltas)


async def _merge(session: AsyncSession, table: Table, condition: Any, **new_key: Any) -> None:
    """Folds the rows matching `condition` into the rows with `new_key` in their place."""
    measures = MEASURES[table.name]
    keys = [c.name for c in table.primary_key.columns]
    kept = [k for k in keys if k not in new_key]
    source = (
        select(
            *(literal(v, table.c[k].type).label(k) for k, v in new_key.items()),
            *(table.c[k] for k in kept),
            *(func.sum(table.c[m]).label(m) for m in measures),
        )
        .where(condition)
        .group_by(*(table.c[k] for k in kept))
    )
    rows = (await session.execute(source)).mappings().all()
    await session.execute(delete(table).where(condition))
    deltas: Deltas = {
        (table.name, tuple((k, row[k]) for k in keys)): [int(row[m]) for m in measures]
        for row in rows
    }
    await _upsert(session, deltas)


async def refresh_stages(session: AsyncSession, stage_ids: Sequence[uuid.UUID]) -> None:
    """The stages' board and forecast totals summed afresh from their deals, after a
    stage's probability changed."""
    postgresql_ = session.get_bind().dialect.name == "postgresql"
    board, opened = _stage_statements(postgresql_)
    for table, select_ in (
        (TABLES[StageTotalRow.__tablename__], board),
        (TABLES[OpenTotalRow.__tablename__], opened),
    ):
        await session.execute(delete(table).where(table.c.stage_id.in_(stage_ids)))
        await session.execute(
            insert(table).from_select(
                [c.name for c in table.columns], select_.where(DealRow.stage_id.in_(stage_ids))
            )
        )


async def forget_team(session: AsyncSession, team_id: uuid.UUID) -> None:
    """The team is gone and its deals and stage changes have no team any more."""
    for table in TABLES.values():
        await _merge(session, table, table.c.team_key == team_id, team_key=NO_TEAM)


async def move_owner(session: AsyncSession, owner_id: uuid.UUID, team_id: uuid.UUID | None) -> None:
    """Every deal and stage change of the owner now has `team_id` (the owner moved)."""
    for table in TABLES.values():
        await _merge(session, table, table.c.owner_id == owner_id, team_key=team_key(team_id))


def _month(column: Any, postgresql_: bool) -> Any:
    if postgresql_:
        return cast(func.date_trunc("month", func.timezone("UTC", column)), Date)
    return func.date(column, "start of month")


def scoped_totals(statement: Any, principal: Principal, row: type[Any]) -> Any:
    """Totals of the deals the principal sees: every total has an owner and a team key."""
    return readable(statement, principal, RecordKind.DEALS, row.owner_id, row.team_key)


def microseconds_between(later: Any, earlier: Any, postgresql_: bool) -> Any:
    if postgresql_:
        return cast(func.round(func.extract("epoch", later - earlier) * 1_000_000), BigInteger)
    # SQLite keeps "YYYY-MM-DD HH:MM:SS.ffffff": whole seconds, then the microseconds.
    return (
        cast(func.strftime("%s", later), Integer) - cast(func.strftime("%s", earlier), Integer)
    ) * 1_000_000 + (
        cast(func.substr(later, 21, 6), Integer) - cast(func.substr(earlier, 21, 6), Integer)
    )


def _no_team(column: Any) -> Any:
    return func.coalesce(column, literal(NO_TEAM, column.type))


def _stage_statements(postgresql_: bool) -> tuple[Any, Any]:
    """The board's and the open forecast's totals summed from the deals, as selects in
    the tables' column order."""
    board_keys = (DealRow.stage_id, DealRow.currency, DealRow.owner_id, _no_team(DealRow.team_id))
    board = select(*board_keys, func.count(), func.sum(DealRow.amount)).group_by(*board_keys)
    if postgresql_:
        close_month: Any = cast(func.date_trunc("month", DealRow.expected_close), Date)
    else:
        close_month = func.date(DealRow.expected_close, "start of month")
    open_keys = (
        DealRow.pipeline_id,
        close_month,
        DealRow.stage_id,
        DealRow.owner_id,
        _no_team(DealRow.team_id),
        DealRow.currency,
    )
    opened = (
        select(
            *open_keys,
            func.count(),
            func.sum(DealRow.amount),
            # Floor division, per deal: weighted().
            func.sum((DealRow.amount * StageRow.probability + 50) // 100),
        )
        .join(StageRow, StageRow.id == DealRow.stage_id)
        .where(DealRow.status == OPEN, DealRow.expected_close.is_not(None))
        .group_by(*open_keys)
    )
    return board, opened


def rebuild_statements(postgresql_: bool) -> Sequence[Any]:
    """Every total computed afresh from the deals and their stage changes."""
    board, opened = _stage_statements(postgresql_)
    won_keys = (
        DealRow.pipeline_id,
        _month(DealRow.won_at, postgresql_),
        DealRow.owner_id,
        _no_team(DealRow.team_id),
        DealRow.currency,
    )
    won = (
        select(*won_keys, func.count(), func.sum(DealRow.amount))
        .where(DealRow.status == WON, DealRow.won_at.is_not(None))
        .group_by(*won_keys)
    )
    cycle = case(
        (
            DealRow.won_at.is_not(None),
            microseconds_between(DealRow.won_at, DealRow.created_at, postgresql_),
        ),
        else_=0,
    )
    cohort_keys = (
        DealRow.pipeline_id,
        _month(DealRow.created_at, postgresql_),
        DealRow.owner_id,
        _no_team(DealRow.team_id),
        DealRow.entered_stage_ids,
        DealRow.status,
        DealRow.currency,
    )
    cohorts = select(
        *cohort_keys,
        func.count(),
        func.sum(DealRow.amount),
        func.sum(cycle),
        func.count(DealRow.won_at),
    ).group_by(*cohort_keys)
    stay_keys = (
        StageChangeRow.pipeline_id,
        _month(StageChangeRow.deal_created_at, postgresql_),
        StageChangeRow.owner_id,
        _no_team(StageChangeRow.team_id),
        StageChangeRow.from_stage_id,
    )
    stays = (
        select(
            *stay_keys,
            func.sum(StageChangeRow.seconds_in_previous),
            func.count(StageChangeRow.seconds_in_previous),
        )
        .where(
            StageChangeRow.from_stage_id.is_not(None),
            StageChangeRow.seconds_in_previous.is_not(None),
        )
        .group_by(*stay_keys)
    )
    sums = {
        StageTotalRow.__tablename__: board,
        OpenTotalRow.__tablename__: opened,
        WonTotalRow.__tablename__: won,
        CohortTotalRow.__tablename__: cohorts,
        StageTimeTotalRow.__tablename__: stays,
    }
    return (
        *(delete(table) for table in TABLES.values()),
        *(
            insert(table).from_select([c.name for c in table.columns], sums[name])
            for name, table in TABLES.items()
        ),
    )


async def rebuild(session: AsyncSession) -> None:
    postgresql_ = session.get_bind().dialect.name == "postgresql"
    for statement in rebuild_statements(postgresql_):
        await session.execute(statement)
