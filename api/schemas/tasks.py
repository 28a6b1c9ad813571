from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, Field

from api.schemas.common import Input
from api.schemas.fields import Tags
from domain.tasks import Priority, Task, TaskStatus


class TaskRead(BaseModel):
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
    labels: list[str]
    completed_at: datetime | None
    reminder_acknowledged_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of(cls, t: Task) -> TaskRead:
        return cls(
            id=t.id,
            title=t.title,
            description=t.description,
            due_at=t.due_at,
            remind_at=t.remind_at,
            priority=t.priority,
            status=t.status,
            assignee_id=t.assignee_id,
            owner_id=t.owner_id,
            team_id=t.team_id,
            contact_id=t.contact_id,
            company_id=t.company_id,
            labels=t.labels,
            completed_at=t.completed_at,
            reminder_acknowledged_at=t.reminder_acknowledged_at,
            created_at=t.created_at,
            updated_at=t.updated_at,
            version=t.version,
        )


class _TaskFields(Input):
    description: str | None = Field(None, max_length=20_000)
    due_at: AwareDatetime | None = None
    remind_at: AwareDatetime | None = Field(None, description="Not after due_at.")
    priority: Priority | None = None
    assignee_id: UUID | None = Field(
        None, description="Default you; otherwise someone in your scope ranked below you."
    )
    contact_id: UUID | None = None
    company_id: UUID | None = None
    labels: Tags | None = None


class TaskCreate(_TaskFields):
    title: str = Field(min_length=1, max_length=300, examples=["Send the offer"])


class TaskUpdate(_TaskFields):
    """Send only what changes; `status: done` completes the task."""

    title: str | None = Field(None, min_length=1, max_length=300)
    status: TaskStatus | None = None
