"""Exporting contacts as CSV and XLSX: the list's filters, the caller's scope, and
spreadsheet-safe cells."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import openpyxl

from tests.conftest import MakeStaff, Staff
from tests.helpers import assert_problem

CONTACTS = "/api/v1/contacts"


async def create(client: httpx.AsyncClient, staff: Staff, **body: Any) -> dict[str, Any]:
    response = await client.post(CONTACTS, json=body, headers=staff.headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


def read_csv(response: httpx.Response) -> list[dict[str, str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


async def test_csv_export_follows_the_filters(client: httpx.AsyncClient, owner: Staff) -> None:
    """The CSV holds exactly the contacts the same filters list, with a header row and
    an attachment file name."""
    await client.post(
        "/api/v1/custom-fields",
        json={"entity": "contact", "key": "tier", "label": "Tier", "type": "text"},
        headers=owner.headers,
    )
    await create(
        client, owner, first_name="Ada", last_name="Lovelace", tags=["vip"],
        emails=[{"email": "ada@example.com"}, {"email": "ada@work.example"}],
        custom_fields={"tier": "gold"},
    )  # fmt: skip
    await create(client, owner, first_name="Bob", tags=["other"])
    response = await client.get(f"{CONTACTS}/export", params={"tag": "vip"}, headers=owner.headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = read_csv(response)
    assert len(rows) == 1
    assert rows[0]["first_name"] == "Ada" and rows[0]["email"] == "ada@example.com"
    assert rows[0]["other_emails"] == "ada@work.example"
    assert rows[0]["custom_fields.tier"] == "gold" and rows[0]["tags"] == "vip"


async def test_formula_like_values_stay_text(client: httpx.AsyncClient, owner: Staff) -> None:
    """A value starting with = is written so spreadsheets do not run it (CSV injection)."""
    await create(client, owner, first_name='=HYPERLINK("http://evil.example")')
    rows = read_csv(await client.get(f"{CONTACTS}/export", headers=owner.headers))
    assert rows[0]["first_name"].startswith("'=")


async def test_xlsx_export_opens_as_a_workbook(client: httpx.AsyncClient, owner: Staff) -> None:
    """format=xlsx is a real workbook with the header and one row per contact, and a
    formula-like name stays a string."""
    for name in ("Ada", "Bob", "=1+1"):
        await create(client, owner, first_name=name)
    response = await client.get(
        f"{CONTACTS}/export", params={"format": "xlsx"}, headers=owner.headers
    )
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("ID", "First name", "Last name")
    assert sorted(r[1] for r in rows[1:]) == ["=1+1", "Ada", "Bob"]


async def test_xlsx_export_reads_as_a_sheet_for_people(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """The workbook names its columns for people (custom fields by their label), shows the
    owner by name and not by id, holds times as date cells, and keeps its header row
    frozen and filterable."""
    created = await client.post(
        "/api/v1/custom-fields",
        json={"entity": "contact", "key": "shoe_size", "label": "Shoe size", "type": "number"},
        headers=owner.headers,
    )
    assert created.status_code == 201, created.text
    await create(client, owner, first_name="Ada", custom_fields={"shoe_size": 38})
    response = await client.get(
        f"{CONTACTS}/export", params={"format": "xlsx"}, headers=owner.headers
    )
    assert response.status_code == 200, response.text
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    assert "owner_id" not in header and "Owner ID" not in header
    row = dict(zip(header, [cell.value for cell in sheet[2]], strict=True))
    assert row["Owner"] == owner.user.full_name
    assert row["Shoe size"] == 38
    assert isinstance(row["Created (UTC)"], datetime)
    assert abs(row["Created (UTC)"] - datetime.now(UTC).replace(tzinfo=None)) < timedelta(hours=1)
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref is not None and sheet.auto_filter.ref.startswith("A1:")


async def test_export_stays_within_scope(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: Any
) -> None:
    """A role that reads its team's contacts (and may export) exports those only."""
    north = await make_team("North")
    lead = await make_staff("team_scope", team=north)
    colleague = await make_staff("salesperson", team=north)
    await create(client, colleague, first_name="Teammate's")
    await create(client, owner, first_name="Head office's")
    rows = read_csv(await client.get(f"{CONTACTS}/export", headers=lead.headers))
    assert [r["first_name"] for r in rows] == ["Teammate's"]


async def test_a_senior_manager_exports_the_whole_directory(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: Any
) -> None:
    """A Senior manager reads every contact (every template reads the whole directory),
    so the export holds another team's contacts too, not only their own team's."""
    north = await make_team("North")
    senior = await make_staff("senior_manager", team=north)
    colleague = await make_staff("salesperson", team=north)
    await create(client, colleague, first_name="Teammate's")
    await create(client, owner, first_name="Head office's")
    rows = read_csv(await client.get(f"{CONTACTS}/export", headers=senior.headers))
    assert sorted(r["first_name"] for r in rows) == ["Head office's", "Teammate's"]


async def test_export_needs_the_export_permission(
    client: httpx.AsyncClient, make_staff: MakeStaff
) -> None:
    """Reading contacts is not enough: without data:export the answer is 403, before any
    byte of a file."""
    sales = await make_staff("salesperson")
    response = await client.get(f"{CONTACTS}/export", headers=sales.headers)
    assert_problem(response, 403)


async def test_export_refuses_bad_filters_up_front(client: httpx.AsyncClient, owner: Staff) -> None:
    """An unknown custom field in the filters is a 422, not a broken download."""
    response = await client.get(
        f"{CONTACTS}/export", params={"custom_field": "nope:1"}, headers=owner.headers
    )
    assert_problem(response, 422, "custom_field.0")


async def test_export_walks_past_one_page(client: httpx.AsyncClient, owner: Staff) -> None:
    """More contacts than one internal page are all exported, each once."""
    from domain.contacts import contact_export

    items = [{"first_name": f"P{i:04d}"} for i in range(100)]
    for start in range(0, 100, 50):
        await client.post(
            f"{CONTACTS}/batch", json={"items": items[start : start + 50]}, headers=owner.headers
        )
    original = contact_export.PAGE
    contact_export.PAGE = 30
    try:
        rows = read_csv(await client.get(f"{CONTACTS}/export", headers=owner.headers))
    finally:
        contact_export.PAGE = original
    assert sorted(r["first_name"] for r in rows) == [f"P{i:04d}" for i in range(100)]


# The CSV as the export wrote it before rows were streamed (up to ba48123): a Contact per
# row, a function per column, each cell made on its own. Kept here as the reference the
# streamed export must match byte for byte.
_OLD_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _old_cell(value: Any) -> str:
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat()
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_OLD_FORMULA_START) else text


def _old_csv(contacts: list[Any], definitions: list[Any], owners: dict[Any, str]) -> bytes:
    def joined(values: list[str]) -> str:
        return "; ".join(values)

    layout: list[tuple[str, Any]] = [
        ("id", lambda c: str(c.id)),
        ("first_name", lambda c: c.first_name),
        ("last_name", lambda c: c.last_name),
        ("email", lambda c: c.primary_email or ""),
        ("other_emails", lambda c: joined([e.email for e in c.emails if not e.primary])),
        ("phones", lambda c: joined([p.phone for p in c.phones])),
        ("title", lambda c: c.title or ""),
        ("company", lambda c: c.company_name or ""),
        ("country", lambda c: c.country or ""),
        ("city", lambda c: c.city or ""),
        ("source", lambda c: c.source.value if c.source else ""),
        ("lifecycle_stage", lambda c: c.lifecycle_stage.value),
        ("tags", lambda c: joined(c.tags)),
        ("marketing_consent", lambda c: c.marketing_consent),
        ("processing_consent", lambda c: c.processing_consent),
        ("owner_id", lambda c: str(c.owner_id)),
        ("owner", lambda c: owners.get(c.owner_id, "")),
        ("created_at", lambda c: c.created_at),
        ("updated_at", lambda c: c.updated_at),
    ] + [
        (f"custom_fields.{d.key}", lambda c, key=d.key: c.custom_fields.get(key, ""))
        for d in definitions
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([key for key, _ in layout])
    for contact in contacts:
        writer.writerow([_old_cell(value(contact)) for _, value in layout])
    return buffer.getvalue().encode()


async def _old_export(database: Any, staff: Staff, filters: Any) -> bytes:
    """What the export wrote before for these filters: the list's Contacts, by name."""
    from dataclasses import replace

    from domain.access.users import principal_of
    from domain.contacts.custom_fields import CustomEntity
    from domain.pagination import PageRequest
    from persistence.uow import SqlUnitOfWork

    principal = principal_of(staff.user)
    async with SqlUnitOfWork(database.sessions()) as uow:
        contacts: list[Any] = []
        page = PageRequest(limit=2, sort="name")
        while True:
            result = await uow.contacts.find_page(principal, filters, page)
            contacts += result.items
            if result.next_cursor is None:
                break
            page = replace(page, cursor=result.next_cursor)
        definitions = await uow.custom_fields.for_entity(CustomEntity.CONTACT)
        return _old_csv(contacts, definitions, await uow.users.full_names())


async def test_streamed_csv_is_the_csv_as_it_was(
    client: httpx.AsyncClient, owner: Staff, database: Any
) -> None:
    """The streamed export writes the same bytes the export wrote before, Contact by
    Contact, on data with every optional field set and unset: custom fields of each type,
    Unicode, commas, quotes and line breaks, cells that start like a formula, several
    e-mails (the primary one not first) and phones; for the whole list and for a search
    (the list's own pages)."""
    from domain.contacts.contacts import ContactFilter

    fields = [
        ("note", "text", []),
        ("size", "number", []),
        ("ratio", "number", []),
        ("since", "date", []),
        ("active", "boolean", []),
        ("tier", "single_choice", ["Gold, plus", 'Say "hi"', "=SUM(A1)"]),
        ("topics", "multi_choice", ["a,b", "-minus", "Grüße"]),
    ]
    for position, (key, kind, choices) in enumerate(fields):
        created = await client.post(
            "/api/v1/custom-fields",
            json={"entity": "contact", "key": key, "label": key.title(), "type": kind,
                  "choices": choices, "position": position},
            headers=owner.headers,
        )  # fmt: skip
        assert created.status_code == 201, created.text
    company = await client.post(
        "/api/v1/companies", json={"name": '=Acme "Quotes", Ltd.'}, headers=owner.headers
    )
    assert company.status_code == 201, company.text
    await create(
        client, owner, first_name="@Ada", last_name='Lovelace, "Countess"\nof Lovelace',
        country="DE", city="Zürich, 東京", title="+Head\r\nof R&D", source="referral",
        lifecycle_stage="customer", tags=["vip", "-minus tag", "=tag"],
        emails=[{"email": "ada@example.com"}, {"email": "ada@work.example", "primary": True},
                {"email": "-ada@example.org"}],
        phones=[{"phone": "+49 30 901820"}, {"phone": "+44 20 7946 0958"}],
        company_id=company.json()["id"], marketing_consent=True, processing_consent=True,
        custom_fields={"note": 'line one\nline "two", three', "size": 38, "ratio": 1e-07,
                       "since": "2026-01-02", "active": True, "tier": "=SUM(A1)",
                       "topics": ["a,b", "-minus", "Grüße"]},
    )  # fmt: skip
    await create(
        client, owner, first_name="Ünal", last_name="-Zed", custom_fields={"size": -5.5,
        "ratio": 1e20, "active": False, "tier": 'Say "hi"', "topics": [], "note": "\tTab"},
    )  # fmt: skip
    await create(client, owner, last_name="Minimal")
    await create(client, owner, first_name="李", last_name="小龙", tags=["kung fu"])

    response = await client.get(f"{CONTACTS}/export", headers=owner.headers)
    assert response.status_code == 200
    assert response.content == await _old_export(database, owner, ContactFilter())
    rows = read_csv(response)
    assert len(rows) == 4
    ada = next(row for row in rows if row["first_name"] == "'@Ada")
    assert ada["company"] == """'=Acme "Quotes", Ltd."""
    assert ada["email"] == "ada@work.example"
    assert ada["other_emails"] == "ada@example.com; -ada@example.org"
    assert ada["tags"] == "vip; -minus tag; =tag"
    assert ada["custom_fields.ratio"] == "1e-07" and ada["custom_fields.active"] == "true"
    assert ada["custom_fields.tier"] == "'=SUM(A1)"

    searched = await client.get(
        f"{CONTACTS}/export", params={"q": "lovelace"}, headers=owner.headers
    )
    assert searched.status_code == 200
    assert searched.content == await _old_export(database, owner, ContactFilter(q="lovelace"))
    assert len(read_csv(searched)) == 1


async def test_a_stream_broken_off_leaves_its_session_usable(
    client: httpx.AsyncClient, owner: Staff, database: Any
) -> None:
    """A download broken off after its first batch ends the read ahead of the next one:
    the session then runs the audit's update as if the export had ended."""
    from sqlalchemy import text

    from domain.access.users import principal_of
    from domain.contacts.contacts import ContactFilter
    from persistence.uow import SqlUnitOfWork

    for name in ("Ada", "Bob", "Cy"):
        await create(client, owner, first_name=name)
    async with SqlUnitOfWork(database.sessions()) as uow:
        stream = uow.contacts.export_rows(principal_of(owner.user), ContactFilter(), 1)
        first = await anext(stream)
        await stream.aclose()
        assert [row[1] for row in first] == ["Ada"]
        assert await uow.session.scalar(text("SELECT 1")) == 1
