"""What every owned customer record shares: an owner and a team, tags, archiving, and
the filters every list of such records offers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar
from uuid import UUID

from domain import changes
from domain.access.levels import AccessLevel, Action, RecordKind
from domain.access.roles import Permission, require
from domain.access.scope import check_may_archive, check_may_change
from domain.audit import AuditAction, AuditEvent
from domain.clock import utcnow
from domain.commands import UNSET, Unset
from domain.concurrency import check_version
from domain.errors import (
    Conflict,
    FieldError,
    FieldErrorCode,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from domain.external_ids import FIELD as ids_field
from domain.external_ids import assign
from domain.pagination import Page, PageRequest

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork

MAX_TAGS = 50
MAX_TAG_LENGTH = 50


def normalize_tags(tags: Sequence[str], field_name: str = "tags") -> list[str]:
    """Tags are case-insensitive labels: trimmed, lower-cased, each once, in given order."""
    seen: dict[str, None] = {}
    for index, tag in enumerate(tags):
        cleaned = " ".join(tag.split()).lower()
        if not cleaned:
            raise ValidationFailed.on(
                f"{field_name}.{index}", "must not be blank", FieldErrorCode.REQUIRED
            )
        if len(cleaned) > MAX_TAG_LENGTH:
            raise ValidationFailed.on(
                f"{field_name}.{index}",
                f"must be at most {MAX_TAG_LENGTH} characters",
                FieldErrorCode.TOO_LONG,
                max_length=MAX_TAG_LENGTH,
            )
        seen[cleaned] = None
    if len(seen) > MAX_TAGS:
        raise ValidationFailed.on(
            field_name, f"at most {MAX_TAGS} tags", FieldErrorCode.TOO_MANY, max_length=MAX_TAGS
        )
    return list(seen)


@dataclass(frozen=True)
class Ownership:
    owner_id: UUID
    team_id: UUID | None


async def assign_owner(
    uow: UnitOfWork, principal: Principal, kind: RecordKind, owner_id: UUID | None
) -> Ownership:
    """Who owns a record of `kind`, and so which team it belongs to (the owner's).

    By default the caller. Handing a record to someone else is reassigning, as far as the
    caller writes that kind: not at `own`, within their team at `team`, to anyone active
    at `all`."""
    if owner_id is None or owner_id == principal.user_id:
        return Ownership(principal.user_id, principal.team_id)
    level = principal.access.level(kind, Action.WRITE)
    if level.breadth <= AccessLevel.OWN.breadth:
        raise PermissionDenied(
            "Your role cannot hand records to other people.",
            [
                FieldError(
                    "owner_id", "you may only own records yourself", FieldErrorCode.NOT_ALLOWED
                )
            ],
        )
    owner = await uow.users.get(owner_id, visible_to=principal)
    if owner is None or not owner.is_active:
        raise ValidationFailed.on(
            "owner_id", "no such active user in your scope", FieldErrorCode.NOT_FOUND
        )
    if level is AccessLevel.TEAM and (owner.team_id is None or owner.team_id != principal.team_id):
        raise PermissionDenied(
            f"Your role hands {kind.value} only to people of your team.",
            [FieldError("owner_id", "not in your team", FieldErrorCode.NOT_ALLOWED)],
        )
    return Ownership(owner.id, owner.team_id)


class OwnedRecordRepository(Protocol):
    async def follow_owner(
        self, user_id: UUID, team_id: UUID | None, at: datetime
    ) -> dict[str, list[UUID]]:
        """Every record whose team is `user_id`'s (those they own; a task: those assigned
        to them) gets `team_id`, in one statement per kind of record, with the running
        totals and copies kept alike. The ids of the records of each kind (contacts,
        companies, deals, interactions, tasks, requests) that moved."""
        ...


def check_not_archived(archived_at: datetime | None, kind: str) -> None:
    if archived_at is not None:
        raise Conflict(f"The {kind} is archived; restore it before changing it.")


@dataclass(frozen=True)
class RecordFilter:
    """Filters every list of owned records offers."""

    owner_id: UUID | None = None
    team_id: UUID | None = None
    tags: tuple[str, ...] = ()
    country: str | None = None
    city: str | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None
    updated_after: datetime | None = None
    updated_before: datetime | None = None
    q: str | None = None
    archived: bool = False
    custom_fields: tuple[tuple[str, Any], ...] = field(default=())
    # (source, id): the record a source system knows by that id (domain/external_ids.py).
    external_id: tuple[str, str] | None = None


def parse_custom_field_filters(values: list[str]) -> tuple[tuple[str, str], ...]:
    """`custom_field=key:value` query parameters, each an equality condition."""
    pairs = []
    for index, raw in enumerate(values):
        key, separator, value = raw.partition(":")
        if not separator or not key:
            raise ValidationFailed.on(
                f"custom_field.{index}", "must look like key:value", FieldErrorCode.INVALID_FORMAT
            )
        pairs.append((key, value))
    return tuple(pairs)


class OwnedRecord(Protocol):
    id: UUID
    version: int
    owner_id: UUID
    team_id: UUID | None
    updated_at: datetime

    def snapshot(self) -> dict[str, Any]: ...


class ArchivableRecord(OwnedRecord, Protocol):
    archived_at: datetime | None


R = TypeVar("R", bound=OwnedRecord)
A = TypeVar("A", bound=ArchivableRecord)


class RecordStore(Protocol[R]):
    """What every owned kind's repository offers the core."""

    async def get(self, record_id: UUID, /, visible_to: Principal | None = None) -> R | None: ...
    async def update(self, record: R, expected_version: int, /) -> None: ...


def _nobody(record: Any) -> frozenset[UUID]:
    return frozenset()


@dataclass(frozen=True)
class OwnedKind(Generic[R]):
    """The shapes every owned kind of record shares, said once: read one in scope, one
    to change, an update with a version check, archive and restore, the audit history.
    Each kind's module names its own (`CONTACTS = OwnedKind(...)`) and keeps only what
    is its own: its fields, their rules, its moments."""

    kind: RecordKind
    # As the answers say it: "Contact" not found.
    name: str
    read: Permission
    write: Permission
    store: Callable[[UnitOfWork], RecordStore[R]]
    # Who works the record without owning it (a task's assignee, a request's, an
    # interaction's participants): they change it too.
    responsible: Callable[[R], frozenset[UUID]] = _nobody
    # Archived records are not changed until restored.
    archivable: bool = False

    @property
    def entity(self) -> str:
        return changes.ENTITY_OF[self.kind]

    async def get(self, uow: UnitOfWork, principal: Principal, record_id: UUID) -> R:
        """The record, when the caller reads it (404 otherwise, also when it exists
        outside their scope: they cannot tell)."""
        require(principal, self.read)
        record = await self.store(uow).get(record_id, visible_to=principal)
        if record is None:
            raise NotFound(f"{self.name} not found.")
        return record

    async def to_change(self, uow: UnitOfWork, principal: Principal, record_id: UUID) -> R:
        """A record the caller may change: 404 when they do not read it, 403 when they
        read it but their write level does not reach it."""
        record = await self.get(uow, principal, record_id)
        check_may_change(
            principal, self.kind, record.owner_id, record.team_id, self.responsible(record)
        )
        return record

    async def update(
        self,
        uow: UnitOfWork,
        principal: Principal,
        record_id: UUID,
        expected_version: int | None,
        change: Callable[[R], Awaitable[None]],
        external_ids: Mapping[str, str | None] | None = None,
    ) -> R:
        """Changes the record as `change` says, and its external ids as given (sources
        not given keep theirs), at the version the caller read: stored and recorded when
        anything changed, untouched otherwise."""
        require(principal, self.write)
        record = await self.to_change(uow, principal, record_id)
        check_version(record.version, expected_version)
        if self.archivable:
            check_not_archived(getattr(record, "archived_at", None), self.entity)
        before, loaded_version = record.snapshot(), record.version
        await change(record)
        pairs = await assign(uow, self.kind, record.id, external_ids) if external_ids else None
        if record.snapshot() == before and pairs is None:
            return record
        record.updated_at = utcnow()
        await self.store(uow).update(record, loaded_version)
        if pairs is None:
            changed = [(record, before)]
            await changes.record(uow, principal, AuditAction.UPDATED, self.kind, changed)
        else:
            # The ids are kept beside the record, not in its snapshot: the trail gets them
            # on both sides, and a change of ids alone is a change (a new version, an
            # event) like any other, so mirrors and caches keyed on the version see it.
            changed = [(record, {**before, ids_field: pairs.before})]
            after = {**record.snapshot(), ids_field: pairs.after}
            await changes.record(
                uow, principal, AuditAction.UPDATED, self.kind, changed, audited=[after]
            )
        return record

    async def history(
        self, uow: UnitOfWork, principal: Principal, record_id: UUID, page: PageRequest
    ) -> Page[AuditEvent]:
        """The record's audit trail, newest first (404 outside the caller's scope)."""
        record = await self.get(uow, principal, record_id)
        return await uow.audit.for_record(self.entity, record.id, page)


async def set_archived(
    uow: UnitOfWork,
    principal: Principal,
    of: OwnedKind[A],
    record_id: UUID,
    archived: bool,
    expected_version: int | None,
) -> A:
    """Archiving is the CRM's delete: the record leaves lists and search but stays, with
    its history, until restored (erasure is a separate, deliberate path). Audited. The
    caller's archive level must reach the record."""
    require(principal, of.write)
    record = await of.to_change(uow, principal, record_id)
    check_may_archive(principal, of.kind, record.owner_id, record.team_id)
    check_version(record.version, expected_version)
    if (record.archived_at is not None) == archived:
        return record
    before, loaded_version = record.snapshot(), record.version
    record.archived_at = utcnow() if archived else None
    record.updated_at = utcnow()
    await of.store(uow).update(record, loaded_version)
    action = AuditAction.ARCHIVED if archived else AuditAction.RESTORED
    await changes.record(uow, principal, action, of.kind, [(record, before)])
    return record


@dataclass(frozen=True)
class RelatedTo:
    deal_id: UUID | None
    request_id: UUID | None
    # The linked deal's or request's contact and company, for the caller's blanks.
    contact_id: UUID | None = None
    company_id: UUID | None = None


async def related_records(
    uow: UnitOfWork,
    principal: Principal,
    deal_id: UUID | None,
    request_id: UUID | None,
    given_deal_id: UUID | Unset | None,
    given_request_id: UUID | Unset | None,
) -> RelatedTo:
    """The deal and request a task or interaction is about (as given, else as they were):
    each newly linked one must be one the caller can read, else 422."""
    contact_id: UUID | None = None
    company_id: UUID | None = None
    if given_request_id is not UNSET and given_request_id != request_id:
        request_id = given_request_id
        if request_id is not None:
            request = await uow.requests.get(request_id, visible_to=principal)
            if request is None:
                raise ValidationFailed.on(
                    "request_id", "no such request in your scope", FieldErrorCode.NOT_FOUND
                )
            contact_id = request.contact_id
    if given_deal_id is not UNSET and given_deal_id != deal_id:
        deal_id = given_deal_id
        if deal_id is not None:
            deal = await uow.deals.get(deal_id, visible_to=principal)
            if deal is None:
                raise ValidationFailed.on(
                    "deal_id", "no such deal in your scope", FieldErrorCode.NOT_FOUND
                )
            contact_id, company_id = deal.contact_id or contact_id, deal.company_id
    return RelatedTo(deal_id, request_id, contact_id, company_id)
