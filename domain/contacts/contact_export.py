"""Exporting contacts: who may, which contacts (the list filters, within scope), and the
layout of a row. Formats (CSV, XLSX) are the API's business."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime
from enum import Enum
from operator import itemgetter
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

# Rows read and handed on at a time: a batch of the repository's stream, or a page of a
# search.
PAGE = 1000

# A contact as an export reads it: plain values by position, in this order. The
# repository hands them over in batches as the database gives them, without making a
# `Contact` (with its e-mails, phones and enums) of each: that was a quarter of the
# export's time, and reading by position is what the layout's columns cost least.
#   id, owner_id          UUID
#   email                 the primary e-mail, or None
#   other_emails, phones  lists of text, in their order
#   source                the stored value (of `ContactSource`), or None
#   lifecycle_stage       the stored value (of `LifecycleStage`)
#   tags                  a list of text; custom_fields: a mapping of key to value
#   created_at, ...       aware UTC datetimes; the consents: truth values
EXPORT_FIELDS = (
    "id",
    "first_name",
    "last_name",
    "email",
    "other_emails",
    "phones",
    "title",
    "company_name",
    "country",
    "city",
    "source",
    "lifecycle_stage",
    "tags",
    "marketing_consent",
    "processing_consent",
    "owner_id",
    "created_at",
    "updated_at",
    "custom_fields",
)
AT = {name: position for position, name in enumerate(EXPORT_FIELDS)}
ExportRow = Sequence[Any]


def row_of(contact: Contact) -> tuple[Any, ...]:
    """The export row of a contact read whole (a search's page)."""
    values = {
        "id": contact.id,
        "first_name": contact.first_name,
        "last_name": contact.last_name,
        "email": contact.primary_email,
        "other_emails": [e.email for e in contact.emails if not e.primary],
        "phones": [p.phone for p in contact.phones],
        "title": contact.title,
        "company_name": contact.company_name,
        "country": contact.country,
        "city": contact.city,
        "source": contact.source.value if contact.source else None,
        "lifecycle_stage": contact.lifecycle_stage.value,
        "tags": contact.tags,
        "marketing_consent": contact.marketing_consent,
        "processing_consent": contact.processing_consent,
        "owner_id": contact.owner_id,
        "created_at": contact.created_at,
        "updated_at": contact.updated_at,
        "custom_fields": contact.custom_fields,
    }
    return tuple(values[name] for name in EXPORT_FIELDS)


@dataclass(frozen=True)
class Column:
    """`key` heads a CSV column (stable, for programs); `label` heads a spreadsheet's
    (for people), which leaves out the columns with `in_sheet` false (ids meant for
    programs). A value, read from an export row, is text, a number, a truth value, a
    list or a datetime."""

    key: str
    label: str
    value: Callable[[ExportRow], Any]
    in_sheet: bool = True


def check_may_export(principal: Principal) -> None:
    require(principal, Permission.CONTACTS_READ)
    require(principal, Permission.DATA_EXPORT)


def _joined(values: list[str]) -> str:
    return "; ".join(values)


def columns(definitions: list[CustomFieldDefinition], owners: dict[UUID, str]) -> list[Column]:
    """The row layout: the contact's fields, its owner by name, then its custom fields
    in their defined order. Values are read by position (`itemgetter` where the stored
    value is the cell's): each runs a million times in a large export."""

    def text(name: str) -> Callable[[ExportRow], Any]:
        at = AT[name]
        return lambda row: row[at] or ""

    def joined(name: str) -> Callable[[ExportRow], Any]:
        at = AT[name]
        return lambda row: _joined(row[at])

    def plain(name: str) -> Callable[[ExportRow], Any]:
        return itemgetter(AT[name])

    ident, owner = AT["id"], AT["owner_id"]
    base = [
        Column("id", "ID", lambda row: str(row[ident])),
        Column("first_name", "First name", plain("first_name")),
        Column("last_name", "Last name", plain("last_name")),
        Column("email", "E-mail", text("email")),
        Column("other_emails", "Other e-mails", joined("other_emails")),
        Column("phones", "Phones", joined("phones")),
        Column("title", "Title", text("title")),
        Column("company", "Company", text("company_name")),
        Column("country", "Country", text("country")),
        Column("city", "City", text("city")),
        Column("source", "Source", text("source")),
        Column("lifecycle_stage", "Lifecycle stage", plain("lifecycle_stage")),
        Column("tags", "Tags", joined("tags")),
        Column("marketing_consent", "Marketing consent", plain("marketing_consent")),
        Column("processing_consent", "Processing consent", plain("processing_consent")),
        Column("owner_id", "Owner ID", lambda row: str(row[owner]), in_sheet=False),
        Column("owner", "Owner", lambda row: owners.get(row[owner], "")),
        Column("created_at", "Created (UTC)", plain("created_at")),
        Column("updated_at", "Updated (UTC)", plain("updated_at")),
    ]
    return base + [_custom_column(d) for d in definitions]


CUSTOM = "custom_fields."


def _custom_column(definition: CustomFieldDefinition) -> Column:
    key, at = definition.key, AT["custom_fields"]
    return Column(f"{CUSTOM}{key}", definition.label, lambda row: row[at].get(key, ""))


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


async def rows_to_export(
    uow: UnitOfWork, principal: Principal, filters: ContactFilter, layout: Sequence[Column]
) -> AsyncIterator[Sequence[ExportRow]]:
    """Every contact the list with these (prepared) filters would show, by name, in
    batches of export rows, so memory stays flat however many there are.

    Without a search, one statement streams them (`export_rows`). A search reads the
    list's own pages: what it finds (a word looked for among recent rows first, typos
    corrected when nothing contains it) is the list's business, and an export holds
    what the list shows."""
    check_may_export(principal)
    # A file broken off closes the stream here, at once, not when the garbage collector
    # gets to it: a fetch still running must end before the unit of work does.
    if not filters.q:
        # Custom fields are read only when the layout shows some: decoding each row's
        # JSON document took 1.5-2 us of the 11 us of CPU a row's reading takes.
        custom = any(column.key.startswith(CUSTOM) for column in layout)
        stream = uow.contacts.export_rows(principal, filters, PAGE, custom_fields=custom)
        async with contextlib.aclosing(stream) as rows:
            async for batch in rows:
                yield batch
        return
    async with contextlib.aclosing(_pages(uow, principal, filters)) as pages:
        async for contacts in pages:
            yield [row_of(contact) for contact in contacts]


async def _pages(
    uow: UnitOfWork, principal: Principal, filters: ContactFilter
) -> AsyncGenerator[list[Contact], None]:
    """The list's pages, by name. The next page is asked for as soon as this one is in:
    the database finds it while this one's rows are written out."""
    page = PageRequest(limit=PAGE, sort="name")
    result = await uow.contacts.find_page(principal, filters, page)
    while True:
        following: asyncio.Task[Page[Contact]] | None = None
        if result.next_cursor is not None:
            page = replace(page, cursor=result.next_cursor)
            following = asyncio.create_task(uow.contacts.find_page(principal, filters, page))
        try:
            yield result.items
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
