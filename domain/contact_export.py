"""Exporting contacts: who may, which contacts (the list filters, within scope), and the
layout of a row. Formats (CSV, XLSX) are the API's business."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from domain.contacts import Contact, ContactFilter
from domain.custom_fields import CustomEntity, CustomFieldDefinition, with_typed_filters
from domain.pagination import PageRequest
from domain.roles import Permission, require

if TYPE_CHECKING:
    from domain.principal import Principal
    from domain.uow import UnitOfWork

PAGE = 1000


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Contact], Any]


def check_may_export(principal: Principal) -> None:
    require(principal, Permission.CONTACTS_READ)
    require(principal, Permission.DATA_EXPORT)


def _joined(values: list[str]) -> str:
    return "; ".join(values)


def columns(definitions: list[CustomFieldDefinition]) -> list[Column]:
    base = [
        Column("id", lambda c: str(c.id)),
        Column("first_name", lambda c: c.first_name),
        Column("last_name", lambda c: c.last_name),
        Column("email", lambda c: c.primary_email or ""),
        Column("other_emails", lambda c: _joined([e.email for e in c.emails if not e.primary])),
        Column("phones", lambda c: _joined([p.phone for p in c.phones])),
        Column("title", lambda c: c.title or ""),
        Column("company", lambda c: c.company_name or ""),
        Column("country", lambda c: c.country or ""),
        Column("city", lambda c: c.city or ""),
        Column("source", lambda c: c.source.value if c.source else ""),
        Column("lifecycle_stage", lambda c: c.lifecycle_stage.value),
        Column("tags", lambda c: _joined(c.tags)),
        Column("marketing_consent", lambda c: c.marketing_consent),
        Column("processing_consent", lambda c: c.processing_consent),
        Column("owner_id", lambda c: str(c.owner_id)),
        Column("created_at", lambda c: c.created_at.isoformat()),
        Column("updated_at", lambda c: c.updated_at.isoformat()),
    ]
    return base + [_custom_column(d.key) for d in definitions]


def _custom_column(key: str) -> Column:
    return Column(f"custom_fields.{key}", lambda c: c.custom_fields.get(key, ""))


async def prepare_export(
    uow: UnitOfWork, principal: Principal, filters: ContactFilter
) -> tuple[list[Column], ContactFilter]:
    """Everything that can refuse an export (permission, bad filters), done before the
    first byte is sent: the row layout and the filters ready to run."""
    check_may_export(principal)
    typed = await with_typed_filters(uow, CustomEntity.CONTACT, filters)
    # The query itself, for one row: whatever the database would refuse in it is refused
    # now, as a whole problem, not after the file's first bytes went out.
    await uow.contacts.find_page(principal, typed, PageRequest(limit=1, sort="name"))
    return columns(await uow.custom_fields.for_entity(CustomEntity.CONTACT)), typed


async def contacts_to_export(
    uow: UnitOfWork, principal: Principal, filters: ContactFilter, sort: str = "name"
) -> AsyncIterator[Contact]:
    """Every contact the list with these (prepared) filters would show, page by page, so
    memory stays flat however many there are."""
    check_may_export(principal)
    page = PageRequest(limit=PAGE, sort=sort)
    while True:
        result = await uow.contacts.find_page(principal, filters, page)
        for contact in result.items:
            yield contact
        if result.next_cursor is None:
            return
        page = replace(page, cursor=result.next_cursor)
