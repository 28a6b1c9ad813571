from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import ConfigDict, Field

from api.schemas.common import Input, ReadModel
from api.schemas.fields import Tags, Timestamp
from domain.interactions.tasks import Priority, TaskStatus


class TaskRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "4b3a2918-0706-4f5e-a4d3-c2b1a0f9e8d7",
                    "title": "Send the offer",
                    "description": "40 units, spring price list, delivery in March.",
                    "due_at": "2026-11-28T16:00:00Z",
                    "remind_at": "2026-11-28T09:00:00Z",
                    "priority": "high",
                    "status": "open",
                    "assignee_id": "0b7c6f5e-8d3a-4f21-9c6e-2a1d4b5e6f70",
                    "owner_id": "0b7c6f5e-8d3a-4f21-9c6e-2a1d4b5e6f70",
                    "team_id": "5d2e8f1a-3b4c-4d5e-8f60-7a8b9c0d1e2f",
                    "contact_id": "7f3e2d1c-0b9a-4876-a543-210fedcba987",
                    "company_id": "c1a2b3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
                    "deal_id": "3a9c1e2f-5b7d-4e8a-9c0b-1d2e3f4a5b6c",
                    "request_id": None,
                    "labels": ["offer"],
                    "completed_at": None,
                    "reminder_acknowledged_at": None,
                    "created_at": "2026-11-24T15:27:03Z",
                    "updated_at": "2026-11-24T15:27:03Z",
                    "version": 1,
                }
            ]
        }
    )

    id: UUID
    title: str
    description: str
    due_at: datetime | None
    remind_at: datetime | None
    priority: Priority
    status: TaskStatus
    assignee_id: UUID
    owner_id: UUID = Field(description="Who created the task.")
    team_id: UUID | None
    contact_id: UUID | None
    company_id: UUID | None
    deal_id: UUID | None = Field(description="The deal it is about, if any.")
    request_id: UUID | None = Field(description="The customer request it is about, if any.")
    labels: list[str]
    completed_at: datetime | None
    reminder_acknowledged_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int


class _TaskFields(Input):
    description: str | None = Field(None, max_length=20_000)
    due_at: Timestamp | None = None
    remind_at: Timestamp | None = Field(None, description="Not after due_at.")
    priority: Priority | None = None
    assignee_id: UUID | None = Field(
        None, description="Default you; otherwise someone in your scope ranked below you."
    )
    contact_id: UUID | None = None
    company_id: UUID | None = None
    deal_id: UUID | None = Field(
        None, description="About this deal; its contact and company fill in blanks."
    )
    request_id: UUID | None = Field(
        None, description="About this customer request; its contact fills in a blank."
    )
    labels: Tags | None = None


class TaskCreate(_TaskFields):
    title: str = Field(min_length=1, max_length=300, examples=["Send the offer"])


class TaskUpdate(_TaskFields):
    """Send only what changes; `status: done` completes the task."""

    title: str | None = Field(None, min_length=1, max_length=300)
    status: TaskStatus | None = None
