from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StrictInt
from pydantic.config import JsonValue

from api.schemas.common import Input, ReadModel
from api.schemas.fields import Timestamp
from domain.interactions.interactions import Channel, Direction, InteractionStatus


class InteractionRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "9e8d7c6b-5a49-4382-b716-05f4e3d2c1b0",
                    "channel": "call",
                    "direction": "outbound",
                    "status": "done",
                    "subject": "Intro call",
                    "body": "Talked through the spring price list; wants an offer for 40 units.",
                    "outcome": "interested",
                    "scheduled_at": None,
                    "occurred_at": "2026-11-24T15:00:00Z",
                    "at": "2026-11-24T15:00:00Z",
                    "duration_minutes": 25,
                    "contact_id": "7f3e2d1c-0b9a-4876-a543-210fedcba987",
                    "company_id": "c1a2b3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
                    "deal_id": "3a9c1e2f-5b7d-4e8a-9c0b-1d2e3f4a5b6c",
                    "request_id": None,
                    "contact_ids": [],
                    "user_ids": ["e4d3c2b1-a098-4765-b432-10fedcba9876"],
                    "owner_id": "0b7c6f5e-8d3a-4f21-9c6e-2a1d4b5e6f70",
                    "team_id": "5d2e8f1a-3b4c-4d5e-8f60-7a8b9c0d1e2f",
                    "created_at": "2026-11-24T15:26:40Z",
                    "updated_at": "2026-11-24T15:26:40Z",
                    "version": 1,
                }
            ]
        }
    )

    id: UUID
    channel: Channel
    direction: Direction | None
    status: InteractionStatus
    subject: str
    body: str
    outcome: str | None
    scheduled_at: datetime | None
    occurred_at: datetime | None
    at: datetime = Field(description="When it happened, or is planned to.")
    duration_minutes: int | None
    contact_id: UUID | None
    company_id: UUID | None
    deal_id: UUID | None = Field(description="The deal it is about, if any.")
    request_id: UUID | None = Field(description="The customer request it is about, if any.")
    contact_ids: list[UUID] = Field(description="Further contacts taking part.")
    user_ids: list[UUID] = Field(description="Colleagues taking part.")
    owner_id: UUID
    team_id: UUID | None
    created_at: datetime
    updated_at: datetime
    version: int


class _InteractionFields(Input):
    direction: Direction | None = None
    subject: str | None = Field(None, max_length=300, examples=["Intro call"])
    body: str | None = Field(None, max_length=100_000)
    outcome: str | None = Field(None, max_length=50, examples=["interested"])
    scheduled_at: Timestamp | None = Field(
        None, description="For a planned interaction; any UTC offset, stored in UTC."
    )
    occurred_at: Timestamp | None = Field(None, description="For a done one; default now.")
    duration_minutes: StrictInt | None = Field(None, ge=0, le=1440)
    contact_id: UUID | None = None
    company_id: UUID | None = None
    deal_id: UUID | None = Field(
        None, description="About this deal; its contact and company fill in blanks."
    )
    request_id: UUID | None = Field(
        None, description="About this customer request; its contact fills in a blank."
    )
    contact_ids: list[UUID] | None = Field(None, max_length=50)
    user_ids: list[UUID] | None = Field(None, max_length=50)
    owner_id: UUID | None = None


class InteractionCreate(_InteractionFields):
    """Log one that happened (`status: done`, the default) or plan one (`planned`)."""

    channel: Channel
    status: Literal["planned", "done"] = "done"


class InteractionUpdate(_InteractionFields):
    """Send only what changes."""


class InteractionComplete(Input):
    outcome: str = Field(min_length=1, max_length=50, examples=["interested"])
    occurred_at: Timestamp | None = None
    duration_minutes: StrictInt | None = Field(None, ge=0, le=1440)
    body: str | None = Field(None, max_length=100_000)


_OUTCOME_EXAMPLES: list[JsonValue] = [
    {"key": "interested", "label": "Interested", "position": 30, "active": True},
    {"key": "meeting_booked", "label": "Meeting booked", "position": 60, "active": True},
]


class OutcomeOut(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": _OUTCOME_EXAMPLES[:1]})

    key: str
    label: str
    position: int
    active: bool


class OutcomeIn(Input):
    key: str = Field(min_length=1, max_length=50, pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1, max_length=100)


class OutcomeList(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": _OUTCOME_EXAMPLES}]})

    items: list[OutcomeOut]


class OutcomeListIn(Input):
    items: list[OutcomeIn] = Field(min_length=1, max_length=100)
