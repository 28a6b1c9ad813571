"""Finding duplicate contacts and folding one into another."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain import audit
from domain.audit import AuditAction
from domain.clock import utcnow
from domain.concurrency import check_version
from domain.contacts import ENTITY, Contact, apply_changes, get_contact
from domain.errors import FieldError, FieldErrorCode, ValidationFailed
from domain.records import check_not_archived
from domain.roles import Permission, require

if TYPE_CHECKING:
    from domain.principal import Principal
    from domain.uow import UnitOfWork

NAME_SIMILARITY = 0.85
CANDIDATE_LIMIT = 500

# Fields a merge may take from the other contact instead of keeping this one's.
MERGEABLE_FIELDS = (
    "first_name",
    "last_name",
    "title",
    "company_id",
    "country",
    "city",
    "source",
    "lifecycle_stage",
    "marketing_consent",
    "processing_consent",
    "owner_id",
)


@dataclass(frozen=True)
class Duplicate:
    contact: Contact
    reasons: tuple[str, ...]


def _similar_names(a: Contact, b: Contact) -> bool:
    left, right = a.full_name.lower(), b.full_name.lower()
    return bool(left) and SequenceMatcher(None, left, right).ratio() >= NAME_SIMILARITY


def _reasons(contact: Contact, other: Contact) -> tuple[str, ...]:
    reasons = []
    if {e.email for e in contact.emails} & {e.email for e in other.emails}:
        reasons.append("email")
    if {p.phone for p in contact.phones} & {p.phone for p in other.phones}:
        reasons.append("phone")
    same_company = contact.company_id is not None and contact.company_id == other.company_id
    if same_company and _similar_names(contact, other):
        reasons.append("name_at_company")
    return tuple(reasons)


async def find_duplicates(
    uow: UnitOfWork, principal: Principal, contact_id: UUID
) -> list[Duplicate]:
    """Contacts in the caller's scope that are probably the same person: the same e-mail
    or phone, or a close name at the same company. Strongest evidence first."""
    contact = await get_contact(uow, principal, contact_id)
    candidates = await uow.contacts.duplicate_candidates(contact, principal, CANDIDATE_LIMIT)
    found = [Duplicate(other, _reasons(contact, other)) for other in candidates]
    found = [d for d in found if d.reasons]
    found.sort(key=lambda d: (-len(d.reasons), d.contact.full_name.lower(), str(d.contact.id)))
    return found


def _merged_list(primary: list[Any], secondary: list[Any], key: str) -> list[dict[str, Any]]:
    """This contact's entries first (its primary stays primary), then the other's new ones."""
    seen = {getattr(item, key) for item in primary}
    items = [{key: getattr(i, key), "primary": i.primary} for i in primary]
    items += [
        {key: getattr(i, key), "primary": not items and i.primary}
        for i in secondary
        if getattr(i, key) not in seen
    ]
    return items


async def merge_contacts(
    uow: UnitOfWork,
    principal: Principal,
    target_id: UUID,
    source_id: UUID,
    take_from_source: list[str],
    expected_version: int | None,
) -> Contact:
    """Folds `source` into `target` in one transaction: chosen fields come from the
    source, e-mails, phones, tags and custom fields are combined, everything that referred
    to the source refers to the target, and the source is archived. Both are audited."""
    require(principal, Permission.CONTACTS_WRITE)
    if source_id == target_id:
        raise ValidationFailed.on(
            "source_id", "cannot merge a contact into itself", FieldErrorCode.NOT_ALLOWED
        )
    unknown = [f for f in take_from_source if f not in MERGEABLE_FIELDS]
    if unknown:
        raise ValidationFailed(
            "Unknown fields to take.",
            [
                FieldError(
                    "take_from_source", f"{name!r} cannot be taken", FieldErrorCode.NOT_ALLOWED
                )
                for name in unknown
            ],
        )
    target = await get_contact(uow, principal, target_id)
    source = await uow.contacts.get(source_id, visible_to=principal)
    if source is None:
        raise ValidationFailed.on(
            "source_id", "no such contact in your scope", FieldErrorCode.NOT_FOUND
        )
    check_version(target.version, expected_version)
    check_not_archived(target.archived_at, ENTITY)
    check_not_archived(source.archived_at, ENTITY)

    before, loaded_version = target.snapshot(), target.version
    data: dict[str, Any] = {name: getattr(source, name) for name in take_from_source}
    data["emails"] = _merged_list(target.emails, source.emails, "email")
    data["phones"] = _merged_list(target.phones, source.phones, "phone")
    data["tags"] = target.tags + [t for t in source.tags if t not in target.tags]
    missing = {k: v for k, v in source.custom_fields.items() if k not in target.custom_fields}
    if missing:
        data["custom_fields"] = missing
    await apply_changes(uow, principal, target, data, creating=False)
    target.updated_at = utcnow()
    await uow.contacts.update(target, loaded_version)
    await uow.contacts.repoint_related(source.id, target.id)

    source_before, source_version = source.snapshot(), source.version
    source.archived_at = utcnow()
    source.updated_at = source.archived_at
    await uow.contacts.update(source, source_version)

    after = {**target.snapshot(), "merged_from": str(source.id)}
    await audit.record(uow, principal, AuditAction.MERGED, ENTITY, target.id, before, after)
    source_after = {**source.snapshot(), "merged_into": str(target.id)}
    await audit.record(
        uow, principal, AuditAction.MERGED, ENTITY, source.id, source_before, source_after
    )
    return target
