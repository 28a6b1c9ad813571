from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel

from domain.audit import AuditAction, AuditEvent


class FieldChangeOut(BaseModel):
    before: Any
    after: Any


class AuditEventRead(BaseModel):
    id: UUID
    occurred_at: datetime
    actor_id: UUID | None
    action: AuditAction
    changes: dict[str, FieldChangeOut]

    @classmethod
    def of(cls, event: AuditEvent) -> AuditEventRead:
        return cls(
            id=event.id,
            occurred_at=event.occurred_at,
            actor_id=event.actor_id,
            action=event.action,
            changes={
                k: FieldChangeOut(before=c.before, after=c.after) for k, c in event.changes.items()
            },
        )
