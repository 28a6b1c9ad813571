"""The forecast and funnel reports' figures, summed by the database within scope.

Everything is grouped in SQL: a report over 200,000 deals returns a few dozen rows. Both
reports sum the running totals (persistence/deal_totals.py) for the whole months of
their window, and the deals themselves, from covering indexes (persistence/deals.py),
only for the days of a month the window starts or ends within."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import case, extract, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.access.principal import Principal
from domain.funnel.deals import DealStatus
from domain.funnel.reports import Cohort, ForecastBucket, GroupBy, StageTime
from persistence.deal_totals import (
    CohortTotalRow,
    OpenTotalRow,
    StageTimeTotalRow,
    WonTotalRow,
    microseconds_between,
    scoped_totals,
)
from persistence.deals import scoped_changes, scoped_deals
from persistence.funnel_rows import DealRow, StageChangeRow, StageRow


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


class SqlReportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    @property
    def _postgresql(self) -> bool:
        return self.session.get_bind().dialect.name == "postgresql"

    def _utc(self, column: Any) -> Any:
        """A timestamp as UTC wall time: PostgreSQL would otherwise take the month in the
        session's time zone; SQLite keeps UTC text already."""
        return func.timezone("UTC", column) if self._postgresql else column

    def _keys(self, group_by: GroupBy, moment: Any) -> list[Any]:
        if group_by is GroupBy.OWNER:
            return [DealRow.owner_id]
        return [extract("year", moment), extract("month", moment)]

    @staticmethod
    def _bucket(group_by: GroupBy, row: Any, weighted: int = 0) -> ForecastBucket:
        if group_by is GroupBy.OWNER:
            owner_id, currency, amount, deals = row[:4]
            return ForecastBucket(None, owner_id, currency, int(amount), int(deals), weighted)
        year, month, currency, amount, deals = row[:5]
        return ForecastBucket(
            (int(year), int(month)), None, currency, int(amount), int(deals), weighted
        )

    async def open_buckets(
        self,
        principal: Principal,
        pipeline_id: uuid.UUID,
        start: date,
        end: date,
        group_by: GroupBy,
    ) -> list[ForecastBucket]:
        months, edges = _split(start, end)
        found: list[ForecastBucket] = []
        if months is not None:
            key = OpenTotalRow.owner_id if group_by is GroupBy.OWNER else OpenTotalRow.month
            statement = (
                scoped_totals(
                    select(
                        key,
                        OpenTotalRow.currency,
                        func.sum(OpenTotalRow.amount),
                        func.sum(OpenTotalRow.deals),
                        func.sum(OpenTotalRow.weighted),
                    ),
                    principal,
                    OpenTotalRow,
                )
                .where(
                    OpenTotalRow.pipeline_id == pipeline_id,
                    OpenTotalRow.month >= months[0],
                    OpenTotalRow.month < months[1],
                )
                .group_by(key, OpenTotalRow.currency)
                .having(func.sum(OpenTotalRow.deals) != 0)
            )
            found += [_total_bucket(row) for row in (await self.session.execute(statement)).all()]
        for first, last in edges:
            keys = self._keys(group_by, DealRow.expected_close)
            # Floor division (SQLAlchemy renders / as true division), per deal, as in
            # deal_totals.weighted().
            weighted = func.sum((DealRow.amount * StageRow.probability + 50) // 100)
            statement = scoped_deals(
                select(*keys, DealRow.currency, func.sum(DealRow.amount), func.count(), weighted)
                .join(StageRow, StageRow.id == DealRow.stage_id)
                .where(
                    DealRow.pipeline_id == pipeline_id,
                    DealRow.status == DealStatus.OPEN.value,
                    DealRow.expected_close >= first,
                    DealRow.expected_close < last,
                ),
                principal,
            ).group_by(*keys, DealRow.currency)
            found += [
                self._bucket(group_by, row, int(row[-1]))
                for row in (await self.session.execute(statement)).all()
            ]
        return found

    async def won_buckets(
        self,
        principal: Principal,
        pipeline_id: uuid.UUID,
        start: date,
        end: date,
        group_by: GroupBy,
    ) -> list[ForecastBucket]:
        months, edges = _split(start, end)
        found: list[ForecastBucket] = []
        if months is not None:
            key = WonTotalRow.owner_id if group_by is GroupBy.OWNER else WonTotalRow.month
            statement = (
                scoped_totals(
                    select(
                        key,
                        WonTotalRow.currency,
                        func.sum(WonTotalRow.amount),
                        func.sum(WonTotalRow.deals),
                    ),
                    principal,
                    WonTotalRow,
                )
                .where(
                    WonTotalRow.pipeline_id == pipeline_id,
                    WonTotalRow.month >= months[0],
                    WonTotalRow.month < months[1],
                )
                .group_by(key, WonTotalRow.currency)
                .having(func.sum(WonTotalRow.deals) != 0)
            )
            found += [_total_bucket(row) for row in (await self.session.execute(statement)).all()]
        for first, last in edges:
            keys = self._keys(group_by, self._utc(DealRow.won_at))
            statement = scoped_deals(
                select(*keys, DealRow.currency, func.sum(DealRow.amount), func.count()).where(
                    DealRow.pipeline_id == pipeline_id,
                    DealRow.status == DealStatus.WON.value,
                    DealRow.won_at >= _moment(first),
                    DealRow.won_at < _moment(last),
                ),
                principal,
            ).group_by(*keys, DealRow.currency)
            found += [
                self._bucket(group_by, row) for row in (await self.session.execute(statement)).all()
            ]
        return found

    async def cohorts(
        self, principal: Principal, pipeline_id: uuid.UUID, start: date, end: date
    ) -> list[Cohort]:
        months, edges = _split(start, end)
        found: list[Cohort] = []
        if months is not None:
            groups = (
                CohortTotalRow.entered_stage_ids,
                CohortTotalRow.status,
                CohortTotalRow.currency,
            )
            statement = (
                scoped_totals(
                    select(
                        *groups,
                        func.sum(CohortTotalRow.deals),
                        func.sum(CohortTotalRow.amount),
                        func.sum(CohortTotalRow.cycle_us),
                        func.sum(CohortTotalRow.cycles),
                    ),
                    principal,
                    CohortTotalRow,
                )
                .where(
                    CohortTotalRow.pipeline_id == pipeline_id,
                    CohortTotalRow.month >= months[0],
                    CohortTotalRow.month < months[1],
                )
                .group_by(*groups)
                .having(func.sum(CohortTotalRow.deals) != 0)
            )
            found += _cohorts((await self.session.execute(statement)).all())
        for first, last in edges:
            found += await self._counted_cohorts(principal, pipeline_id, first, last)
        return found

    async def _counted_cohorts(
        self, principal: Principal, pipeline_id: uuid.UUID, start: date, end: date
    ) -> list[Cohort]:
        """From the deals themselves, for a part of a month."""
        groups = (DealRow.entered_stage_ids, DealRow.status, DealRow.currency)
        cycle = case(
            (
                DealRow.won_at.is_not(None),
                microseconds_between(DealRow.won_at, DealRow.created_at, self._postgresql),
            ),
            else_=0,
        )
        statement = scoped_deals(
            select(
                *groups,
                func.count(),
                func.sum(DealRow.amount),
                func.sum(cycle),
                func.count(DealRow.won_at),
            ).where(
                DealRow.pipeline_id == pipeline_id,
                DealRow.created_at >= _moment(start),
                DealRow.created_at < _moment(end),
            ),
            principal,
        ).group_by(*groups)
        return _cohorts((await self.session.execute(statement)).all())

    async def stage_times(
        self,
        principal: Principal,
        pipeline_id: uuid.UUID,
        stage_ids: Sequence[uuid.UUID],
        start: date,
        end: date,
    ) -> list[StageTime]:
        months, edges = _split(start, end)
        found: list[StageTime] = []
        if months is not None:
            statement = (
                scoped_totals(
                    select(
                        StageTimeTotalRow.stage_id,
                        func.sum(StageTimeTotalRow.seconds),
                        func.sum(StageTimeTotalRow.stays),
                    ),
                    principal,
                    StageTimeTotalRow,
                )
                .where(
                    StageTimeTotalRow.pipeline_id == pipeline_id,
                    StageTimeTotalRow.stage_id.in_(stage_ids),
                    StageTimeTotalRow.month >= months[0],
                    StageTimeTotalRow.month < months[1],
                )
                .group_by(StageTimeTotalRow.stage_id)
            )
            found += _times((await self.session.execute(statement)).all())
        for first, last in edges:
            # The changes carry their deal's pipeline, creation, owner and team, so
            # neither the window nor the scope needs the deals table.
            statement = (
                scoped_changes(
                    select(
                        StageChangeRow.from_stage_id,
                        func.sum(StageChangeRow.seconds_in_previous),
                        func.count(StageChangeRow.seconds_in_previous),
                    ),
                    principal,
                )
                .where(
                    StageChangeRow.pipeline_id == pipeline_id,
                    StageChangeRow.from_stage_id.in_(stage_ids),
                    StageChangeRow.deal_created_at >= _moment(first),
                    StageChangeRow.deal_created_at < _moment(last),
                )
                .group_by(StageChangeRow.from_stage_id)
            )
            found += _times((await self.session.execute(statement)).all())
        return found


def _split(start: date, end: date) -> tuple[tuple[date, date] | None, list[tuple[date, date]]]:
    """The whole months within [start, end), read from the totals, and the parts of months
    at either end, read from the deals."""
    first = start if start.day == 1 else _next_month(start)
    last = end.replace(day=1)
    if first >= last:
        return None, [(start, end)]
    edges = [(a, b) for a, b in ((start, first), (last, end)) if a < b]
    return (first, last), edges


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _total_bucket(row: Any) -> ForecastBucket:
    """(month or owner, currency, amount, deals[, weighted]) from the totals."""
    key, currency, amount, deals, *weighted = row
    month = (key.year, key.month) if isinstance(key, date) else None
    return ForecastBucket(
        month,
        None if month else key,
        currency,
        int(amount),
        int(deals),
        int(weighted[0]) if weighted else 0,
    )


def _cohorts(rows: Sequence[Any]) -> list[Cohort]:
    return [
        Cohort(
            entered=frozenset(uuid.UUID(s) for s in entered.split()),
            status=status,
            currency=currency,
            deals=int(deals),
            amount=int(amount),
            cycle_microseconds=int(cycle or 0),
            cycles=int(cycles),
        )
        for entered, status, currency, deals, amount, cycle, cycles in rows
    ]


def _times(rows: Sequence[Any]) -> list[StageTime]:
    return [
        StageTime(stage_id, int(seconds or 0), int(stays))
        for stage_id, seconds, stays in rows
        if stage_id is not None and stays
    ]
