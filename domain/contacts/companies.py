"""Companies: the organisations contacts work for."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID, uuid4

from domain import changes, external_ids
from domain.access.levels import RecordKind
from domain.access.roles import Permission, require
from domain.audit import AuditAction, AuditEvent
from domain.clock import utcnow
from domain.commands import UNSET, Unset, value_or
from domain.contacts.custom_fields import CustomEntity, apply_custom_fields, with_typed_filters
from domain.errors import FieldErrorCode, ValidationFailed
from domain.pagination import Page, PageRequest
from domain.records import (
    OwnedKind,
    RecordFilter,
    assign_owner,
    normalize_tags,
    set_archived,
)
from domain.text import clean_name, optional_text

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork

COMPANIES: OwnedKind[Company] = OwnedKind(
    RecordKind.COMPANIES,
    "Company",
    Permission.COMPANIES_READ,
    Permission.COMPANIES_WRITE,
    lambda uow: uow.companies,
    archivable=True,
)


class SizeBand(StrEnum):
    MICRO = "1-10"
    SMALL = "11-50"
    MEDIUM = "51-200"
    LARGE = "201-1000"
    ENTERPRISE = "1001-5000"
    HUGE = "5001+"


@dataclass
class Company:
    name: str
    owner_id: UUID
    team_id: UUID | None
    domain: str | None = None
    industry: str | None = None
    size_band: SizeBand | None = None
    country: str | None = None
    city: str | None = None
    address: str | None = None
    phone: str | None = None
    tags: list[str] = field(default_factory=list)
    custom_fields: dict[str, Any] = field(default_factory=dict)
    archived_at: datetime | None = None
    id: UUID = field(default_factory=uuid4)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    version: int = 1

    def snapshot(self) -> dict[str, Any]:
        """The audited fields, as JSON values."""
        return {
            "name": self.name,
            "domain": self.domain,
            "industry": self.industry,
            "size_band": self.size_band.value if self.size_band else None,
            "country": self.country,
            "city": self.city,
            "address": self.address,
            "phone": self.phone,
            "tags": list(self.tags),
            "custom_fields": dict(self.custom_fields),
            "owner_id": str(self.owner_id),
            "team_id": str(self.team_id) if self.team_id else None,
            "archived_at": self.archived_at.isoformat() if self.archived_at else None,
        }


@dataclass(frozen=True, kw_only=True)
class CompanyChanges:
    """A company's fields as a create or a change gives them (checked when applied):
    UNSET ones stay as they are, on a create their defaults."""

    name: str | Unset | None = UNSET
    domain: str | Unset | None = UNSET
    industry: str | Unset | None = UNSET
    size_band: SizeBand | Unset | None = UNSET
    country: str | Unset | None = UNSET
    city: str | Unset | None = UNSET
    address: str | Unset | None = UNSET
    phone: str | Unset | None = UNSET
    tags: tuple[str, ...] | Unset | None = UNSET
    custom_fields: Mapping[str, Any] | Unset | None = UNSET
    owner_id: UUID | Unset | None = UNSET


@dataclass(frozen=True)
class CompanyFilter(RecordFilter):
    industry: str | None = None
    size_band: SizeBand | None = None


class CompanyRepository(Protocol):
    async def get(self, company_id: UUID, visible_to: Principal | None = None) -> Company | None:
        """With `visible_to`, a company outside that principal's scope is None."""
        ...

    async def names(self, company_ids: Collection[UUID], principal: Principal) -> dict[UUID, str]:
        """The name of each of these companies the principal may read; the others are
        left out."""
        ...

    async def find_page(
        self, principal: Principal, filters: CompanyFilter, page: PageRequest
    ) -> Page[Company]: ...
    async def find_by_name(self, name: str, principal: Principal) -> Company | None:
        """The oldest live company in scope with this name, ignoring case."""
        ...

    async def find_by_names(
        self, names: Collection[str], principal: Principal
    ) -> dict[str, Company]:
        """`find_by_name` for many names at once, by the name trimmed and in lower case;
        names without a company left out."""
        ...

    async def add(self, company: Company) -> None: ...
    async def add_many(self, companies: Sequence[Company]) -> None: ...
    async def update(self, company: Company, expected_version: int) -> None: ...


_DOMAIN_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def normalize_domain(value: str) -> str:
    """`https://www.Example.com/about` -> `example.com`."""
    cleaned = value.strip().lower()
    cleaned = re.sub(r"^[a-z][a-z0-9+.-]*://", "", cleaned).split("/")[0].split("?")[0]
    cleaned = cleaned.split("@")[-1].split(":")[0].removeprefix("www.").rstrip(".")
    labels = cleaned.split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL.match(label) for label in labels):
        raise ValidationFailed.on(
            "domain", "is not a website domain like example.com", FieldErrorCode.INVALID_FORMAT
        )
    return cleaned


async def apply_changes(
    uow: UnitOfWork,
    principal: Principal,
    company: Company,
    given: CompanyChanges,
    creating: bool,
) -> None:
    """Sets the fields given on `company`, each checked; UNSET ones stay as they are."""
    if given.name is not UNSET:
        company.name = clean_name(given.name or "")  # null is no name, not a crash
    if given.domain is not UNSET:
        company.domain = normalize_domain(given.domain) if given.domain else None
    if given.industry is not UNSET:
        company.industry = optional_text(given.industry)
    if given.city is not UNSET:
        company.city = optional_text(given.city)
    if given.address is not UNSET:
        company.address = optional_text(given.address)
    if given.size_band is not UNSET:
        company.size_band = given.size_band
    if given.country is not UNSET:
        company.country = given.country
    if given.phone is not UNSET:
        company.phone = given.phone
    if given.tags is not UNSET:
        company.tags = normalize_tags(given.tags or ())
    if given.custom_fields is not UNSET or creating:
        definitions = await uow.custom_fields.for_entity(CustomEntity.COMPANY)
        company.custom_fields = apply_custom_fields(
            definitions, company.custom_fields, given.custom_fields or {}, creating
        )
    if given.owner_id is None and not creating:
        # A form sending every field must not hand the record to whoever saves it.
        raise ValidationFailed.on(
            "owner_id", "a record always has an owner", FieldErrorCode.REQUIRED
        )
    if given.owner_id is not UNSET and (creating or given.owner_id != company.owner_id):
        ownership = await assign_owner(uow, principal, RecordKind.COMPANIES, given.owner_id)
        company.owner_id, company.team_id = ownership.owner_id, ownership.team_id


async def prepare_company(uow: UnitOfWork, principal: Principal, new: CompanyChanges) -> Company:
    """Everything `create_company` checks, writing nothing: the company as it would be
    created, or the DomainError it would fail with."""
    require(principal, Permission.COMPANIES_WRITE)
    owner_id = value_or(new.owner_id, None)
    ownership = await assign_owner(uow, principal, RecordKind.COMPANIES, owner_id)
    company = Company(name="", owner_id=ownership.owner_id, team_id=ownership.team_id)
    await apply_changes(uow, principal, company, replace(new, owner_id=UNSET), creating=True)
    return company


async def add_companies(uow: UnitOfWork, principal: Principal, new: Sequence[Company]) -> None:
    """Writes prepared companies, together, with one created event for them all."""
    require(principal, Permission.COMPANIES_WRITE)
    if not new:
        return
    if len(new) == 1:
        await uow.companies.add(new[0])
    else:
        await uow.companies.add_many(new)
    await changes.record(
        uow, principal, AuditAction.CREATED, RecordKind.COMPANIES, [(c, {}) for c in new]
    )


async def create_company(uow: UnitOfWork, principal: Principal, new: CompanyChanges) -> Company:
    company = await prepare_company(uow, principal, new)
    await add_companies(uow, principal, [company])
    return company


async def get_company(uow: UnitOfWork, principal: Principal, company_id: UUID) -> Company:
    return await COMPANIES.get(uow, principal, company_id)


async def company_to_change(uow: UnitOfWork, principal: Principal, company_id: UUID) -> Company:
    return await COMPANIES.to_change(uow, principal, company_id)


async def list_companies(
    uow: UnitOfWork, principal: Principal, filters: CompanyFilter, page: PageRequest
) -> Page[Company]:
    require(principal, Permission.COMPANIES_READ)
    found = await external_ids.filtered_by_external_id(
        uow, COMPANIES, principal, filters, filters.external_id, filters.archived
    )
    if found is not None:
        return found
    filters = await with_typed_filters(uow, CustomEntity.COMPANY, filters)
    return await uow.companies.find_page(principal, filters, page)


async def update_company(
    uow: UnitOfWork,
    principal: Principal,
    company_id: UUID,
    given: CompanyChanges,
    expected_version: int | None,
    external_ids: Mapping[str, str | None] | None = None,
) -> Company:
    async def change(company: Company) -> None:
        name = company.name
        await apply_changes(uow, principal, company, given, creating=False)
        if company.name != name:
            # The copies of the name on its contacts, for their lists' sorting and search.
            await uow.contacts.refresh_company_name(company.id, company.name)

    return await COMPANIES.update(
        uow, principal, company_id, expected_version, change, external_ids
    )


async def set_company_archived(
    uow: UnitOfWork,
    principal: Principal,
    company_id: UUID,
    archived: bool,
    expected_version: int | None,
) -> Company:
    return await set_archived(uow, principal, COMPANIES, company_id, archived, expected_version)


async def company_history(
    uow: UnitOfWork, principal: Principal, company_id: UUID, page: PageRequest
) -> Page[AuditEvent]:
    return await COMPANIES.history(uow, principal, company_id, page)
