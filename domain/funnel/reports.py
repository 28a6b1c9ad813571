"""Forecast and funnel reports over the deals the caller may see."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol
from uuid import UUID

from domain.access.levels import AccessLevel, AccessMatrix, Action, EntityAccess, RecordKind
from domain.access.roles import Permission
from domain.errors import FieldErrorCode, NotFound, PermissionDenied, ValidationFailed
from domain.funnel.deals import DealStatus
from domain.funnel.pipelines import Pipeline, StageKind

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork

MAX_SPAN_DAYS = 3 * 366
DAY_US = 86_400_000_000


class GroupBy(StrEnum):
    MONTH = "month"
    OWNER = "owner"


@dataclass(frozen=True)
class ForecastBucket:
    """Deals of one currency that share a forecast key: an expected close (or won) month
    as (year, month), or an owner. `weighted` is the sum of each open deal's amount times
    its stage's probability, rounded per deal to the minor unit, half up."""

    month: tuple[int, int] | None
    owner_id: UUID | None
    currency: str
    amount: int
    deals: int
    weighted: int = 0


@dataclass
class ForecastRow:
    key: str
    currency: str
    open_amount: int = 0
    weighted_amount: int = 0
    won_amount: int = 0
    open_deals: int = 0
    won_deals: int = 0


@dataclass(frozen=True)
class Cohort:
    """Deals created in the window that entered the same stages and share a status and a
    currency: how many, their amount, and the time from creation to won of those won."""

    entered: frozenset[UUID]
    status: str
    currency: str
    deals: int
    amount: int
    cycle_microseconds: int
    cycles: int


@dataclass(frozen=True)
class StageTime:
    """The time spent in a stage by the window's deals: total and how many stays ended."""

    stage_id: UUID
    seconds: int
    stays: int


@dataclass
class FunnelStage:
    stage_id: UUID
    name: str
    kind: StageKind
    reached: int = 0
    conversion_from_previous: float | None = None
    average_days: float | None = None


@dataclass
class Funnel:
    pipeline_id: UUID
    created: int
    won: int
    lost: int
    win_rate: float | None
    stages: list[FunnelStage]
    average_won_amount: dict[str, int] = field(default_factory=dict)
    average_cycle_days: float | None = None


class ReportRepository(Protocol):
    async def open_buckets(
        self, principal: Principal, pipeline_id: UUID, start: date, end: date, group_by: GroupBy
    ) -> list[ForecastBucket]:
        """Open deals by expected close month (or owner) and currency."""
        ...

    async def won_buckets(
        self, principal: Principal, pipeline_id: UUID, start: date, end: date, group_by: GroupBy
    ) -> list[ForecastBucket]:
        """Won deals by the month they were won (or owner) and currency."""
        ...

    async def cohorts(
        self, principal: Principal, pipeline_id: UUID, start: date, end: date
    ) -> list[Cohort]: ...
    async def stage_times(
        self,
        principal: Principal,
        pipeline_id: UUID,
        stage_ids: Sequence[UUID],
        start: date,
        end: date,
    ) -> list[StageTime]:
        """Time spent in each of the stages by the deals created in the window."""
        ...


def _check_window(start: date, end: date) -> None:
    if end <= start:
        raise ValidationFailed.on("to", "must be after from", FieldErrorCode.OUT_OF_RANGE)
    if (end - start).days > MAX_SPAN_DAYS:
        raise ValidationFailed.on(
            "to", "a report spans at most three years", FieldErrorCode.OUT_OF_RANGE
        )


def check_may_read_reports(principal: Principal) -> None:
    """Reports sum the deals the caller may read (their record scope, as the deal lists
    do), so whoever reads deals reads reports on them; `reports:read` widens nothing, it
    only opens the report pages to roles without deal access."""
    if not (principal.has(Permission.DEALS_READ) or principal.has(Permission.REPORTS_READ)):
        raise PermissionDenied("Reports need the 'deals:read' or the 'reports:read' permission.")


def report_reader(principal: Principal) -> Principal:
    """Whose deals a report sums: those the caller reads; for a role that reads no deals
    but holds `reports:read`, the deals as far as it reads anything (a team's analyst sees
    the team's figures, never the deals themselves)."""
    deals = principal.access[RecordKind.DEALS]
    if deals.read is not AccessLevel.NONE:
        return principal
    widest = principal.access.widest(Action.READ)
    levels = {kind: principal.access[kind] for kind in RecordKind}
    levels[RecordKind.DEALS] = EntityAccess(widest, AccessLevel.NONE)
    return replace(principal, access=AccessMatrix.of(levels))


async def _pipeline(uow: UnitOfWork, principal: Principal, pipeline_id: UUID | None) -> Pipeline:
    check_may_read_reports(principal)
    pipeline = await (uow.pipelines.get(pipeline_id) if pipeline_id else uow.pipelines.default())
    if pipeline is None:
        raise NotFound("Pipeline not found.")
    return pipeline


async def forecast(
    uow: UnitOfWork,
    principal: Principal,
    pipeline_id: UUID | None,
    start: date,
    end: date,
    group_by: GroupBy,
) -> tuple[Pipeline, list[ForecastRow]]:
    """Open amount and amount weighted by stage probability, by expected close month or
    owner, per currency; and the amount won in the same periods. Weighted amounts are
    rounded per deal to the minor unit, half up."""
    _check_window(start, end)
    pipeline = await _pipeline(uow, principal, pipeline_id)
    principal = report_reader(principal)
    rows: dict[tuple[str, str], ForecastRow] = {}

    def row(bucket: ForecastBucket) -> ForecastRow:
        if bucket.month is not None:
            key = f"{bucket.month[0]:04d}-{bucket.month[1]:02d}"
        else:
            key = str(bucket.owner_id)
        return rows.setdefault((key, bucket.currency), ForecastRow(key, bucket.currency))

    for bucket in await uow.reports.open_buckets(principal, pipeline.id, start, end, group_by):
        entry = row(bucket)
        entry.open_amount += bucket.amount
        entry.weighted_amount += bucket.weighted
        entry.open_deals += bucket.deals
    for bucket in await uow.reports.won_buckets(principal, pipeline.id, start, end, group_by):
        entry = row(bucket)
        entry.won_amount += bucket.amount
        entry.won_deals += bucket.deals
    return pipeline, sorted(rows.values(), key=lambda r: (r.key, r.currency))


async def funnel(
    uow: UnitOfWork, principal: Principal, pipeline_id: UUID | None, start: date, end: date
) -> Funnel:
    """For deals created in the window: how many reached each stage (entering a stage
    counts for the open stages before it too: funnels are not always walked in order),
    the conversion from the previous stage, the average days spent in each stage, win
    rate, average won amount per currency and the average sales cycle."""
    _check_window(start, end)
    pipeline = await _pipeline(uow, principal, pipeline_id)
    principal = report_reader(principal)
    cohorts = await uow.reports.cohorts(principal, pipeline.id, start, end)
    ladder = [s for s in pipeline.ordered_stages if s.kind is not StageKind.LOST]
    ladder.sort(key=lambda s: (s.kind is StageKind.WON, s.position))
    place = {s.id: i for i, s in enumerate(ladder)}
    reached = [0] * len(ladder)
    for cohort in cohorts:
        highest = max((place[s] for s in cohort.entered if s in place), default=-1)
        for index in range(highest + 1):
            reached[index] += cohort.deals
    times = {
        t.stage_id: t
        for t in await uow.reports.stage_times(
            principal, pipeline.id, [s.id for s in ladder], start, end
        )
    }
    stages = []
    for index, stage in enumerate(ladder):
        before = reached[index - 1] if index else None
        time = times.get(stage.id)
        stages.append(
            FunnelStage(
                stage_id=stage.id,
                name=stage.name,
                kind=stage.kind,
                reached=reached[index],
                conversion_from_previous=round(reached[index] / before, 4) if before else None,
                average_days=round(time.seconds / time.stays / 86400, 2)
                if time and time.stays
                else None,
            )
        )
    won = [c for c in cohorts if c.status == DealStatus.WON.value]
    won_deals = sum(c.deals for c in won)
    lost_deals = sum(c.deals for c in cohorts if c.status == DealStatus.LOST.value)
    amounts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for cohort in won:
        amounts[cohort.currency][0] += cohort.amount
        amounts[cohort.currency][1] += cohort.deals
    cycles = sum(c.cycles for c in won)
    closed = won_deals + lost_deals
    return Funnel(
        pipeline_id=pipeline.id,
        created=sum(c.deals for c in cohorts),
        won=won_deals,
        lost=lost_deals,
        win_rate=round(won_deals / closed, 4) if closed else None,
        stages=stages,
        average_won_amount={c: round(t / n) for c, (t, n) in sorted(amounts.items())},
        average_cycle_days=round(sum(c.cycle_microseconds for c in won) / cycles / DAY_US, 2)
        if cycles
        else None,
    )
