"""Contacts: the people the business deals with, the heart of the customer database."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from difflib import SequenceMatcher
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID, uuid4

from domain import external_ids
from domain.access.levels import RecordKind
from domain.access.roles import Permission, require
from domain.audit import AuditAction, AuditEvent
from domain.clock import utcnow
from domain.commands import UNSET, Unset, value_or
from domain.contacts.companies import Company, get_company
from domain.contacts.custom_fields import (
    CustomEntity,
    CustomFieldDefinition,
    apply_custom_fields,
    with_typed_filters,
)
from domain.errors import FieldError, FieldErrorCode, NotFound, ValidationFailed
from domain.events import ContactCreated
from domain.funnel.distribution import distributes_leads, next_lead_owner
from domain.pagination import Page, PageRequest
from domain.records import (
    OwnedKind,
    RecordFilter,
    assign_owner,
    normalize_tags,
    set_archived,
)
from domain.text import optional_text

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork

CONTACTS: OwnedKind[Contact] = OwnedKind(
    RecordKind.CONTACTS,
    "Contact",
    Permission.CONTACTS_READ,
    Permission.CONTACTS_WRITE,
    lambda uow: uow.contacts,
    archivable=True,
)
MAX_EMAILS = 10
MAX_PHONES = 10
# The key a create's audit entry gains when the new contact probably duplicates others.
POSSIBLE_DUPLICATES = "possible_duplicates"
# Two names this alike (difflib's ratio, case aside) at one company: probably one person.
NAME_SIMILARITY = 0.85
# How many contacts sharing an e-mail or phone, and how many at the company, are compared.
CANDIDATE_LIMIT = 500


class LifecycleStage(StrEnum):
    LEAD = "lead"
    PROSPECT = "prospect"
    CUSTOMER = "customer"
    CHURNED = "churned"


class ContactSource(StrEnum):
    WEB_FORM = "web_form"
    REFERRAL = "referral"
    IMPORT = "import"
    CALL = "call"
    EMAIL = "email"
    EVENT = "event"
    SOCIAL = "social"
    ADVERTISING = "advertising"
    PARTNER = "partner"
    OTHER = "other"


class ContactOrigin(StrEnum):
    """How a contact came to be created. A user's own (MANUAL) stays theirs; the others
    are inbound leads, which a team distributing leads hands round its rotation."""

    MANUAL = "manual"
    IMPORT = "import"
    # Kept for the public form and API keys, which will create contacts too.
    FORM = "form"
    API_KEY = "api_key"


INBOUND = frozenset({ContactOrigin.IMPORT, ContactOrigin.FORM, ContactOrigin.API_KEY})


@dataclass(frozen=True)
class ContactEmail:
    email: str
    primary: bool = False


@dataclass(frozen=True)
class ContactPhone:
    phone: str
    primary: bool = False


@dataclass
class Contact:
    owner_id: UUID
    team_id: UUID | None
    first_name: str = ""
    last_name: str = ""
    emails: list[ContactEmail] = field(default_factory=list)
    phones: list[ContactPhone] = field(default_factory=list)
    title: str | None = None
    company_id: UUID | None = None
    company_name: str | None = None
    country: str | None = None
    city: str | None = None
    source: ContactSource | None = None
    lifecycle_stage: LifecycleStage = LifecycleStage.LEAD
    tags: list[str] = field(default_factory=list)
    custom_fields: dict[str, Any] = field(default_factory=dict)
    marketing_consent: bool = False
    marketing_consent_at: datetime | None = None
    processing_consent: bool = False
    processing_consent_at: datetime | None = None
    # Kept by interaction writes, never set directly.
    last_interaction_at: datetime | None = None
    next_interaction_at: datetime | None = None
    interaction_count: int = 0
    archived_at: datetime | None = None
    id: UUID = field(default_factory=uuid4)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    version: int = 1

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def primary_email(self) -> str | None:
        return next((e.email for e in self.emails if e.primary), None)

    def snapshot(self) -> dict[str, Any]:
        """The audited fields, as JSON values."""
        return {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "emails": [{"email": e.email, "primary": e.primary} for e in self.emails],
            "phones": [{"phone": p.phone, "primary": p.primary} for p in self.phones],
            "title": self.title,
            "company_id": str(self.company_id) if self.company_id else None,
            "country": self.country,
            "city": self.city,
            "source": self.source.value if self.source else None,
            "lifecycle_stage": self.lifecycle_stage.value,
            "tags": list(self.tags),
            "custom_fields": dict(self.custom_fields),
            "marketing_consent": self.marketing_consent,
            "processing_consent": self.processing_consent,
            "owner_id": str(self.owner_id),
            "team_id": str(self.team_id) if self.team_id else None,
            "archived_at": self.archived_at.isoformat() if self.archived_at else None,
        }


@dataclass(frozen=True, kw_only=True)
class ContactChanges:
    """A contact's fields as a create or a change gives them (checked when applied):
    UNSET ones stay as they are, on a create their defaults. E-mails and phones come as
    given (`primary` as marked), not yet normalised."""

    first_name: str | Unset | None = UNSET
    last_name: str | Unset | None = UNSET
    emails: tuple[ContactEmail, ...] | Unset | None = UNSET
    phones: tuple[ContactPhone, ...] | Unset | None = UNSET
    title: str | Unset | None = UNSET
    company_id: UUID | Unset | None = UNSET
    country: str | Unset | None = UNSET
    city: str | Unset | None = UNSET
    source: ContactSource | Unset | None = UNSET
    lifecycle_stage: LifecycleStage | Unset | None = UNSET
    tags: tuple[str, ...] | Unset | None = UNSET
    custom_fields: Mapping[str, Any] | Unset | None = UNSET
    marketing_consent: bool | Unset | None = UNSET
    processing_consent: bool | Unset | None = UNSET
    owner_id: UUID | Unset | None = UNSET


@dataclass(frozen=True)
class ContactName:
    """What a row about a contact shows of it: its name, and its company's id."""

    name: str
    company_id: UUID | None


class DuplicateReason(StrEnum):
    """Why two contacts are probably the same person."""

    EMAIL = "email"
    PHONE = "phone"
    NAME_AT_COMPANY = "name_at_company"


@dataclass(frozen=True)
class DuplicateCandidate:
    """A live contact that may be the same person as another (the probe), with what the
    duplicate rules compare: the probe's e-mails and phones it has too, its name and
    company, and whose it is. Found in the whole database: what of it a caller is shown
    is decided elsewhere (domain/contacts/contact_duplicates.py)."""

    id: UUID
    owner_id: UUID
    owner_name: str
    first_name: str
    last_name: str
    company_id: UUID | None
    shared_emails: frozenset[str] = frozenset()
    shared_phones: frozenset[str] = frozenset()

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)


@dataclass(frozen=True)
class PossibleDuplicate:
    candidate: DuplicateCandidate
    reasons: tuple[DuplicateReason, ...]


@dataclass(frozen=True)
class ContactFilter(RecordFilter):
    company_id: UUID | None = None
    lifecycle_stage: LifecycleStage | None = None


class ContactRepository(Protocol):
    async def get(self, contact_id: UUID, visible_to: Principal | None = None) -> Contact | None:
        """With `visible_to`, a contact outside that principal's scope is None."""
        ...

    async def is_visible(self, contact_id: UUID, principal: Principal) -> bool:
        """Whether the contact exists and is in the principal's scope."""
        ...

    async def names(
        self, contact_ids: Collection[UUID], principal: Principal
    ) -> dict[UUID, ContactName]:
        """Name and company of each of these contacts the principal may read; the others
        are left out."""
        ...

    async def find_page(
        self, principal: Principal, filters: ContactFilter, page: PageRequest
    ) -> Page[Contact]: ...
    def export_rows(
        self, principal: Principal, filters: ContactFilter, batch: int, custom_fields: bool = True
    ) -> AsyncGenerator[Sequence[Sequence[Any]], None]:
        """Every contact the list with these filters (search aside) shows to the
        principal, ordered by name, as rows of `contact_export.EXPORT_FIELDS` in batches
        of `batch`: read in one statement, as the database gives them. Without
        `custom_fields`, each row holds None for them (none is exported)."""
        ...

    async def add(self, contact: Contact) -> None: ...
    async def update(self, contact: Contact, expected_version: int) -> None: ...
    async def refresh_company_name(self, company_id: UUID, name: str) -> None:
        """Keeps the company name contacts are found by current after a rename."""
        ...

    async def get_many(
        self, contact_ids: Collection[UUID], visible_to: Principal
    ) -> dict[UUID, Contact]:
        """Those of these contacts the principal may read, by id."""
        ...

    async def duplicate_candidates(self, probe: Contact, limit: int) -> list[DuplicateCandidate]:
        """Live contacts other than `probe`, in the whole database whoever may read them,
        that share an e-mail or phone with it (at most `limit` of those) or work at its
        company (at most `limit` more; the name test is the domain's), once each."""
        ...

    async def find_by_email(self, email: str, principal: Principal) -> Contact | None:
        """The oldest live contact in scope with this e-mail."""
        ...

    async def emails_taken(self, emails: Collection[str], principal: Principal) -> set[str]:
        """Those of these e-mails a live contact in scope has (`find_by_email` for many,
        when whether is enough)."""
        ...

    async def add_many(self, contacts: Sequence[Contact]) -> None:
        """`add` for many new contacts at once."""
        ...

    async def duplicate_candidates_many(
        self, probes: Sequence[Contact], limit: int
    ) -> list[DuplicateCandidate]:
        """`duplicate_candidates` for several probes not yet stored, together: the live
        contacts sharing an e-mail or phone with any of them, and at most `limit` at each
        of their companies, once each (`shared_*` holding whichever of the probes' values
        they have)."""
        ...

    async def repoint_related(
        self, source_id: UUID, target_id: UUID, at: datetime
    ) -> dict[str, list[UUID]]:
        """Every record that refers to contact `source_id` refers to `target_id` instead;
        the deals, interactions, tasks and requests that did get a new version and time.
        Their ids by table name ("deals", "interactions", "tasks", "requests")."""
        ...


def _one_primary(items: Sequence[ContactEmail | ContactPhone], field_name: str) -> list[bool]:
    """Exactly one primary among several: the one marked, or else the first."""
    marked = [index for index, item in enumerate(items) if item.primary]
    if len(marked) > 1:
        raise ValidationFailed.on(field_name, "only one may be primary", FieldErrorCode.NOT_ALLOWED)
    chosen = marked[0] if marked else 0
    return [index == chosen for index in range(len(items))]


def normalize_emails(items: Sequence[ContactEmail]) -> list[ContactEmail]:
    if len(items) > MAX_EMAILS:
        raise ValidationFailed.on(
            "emails", f"at most {MAX_EMAILS}", FieldErrorCode.TOO_MANY, max_length=MAX_EMAILS
        )
    addresses = [item.email.strip().lower() for item in items]
    duplicates = [i for i, a in enumerate(addresses) if a in addresses[:i]]
    if duplicates:
        raise ValidationFailed.on(
            f"emails.{duplicates[0]}", "is listed twice", FieldErrorCode.DUPLICATE
        )
    primary = _one_primary(items, "emails")
    return [ContactEmail(a, p) for a, p in zip(addresses, primary, strict=True)]


def normalize_phones(items: Sequence[ContactPhone]) -> list[ContactPhone]:
    """Phones arrive in E.164 already (the API parses them); here: once each, one primary."""
    if len(items) > MAX_PHONES:
        raise ValidationFailed.on(
            "phones", f"at most {MAX_PHONES}", FieldErrorCode.TOO_MANY, max_length=MAX_PHONES
        )
    numbers = [item.phone for item in items]
    duplicates = [i for i, n in enumerate(numbers) if n in numbers[:i]]
    if duplicates:
        raise ValidationFailed.on(
            f"phones.{duplicates[0]}", "is listed twice", FieldErrorCode.DUPLICATE
        )
    primary = _one_primary(items, "phones")
    return [ContactPhone(n, p) for n, p in zip(numbers, primary, strict=True)]


def _similar_names(a: str, b: str) -> bool:
    left, right = a.lower(), b.lower()
    if not left:
        return False
    # The quick ratios are upper bounds of the ratio, found in a fraction of its time:
    # most names at a company are not alike, and are told apart by them (an import
    # compares each new contact with everyone at its company).
    matcher = SequenceMatcher(None, left, right)
    return (
        matcher.real_quick_ratio() >= NAME_SIMILARITY
        and matcher.quick_ratio() >= NAME_SIMILARITY
        and matcher.ratio() >= NAME_SIMILARITY
    )


def duplicate_reasons(probe: Contact, other: DuplicateCandidate) -> tuple[DuplicateReason, ...]:
    """Why `other` is probably the same person as `probe`: the same e-mail or phone, or a
    close name at the same company. Empty: it probably is not."""
    reasons = []
    if other.shared_emails & {e.email for e in probe.emails}:
        reasons.append(DuplicateReason.EMAIL)
    if other.shared_phones & {p.phone for p in probe.phones}:
        reasons.append(DuplicateReason.PHONE)
    same_company = probe.company_id is not None and probe.company_id == other.company_id
    if same_company and _similar_names(probe.full_name, other.full_name):
        reasons.append(DuplicateReason.NAME_AT_COMPANY)
    return tuple(reasons)


async def possible_duplicates(uow: UnitOfWork, probe: Contact) -> list[PossibleDuplicate]:
    """The live contacts, in the whole database, that are probably the same person as
    `probe` (which need not be stored yet), strongest evidence first. Nothing here is
    scoped: callers decide what of each a principal may see."""
    candidates = await uow.contacts.duplicate_candidates(probe, CANDIDATE_LIMIT)
    found = [PossibleDuplicate(c, duplicate_reasons(probe, c)) for c in candidates]
    found = [d for d in found if d.reasons]
    found.sort(key=lambda d: (-len(d.reasons), d.candidate.full_name.lower(), str(d.candidate.id)))
    return found


async def _company_for(uow: UnitOfWork, principal: Principal, company_id: UUID) -> Company:
    company = await uow.companies.get(company_id, visible_to=principal)
    if company is None:
        raise ValidationFailed.on(
            "company_id", "no such company in your scope", FieldErrorCode.NOT_FOUND
        )
    return company


async def apply_changes(
    uow: UnitOfWork,
    principal: Principal,
    contact: Contact,
    given: ContactChanges,
    creating: bool,
    definitions: Sequence[CustomFieldDefinition] | None = None,
) -> None:
    """Sets the fields given on `contact`, each checked; UNSET ones stay as they are.
    `definitions`: the contact custom fields, when the caller has them at hand (an
    import's chunk reads them once, not per row)."""
    now = utcnow()
    if given.first_name is not UNSET:
        contact.first_name = optional_text(given.first_name) or ""
    if given.last_name is not UNSET:
        contact.last_name = optional_text(given.last_name) or ""
    if not contact.first_name and not contact.last_name:
        raise ValidationFailed(
            "A contact needs a first or a last name.",
            [FieldError("first_name", "first or last name is required", FieldErrorCode.REQUIRED)],
        )
    if given.emails is not UNSET:
        contact.emails = normalize_emails(given.emails or ())
    if given.phones is not UNSET:
        contact.phones = normalize_phones(given.phones or ())
    if given.title is not UNSET:
        contact.title = optional_text(given.title)
    if given.city is not UNSET:
        contact.city = optional_text(given.city)
    if given.country is not UNSET:
        contact.country = given.country
    if given.company_id is not UNSET:
        if given.company_id is None:
            contact.company_id, contact.company_name = None, None
        elif given.company_id != contact.company_id:
            company = await _company_for(uow, principal, given.company_id)
            contact.company_id, contact.company_name = company.id, company.name
    if given.source is not UNSET:
        contact.source = given.source
    if given.lifecycle_stage is not UNSET and given.lifecycle_stage is not None:
        contact.lifecycle_stage = given.lifecycle_stage
    if given.tags is not UNSET:
        contact.tags = normalize_tags(given.tags or ())
    for consent, value in (
        ("marketing_consent", given.marketing_consent),
        ("processing_consent", given.processing_consent),
    ):
        if value is not UNSET and value is not None and value != getattr(contact, consent):
            # The time consent was given or withdrawn is what a data-protection audit asks.
            setattr(contact, consent, value)
            setattr(contact, f"{consent}_at", now)
    if given.custom_fields is not UNSET or creating:
        if definitions is None:
            definitions = await uow.custom_fields.for_entity(CustomEntity.CONTACT)
        contact.custom_fields = apply_custom_fields(
            list(definitions), contact.custom_fields, given.custom_fields or {}, creating
        )
    if given.owner_id is None and not creating:
        # A form sending every field must not hand the record to whoever saves it.
        raise ValidationFailed.on(
            "owner_id", "a record always has an owner", FieldErrorCode.REQUIRED
        )
    if given.owner_id is not UNSET and (creating or given.owner_id != contact.owner_id):
        ownership = await assign_owner(uow, principal, RecordKind.CONTACTS, given.owner_id)
        contact.owner_id, contact.team_id = ownership.owner_id, ownership.team_id


@dataclass(frozen=True)
class NewContact:
    """A contact checked and ready to be written (`prepare_contact`), and whether it is
    an inbound lead that goes round its team's rotation when written."""

    contact: Contact
    rotates: bool


async def prepare_contact(
    uow: UnitOfWork,
    principal: Principal,
    new: ContactChanges,
    origin: ContactOrigin,
    definitions: Sequence[CustomFieldDefinition] | None = None,
    company: Company | None = None,
) -> NewContact:
    """Everything `create_contact` checks, writing nothing: the contact as it would be
    created, or the DomainError it would fail with. `company`: one the caller found in
    the principal's scope for it, in place of `new.company_id` (not looked up again)."""
    require(principal, Permission.CONTACTS_WRITE)
    owner_id = value_or(new.owner_id, None)
    ownership = await assign_owner(uow, principal, RecordKind.CONTACTS, owner_id)
    contact = Contact(owner_id=ownership.owner_id, team_id=ownership.team_id)
    given = replace(new, owner_id=UNSET)
    if company is not None:
        contact.company_id, contact.company_name = company.id, company.name
        given = replace(given, company_id=UNSET)
    await apply_changes(uow, principal, contact, given, creating=True, definitions=definitions)
    rotates = (
        origin in INBOUND
        and owner_id is None
        and contact.lifecycle_stage is LifecycleStage.LEAD
        and principal.team_id is not None
    )
    return NewContact(contact, rotates)


async def add_contacts(
    uow: UnitOfWork, principal: Principal, prepared: Sequence[NewContact]
) -> bool:
    """Writes prepared contacts as `create_contact` writes one (an inbound lead goes round
    its team's rotation, probable duplicates are counted on the record, one created event
    for them all), in a statement per table for them all. Each is checked for duplicates
    against the database and against those before it here, as if written one by one.
    True when automation rules changed records beyond them."""
    require(principal, Permission.CONTACTS_WRITE)
    if not prepared:
        return False
    team_id = principal.team_id
    if (
        team_id is not None
        and any(p.rotates for p in prepared)
        and await distributes_leads(uow, team_id)
    ):
        for item in prepared:
            if item.rotates:
                chosen = await next_lead_owner(uow, team_id)
                if chosen is not None:
                    item.contact.owner_id, item.contact.team_id = chosen, team_id
    contacts = [p.contact for p in prepared]
    counts = await _duplicate_counts(uow, contacts)
    if len(contacts) == 1:
        await uow.contacts.add(contacts[0])
    else:
        await uow.contacts.add_many(contacts)
    afters = []
    for contact, count in zip(contacts, counts, strict=True):
        after = contact.snapshot()
        if count:
            # Creating a probable duplicate stays possible, and is on record: how many live
            # contacts anywhere, readable by the creator or not, it probably duplicates.
            after[POSSIBLE_DUPLICATES] = count
        afters.append(after)
    created = ContactCreated(
        principal=principal,
        action=AuditAction.CREATED,
        kind=RecordKind.CONTACTS,
        changed=[(contact, {}) for contact in contacts],
        audited=afters,
    )
    return await uow.emit(created)


async def _duplicate_counts(uow: UnitOfWork, probes: Sequence[Contact]) -> list[int]:
    """How many live contacts each probe probably duplicates (`possible_duplicates`),
    the probes before it counted as stored already."""
    if len(probes) == 1:
        return [len(await possible_duplicates(uow, probes[0]))]
    by_email: dict[str, list[DuplicateCandidate]] = {}
    by_phone: dict[str, list[DuplicateCandidate]] = {}
    by_company: dict[UUID, list[DuplicateCandidate]] = {}

    def index(candidate: DuplicateCandidate) -> None:
        for email in candidate.shared_emails:
            by_email.setdefault(email, []).append(candidate)
        for phone in candidate.shared_phones:
            by_phone.setdefault(phone, []).append(candidate)
        if candidate.company_id is not None:
            by_company.setdefault(candidate.company_id, []).append(candidate)

    for candidate in await uow.contacts.duplicate_candidates_many(probes, CANDIDATE_LIMIT):
        index(candidate)
    counts = []
    for probe in probes:
        near = {
            c.id: c
            for c in (
                *(c for e in probe.emails for c in by_email.get(e.email, ())),
                *(c for p in probe.phones for c in by_phone.get(p.phone, ())),
                *(by_company.get(probe.company_id, ()) if probe.company_id else ()),
            )
        }
        counts.append(sum(1 for c in near.values() if duplicate_reasons(probe, c)))
        # Stored before the next one, as far as the next one is concerned.
        index(
            DuplicateCandidate(
                id=probe.id,
                owner_id=probe.owner_id,
                owner_name="",
                first_name=probe.first_name,
                last_name=probe.last_name,
                company_id=probe.company_id,
                shared_emails=frozenset(e.email for e in probe.emails),
                shared_phones=frozenset(p.phone for p in probe.phones),
            )
        )
    return counts


async def create_contact(
    uow: UnitOfWork, principal: Principal, new: ContactChanges, origin: ContactOrigin
) -> Contact:
    """`origin` is how the contact arrives: one a user types in is theirs (or whoever
    they name); an inbound lead without an owner goes round the team's rotation when
    the team distributes leads."""
    prepared = await prepare_contact(uow, principal, new, origin)
    contact = prepared.contact
    if await add_contacts(uow, principal, [prepared]):
        return await uow.contacts.get(contact.id) or contact
    return contact


async def get_contact(uow: UnitOfWork, principal: Principal, contact_id: UUID) -> Contact:
    return await CONTACTS.get(uow, principal, contact_id)


async def contact_to_change(uow: UnitOfWork, principal: Principal, contact_id: UUID) -> Contact:
    return await CONTACTS.to_change(uow, principal, contact_id)


async def check_contact_visible(uow: UnitOfWork, principal: Principal, contact_id: UUID) -> None:
    """What `get_contact` checks (permission, existence, scope), for callers that need the
    contact's id only (its timeline), without reading the contact."""
    require(principal, Permission.CONTACTS_READ)
    if not await uow.contacts.is_visible(contact_id, principal):
        raise NotFound("Contact not found.")


async def list_contacts(
    uow: UnitOfWork, principal: Principal, filters: ContactFilter, page: PageRequest
) -> Page[Contact]:
    require(principal, Permission.CONTACTS_READ)
    found = await external_ids.filtered_by_external_id(
        uow, CONTACTS, principal, filters, filters.external_id, filters.archived
    )
    if found is not None:
        return found
    filters = await with_typed_filters(uow, CustomEntity.CONTACT, filters)
    return await uow.contacts.find_page(principal, filters, page)


async def update_contact(
    uow: UnitOfWork,
    principal: Principal,
    contact_id: UUID,
    given: ContactChanges,
    expected_version: int | None,
    external_ids: Mapping[str, str | None] | None = None,
) -> Contact:
    async def change(contact: Contact) -> None:
        await apply_changes(uow, principal, contact, given, creating=False)

    return await CONTACTS.update(uow, principal, contact_id, expected_version, change, external_ids)


async def set_contact_archived(
    uow: UnitOfWork,
    principal: Principal,
    contact_id: UUID,
    archived: bool,
    expected_version: int | None,
) -> Contact:
    return await set_archived(uow, principal, CONTACTS, contact_id, archived, expected_version)


async def contact_history(
    uow: UnitOfWork, principal: Principal, contact_id: UUID, page: PageRequest
) -> Page[AuditEvent]:
    return await CONTACTS.history(uow, principal, contact_id, page)


async def contact_company(uow: UnitOfWork, principal: Principal, contact_id: UUID) -> Company:
    """The contact's company, when the caller may see both."""
    contact = await get_contact(uow, principal, contact_id)
    if contact.company_id is None:
        raise NotFound("The contact has no company.")
    return await get_company(uow, principal, contact.company_id)


async def company_contacts(
    uow: UnitOfWork,
    principal: Principal,
    company_id: UUID,
    filters: ContactFilter,
    page: PageRequest,
) -> Page[Contact]:
    """The company's contacts the caller may see."""
    company = await get_company(uow, principal, company_id)
    require(principal, Permission.CONTACTS_READ)
    scoped = ContactFilter(**{**filters.__dict__, "company_id": company.id})
    return await uow.contacts.find_page(principal, scoped, page)
