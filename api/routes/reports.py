from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from api.deps import CurrentPrincipal, ReadUoW
from api.problems import responses
from api.schemas.fields import CalendarDate
from api.schemas.reports import Forecast, ForecastRowOut, FunnelOut
from domain.funnel import reports
from domain.funnel.reports import GroupBy

router = APIRouter(prefix="/reports", tags=["reports"])

From = Annotated[CalendarDate, Query(alias="from", description="First day, inclusive.")]
To = Annotated[CalendarDate, Query(description="Last day, exclusive.")]


@router.get(
    "/forecast",
    summary="Open, weighted and won amounts per month or owner, per currency",
    responses=responses(401, 403, 404, 422),
)
async def reports_forecast(
    principal: CurrentPrincipal,
    uow: ReadUoW,
    from_: From,
    to: To,
    pipeline_id: UUID | None = None,
    group_by: GroupBy = GroupBy.MONTH,
) -> Forecast:
    pipeline, rows = await reports.forecast(uow, principal, pipeline_id, from_, to, group_by)
    return Forecast(
        pipeline_id=pipeline.id,
        group_by=group_by.value,
        rows=[ForecastRowOut.of(r) for r in rows],
    )


@router.get(
    "/funnel",
    summary="Stage reach, conversion, time in stage, win rate and cycle for deals created",
    responses=responses(401, 403, 404, 422),
)
async def reports_funnel(
    principal: CurrentPrincipal,
    uow: ReadUoW,
    from_: From,
    to: To,
    pipeline_id: UUID | None = None,
) -> FunnelOut:
    return FunnelOut.of(await reports.funnel(uow, principal, pipeline_id, from_, to))
