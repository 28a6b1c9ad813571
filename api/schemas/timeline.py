from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import ReadModel, first_example
from api.schemas.deals import DealRead, StageChangeRead
from api.schemas.interactions import InteractionRead
from api.schemas.requests import RequestRead, StatusChangeRead
from api.schemas.tasks import TaskRead
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


class TimelineItemRead(ReadModel):
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
    def of(cls, item: TimelineItem, /, **given: Any) -> Self:
        # A request shows where it may move and whether it is late: worked out, not read.
        request = RequestRead.of(item.request) if item.request else None
        return super().of(item, **{"request": request} | given)


class NamedRef(ReadModel):
    """A related record by name (a deal by its title)."""

    id: UUID
    name: str


class AgendaItemRead(ReadModel):
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
