from __future__ import annotations

from datetime import datetime
from typing import Any, Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from api.schemas.common import Input, ReadModel, first_example
from api.schemas.users import UserRead
from domain.clock import utcnow
from domain.interactions.requests import (
    CustomerRequest,
    RequestChannel,
    RequestPriority,
    RequestStatus,
    allowed_moves,
)


class RequestRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "a9b8c7d6-e5f4-4321-8fed-cba987654321",
                    "contact_id": "7f3e2d1c-0b9a-4876-a543-210fedcba987",
                    "channel": "email",
                    "subject": "Invoice 2026-114 is wrong",
                    "description": "The invoice lists 50 units; we received and ordered 40.",
                    "status": "open",
                    "allowed_statuses": ["pending", "resolved", "closed"],
                    "priority": "high",
                    "assignee_id": "e4d3c2b1-a098-4765-b432-10fedcba9876",
                    "owner_id": "0b7c6f5e-8d3a-4f21-9c6e-2a1d4b5e6f70",
                    "team_id": "5d2e8f1a-3b4c-4d5e-8f60-7a8b9c0d1e2f",
                    "due_by": "2026-11-26T12:00:00Z",
                    "overdue": False,
                    "resolution": "",
                    "resolved_at": None,
                    "closed_at": None,
                    "created_at": "2026-11-25T08:00:00Z",
                    "updated_at": "2026-11-25T08:41:19Z",
                    "version": 2,
                }
            ]
        }
    )

    id: UUID
    contact_id: UUID
    channel: RequestChannel
    subject: str
    description: str
    status: RequestStatus
    allowed_statuses: list[RequestStatus] = Field(
        description="Where it can move next, in the workflow's order (new to closed)."
    )
    priority: RequestPriority
    assignee_id: UUID | None
    owner_id: UUID
    team_id: UUID | None
    due_by: datetime | None
    overdue: bool
    resolution: str
    resolved_at: datetime | None
    closed_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, request: CustomerRequest, now: datetime | None = None, /, **given: Any) -> Self:
        # Where it may move and whether it is late are worked out, as of `now`.
        open_ = request.status in (RequestStatus.NEW, RequestStatus.OPEN, RequestStatus.PENDING)
        late = open_ and request.due_by is not None and request.due_by < (now or utcnow())
        worked_out = {"allowed_statuses": allowed_moves(request.status), "overdue": late}
        return super().of(request, **worked_out | given)


class RequestCreate(Input):
    contact_id: UUID
    channel: RequestChannel
    subject: str = Field(min_length=1, max_length=300, examples=["Invoice 2026-114 is wrong"])
    description: str | None = Field(None, max_length=50_000)
    priority: RequestPriority | None = None
    assignee_id: UUID | None = Field(
        None,
        description="Default: round-robin in your team if it distributes requests, "
        "else you (who registers it).",
    )


class RequestUpdate(Input):
    """Send only what changes; `status` moves along the allowed graph."""

    subject: str | None = Field(None, min_length=1, max_length=300)
    description: str | None = Field(None, max_length=50_000)
    priority: RequestPriority | None = None
    assignee_id: UUID | None = None
    status: RequestStatus | None = None
    resolution: str | None = Field(None, max_length=50_000, description="Needed to resolve.")


class StatusChangeRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "from_status": "new",
                    "to_status": "open",
                    "by": "e4d3c2b1-a098-4765-b432-10fedcba9876",
                    "at": "2026-11-25T08:41:19Z",
                }
            ]
        }
    )

    from_status: RequestStatus | None
    to_status: RequestStatus
    by: UUID | None
    at: datetime


class StatusChangeList(BaseModel):
    """A request's status history, newest first."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "from_status": "new",
                            "to_status": "open",
                            "by": "e4d3c2b1-a098-4765-b432-10fedcba9876",
                            "at": "2026-11-25T08:41:19Z",
                        },
                        {
                            "from_status": None,
                            "to_status": "new",
                            "by": "e4d3c2b1-a098-4765-b432-10fedcba9876",
                            "at": "2026-11-25T08:00:00Z",
                        },
                    ]
                }
            ]
        }
    )

    items: list[StatusChangeRead]


def _assignee_examples(schema: dict[str, Any]) -> None:
    schema["examples"] = [{"items": [first_example(UserRead)]}]


class AssigneeList(BaseModel):
    """Whom you may hand a request to, by name."""

    model_config = ConfigDict(json_schema_extra=_assignee_examples)

    items: list[UserRead]


class ResponseTimes(BaseModel):
    """Minutes until a request of each priority is due."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"urgent": 60, "high": 240, "normal": 1440, "low": 4320}]}
    )

    urgent: StrictInt = Field(ge=1, le=129600)
    high: StrictInt = Field(ge=1, le=129600)
    normal: StrictInt = Field(ge=1, le=129600)
    low: StrictInt = Field(ge=1, le=129600)


class Distribution(Input):
    """Whether the team's new requests and new leads go round-robin to its members."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"requests": True, "leads": False}]})

    requests: StrictBool
    leads: StrictBool
