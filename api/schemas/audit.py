from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from domain.audit import AuditAction, AuditEvent


class FieldChangeOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"before": "lead", "after": "prospect"}]}
    )

    before: Any
    after: Any


class AuditEventRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "8a7b6c5d-4e3f-4a1b-9c0d-e1f2a3b4c5d6",
                    "occurred_at": "2026-11-24T15:05:12Z",
                    "actor_id": "0b7c6f5e-8d3a-4f21-9c6e-2a1d4b5e6f70",
                    "rule_id": None,
                    "action": "updated",
                    "changes": {
                        "lifecycle_stage": {"before": "lead", "after": "prospect"},
                        "title": {"before": None, "after": "Head of Purchasing"},
                    },
                }
            ]
        }
    )

    id: UUID
    occurred_at: datetime
    actor_id: UUID | None
    rule_id: UUID | None = Field(
        description="The automation rule that made the change on the actor's behalf."
    )
    action: AuditAction
    changes: dict[str, FieldChangeOut]

    @classmethod
    def of(cls, event: AuditEvent) -> AuditEventRead:
        return cls(
            id=event.id,
            occurred_at=event.occurred_at,
            actor_id=event.actor_id,
            rule_id=event.rule_id,
            action=event.action,
            changes={
                k: FieldChangeOut(before=c.before, after=c.after) for k, c in event.changes.items()
            },
        )
