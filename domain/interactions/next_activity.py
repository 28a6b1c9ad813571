"""The next thing planned on a record: an open task with a due time, or a planned
interaction with its scheduled time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID


class ActivityKind(StrEnum):
    TASK = "task"
    INTERACTION = "interaction"


@dataclass(frozen=True)
class NextActivity:
    kind: ActivityKind
    id: UUID
    title: str
    due: datetime
    # An interaction's channel (call, meeting, ...), which a client names when the subject
    # is empty.
    channel: str | None = None
    # Due before now (as My day counts it).
    overdue: bool = False
