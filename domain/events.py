"""What happens to customer records: the events use cases raise.

A use case changes records, then raises one event saying what happened
(`await uow.emit(event)`). The unit of work runs the event's handlers in the same
transaction (domain/handlers.py lists them, in the order they run): the deal's stage
history and won → customer, the audit trail and the change feed's outbox, the automation
rules. So a use case says what happened and no more, and what follows from it is in one
place.

`Changed` is every change: a use case whose change sets nothing else going raises it as
it is. The business moments others react to have their own type, a kind of `Changed`
(handlers of `Changed` run for them too)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, cast
from uuid import UUID

from domain.access.levels import RecordKind
from domain.audit import AuditAction

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.contacts.contacts import Contact
    from domain.funnel.deals import Deal, StageChange
    from domain.interactions.interactions import Interaction
    from domain.interactions.requests import CustomerRequest


class VersionedRecord(Protocol):
    id: UUID
    version: int

    def snapshot(self) -> dict[str, Any]: ...


@dataclass(frozen=True, kw_only=True)
class Changed:
    """Records of one kind changed by one action, as written already, each given with its
    audited fields before (`{}` for a new record). `audited`: what the audit trail says
    each record is after, where it says more than the record's own fields (the contact a
    merge took in)."""

    principal: Principal | None
    action: AuditAction
    kind: RecordKind
    changed: Sequence[tuple[VersionedRecord, dict[str, Any]]]
    audited: Sequence[dict[str, Any]] | None = None


@dataclass(frozen=True, kw_only=True)
class ContactCreated(Changed):
    @classmethod
    def of(cls, principal: Principal, contact: Contact, audited: dict[str, Any]) -> ContactCreated:
        return cls(
            principal=principal,
            action=AuditAction.CREATED,
            kind=RecordKind.CONTACTS,
            changed=[(contact, {})],
            audited=[audited],
        )

    @property
    def contact(self) -> Contact:
        return cast("Contact", self.changed[0][0])


@dataclass(frozen=True, kw_only=True)
class DealEnteredStage(Changed):
    """A deal is in a stage it was not in: created there, or moved (won and lost are
    stages too). Not raised when the funnel is reshaped (a removed stage's deals)."""

    stage_change: StageChange

    @property
    def deal(self) -> Deal:
        return cast("Deal", self.changed[0][0])


@dataclass(frozen=True, kw_only=True)
class DealCreated(DealEnteredStage):
    @classmethod
    def of(cls, principal: Principal, deal: Deal, stage_change: StageChange) -> DealCreated:
        return cls(
            principal=principal,
            action=AuditAction.CREATED,
            kind=RecordKind.DEALS,
            changed=[(deal, {})],
            stage_change=stage_change,
        )


@dataclass(frozen=True, kw_only=True)
class DealMoved(DealEnteredStage):
    @classmethod
    def of(
        cls,
        principal: Principal | None,
        deal: Deal,
        before: dict[str, Any],
        stage_change: StageChange,
    ) -> DealMoved:
        return cls(
            principal=principal,
            action=AuditAction.UPDATED,
            kind=RecordKind.DEALS,
            changed=[(deal, before)],
            stage_change=stage_change,
        )


@dataclass(frozen=True, kw_only=True)
class RequestCreated(Changed):
    @classmethod
    def of(cls, principal: Principal, request: CustomerRequest) -> RequestCreated:
        return cls(
            principal=principal,
            action=AuditAction.CREATED,
            kind=RecordKind.REQUESTS,
            changed=[(request, {})],
        )

    @property
    def request(self) -> CustomerRequest:
        return cast("CustomerRequest", self.changed[0][0])


@dataclass(frozen=True, kw_only=True)
class InteractionCompleted(Changed):
    """An interaction took place: a planned one completed, or one logged as done (which
    completes it as much as completing a plan does)."""

    @classmethod
    def of(
        cls, principal: Principal, interaction: Interaction, before: dict[str, Any]
    ) -> InteractionCompleted:
        return cls(
            principal=principal,
            action=AuditAction.UPDATED if before else AuditAction.CREATED,
            kind=RecordKind.INTERACTIONS,
            changed=[(interaction, before)],
        )

    @property
    def interaction(self) -> Interaction:
        return cast("Interaction", self.changed[0][0])
