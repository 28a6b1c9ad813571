from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel, Field

from domain.pipelines import StageKind
from domain.reports import ForecastRow, Funnel


class ForecastRowOut(BaseModel):
    key: str = Field(description="The month (YYYY-MM) or the owner's user id.")
    currency: str
    open_amount: int
    weighted_amount: int = Field(description="Open amounts times stage probability.")
    won_amount: int
    open_deals: int
    won_deals: int

    @classmethod
    def of(cls, row: ForecastRow) -> ForecastRowOut:
        return cls(**row.__dict__)


class Forecast(BaseModel):
    pipeline_id: UUID
    group_by: str
    rows: list[ForecastRowOut]


class FunnelStageOut(BaseModel):
    stage_id: UUID
    name: str
    kind: StageKind
    reached: int
    conversion_from_previous: float | None
    average_days: float | None


class FunnelOut(BaseModel):
    pipeline_id: UUID
    created: int
    won: int
    lost: int
    win_rate: float | None = Field(description="Won / (won + lost) among the created deals.")
    stages: list[FunnelStageOut]
    average_won_amount: dict[str, int]
    average_cycle_days: float | None = Field(description="From creation to won, on average.")

    @classmethod
    def of(cls, funnel: Funnel) -> FunnelOut:
        return cls(
            pipeline_id=funnel.pipeline_id,
            created=funnel.created,
            won=funnel.won,
            lost=funnel.lost,
            win_rate=funnel.win_rate,
            stages=[FunnelStageOut(**s.__dict__) for s in funnel.stages],
            average_won_amount=funnel.average_won_amount,
            average_cycle_days=funnel.average_cycle_days,
        )
