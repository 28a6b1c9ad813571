"""Possible duplicates of a contact, looked for in the whole customer database.

A match the caller may read is shown in full. One they may not read is reported only as
existing: whose it is and why it matches, never its id, its name or any other field; so
nothing private leaks, yet nobody adds the same customer twice without knowing. The
caller may then ask that owner to check: the owner gets a task about their own contact,
titled so that the caller learns nothing more. Creating the contact anyway stays
possible; its create is audited with how many probable duplicates it had
(domain/contacts/contacts.py)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from domain import changes
from domain.access.levels import RecordKind
from domain.access.roles import Permission, require
from domain.access.users import User, principal_of
from domain.audit import AuditAction
from domain.contacts.contacts import (
    Contact,
    ContactEmail,
    ContactPhone,
    DuplicateReason,
    PossibleDuplicate,
    get_contact,
    possible_duplicates,
)
from domain.errors import FieldErrorCode, ValidationFailed
from domain.interactions.tasks import Task, TaskFilter, TaskStatus
from domain.pagination import MAX_PAGE_SIZE, PageRequest
from domain.text import optional_text

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork

# What the task to an owner says a match is by.
_REASON_WORDS = {
    DuplicateReason.EMAIL: "the same e-mail",
    DuplicateReason.PHONE: "the same phone number",
    DuplicateReason.NAME_AT_COMPANY: "a close name at the same company",
}


@dataclass(frozen=True)
class Duplicate:
    """A match the caller reads: the contact itself."""

    contact: Contact
    reasons: tuple[DuplicateReason, ...]


@dataclass(frozen=True)
class Elsewhere:
    """A match the caller does not read: that it exists, whose it is and why it matches.
    Deliberately without the contact's id or any of its fields."""

    owner_id: UUID
    owner_name: str
    reasons: tuple[DuplicateReason, ...]


@dataclass(frozen=True)
class DuplicateReport:
    items: list[Duplicate]
    elsewhere: list[Elsewhere]


@dataclass(frozen=True)
class _Split:
    readable: list[Duplicate]
    hidden: list[PossibleDuplicate]


async def _split(uow: UnitOfWork, principal: Principal, probe: Contact) -> _Split:
    found = await possible_duplicates(uow, probe)
    readable = await uow.contacts.get_many([d.candidate.id for d in found], principal)
    return _Split(
        readable=[
            Duplicate(readable[d.candidate.id], d.reasons)
            for d in found
            if d.candidate.id in readable
        ],
        hidden=[d for d in found if d.candidate.id not in readable],
    )


def _report(split: _Split) -> DuplicateReport:
    return DuplicateReport(
        items=split.readable,
        elsewhere=[
            Elsewhere(d.candidate.owner_id, d.candidate.owner_name, d.reasons) for d in split.hidden
        ],
    )


async def find_duplicates(
    uow: UnitOfWork, principal: Principal, contact_id: UUID
) -> DuplicateReport:
    """Live contacts anywhere that are probably the same person as this one (which the
    caller must read): the same e-mail or phone, or a close name at the same company.
    Strongest evidence first, in each list."""
    contact = await get_contact(uow, principal, contact_id)
    return _report(await _split(uow, principal, contact))


async def check_duplicates(
    uow: UnitOfWork,
    principal: Principal,
    emails: Sequence[str],
    phones: Sequence[str],
    first_name: str | None,
    last_name: str | None,
    company_id: UUID | None,
) -> DuplicateReport:
    """`find_duplicates` for a contact not created yet, for whoever may create one: a
    form warns while the user types. Phones come in E.164 (the API parses them); the
    company must be one the caller reads, as on create."""
    require(principal, Permission.CONTACTS_WRITE)
    if company_id is not None and await uow.companies.get(company_id, visible_to=principal) is None:
        raise ValidationFailed.on(
            "company_id", "no such company in your scope", FieldErrorCode.NOT_FOUND
        )
    addresses = dict.fromkeys(e.strip().lower() for e in emails if e.strip())
    probe = Contact(
        owner_id=principal.user_id,
        team_id=principal.team_id,
        first_name=optional_text(first_name) or "",
        last_name=optional_text(last_name) or "",
        emails=[ContactEmail(a) for a in addresses],
        phones=[ContactPhone(p) for p in dict.fromkeys(phones)],
        company_id=company_id,
    )
    return _report(await _split(uow, principal, probe))


async def _already_asked(uow: UnitOfWork, owner: User, contact_id: UUID, title: str) -> bool:
    """Whether the owner still has this asker's open task about that contact: asking
    again adds nothing (read as the owner reads their own tasks)."""
    page = await uow.tasks.find_page(
        principal_of(owner),
        TaskFilter(assignee_id=owner.id, status=TaskStatus.OPEN, contact_id=contact_id),
        PageRequest(limit=MAX_PAGE_SIZE),
    )
    return any(task.title == title for task in page.items)


def _task_title(asker: str) -> str:
    return f"{asker} may have the same customer as your contact: please check"


async def ask_owner(
    uow: UnitOfWork, principal: Principal, contact_id: UUID, owner_id: UUID
) -> None:
    """Asks the owner of a match of this contact that the caller cannot read to check it:
    one task, assigned to and owned by that owner, about their (strongest) matching
    contact. Its title names the caller only; the caller is told nothing back. Asking
    again while that task is open adds nothing. Refused
    (422 on `owner_id`) unless `owner_id` owns such a match right now."""
    contact = await get_contact(uow, principal, contact_id)
    split = await _split(uow, principal, contact)
    theirs = [d for d in split.hidden if d.candidate.owner_id == owner_id]
    if not theirs:
        raise ValidationFailed.on(
            "owner_id",
            "owns no match of this contact that is out of your sight",
            FieldErrorCode.NOT_FOUND,
        )
    owner = await uow.users.get(owner_id)
    if owner is None or not owner.is_active:
        raise ValidationFailed.on(
            "owner_id",
            "is no longer an active user: ask an administrator",
            FieldErrorCode.NOT_ALLOWED,
        )
    asker = await uow.users.get(principal.user_id)
    asker_name = asker.full_name if asker is not None else "A colleague"
    match = theirs[0]
    if await _already_asked(uow, owner, match.candidate.id, _task_title(asker_name)):
        return
    by = " and ".join(_REASON_WORDS[r] for r in match.reasons)
    task = Task(
        title=_task_title(asker_name),
        owner_id=owner.id,
        assignee_id=owner.id,
        team_id=owner.team_id,
        contact_id=match.candidate.id,
        description=(
            f"{asker_name} has a contact that matches this one by {by}. If it is the same "
            f"customer, agree with {asker_name} who keeps it before either of you adds or "
            "works on it twice."
        ),
    )
    await uow.tasks.add(task)
    # The asker's contact is on record for the audit trail, not in the task itself.
    after = {**task.snapshot(), "asked_from_contact_id": str(contact.id)}
    await changes.record(
        uow, principal, AuditAction.CREATED, RecordKind.TASKS, [(task, {})], [after]
    )
