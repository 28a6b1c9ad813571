from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field

from api.schemas.deals import DealRead, StageChangeRead
from api.schemas.interactions import InteractionRead
from api.schemas.requests import RequestRead, StatusChangeRead
from api.schemas.tasks import TaskRead
from domain.agenda import AgendaItem
from domain.clock import utcnow
from domain.timeline import TimelineItem


class TimelineItemRead(BaseModel):
    """One entry; the field named by `type` holds the record."""

    type: Literal["interaction", "task", "request", "deal"]
    at: datetime
    id: UUID
    interaction: InteractionRead | None = None
    task: TaskRead | None = None
    request: RequestRead | None = None
    change: StatusChangeRead | None = Field(
        None, description="For a request: the status move this entry records."
    )
    deal: DealRead | None = None
    stage_change: StageChangeRead | None = Field(
        None, description="For a deal: the stage move this entry records."
    )

    @classmethod
    def of(cls, item: TimelineItem) -> TimelineItemRead:
        return cls(
            type=item.type.value,
            at=item.at,
            id=item.id,
            interaction=InteractionRead.of(item.interaction) if item.interaction else None,
            task=TaskRead.of(item.task) if item.task else None,
            request=RequestRead.of(item.request, utcnow()) if item.request else None,
            change=StatusChangeRead.of(item.change) if item.change else None,
            deal=DealRead.of(item.deal) if item.deal else None,
            stage_change=StageChangeRead.of(item.stage_change) if item.stage_change else None,
        )


class AgendaItemRead(BaseModel):
    type: Literal["interaction", "task"]
    at: datetime
    overdue: bool
    interaction: InteractionRead | None = None
    task: TaskRead | None = None

    @classmethod
    def of(cls, item: AgendaItem) -> AgendaItemRead:
        return cls(
            type=item.type.value,
            at=item.at,
            overdue=item.overdue,
            interaction=InteractionRead.of(item.interaction) if item.interaction else None,
            task=TaskRead.of(item.task) if item.task else None,
        )


class Agenda(BaseModel):
    items: list[AgendaItemRead]


class CalendarFeedOut(BaseModel):
    url: str
