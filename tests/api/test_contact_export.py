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
