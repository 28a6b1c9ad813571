"""Forecast and funnel reports over the deals the caller may see."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol
from uuid import UUID

from domain.errors import NotFound, ValidationFailed
from domain.pipelines import Pipeline, StageKind
from domain.roles import Permission, require

if TYPE_CHECKING:
    from domain.principal import Principal
    from domain.uow import UnitOfWork

MAX_SPAN_DAYS = 3 * 366


class GroupBy(StrEnum):
    MONTH = "month"
    OWNER = "owner"


@dataclass(frozen=True)
class OpenDealFacts:
    """One open deal as the forecast needs it."""

    owner_id: UUID
    expected_close: date
    currency: str
    amount: int
    probability: int


@dataclass(frozen=True)
class WonDealFacts:
    owner_id: UUID
    won_at: datetime
    currency: str
    amount: int


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
class DealJourney:
    """A deal created in the window: what it is now and every stage it entered."""

    created_at: datetime
    status: str
    currency: str
    amount: int
    won_at: datetime | None
    entered: tuple[UUID, ...]


@dataclass(frozen=True)
class StageTime:
    stage_id: UUID
    seconds: int


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
    async def open_deals(
        self, principal: Principal, pipeline_id: UUID, start: date, end: date
    ) -> list[OpenDealFacts]: ...
    async def won_deals(
        self, principal: Principal, pipeline_id: UUID, start: date, end: date
    ) -> list[WonDealFacts]: ...
    async def journeys(
        self, principal: Principal, pipeline_id: UUID, start: date, end: date
    ) -> tuple[list[DealJourney], list[StageTime]]: ...


def _check_window(start: date, end: date) -> None:
    if end <= start:
        raise ValidationFailed.on("to", "must be after from")
    if (end - start).days > MAX_SPAN_DAYS:
        raise ValidationFailed.on("to", "a report spans at most three years")


async def _pipeline(uow: UnitOfWork, principal: Principal, pipeline_id: UUID | None) -> Pipeline:
    require(principal, Permission.REPORTS_READ)
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
    rows: dict[tuple[str, str], ForecastRow] = {}

    def row(key: str, currency: str) -> ForecastRow:
        return rows.setdefault((key, currency), ForecastRow(key, currency))

    for deal in await uow.reports.open_deals(principal, pipeline.id, start, end):
        key = (
            deal.expected_close.strftime("%Y-%m")
            if group_by is GroupBy.MONTH
            else str(deal.owner_id)
        )
        entry = row(key, deal.currency)
        entry.open_amount += deal.amount
        entry.weighted_amount += (deal.amount * deal.probability + 50) // 100
        entry.open_deals += 1
    for won in await uow.reports.won_deals(principal, pipeline.id, start, end):
        key = won.won_at.strftime("%Y-%m") if group_by is GroupBy.MONTH else str(won.owner_id)
        entry = row(key, won.currency)
        entry.won_amount += won.amount
        entry.won_deals += 1
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
    journeys, times = await uow.reports.journeys(principal, pipeline.id, start, end)
    ladder = [s for s in pipeline.ordered_stages if s.kind is not StageKind.LOST]
    ladder.sort(key=lambda s: (s.kind is StageKind.WON, s.position))
    place = {s.id: i for i, s in enumerate(ladder)}
    reached = [0] * len(ladder)
    for journey in journeys:
        highest = max((place[s] for s in journey.entered if s in place), default=-1)
        for index in range(highest + 1):
            reached[index] += 1
    spent: dict[UUID, list[int]] = defaultdict(list)
    for time in times:
        spent[time.stage_id].append(time.seconds)
    stages = []
    for index, stage in enumerate(ladder):
        before = reached[index - 1] if index else None
        stages.append(
            FunnelStage(
                stage_id=stage.id,
                name=stage.name,
                kind=stage.kind,
                reached=reached[index],
                conversion_from_previous=round(reached[index] / before, 4) if before else None,
                average_days=round(sum(spent[stage.id]) / len(spent[stage.id]) / 86400, 2)
                if spent[stage.id]
                else None,
            )
        )
    won = [j for j in journeys if j.status == "won"]
    lost = [j for j in journeys if j.status == "lost"]
    amounts: dict[str, list[int]] = defaultdict(list)
    for journey in won:
        amounts[journey.currency].append(journey.amount)
    cycles = [(j.won_at - j.created_at).total_seconds() / 86400 for j in won if j.won_at]
    closed = len(won) + len(lost)
    return Funnel(
        pipeline_id=pipeline.id,
        created=len(journeys),
        won=len(won),
        lost=len(lost),
        win_rate=round(len(won) / closed, 4) if closed else None,
        stages=stages,
        average_won_amount={c: round(sum(v) / len(v)) for c, v in sorted(amounts.items())},
        average_cycle_days=round(sum(cycles) / len(cycles), 2) if cycles else None,
    )
