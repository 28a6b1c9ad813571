"""Audit events table and repository."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import Index, String, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, Mapped, mapped_column

from domain.audit import AuditEntry, AuditEvent, AuditFilter, FieldChange
from domain.pagination import Page, PageRequest
from persistence.base import Base, JSONDocument
from persistence.mapping import Converter, RowMapping
from persistence.pagination import fetch_page
from persistence.user_rows import UserRow


class AuditEventRow(Base):
    __tablename__ = "audit_events"
    __table_args__ = (
        # The trail's filters, each in the list's order (newest first). A record's history
        # goes by its id alone: ids are unique across entity types.
        Index("ix_audit_events_entity_id", "entity_id", "occurred_at", "id"),
        Index("ix_audit_events_entity_type", "entity_type", "occurred_at", "id"),
        Index("ix_audit_events_occurred_at_id", "occurred_at", "id"),
        Index("ix_audit_events_actor", "actor_id", "occurred_at", "id"),
        Index("ix_audit_events_action", "action", "occurred_at", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime]
    # No foreign key: the trail outlives the records and users it speaks of.
    actor_id: Mapped[uuid.UUID | None]
    # The automation rule acting for the actor, if any (no foreign key either).
    rule_id: Mapped[uuid.UUID | None]
    entity_type: Mapped[str] = mapped_column(String(40))
    # None for a failed sign-in with an e-mail no user has.
    entity_id: Mapped[uuid.UUID | None]
    action: Mapped[str] = mapped_column(String(20))
    changes: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    # What an event that changed no record was given (domain/audit.py); None for changes.
    details: Mapped[dict[str, Any] | None] = mapped_column(JSONDocument)


def _changes_in(stored: dict[str, Any]) -> dict[str, FieldChange]:
    return {name: FieldChange(c["before"], c["after"]) for name, c in stored.items()}


def _changes_out(changes: dict[str, FieldChange]) -> dict[str, Any]:
    return {name: {"before": c.before, "after": c.after} for name, c in changes.items()}


AUDIT_ROWS = RowMapping(
    AuditEvent,
    AuditEventRow.__table__,
    converters={
        "changes": Converter(read=_changes_in, write=_changes_out),
        # A change names no details: NULL, not an empty document, on every change row.
        "details": Converter(read=lambda stored: dict(stored or {}), write=lambda d: d or None),
    },
)


class SqlAuditRepository:
    sorts: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "occurred_at": AuditEventRow.occurred_at
    }

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, events: Sequence[AuditEvent]) -> None:
        await self.session.execute(
            insert(AuditEventRow), [AUDIT_ROWS.new_row_values(event) for event in events]
        )

    async def for_record(
        self, entity_type: str, entity_id: uuid.UUID, page: PageRequest
    ) -> Page[AuditEvent]:
        statement = select(AuditEventRow).where(
            AuditEventRow.entity_type == entity_type, AuditEventRow.entity_id == entity_id
        )
        return await fetch_page(
            self.session, statement, AuditEventRow.id, self.sorts, page, AUDIT_ROWS.record_of
        )

    async def find_page(self, filters: AuditFilter, page: PageRequest) -> Page[AuditEntry]:
        row = AuditEventRow
        conditions = []
        if filters.actor_id is not None:
            conditions.append(row.actor_id == filters.actor_id)
        if filters.entity_type is not None:
            conditions.append(row.entity_type == filters.entity_type)
        if filters.entity_id is not None:
            conditions.append(row.entity_id == filters.entity_id)
        if filters.action is not None:
            conditions.append(row.action == filters.action.value)
        if filters.after is not None:
            conditions.append(row.occurred_at >= filters.after)
        if filters.before is not None:
            conditions.append(row.occurred_at < filters.before)
        events = await fetch_page(
            self.session,
            select(row).where(*conditions),
            row.id,
            self.sorts,
            page,
            AUDIT_ROWS.record_of,
        )
        # The page's actors by name: one small read, not a join on every row looked at.
        actor_ids = {e.actor_id for e in events.items if e.actor_id is not None}
        names: dict[uuid.UUID, str] = {}
        if actor_ids:
            found = await self.session.execute(
                select(UserRow.id, UserRow.full_name).where(UserRow.id.in_(actor_ids))
            )
            names = {user_id: name for user_id, name in found.all()}
        return Page(
            items=[
                AuditEntry(e, names.get(e.actor_id) if e.actor_id else None) for e in events.items
            ],
            next_cursor=events.next_cursor,
        )

    async def set_details(self, event_id: uuid.UUID, details: dict[str, Any]) -> None:
        await self.session.execute(
            update(AuditEventRow).where(AuditEventRow.id == event_id).values(details=details)
        )
