"""Exporting contacts: who may, which contacts (the list filters, within scope), and the
layout of a row. Formats (CSV, XLSX) are the API's business."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, fields, replace
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain import audit
from domain.access.roles import Permission, require
from domain.contacts.contacts import Contact, ContactFilter
from domain.contacts.custom_fields import CustomEntity, CustomFieldDefinition, with_typed_filters
from domain.pagination import Page, PageRequest

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork

PAGE = 1000


@dataclass(frozen=True)
class Column:
    """`key` heads a CSV column (stable, for programs); `label` heads a spreadsheet's
    (for people), which leaves out the columns with `in_sheet` false (ids meant for
    programs). A value is text, a number, a truth value, a list or a datetime."""

    key: str
    label: str
    value: Callable[[Contact], Any]
    in_sheet: bool = True


def check_may_export(principal: Principal) -> None:
    require(principal, Permission.CONTACTS_READ)
    require(principal, Permission.DATA_EXPORT)


def _joined(values: list[str]) -> str:
    return "; ".join(values)


def columns(definitions: list[CustomFieldDefinition], owners: dict[UUID, str]) -> list[Column]:
    """The row layout: the contact's fields, its owner by name, then its custom fields
    in their defined order."""
    base = [
        Column("id", "ID", lambda c: str(c.id)),
        Column("first_name", "First name", lambda c: c.first_name),
        Column("last_name", "Last name", lambda c: c.last_name),
        Column("email", "E-mail", lambda c: c.primary_email or ""),
        Column(
            "other_emails",
            "Other e-mails",
            lambda c: _joined([e.email for e in c.emails if not e.primary]),
        ),
        Column("phones", "Phones", lambda c: _joined([p.phone for p in c.phones])),
        Column("title", "Title", lambda c: c.title or ""),
        Column("company", "Company", lambda c: c.company_name or ""),
        Column("country", "Country", lambda c: c.country or ""),
        Column("city", "City", lambda c: c.city or ""),
        Column("source", "Source", lambda c: c.source.value if c.source else ""),
        Column("lifecycle_stage", "Lifecycle stage", lambda c: c.lifecycle_stage.value),
        Column("tags", "Tags", lambda c: _joined(c.tags)),
        Column("marketing_consent", "Marketing consent", lambda c: c.marketing_consent),
        Column("processing_consent", "Processing consent", lambda c: c.processing_consent),
        Column("owner_id", "Owner ID", lambda c: str(c.owner_id), in_sheet=False),
        Column("owner", "Owner", lambda c: owners.get(c.owner_id, "")),
        Column("created_at", "Created (UTC)", lambda c: c.created_at),
        Column("updated_at", "Updated (UTC)", lambda c: c.updated_at),
    ]
    return base + [_custom_column(d) for d in definitions]


def _custom_column(definition: CustomFieldDefinition) -> Column:
    key = definition.key
    return Column(f"custom_fields.{key}", definition.label, lambda c: c.custom_fields.get(key, ""))


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
    definitions = await uow.custom_fields.for_entity(CustomEntity.CONTACT)
    return columns(definitions, await uow.users.full_names()), typed


def filters_in_effect(filters: ContactFilter) -> dict[str, Any]:
    """The filters that narrowed an export, as JSON values for its audit event: what was
    applied (validated and normalised, by the names the domain gives them), never the raw
    query string, so nothing unbounded or unvalidated reaches the trail."""
    applied: dict[str, Any] = {}
    for item in fields(filters):
        value = getattr(filters, item.name)
        if value != ContactFilter.__dataclass_fields__[item.name].default and value != ():
            applied[item.name] = _json(value)
    return applied


def _json(value: Any) -> Any:
    if isinstance(value, tuple | list):
        return [_json(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, UUID):
        return str(value)
    return value


async def record_export_started(
    uow: UnitOfWork, principal: Principal, file_format: str, filters: dict[str, Any]
) -> UUID:
    """The audit event of an export as it starts (who, the filters in effect, the format),
    in the request's transaction; its id, to add the row count once the file is written."""
    details: dict[str, Any] = {"format": file_format, "filters": filters, "rows": None}
    event = await audit.record_export(uow, principal, details)
    return event.id


async def record_export_finished(
    uow: UnitOfWork, event_id: UUID, file_format: str, filters: dict[str, Any], rows: int
) -> None:
    """The row count, known once the last row went out."""
    details: dict[str, Any] = {"format": file_format, "filters": filters, "rows": rows}
    await uow.audit.set_details(event_id, details)


async def contacts_to_export(
    uow: UnitOfWork, principal: Principal, filters: ContactFilter, sort: str = "name"
) -> AsyncIterator[Contact]:
    """Every contact the list with these (prepared) filters would show, page by page, so
    memory stays flat however many there are (two pages at most). The next page is asked
    for as soon as this one is in: the database finds it while this one's rows are
    written out."""
    check_may_export(principal)
    page = PageRequest(limit=PAGE, sort=sort)
    result = await uow.contacts.find_page(principal, filters, page)
    while True:
        following: asyncio.Task[Page[Contact]] | None = None
        if result.next_cursor is not None:
            page = replace(page, cursor=result.next_cursor)
            following = asyncio.create_task(uow.contacts.find_page(principal, filters, page))
        try:
            for contact in result.items:
                yield contact
        except BaseException:
            if following is not None:
                # The file was broken off: the unit of work must not be closed under a
                # query still running.
                following.cancel()
                with contextlib.suppress(BaseException):
                    await following
            raise
        if following is None:
            return
        result = await following
