"""The facts the forecast and funnel reports are computed from, read within scope."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, time

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.deals import DealStatus
from domain.principal import Principal
from domain.reports import DealJourney, OpenDealFacts, StageTime, WonDealFacts
from persistence.deals import DealRow, StageChangeRow, scoped_deals
from persistence.pipelines import StageRow


def _moment(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


class SqlReportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def open_deals(
        self, principal: Principal, pipeline_id: uuid.UUID, start: date, end: date
    ) -> list[OpenDealFacts]:
        statement = scoped_deals(
            select(
                DealRow.owner_id,
                DealRow.expected_close,
                DealRow.currency,
                DealRow.amount,
                StageRow.probability,
            ).join(StageRow, StageRow.id == DealRow.stage_id),
            principal,
        ).where(
            DealRow.pipeline_id == pipeline_id,
            DealRow.status == DealStatus.OPEN.value,
            DealRow.expected_close >= start,
            DealRow.expected_close < end,
        )
        return [OpenDealFacts(*row) for row in (await self.session.execute(statement)).all()]

    async def won_deals(
        self, principal: Principal, pipeline_id: uuid.UUID, start: date, end: date
    ) -> list[WonDealFacts]:
        statement = scoped_deals(
            select(DealRow.owner_id, DealRow.won_at, DealRow.currency, DealRow.amount),
            principal,
        ).where(
            DealRow.pipeline_id == pipeline_id,
            DealRow.status == DealStatus.WON.value,
            DealRow.won_at >= _moment(start),
            DealRow.won_at < _moment(end),
        )
        return [WonDealFacts(*row) for row in (await self.session.execute(statement)).all()]

    async def journeys(
        self, principal: Principal, pipeline_id: uuid.UUID, start: date, end: date
    ) -> tuple[list[DealJourney], list[StageTime]]:
        created = scoped_deals(select(DealRow.id), principal).where(
            DealRow.pipeline_id == pipeline_id,
            DealRow.created_at >= _moment(start),
            DealRow.created_at < _moment(end),
        )
        deals = (
            await self.session.execute(
                select(
                    DealRow.id,
                    DealRow.created_at,
                    DealRow.status,
                    DealRow.currency,
                    DealRow.amount,
                    DealRow.won_at,
                ).where(DealRow.id.in_(created))
            )
        ).all()
        changes = (
            await self.session.execute(
                select(
                    StageChangeRow.deal_id,
                    StageChangeRow.from_stage_id,
                    StageChangeRow.to_stage_id,
                    StageChangeRow.seconds_in_previous,
                ).where(StageChangeRow.deal_id.in_(created))
            )
        ).all()
        entered: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        times = []
        for deal_id, from_stage, to_stage, seconds in changes:
            entered[deal_id].append(to_stage)
            if from_stage is not None and seconds is not None:
                times.append(StageTime(from_stage, int(seconds)))
        journeys = [
            DealJourney(created_at, status, currency, amount, won_at, tuple(entered[deal_id]))
            for deal_id, created_at, status, currency, amount, won_at in deals
        ]
        return journeys, times
