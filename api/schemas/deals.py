from __future__ import annotations

import datetime as dt
from typing import Annotated, Any
from uuid import UUID

import pycountry
from pydantic import AfterValidator, BaseModel, Field, StrictInt

from api.schemas.common import Input
from api.schemas.fields import Tags
from domain.deals import Deal, DealStatus, StageChange, StageColumn
from domain.pipelines import Pipeline, Stage, StageKind


def _currency(value: str) -> str:
    code = value.strip().upper()
    if pycountry.currencies.get(alpha_3=code) is None:
        raise ValueError("must be an ISO 4217 currency code such as EUR or USD")
    return code


Currency = Annotated[
    str, Field(min_length=3, max_length=3, examples=["EUR"]), AfterValidator(_currency)
]
Amount = Annotated[
    StrictInt, Field(ge=0, le=10**15, description="In minor units: 1999 is 19.99 EUR.")
]


class StageRead(BaseModel):
    id: UUID
    name: str
    position: int
    probability: int
    kind: StageKind
    rotting_days: int | None

    @classmethod
    def of(cls, stage: Stage) -> StageRead:
        return cls(
            id=stage.id,
            name=stage.name,
            position=stage.position,
            probability=stage.probability,
            kind=stage.kind,
            rotting_days=stage.rotting_days,
        )


class PipelineRead(BaseModel):
    id: UUID
    name: str
    is_default: bool
    stages: list[StageRead]
    version: int

    @classmethod
    def of(cls, pipeline: Pipeline) -> PipelineRead:
        return cls(
            id=pipeline.id,
            name=pipeline.name,
            is_default=pipeline.is_default,
            stages=[StageRead.of(s) for s in pipeline.ordered_stages],
            version=pipeline.version,
        )


class PipelineList(BaseModel):
    items: list[PipelineRead]


class StageIn(Input):
    name: str = Field(min_length=1, max_length=100, examples=["Qualified"])
    probability: StrictInt = Field(ge=0, le=100, description="Win probability in percent.")
    kind: StageKind = StageKind.OPEN
    rotting_days: StrictInt | None = Field(None, ge=1, le=365)


class StageAdd(StageIn):
    position: StrictInt | None = Field(None, ge=0, description="Default: last.")


class StageUpdate(Input):
    name: str | None = Field(None, min_length=1, max_length=100)
    probability: StrictInt | None = Field(None, ge=0, le=100)
    kind: StageKind | None = None
    rotting_days: StrictInt | None = Field(None, ge=1, le=365)
    position: StrictInt | None = Field(None, ge=0)


class PipelineCreate(Input):
    name: str = Field(min_length=1, max_length=200, examples=["Renewals"])
    stages: list[StageIn] = Field(min_length=3, max_length=30)


class PipelineUpdate(Input):
    name: str | None = Field(None, min_length=1, max_length=200)
    is_default: bool | None = Field(None, description="true makes it the default pipeline.")


class DealRead(BaseModel):
    id: UUID
    title: str
    pipeline_id: UUID
    stage_id: UUID
    status: DealStatus
    amount: int
    currency: str
    contact_id: UUID | None
    company_id: UUID | None
    expected_close: dt.date | None
    source: str | None
    tags: list[str]
    custom_fields: dict[str, Any]
    lost_reason: str | None
    won_at: dt.datetime | None
    lost_at: dt.datetime | None
    stage_entered_at: dt.datetime
    owner_id: UUID
    team_id: UUID | None
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int

    @classmethod
    def of(cls, d: Deal) -> DealRead:
        return cls(
            id=d.id,
            title=d.title,
            pipeline_id=d.pipeline_id,
            stage_id=d.stage_id,
            status=d.status,
            amount=d.amount,
            currency=d.currency,
            contact_id=d.contact_id,
            company_id=d.company_id,
            expected_close=d.expected_close,
            source=d.source,
            tags=d.tags,
            custom_fields=d.custom_fields,
            lost_reason=d.lost_reason,
            won_at=d.won_at,
            lost_at=d.lost_at,
            stage_entered_at=d.stage_entered_at,
            owner_id=d.owner_id,
            team_id=d.team_id,
            created_at=d.created_at,
            updated_at=d.updated_at,
            version=d.version,
        )


class _DealFields(Input):
    amount: Amount | None = None
    currency: Currency | None = None
    contact_id: UUID | None = None
    company_id: UUID | None = None
    expected_close: dt.date | None = None
    source: str | None = Field(None, max_length=100)
    tags: Tags | None = None
    custom_fields: dict[str, Any] | None = None
    owner_id: UUID | None = None


class DealCreate(_DealFields):
    title: str = Field(min_length=1, max_length=300, examples=["50 licences for Acme"])
    pipeline_id: UUID | None = Field(None, description="Default: the default pipeline.")
    stage_id: UUID | None = Field(None, description="Default: the first open stage.")
    lost_reason: str | None = Field(None, max_length=2000)


class DealUpdate(_DealFields):
    """Send only what changes; the stage changes through /move."""

    title: str | None = Field(None, min_length=1, max_length=300)


class DealMove(Input):
    stage_id: UUID
    lost_reason: str | None = Field(None, max_length=2000, description="Needed for a lost stage.")


class LeadConversion(_DealFields):
    title: str | None = Field(None, min_length=1, max_length=300)
    pipeline_id: UUID | None = None


class StageChangeRead(BaseModel):
    id: UUID
    from_stage_id: UUID | None
    to_stage_id: UUID
    by: UUID | None
    seconds_in_previous: int | None = Field(description="Time the deal spent in from_stage.")
    at: dt.datetime

    @classmethod
    def of(cls, change: StageChange) -> StageChangeRead:
        return cls(
            id=change.id,
            from_stage_id=change.from_stage_id,
            to_stage_id=change.to_stage_id,
            by=change.by,
            seconds_in_previous=change.seconds_in_previous,
            at=change.at,
        )


class StageChangeList(BaseModel):
    items: list[StageChangeRead]


class BoardColumn(BaseModel):
    stage: StageRead
    count: int
    totals: dict[str, int] = Field(description="Sum of amounts per currency, minor units.")
    deals: list[DealRead]

    @classmethod
    def of(cls, column: StageColumn) -> BoardColumn:
        return cls(
            stage=StageRead.of(column.stage),
            count=column.count,
            totals=column.totals,
            deals=[DealRead.of(d) for d in column.deals],
        )


class Board(BaseModel):
    pipeline: PipelineRead
    columns: list[BoardColumn]
