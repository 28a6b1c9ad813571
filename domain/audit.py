"""The audit trail: who changed which record when, and each changed field before and
after. Every write of a customer record adds one event in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID, uuid4

from domain.clock import utcnow
from domain.pagination import Page, PageRequest

if TYPE_CHECKING:
    from domain.principal import Principal
    from domain.uow import UnitOfWork


class AuditAction(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    ARCHIVED = "archived"
    RESTORED = "restored"
    MERGED = "merged"


@dataclass(frozen=True)
class FieldChange:
    before: Any
    after: Any


@dataclass
class AuditEvent:
    entity_type: str
    entity_id: UUID
    action: AuditAction
    actor_id: UUID | None
    changes: dict[str, FieldChange]
    # The automation rule that made the change on the actor's behalf, if one did.
    rule_id: UUID | None = None
    id: UUID = field(default_factory=uuid4)
    occurred_at: datetime = field(default_factory=utcnow)


class AuditRepository(Protocol):
    async def add(self, events: Sequence[AuditEvent]) -> None:
        """Stores the events, in one statement."""
        ...

    async def for_record(
        self, entity_type: str, entity_id: UUID, page: PageRequest
    ) -> Page[AuditEvent]: ...


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, FieldChange]:
    """Fields whose value differs, with both values (absent counts as None)."""
    keys = before.keys() | after.keys()
    return {
        key: FieldChange(before.get(key), after.get(key))
        for key in sorted(keys)
        if before.get(key) != after.get(key)
    }


async def record(
    uow: UnitOfWork,
    principal: Principal | None,
    action: AuditAction,
    entity_type: str,
    entity_id: UUID,
    before: dict[str, Any],
    after: dict[str, Any],
) -> None:
    """Adds the event unless an update changed nothing."""
    await record_all(uow, principal, action, entity_type, [(entity_id, before, after)])


async def record_all(
    uow: UnitOfWork,
    principal: Principal | None,
    action: AuditAction,
    entity_type: str,
    records: Sequence[tuple[UUID, dict[str, Any], dict[str, Any]]],
) -> None:
    """`record` for each (id, before, after) of many records the same action touched."""
    events = []
    for entity_id, before, after in records:
        changes = diff(before, after)
        if action is AuditAction.UPDATED and not changes:
            continue
        events.append(
            AuditEvent(
                entity_type=entity_type,
                entity_id=entity_id,
                action=action,
                actor_id=principal.user_id if principal else None,
                changes=changes,
                rule_id=principal.rule_id if principal else None,
            )
        )
    if events:
        await uow.audit.add(events)
