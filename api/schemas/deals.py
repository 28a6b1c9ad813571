from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Self
from uuid import UUID

import pycountry
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError

from api.schemas.common import Input, ReadModel, first_example
from api.schemas.fields import CalendarDate, ExternalIdsIn, ExternalIdsOut, Tags
from domain.funnel.deals import DealStatus
from domain.funnel.pipelines import Pipeline, StageKind
from domain.interactions.next_activity import ActivityKind


def _currency(value: str) -> str:
    code = value.strip().upper()
    if pycountry.currencies.get(alpha_3=code) is None:
        raise PydanticCustomError(
            "invalid_currency", "must be an ISO 4217 currency code such as EUR or USD"
        )
    return code


Currency = Annotated[
    str, Field(min_length=3, max_length=3, examples=["EUR"]), AfterValidator(_currency)
]
Amount = Annotated[
    StrictInt, Field(ge=0, le=10**15, description="In minor units: 1999 is 19.99 EUR.")
]


def _stage(number: int, name: str, probability: int, kind: str, rotting: int | None) -> JsonDict:
    return {
        "id": f"11111111-2222-4333-8444-5555555555{number:02d}",
        "name": name,
        "position": number - 1,
        "probability": probability,
        "kind": kind,
        "rotting_days": rotting,
    }


_STAGE_EXAMPLES: list[JsonDict] = [
    _stage(1, "Lead in", 10, "open", 14),
    _stage(2, "Qualified", 30, "open", 21),
    _stage(3, "Won", 100, "won", None),
    _stage(4, "Lost", 0, "lost", None),
]


class StageRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_STAGE_EXAMPLES[1]]})

    id: UUID
    name: str
    position: int
    probability: int
    kind: StageKind
    rotting_days: int | None


_PIPELINE_EXAMPLE: JsonDict = {
    "id": "f0e1d2c3-b4a5-4968-8776-655443322110",
    "name": "Sales",
    "is_default": True,
    "stages": list(_STAGE_EXAMPLES),
    "version": 3,
}


class PipelineRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_PIPELINE_EXAMPLE]})

    id: UUID
    name: str
    is_default: bool
    stages: list[StageRead]
    version: int

    @classmethod
    def of(cls, pipeline: Pipeline, /, **given: Any) -> Self:
        # The stages in board order, not as stored.
        return super().of(pipeline, **{"stages": pipeline.ordered_stages} | given)


class PipelineList(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [_PIPELINE_EXAMPLE]}]})

    items: list[PipelineRead]


class StageIn(Input):
    name: str = Field(min_length=1, max_length=100, examples=["Qualified"])
    probability: StrictInt = Field(ge=0, le=100, description="Win probability in percent.")
    kind: StageKind = StageKind.OPEN
    rotting_days: StrictInt | None = Field(None, ge=1, le=365)


class StageAdd(StageIn):
    position: StrictInt | None = Field(
        None,
        ge=0,
        description="Default: an open stage after the last open one (before won and lost),"
        " a won or lost stage last.",
    )


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


class DealRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "d3a1e5b7-9c2f-4e8a-b6d4-2f1e0c9b8a76",
                    "title": "50 licences for Acme",
                    "pipeline_id": "f0e1d2c3-b4a5-4968-8776-655443322110",
                    "stage_id": "11111111-2222-4333-8444-555555555502",
                    "status": "open",
                    "amount": 2450000,
                    "currency": "EUR",
                    "contact_id": "7f3e2d1c-0b9a-4876-a543-210fedcba987",
                    "company_id": "c1a2b3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
                    "expected_close": "2027-01-31",
                    "source": "referral",
                    "tags": ["renewal"],
                    "custom_fields": {},
                    "external_ids": {"erp": "O-2026-0042"},
                    "lost_reason": None,
                    "won_at": None,
                    "lost_at": None,
                    "stage_entered_at": "2026-11-24T15:30:00Z",
                    "owner_id": "0b7c6f5e-8d3a-4f21-9c6e-2a1d4b5e6f70",
                    "team_id": "5d2e8f1a-3b4c-4d5e-8f60-7a8b9c0d1e2f",
                    "created_at": "2026-11-18T10:00:00Z",
                    "updated_at": "2026-11-24T15:30:00Z",
                    "version": 3,
                }
            ]
        }
    )

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
    external_ids: ExternalIdsOut
    lost_reason: str | None
    won_at: dt.datetime | None
    lost_at: dt.datetime | None
    stage_entered_at: dt.datetime
    owner_id: UUID
    team_id: UUID | None
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int


class _DealFields(Input):
    amount: Amount | None = None
    currency: Currency | None = None
    contact_id: UUID | None = None
    company_id: UUID | None = None
    expected_close: CalendarDate | None = None
    source: str | None = Field(None, max_length=100)
    tags: Tags | None = None
    custom_fields: dict[str, Any] | None = None
    owner_id: UUID | None = None


class DealCreate(_DealFields):
    title: str = Field(min_length=1, max_length=300, examples=["50 licences for Acme"])
    pipeline_id: UUID | None = Field(None, description="Default: the default pipeline.")
    stage_id: UUID | None = Field(None, description="Default: the first open stage.")
    lost_reason: str | None = Field(None, max_length=2000)
    external_ids: ExternalIdsIn = None


class DealUpdate(_DealFields):
    """Send only what changes; the stage changes through /move."""

    title: str | None = Field(None, min_length=1, max_length=300)
    external_ids: ExternalIdsIn = None


class DealMove(Input):
    stage_id: UUID
    lost_reason: str | None = Field(None, max_length=2000, description="Needed for a lost stage.")


class LeadConversion(_DealFields):
    title: str | None = Field(None, min_length=1, max_length=300)
    pipeline_id: UUID | None = None


_STAGE_CHANGE_EXAMPLE: JsonDict = {
    "id": "a1b2c3d4-e5f6-4789-9abc-def012345678",
    "from_stage_id": "11111111-2222-4333-8444-555555555501",
    "to_stage_id": "11111111-2222-4333-8444-555555555502",
    "by": "0b7c6f5e-8d3a-4f21-9c6e-2a1d4b5e6f70",
    "rule_id": None,
    "seconds_in_previous": 538200,
    "at": "2026-11-24T15:30:00Z",
}


class StageChangeRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_STAGE_CHANGE_EXAMPLE]})

    id: UUID
    from_stage_id: UUID | None
    to_stage_id: UUID
    by: UUID | None
    rule_id: UUID | None = Field(
        description="The automation rule that moved the deal on behalf of `by`, if one did."
    )
    seconds_in_previous: int | None = Field(description="Time the deal spent in from_stage.")
    at: dt.datetime


class StageChangeList(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [_STAGE_CHANGE_EXAMPLE]}]})

    items: list[StageChangeRead]


class NextActivityRead(ReadModel):
    """The next thing planned on a deal: its open task due first, or its planned
    interaction scheduled first, whichever comes sooner."""

    kind: ActivityKind
    id: UUID
    title: str = Field(description="The task's title, or the interaction's subject (may be empty).")
    due: dt.datetime = Field(
        description="The task's due time, or the interaction's scheduled time."
    )
    channel: str | None = Field(None, description="An interaction's channel.")
    overdue: bool = Field(description="Due before now, as My day counts it.")


class BoardCard(DealRead):
    """A deal as the board shows it: with the names of its company and contact (when the
    caller may read them) and its next activity."""

    company_name: str | None = None
    contact_name: str | None = None
    next_activity: NextActivityRead | None = None


class BoardColumn(ReadModel):
    stage: StageRead
    count: int
    totals: dict[str, int] = Field(description="Sum of amounts per currency, minor units.")
    deals: list[BoardCard]


def _board_examples(schema: dict[str, Any]) -> None:
    deal = first_example(DealRead)
    columns = [
        {
            "stage": stage,
            "count": 1 if stage["id"] == deal["stage_id"] else 0,
            "totals": {"EUR": deal["amount"]} if stage["id"] == deal["stage_id"] else {},
            "deals": [deal] if stage["id"] == deal["stage_id"] else [],
        }
        for stage in _STAGE_EXAMPLES
        if isinstance(stage, dict)
    ]
    schema["examples"] = [{"pipeline": _PIPELINE_EXAMPLE, "columns": columns}]


class Board(BaseModel):
    """The pipeline's stages as columns, each with its deals."""

    model_config = ConfigDict(json_schema_extra=_board_examples)

    pipeline: PipelineRead
    columns: list[BoardColumn]
