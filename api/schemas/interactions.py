from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, Field, StrictInt

from api.schemas.common import Input
from domain.interactions import Channel, Direction, Interaction, InteractionStatus, Outcome


class InteractionRead(BaseModel):
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
    contact_ids: list[UUID] = Field(description="Further contacts taking part.")
    user_ids: list[UUID] = Field(description="Colleagues taking part.")
    owner_id: UUID
    team_id: UUID | None
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, i: Interaction) -> InteractionRead:
        return cls(
            id=i.id,
            channel=i.channel,
            direction=i.direction,
            status=i.status,
            subject=i.subject,
            body=i.body,
            outcome=i.outcome,
            scheduled_at=i.scheduled_at,
            occurred_at=i.occurred_at,
            at=i.at,
            duration_minutes=i.duration_minutes,
            contact_id=i.contact_id,
            company_id=i.company_id,
            contact_ids=i.contact_ids,
            user_ids=i.user_ids,
            owner_id=i.owner_id,
            team_id=i.team_id,
            created_at=i.created_at,
            updated_at=i.updated_at,
            version=i.version,
        )


class _InteractionFields(Input):
    direction: Direction | None = None
    subject: str | None = Field(None, max_length=300, examples=["Intro call"])
    body: str | None = Field(None, max_length=100_000)
    outcome: str | None = Field(None, max_length=50, examples=["interested"])
    scheduled_at: AwareDatetime | None = Field(
        None, description="For a planned interaction; any UTC offset, stored in UTC."
    )
    occurred_at: AwareDatetime | None = Field(None, description="For a done one; default now.")
    duration_minutes: StrictInt | None = Field(None, ge=0, le=1440)
    contact_id: UUID | None = None
    company_id: UUID | None = None
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
    occurred_at: AwareDatetime | None = None
    duration_minutes: StrictInt | None = Field(None, ge=0, le=1440)
    body: str | None = Field(None, max_length=100_000)


class OutcomeOut(BaseModel):
    key: str
    label: str
    position: int
    active: bool

    @classmethod
    def of(cls, outcome: Outcome) -> OutcomeOut:
        return cls(
            key=outcome.key, label=outcome.label, position=outcome.position, active=outcome.active
        )


class OutcomeIn(Input):
    key: str = Field(min_length=1, max_length=50, pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1, max_length=100)


class OutcomeList(BaseModel):
    items: list[OutcomeOut]


class OutcomeListIn(Input):
    items: list[OutcomeIn] = Field(min_length=1, max_length=100)
