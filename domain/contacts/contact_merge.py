"""Folding one contact into another (finding them: domain/contacts/contact_duplicates.py)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from domain import changes
from domain.access.levels import RecordKind
from domain.access.roles import Permission, require
from domain.access.scope import can_archive, can_change
from domain.audit import AuditAction
from domain.clock import utcnow
from domain.commands import UNSET
from domain.concurrency import check_version
from domain.contacts.contacts import (
    CONTACTS,
    Contact,
    ContactChanges,
    ContactEmail,
    ContactPhone,
    apply_changes,
    contact_to_change,
)
from domain.errors import FieldError, FieldErrorCode, PermissionDenied, ValidationFailed
from domain.records import check_not_archived

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork

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


Entry = TypeVar("Entry", ContactEmail, ContactPhone)


def _merged_list(primary: list[Entry], secondary: list[Entry], key: str) -> tuple[Entry, ...]:
    """This contact's entries first (its primary stays primary), then the other's new ones."""
    seen = {getattr(item, key) for item in primary}
    added: list[Entry] = [
        replace(i, primary=not primary and i.primary)
        for i in secondary
        if getattr(i, key) not in seen
    ]
    return tuple(primary + added)


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
    target = await contact_to_change(uow, principal, target_id)
    source = await uow.contacts.get(source_id, visible_to=principal)
    if source is None:
        raise ValidationFailed.on(
            "source_id", "no such contact in your scope", FieldErrorCode.NOT_FOUND
        )
    # The source is changed and archived: the role must reach it for both.
    if not (
        can_change(principal, RecordKind.CONTACTS, source.owner_id, source.team_id)
        and can_archive(principal, RecordKind.CONTACTS, source.owner_id, source.team_id)
    ):
        raise PermissionDenied(
            "Your role cannot change and archive the contact to merge.",
            [
                FieldError(
                    "source_id", "not yours to change and archive", FieldErrorCode.NOT_ALLOWED
                )
            ],
        )
    check_version(target.version, expected_version)
    check_not_archived(target.archived_at, CONTACTS.entity)
    check_not_archived(source.archived_at, CONTACTS.entity)

    before, loaded_version = target.snapshot(), target.version
    taken: dict[str, Any] = {name: getattr(source, name) for name in take_from_source}
    missing = {k: v for k, v in source.custom_fields.items() if k not in target.custom_fields}
    given = ContactChanges(
        **taken,
        emails=_merged_list(target.emails, source.emails, "email"),
        phones=_merged_list(target.phones, source.phones, "phone"),
        tags=(*target.tags, *(t for t in source.tags if t not in target.tags)),
        custom_fields=missing or UNSET,
    )
    await apply_changes(uow, principal, target, given, creating=False)
    target.updated_at = utcnow()
    await uow.contacts.update(target, loaded_version)
    repointed = await uow.contacts.repoint_related(source.id, target.id, target.updated_at)
    await changes.record_related(
        uow, principal, repointed, lambda after: _pointing_at(after, target.id, source.id), True
    )

    source_before, source_version = source.snapshot(), source.version
    source.archived_at = utcnow()
    source.updated_at = source.archived_at
    await uow.contacts.update(source, source_version)

    await changes.record(
        uow,
        principal,
        AuditAction.MERGED,
        RecordKind.CONTACTS,
        [(target, before), (source, source_before)],
        [
            {**target.snapshot(), "merged_from": str(source.id)},
            {**source.snapshot(), "merged_into": str(target.id)},
        ],
    )
    return target


def _pointing_at(fields: dict[str, Any], target_id: UUID, source_id: UUID) -> dict[str, Any]:
    """A re-pointed record's audited fields as they were, naming the source contact."""
    target, source = str(target_id), str(source_id)
    was = dict(fields)
    if was.get("contact_id") == target:
        was["contact_id"] = source
    if isinstance(was.get("contact_ids"), list):
        was["contact_ids"] = sorted(source if c == target else c for c in was["contact_ids"])
    return was
