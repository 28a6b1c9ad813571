from __future__ import annotations

from datetime import datetime
from typing import Any, Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import ReadModel
from domain.audit import AuditAction, AuditEntry


class FieldChangeOut(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"before": "lead", "after": "prospect"}]}
    )

    before: Any
    after: Any


class AuditEventRead(ReadModel):
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


class AuditActor(BaseModel):
    id: UUID
    name: str | None = Field(description="None when the user no longer exists.")


class AuditTrailEventRead(ReadModel):
    """An event of the whole trail: which record (or sign-in, or export) it speaks of,
    who acted, and what changed or what the action was given."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "8a7b6c5d-4e3f-4a1b-9c0d-e1f2a3b4c5d6",
                    "occurred_at": "2026-11-24T15:05:12Z",
                    "actor": {"id": "0b7c6f5e-8d3a-4f21-9c6e-2a1d4b5e6f70", "name": "Ana Ruiz"},
                    "entity_type": "role",
                    "entity_id": "5d0c7f1e-2b3a-4c5d-8e9f-0a1b2c3d4e5f",
                    "action": "updated",
                    "changes": {
                        "permissions": {
                            "before": ["contacts:read"],
                            "after": ["contacts:read", "data:export"],
                        }
                    },
                    "rule_id": None,
                    "details": {},
                }
            ]
        }
    )

    id: UUID
    occurred_at: datetime
    actor: AuditActor | None = Field(description="None for the system or a failed sign-in.")
    entity_type: str = Field(
        description="contact, company, interaction, task, request, deal, user, role or"
        " contact_export; sign-ins are events of the user they name."
    )
    entity_id: UUID | None = Field(
        description="None only for a failed sign-in with an e-mail no user has."
    )
    action: AuditAction
    changes: dict[str, FieldChangeOut]
    rule_id: UUID | None = Field(
        description="The automation rule that made the change on the actor's behalf."
    )
    details: dict[str, Any] = Field(
        description="What an action that changed no record was given: for sign-ins `email`"
        " (as typed, lower-cased), `client_address` and, when refused, `reason`; for"
        " sign-ins a user ended (`session_ended`) `session_id` and `current` (the sign-in"
        " that asked); for exports `format`, `filters` and, once the file is complete,"
        " `rows`."
    )

    @classmethod
    def of(cls, entry: AuditEntry, /, **given: Any) -> Self:
        # The event, with its actor named (the name is None when the user is gone).
        event = entry.event
        actor = (
            None if event.actor_id is None else AuditActor(id=event.actor_id, name=entry.actor_name)
        )
        return super().of(event, **{"actor": actor} | given)
