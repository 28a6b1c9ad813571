from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import ReadModel
from domain.funnel.pipelines import StageKind


class ForecastRowOut(ReadModel):
    key: str = Field(description="The month (YYYY-MM) or the owner's user id.")
    currency: str
    open_amount: int
    weighted_amount: int = Field(description="Open amounts times stage probability.")
    won_amount: int
    open_deals: int
    won_deals: int


class Forecast(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "pipeline_id": "f0e1d2c3-b4a5-4968-8776-655443322110",
                    "group_by": "month",
                    "rows": [
                        {
                            "key": "2026-12",
                            "currency": "EUR",
                            "open_amount": 7350000,
                            "weighted_amount": 2205000,
                            "won_amount": 1200000,
                            "open_deals": 3,
                            "won_deals": 1,
                        }
                    ],
                }
            ]
        }
    )

    pipeline_id: UUID
    group_by: str
    rows: list[ForecastRowOut]


class FunnelStageOut(ReadModel):
    stage_id: UUID
    name: str
    kind: StageKind
    reached: int
    conversion_from_previous: float | None
    average_days: float | None


class FunnelOut(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "pipeline_id": "f0e1d2c3-b4a5-4968-8776-655443322110",
                    "created": 40,
                    "won": 9,
                    "lost": 15,
                    "win_rate": 0.375,
                    "stages": [
                        {
                            "stage_id": "11111111-2222-4333-8444-555555555501",
                            "name": "Lead in",
                            "kind": "open",
                            "reached": 40,
                            "conversion_from_previous": None,
                            "average_days": 6.5,
                        },
                        {
                            "stage_id": "11111111-2222-4333-8444-555555555502",
                            "name": "Qualified",
                            "kind": "open",
                            "reached": 22,
                            "conversion_from_previous": 0.55,
                            "average_days": 12.0,
                        },
                    ],
                    "average_won_amount": {"EUR": 1850000},
                    "average_cycle_days": 34.5,
                }
            ]
        }
    )

    pipeline_id: UUID
    created: int
    won: int
    lost: int
    win_rate: float | None = Field(description="Won / (won + lost) among the created deals.")
    stages: list[FunnelStageOut]
    average_won_amount: dict[str, int]
    average_cycle_days: float | None = Field(description="From creation to won, on average.")
