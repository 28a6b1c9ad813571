"""Audit events table and repository."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import Index, String, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, Mapped, mapped_column

from domain.audit import AuditAction, AuditEvent, FieldChange
from domain.pagination import Page, PageRequest
from persistence.base import Base, JSONDocument
from persistence.pagination import fetch_page


class AuditEventRow(Base):
    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_events_record", "entity_type", "entity_id", "occurred_at", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime]
    # No foreign key: the trail outlives the records and users it speaks of.
    actor_id: Mapped[uuid.UUID | None]
    # The automation rule acting for the actor, if any (no foreign key either).
    rule_id: Mapped[uuid.UUID | None]
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID]
    action: Mapped[str] = mapped_column(String(20))
    changes: Mapped[dict[str, Any]] = mapped_column(JSONDocument)


def _to_domain(row: AuditEventRow) -> AuditEvent:
    return AuditEvent(
        id=row.id,
        occurred_at=row.occurred_at,
        actor_id=row.actor_id,
        rule_id=row.rule_id,
        entity_type=row.entity_type,
        entity_id=row.entity_id,
        action=AuditAction(row.action),
        changes={k: FieldChange(v["before"], v["after"]) for k, v in row.changes.items()},
    )


def _values(event: AuditEvent) -> dict[str, Any]:
    return {
        "id": event.id,
        "occurred_at": event.occurred_at,
        "actor_id": event.actor_id,
        "rule_id": event.rule_id,
        "entity_type": event.entity_type,
        "entity_id": event.entity_id,
        "action": event.action.value,
        "changes": {k: {"before": c.before, "after": c.after} for k, c in event.changes.items()},
    }


class SqlAuditRepository:
    sorts: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "occurred_at": AuditEventRow.occurred_at
    }

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, events: Sequence[AuditEvent]) -> None:
        await self.session.execute(insert(AuditEventRow), [_values(event) for event in events])

    async def for_record(
        self, entity_type: str, entity_id: uuid.UUID, page: PageRequest
    ) -> Page[AuditEvent]:
        statement = select(AuditEventRow).where(
            AuditEventRow.entity_type == entity_type, AuditEventRow.entity_id == entity_id
        )
        return await fetch_page(
            self.session, statement, AuditEventRow.id, self.sorts, page, _to_domain
        )
