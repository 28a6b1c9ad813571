from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import first_example
from api.schemas.deals import DealRead, StageChangeRead
from api.schemas.interactions import InteractionRead
from api.schemas.requests import RequestRead, StatusChangeRead
from api.schemas.tasks import TaskRead
from domain.clock import utcnow
from domain.interactions.agenda import AgendaItem, Named
from domain.interactions.timeline import TimelineItem


def _timeline_examples(schema: dict[str, Any]) -> None:
    interaction = first_example(InteractionRead)
    schema["examples"] = [
        {
            "type": "interaction",
            "at": interaction["at"],
            "id": interaction["id"],
            "interaction": interaction,
            "task": None,
            "request": None,
            "change": None,
            "deal": None,
            "stage_change": None,
        }
    ]


def _agenda_item(task: Any) -> dict[str, Any]:
    return {"type": "task", "at": task["due_at"], "overdue": False, "interaction": None,
            "task": task,
            "contact": {"id": task["contact_id"], "name": "Ada Lovelace"},
            "company": {"id": task["company_id"], "name": "Analytical Engines Ltd"},
            "deal": {"id": task["deal_id"], "name": "40 units, spring"}}  # fmt: skip


def _agenda_item_examples(schema: dict[str, Any]) -> None:
    schema["examples"] = [_agenda_item(first_example(TaskRead))]


def _agenda_examples(schema: dict[str, Any]) -> None:
    schema["examples"] = [{"items": [_agenda_item(first_example(TaskRead))]}]


class TimelineItemRead(BaseModel):
    """One entry; the field named by `type` holds the record."""

    model_config = ConfigDict(json_schema_extra=_timeline_examples)

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


class NamedRef(BaseModel):
    """A related record by name (a deal by its title)."""

    id: UUID
    name: str

    @classmethod
    def of(cls, named: Named | None) -> NamedRef | None:
        return cls(id=named.id, name=named.name) if named else None


class AgendaItemRead(BaseModel):
    model_config = ConfigDict(json_schema_extra=_agenda_item_examples)

    type: Literal["interaction", "task"]
    at: datetime
    overdue: bool
    interaction: InteractionRead | None = None
    task: TaskRead | None = None
    contact: NamedRef | None = Field(
        default=None,
        description="The contact the item is about, when the caller may read that contact.",
    )
    company: NamedRef | None = Field(
        default=None,
        description="The item's company, else its contact's, when the caller may read it.",
    )
    deal: NamedRef | None = Field(
        default=None, description="The deal the item is about, when the caller may read it."
    )

    @classmethod
    def of(cls, item: AgendaItem) -> AgendaItemRead:
        return cls(
            type=item.type.value,
            at=item.at,
            overdue=item.overdue,
            interaction=InteractionRead.of(item.interaction) if item.interaction else None,
            task=TaskRead.of(item.task) if item.task else None,
            contact=NamedRef.of(item.contact),
            company=NamedRef.of(item.company),
            deal=NamedRef.of(item.deal),
        )


class Agenda(BaseModel):
    model_config = ConfigDict(json_schema_extra=_agenda_examples)

    items: list[AgendaItemRead]


class CalendarFeedOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "url": "https://crm.example/api/v1/calendar-feeds/"
                    "q7Zt2mV9xK4pL0sB8nR3wY6cE1hJ5dFa.ics"
                }
            ]
        }
    )

    url: str
