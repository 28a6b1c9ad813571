"""The audit trail: who changed which record when, and each changed field before and
after. Every write of a customer record, a user or a role adds one event in the same
transaction; so do sign-ins (failed ones too), ended sign-ins (from the list of them,
domain/access/auth_sessions.py; signed out; revoked for a reused refresh token) and
contact exports, with what they were given (`details`: never a password). Holders of
`audit:read` list and filter the trail (domain/audit_trail.py)."""

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
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork


class AuditAction(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    ARCHIVED = "archived"
    RESTORED = "restored"
    MERGED = "merged"
    DELETED = "deleted"
    SIGNED_IN = "signed_in"
    SIGN_IN_FAILED = "sign_in_failed"
    SESSION_ENDED = "session_ended"
    EXPORTED = "exported"


# The entity types of events that are no record's change.
SIGN_IN_ENTITY = "user"
EXPORT_ENTITY = "contact_export"


@dataclass(frozen=True)
class FieldChange:
    before: Any
    after: Any


@dataclass
class AuditEvent:
    entity_type: str
    # None only where the event names no record: a failed sign-in with an unknown e-mail.
    entity_id: UUID | None
    action: AuditAction
    actor_id: UUID | None
    changes: dict[str, FieldChange]
    # The automation rule that made the change on the actor's behalf, if one did.
    rule_id: UUID | None = None
    # What an event that is no record's change was given: the e-mail a sign-in was tried
    # with, an export's format and filters. JSON values.
    details: dict[str, Any] = field(default_factory=dict)
    id: UUID = field(default_factory=uuid4)
    occurred_at: datetime = field(default_factory=utcnow)


@dataclass(frozen=True)
class AuditEntry:
    """An event as the trail lists it: with its actor's name (None for no actor, or one
    whose user is gone)."""

    event: AuditEvent
    actor_name: str | None


@dataclass(frozen=True)
class AuditFilter:
    """Every given filter must hold; the window is [after, before)."""

    actor_id: UUID | None = None
    entity_type: str | None = None
    entity_id: UUID | None = None
    action: AuditAction | None = None
    after: datetime | None = None
    before: datetime | None = None


class AuditRepository(Protocol):
    async def add(self, events: Sequence[AuditEvent]) -> None:
        """Stores the events, in one statement."""
        ...

    async def for_record(
        self, entity_type: str, entity_id: UUID, page: PageRequest
    ) -> Page[AuditEvent]: ...

    async def find_page(self, filters: AuditFilter, page: PageRequest) -> Page[AuditEntry]:
        """The events the filters keep, in the page's order (by `occurred_at`)."""
        ...

    async def set_details(self, event_id: UUID, details: dict[str, Any]) -> None:
        """Adds to an event's details what was known only later (an export's row count)."""
        ...


async def record_sign_in(
    uow: UnitOfWork, user_id: UUID, email: str, client_address: str | None, session_id: UUID
) -> None:
    """A successful sign-in: the user acted on their own account."""
    await uow.audit.add(
        [
            AuditEvent(
                entity_type=SIGN_IN_ENTITY,
                entity_id=user_id,
                action=AuditAction.SIGNED_IN,
                actor_id=user_id,
                changes={},
                details={
                    "email": email,
                    "client_address": client_address,
                    "session_id": str(session_id),
                },
            )
        ]
    )


async def record_failed_sign_in(
    uow: UnitOfWork, user_id: UUID | None, email: str, client_address: str | None, reason: str
) -> None:
    """A refused sign-in, by the e-mail as typed (lower-cased) and the client's address;
    the account it names, if one exists. No actor: nobody proved who they are. The
    password tried is never written anywhere."""
    await uow.audit.add(
        [
            AuditEvent(
                entity_type=SIGN_IN_ENTITY,
                entity_id=user_id,
                action=AuditAction.SIGN_IN_FAILED,
                actor_id=None,
                changes={},
                details={"email": email, "client_address": client_address, "reason": reason},
            )
        ]
    )


async def record_sessions_ended(
    uow: UnitOfWork, principal: Principal, session_ids: Sequence[UUID]
) -> None:
    """Sign-ins the user ended from their list of them, one event each, naming the
    session; `current` when it was the sign-in that asked."""
    if not session_ids:
        return
    await uow.audit.add(
        [
            AuditEvent(
                entity_type=SIGN_IN_ENTITY,
                entity_id=principal.user_id,
                action=AuditAction.SESSION_ENDED,
                actor_id=principal.user_id,
                changes={},
                details={
                    "session_id": str(session_id),
                    "current": session_id == principal.session_id,
                },
            )
            for session_id in session_ids
        ]
    )


async def record_session_ended(
    uow: UnitOfWork, user_id: UUID, session_id: UUID, actor_id: UUID | None, reason: str
) -> None:
    """A sign-in that ended otherwise than from the list of them: signed out (`reason`
    `signed_out`, by the user) or revoked because a used refresh token came back
    (`refresh_token_reused`, by nobody known: whoever presented it)."""
    await uow.audit.add(
        [
            AuditEvent(
                entity_type=SIGN_IN_ENTITY,
                entity_id=user_id,
                action=AuditAction.SESSION_ENDED,
                actor_id=actor_id,
                changes={},
                details={"session_id": str(session_id), "reason": reason},
            )
        ]
    )


async def record_export(
    uow: UnitOfWork, principal: Principal, details: dict[str, Any]
) -> AuditEvent:
    """An export as it starts: who, with which filters and format. Its id names the
    export, so its row count can be added once the file is written."""
    event = AuditEvent(
        entity_type=EXPORT_ENTITY,
        entity_id=None,
        action=AuditAction.EXPORTED,
        actor_id=principal.user_id,
        changes={},
        rule_id=principal.rule_id,
        details=details,
    )
    event.entity_id = event.id
    await uow.audit.add([event])
    return event


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
