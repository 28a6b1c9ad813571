"""Importing contacts from CSV: validated like the API, run by the worker outside the
request, all or nothing by default, with row errors and dedupe rules."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import httpx
import pytest

from api.cli.worker import drain
from persistence.database import Database
from tests.conftest import MakeStaff, Staff
from tests.helpers import assert_problem, job_outcomes

IMPORTS = "/api/v1/imports"
CONTACTS = "/api/v1/contacts"
MAPPING = {
    "First": "first_name",
    "Last": "last_name",
    "E-Mail": "email",
    "Phone": "phone",
    "Country": "country",
    "Company": "company",
    "Tags": "tags",
}
HEADER = "First,Last,E-Mail,Phone,Country,Company,Tags\n"


async def upload(
    client: httpx.AsyncClient,
    staff: Staff,
    csv_text: str,
    mapping: dict[str, str] | None = None,
    **options: str,
) -> httpx.Response:
    return await client.post(
        IMPORTS,
        files={"file": ("contacts.csv", csv_text.encode(), "text/csv")},
        data={"mapping": json.dumps(mapping or MAPPING), **options},
        headers=staff.headers,
    )


async def run(
    client: httpx.AsyncClient, staff: Staff, database: Database, response: httpx.Response
) -> dict[str, Any]:
    assert response.status_code == 202, response.text
    assert response.json()["status"] == "queued"
    await drain(database)
    result = await client.get(f"{IMPORTS}/{response.json()['id']}", headers=staff.headers)
    assert result.status_code == 200
    return dict(result.json())


async def names(client: httpx.AsyncClient, staff: Staff) -> list[str]:
    response = await client.get(CONTACTS, params={"sort": "name"}, headers=staff.headers)
    return [c["full_name"] for c in response.json()["items"]]


async def test_an_import_job_finishes_once_with_info_logging_on(
    client: httpx.AsyncClient, owner: Staff, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """With the worker logging at INFO, as in production, an import's job ends done on
    its first attempt and its summary is logged (its counts once clashed with a log
    record's own `created`, failing every job after its import had landed)."""
    caplog.set_level(logging.INFO, logger="crm.worker")
    text = HEADER + "Ada,Lovelace,ada@example.com,,DE,,\n"
    result = await run(client, owner, database, await upload(client, owner, text))
    assert result["status"] == "done", result
    assert await job_outcomes(database) == [("done", 1)]
    finished = [r for r in caplog.records if r.getMessage() == "import finished"]
    assert len(finished) == 1 and getattr(finished[0], "rows_created", None) == result["created"]


async def test_import_creates_contacts_and_companies(
    client: httpx.AsyncClient, owner: Staff, database: Database
) -> None:
    """Rows become contacts with normalised e-mails and phones, the company is found or
    created once, and the counts say so."""
    text = HEADER + (
        "Ada,Lovelace,ADA@Example.com,030 1234567,DE,Analytical Ltd,vip;math\n"
        "Charles,Babbage,charles@example.com,,GB,Analytical Ltd,\n"
    )
    result = await run(client, owner, database, await upload(client, owner, text))
    assert result["status"] == "done", result
    assert (result["created"], result["updated"], result["skipped"], result["failed"]) == (
        2, 0, 0, 0,
    )  # fmt: skip
    assert result["total_rows"] == 2 and result["processed_rows"] == 2
    listed = (await client.get(CONTACTS, params={"sort": "name"}, headers=owner.headers)).json()
    ada = next(c for c in listed["items"] if c["first_name"] == "Ada")
    assert ada["emails"] == [{"email": "ada@example.com", "primary": True}]
    assert ada["phones"] == [{"phone": "+49301234567", "primary": True}]
    assert ada["tags"] == ["vip", "math"]
    companies = (await client.get("/api/v1/companies", headers=owner.headers)).json()["items"]
    assert [c["name"] for c in companies] == ["Analytical Ltd"]
    assert {c["company_id"] for c in listed["items"]} == {companies[0]["id"]}


async def test_one_bad_row_aborts_everything_with_row_errors(
    client: httpx.AsyncClient, owner: Staff, database: Database
) -> None:
    """Under the default on_error=abort a single bad row fails the import, names the row
    and field, and leaves no contact and no company behind."""
    text = HEADER + (
        "Ada,Lovelace,ada@example.com,,DE,Analytical Ltd,\n"
        "Bad,Row,not-an-email,,DE,,\n"
        "Grace,Hopper,grace@example.com,12,US,,\n"
    )
    result = await run(client, owner, database, await upload(client, owner, text))
    assert result["status"] == "failed"
    assert result["created"] == 0 and result["failed"] == 2
    rows = {(e["row"], e["field"].split(".")[0]) for e in result["errors"]}
    assert rows == {(3, "emails"), (4, "phones")}
    assert await names(client, owner) == []
    assert (await client.get("/api/v1/companies", headers=owner.headers)).json()["items"] == []


async def test_skip_row_imports_the_good_rows(
    client: httpx.AsyncClient, owner: Staff, database: Database
) -> None:
    """on_error=skip_row reports the bad rows and imports the rest."""
    text = HEADER + "Ada,Lovelace,ada@example.com,,,,\nBad,Row,nope,,,,\n"
    response = await upload(client, owner, text, on_error="skip_row")
    result = await run(client, owner, database, response)
    assert result["status"] == "done"
    assert (result["created"], result["failed"]) == (1, 1)
    assert await names(client, owner) == ["Ada Lovelace"]


@pytest.mark.parametrize(
    ("dedupe", "expected"),
    [
        ("skip", {"created": 1, "updated": 0, "skipped": 1, "title": None, "count": 2}),
        ("update", {"created": 1, "updated": 1, "skipped": 0, "title": "CTO", "count": 2}),
        ("create", {"created": 2, "updated": 0, "skipped": 0, "title": None, "count": 3}),
    ],
)
async def test_dedupe_rules_by_email(
    client: httpx.AsyncClient,
    owner: Staff,
    database: Database,
    dedupe: str,
    expected: dict[str, Any],
) -> None:
    """A row whose e-mail a live contact already has is skipped, updates that contact,
    or becomes a new contact, as the dedupe rule says."""
    existing = await client.post(
        CONTACTS,
        json={"first_name": "Ada", "emails": [{"email": "ada@example.com"}]},
        headers=owner.headers,
    )
    assert existing.status_code == 201
    text = "First,E-Mail,Title\nAda,ADA@example.com,CTO\nGrace,grace@example.com,\n"
    mapping = {"First": "first_name", "E-Mail": "email", "Title": "title"}
    response = await upload(client, owner, text, mapping, dedupe=dedupe)
    result = await run(client, owner, database, response)
    assert result["status"] == "done", result
    for key in ("created", "updated", "skipped"):
        assert result[key] == expected[key], (key, result)
    ada = (await client.get(f"{CONTACTS}/{existing.json()['id']}", headers=owner.headers)).json()
    assert ada["title"] == expected["title"]
    listed = (await client.get(CONTACTS, headers=owner.headers)).json()["items"]
    assert len(listed) == expected["count"]


async def test_custom_fields_and_flags_are_read_by_type(
    client: httpx.AsyncClient, owner: Staff, database: Database
) -> None:
    """Custom number and boolean columns and consent flags are read from their text."""
    for key, kind in (("employees", "number"), ("partner", "boolean")):
        await client.post(
            "/api/v1/custom-fields",
            json={"entity": "contact", "key": key, "label": key, "type": kind},
            headers=owner.headers,
        )
    text = "Name;Staff;Partner;Newsletter\nAda;40;ja;yes\n"
    mapping = {
        "Name": "first_name",
        "Staff": "custom_fields.employees",
        "Partner": "custom_fields.partner",
        "Newsletter": "marketing_consent",
    }
    result = await run(client, owner, database, await upload(client, owner, text, mapping))
    assert result["status"] == "done", result
    ada = (await client.get(CONTACTS, headers=owner.headers)).json()["items"][0]
    assert ada["custom_fields"] == {"employees": 40, "partner": True}
    assert ada["marketing_consent"] is True and ada["marketing_consent_at"] is not None


async def test_upload_is_checked_before_queueing(client: httpx.AsyncClient, owner: Staff) -> None:
    """A mapping naming a column the file lacks, an unknown target or non-JSON is a 422
    at upload, naming the mapping entry."""
    missing = await upload(client, owner, HEADER, {"Nope": "first_name"})
    assert_problem(missing, 422, "mapping.Nope")
    unknown = await upload(client, owner, HEADER, {"First": "password"})
    assert_problem(unknown, 422, "mapping.First")
    garbage = await client.post(
        IMPORTS,
        files={"file": ("c.csv", HEADER.encode(), "text/csv")},
        data={"mapping": "{not json"},
        headers=owner.headers,
    )
    assert_problem(garbage, 422, "mapping")


async def test_import_needs_the_import_permission_and_is_private(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, database: Database
) -> None:
    """Without data:import the upload is 403; another user (not all-scope with
    data:import) gets 404 for someone's import."""
    sales = await make_staff("salesperson")
    assert_problem(await upload(client, sales, HEADER + "A,B,,,,,\n"), 403)
    mine = await upload(client, owner, HEADER + "A,B,,,,,\n")
    seen = await client.get(f"{IMPORTS}/{mine.json()['id']}", headers=sales.headers)
    assert_problem(seen, 404)


async def test_import_runs_as_the_uploader_within_scope(
    client: httpx.AsyncClient, make_staff: MakeStaff, make_team: Any, database: Database
) -> None:
    """The imported contacts belong to the uploader (and their team), as if they had
    created them one by one."""
    north = await make_team("North")
    senior = await make_staff("senior_manager", team=north)
    senior_can_import = await upload(client, senior, HEADER + "A,B,,,,,\n")
    # Senior managers lack data:import in the templates: the rule holds for them too.
    assert_problem(senior_can_import, 403)
    admin = await make_staff("advanced_access", team=north)
    result = await run(client, admin, database, await upload(client, admin, HEADER + "A,B,,,,,\n"))
    contact = (await client.get(CONTACTS, headers=admin.headers)).json()["items"][0]
    assert result["created"] == 1
    assert contact["owner_id"] == admin.id and contact["team_id"] == str(north.id)


async def test_windows_1252_file_with_semicolons(
    client: httpx.AsyncClient, owner: Staff, database: Database
) -> None:
    """A file saved by a German spreadsheet program (cp1252, ';') reads correctly."""
    text = "Vorname;Nachname\nJürgen;Müller\n"
    response = await client.post(
        IMPORTS,
        files={"file": ("kontakte.csv", text.encode("cp1252"), "text/csv")},
        data={"mapping": json.dumps({"Vorname": "first_name", "Nachname": "last_name"})},
        headers=owner.headers,
    )
    result = await run(client, owner, database, response)
    assert result["status"] == "done"
    assert await names(client, owner) == ["Jürgen Müller"]


async def test_large_import_is_chunked_and_resumable(
    client: httpx.AsyncClient, owner: Staff, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With chunks smaller than the file every row still lands once, and progress
    reaches the total."""
    from domain.contacts import contact_import

    monkeypatch.setattr(contact_import, "CHUNK", 7)
    rows = "".join(f"P{i:03d},Person,p{i}@example.com,,,,\n" for i in range(30))
    result = await run(client, owner, database, await upload(client, owner, HEADER + rows))
    assert result["status"] == "done"
    assert result["created"] == 30 and result["processed_rows"] == 30
    listed = await client.get(CONTACTS, params={"limit": 100}, headers=owner.headers)
    assert len(listed.json()["items"]) == 30


async def test_a_worker_dying_mid_import_resumes_without_duplicates(
    client: httpx.AsyncClient, owner: Staff, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A crash after some chunks were committed: the job runs again, continues after the
    last committed chunk, and every row lands exactly once."""
    from domain.contacts import contact_import

    monkeypatch.setattr(contact_import, "CHUNK", 5)
    original = contact_import._prepare_row
    calls = {"count": 0}

    async def crash_once(*args: Any, **kwargs: Any) -> Any:
        calls["count"] += 1
        # Validation runs 20 rows first; the 8th row of the import pass crashes, once.
        if calls["count"] == 28:
            raise RuntimeError("worker died")
        return await original(*args, **kwargs)

    monkeypatch.setattr(contact_import, "_prepare_row", crash_once)
    rows = "".join(f"P{i:03d},Person,p{i}@example.com,,,,\n" for i in range(20))
    response = await upload(client, owner, HEADER + rows)
    result = await run(client, owner, database, response)
    assert result["status"] == "done", result
    assert result["created"] == 20
    listed = await client.get(CONTACTS, params={"limit": 100}, headers=owner.headers)
    assert sorted(c["first_name"] for c in listed.json()["items"]) == [
        f"P{i:03d}" for i in range(20)
    ]


async def test_two_runs_of_one_import_at_once_write_each_row_once(
    client: httpx.AsyncClient, owner: Staff, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker presumed dead that was not: two runs of one import overlap, chunk by
    chunk. Each chunk commits only where the import stood, so every row lands once and
    the counts add up to the file."""
    from api.cli.worker import HANDLERS
    from domain.contacts import contact_import
    from domain.jobs import Job

    monkeypatch.setattr(contact_import, "CHUNK", 3)
    rows = "".join(f"P{i:03d},Person,p{i}@example.com,,,,\n" for i in range(20))
    response = await upload(client, owner, HEADER + rows)
    assert response.status_code == 202, response.text
    job = Job(kind="contact_import", payload={"import_id": response.json()["id"]})
    run_one = HANDLERS[job.kind]

    await asyncio.gather(run_one(database, job), run_one(database, job))

    result = await client.get(f"{IMPORTS}/{response.json()['id']}", headers=owner.headers)
    assert result.json()["status"] == "done"
    assert (result.json()["created"], result.json()["processed_rows"]) == (20, 20)
    listed = await client.get(CONTACTS, params={"limit": 100}, headers=owner.headers)
    assert sorted(c["first_name"] for c in listed.json()["items"]) == [
        f"P{i:03d}" for i in range(20)
    ]


async def test_a_file_the_csv_reader_cannot_read_is_refused_at_upload_saying_where(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A cell of a megabyte (over the reader's limit) is a 422 at upload naming the file
    and the row, not an import that fails later without a word."""
    huge = "x" * 1_000_000
    rows = f"Ada,King,ada@example.com,,,,\n{huge},King,b@example.com,,,,\n"

    response = await upload(client, owner, HEADER + rows)

    assert_problem(response, 422, "file")
    [error] = response.json()["errors"]
    assert error["message"] == "row 3: a cell is longer than 131,072 characters"


def test_a_queued_file_that_breaks_says_where_and_keeps_the_rows_before() -> None:
    """The worker's reading of a file that breaks (one queued before the upload check):
    the rows before it are read, and the import's errors name the row and why."""
    from api.imports import parse_rows

    content = (HEADER + "Ada,King,ada@example.com,,,,\n" + "x" * 200_000 + ",K,,,,,\n").encode()

    parsed = parse_rows(content, MAPPING, [])

    assert [row.number for row in parsed] == [2, 3]
    assert parsed[0].errors == () and parsed[0].changes.first_name == "Ada"
    [error] = parsed[1].errors
    assert (error.row, error.field, error.message) == (
        3,
        "file",
        "a cell is longer than 131,072 characters",
    )


async def test_an_import_that_fails_every_try_says_where_it_stopped(
    client: httpx.AsyncClient, owner: Staff, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server error on every try: after the last one the import is failed, and its
    first error names the row it stopped at and points to the server's log, without the
    error's own text (no internals for the user). The rows before it stay imported."""
    from domain.contacts import contact_import

    monkeypatch.setattr(contact_import, "CHUNK", 2)
    original = contact_import._prepare_row

    async def fails_at_the_third(
        uow: Any, principal: Any, record: Any, row: Any, *args: Any
    ) -> Any:
        if row.number == 4 and record.status.value == "importing":
            raise RuntimeError("relation contacts_secret_table is broken")
        return await original(uow, principal, record, row, *args)

    monkeypatch.setattr(contact_import, "_prepare_row", fails_at_the_third)
    rows = "".join(f"P{i},Person,p{i}@example.com,,,,\n" for i in range(5))

    result = await run(client, owner, database, await upload(client, owner, HEADER + rows))

    assert result["status"] == "failed"
    first = result["errors"][0]
    assert (first["row"], first["field"]) == (4, "file")
    assert first["message"].startswith("the import stopped here after 3 tries")
    assert "secret" not in json.dumps(result)
    assert (result["processed_rows"], result["created"]) == (2, 2)


async def test_the_status_answers_while_the_worker_holds_a_chunk_open(
    client: httpx.AsyncClient, owner: Staff, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While the worker is inside a chunk's transaction, rows written and not yet
    committed (on SQLite it then holds the database's one write lock), the import's
    status answers with the progress last committed: reading it does not queue behind
    the writer. The import then finishes as usual."""
    from persistence.imports import SqlImportRepository

    inside, release = asyncio.Event(), asyncio.Event()
    original = SqlImportRepository.save_progress_from

    async def held(self: SqlImportRepository, record: Any, *args: Any) -> bool:
        saved = await original(self, record, *args)
        if record.status.value == "importing" and not inside.is_set():
            inside.set()
            await release.wait()
        return saved

    monkeypatch.setattr(SqlImportRepository, "save_progress_from", held)
    rows = "".join(f"P{i:03d},Person,p{i}@example.com,,,,\n" for i in range(5))
    response = await upload(client, owner, HEADER + rows)
    assert response.status_code == 202, response.text
    worker = asyncio.create_task(drain(database))
    await inside.wait()

    status = await client.get(f"{IMPORTS}/{response.json()['id']}", headers=owner.headers)

    release.set()
    await worker
    assert status.status_code == 200, status.text
    # As last committed: every row validated, none imported yet.
    shown = status.json()
    assert (shown["validated_rows"], shown["processed_rows"], shown["created"]) == (5, 0, 0)
    done = await client.get(f"{IMPORTS}/{response.json()['id']}", headers=owner.headers)
    assert (done.json()["status"], done.json()["created"]) == ("done", 5)


async def test_a_bad_row_in_a_chunk_is_reported_and_the_rest_of_the_chunk_imported(
    client: httpx.AsyncClient, owner: Staff, database: Database
) -> None:
    """Under on_error=skip_row, rows the domain refuses (a custom field's value, a row
    without a name) sit among good ones in one chunk: each is reported with its row and
    field, every other row of the chunk is imported, and a bad row leaves nothing of
    itself, not even its new company."""
    await client.post(
        "/api/v1/custom-fields",
        json={"entity": "contact", "key": "employees", "label": "Staff", "type": "number"},
        headers=owner.headers,
    )
    mapping = {**MAPPING, "Staff": "custom_fields.employees"}
    header = HEADER.rstrip("\n") + ",Staff\n"
    rows = "".join(
        f"P{i},Person,p{i}@example.com,,,Good Ltd,,{i}\n"
        if i not in (3, 7)
        else f"P{i},Person,p{i}@example.com,,,Bad {i} Ltd,,many\n"
        for i in range(10)
    )

    response = await upload(client, owner, header + rows, mapping, on_error="skip_row")
    result = await run(client, owner, database, response)

    assert result["status"] == "done", result
    assert (result["created"], result["failed"]) == (8, 2)
    assert {(e["row"], e["field"]) for e in result["errors"]} == {
        (5, "custom_fields.employees"),
        (9, "custom_fields.employees"),
    }
    assert sorted(await names(client, owner)) == sorted(
        f"P{i} Person" for i in range(10) if i not in (3, 7)
    )
    companies = (await client.get("/api/v1/companies", headers=owner.headers)).json()["items"]
    assert [c["name"] for c in companies] == ["Good Ltd"]


async def test_a_chunk_that_fails_as_a_whole_is_run_again_row_by_row(
    client: httpx.AsyncClient, owner: Staff, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A row that passes its checks but fails as it is written (here: a write refused
    for one contact) fails its chunk's shared write: the chunk runs again row by row,
    so that row alone is reported and left out, with its new company, and every other
    row is imported once."""
    from domain.contacts import contact_import
    from domain.errors import Conflict

    original = contact_import.add_contacts  # type: ignore[attr-defined]

    async def refusing(uow: Any, principal: Any, prepared: Any) -> bool:
        if any(p.contact.first_name == "P4" for p in prepared):
            raise Conflict("refused")
        return bool(await original(uow, principal, prepared))

    monkeypatch.setattr(contact_import, "add_contacts", refusing)
    rows = "".join(
        f"P{i},Person,p{i}@example.com,,,{'Only P4 Ltd' if i == 4 else 'Shared Ltd'},\n"
        for i in range(8)
    )

    response = await upload(client, owner, HEADER + rows, on_error="skip_row")
    result = await run(client, owner, database, response)

    assert result["status"] == "done", result
    assert (result["created"], result["failed"]) == (7, 1)
    assert [(e["row"], e["message"]) for e in result["errors"]] == [(6, "refused")]
    assert sorted(await names(client, owner)) == [f"P{i} Person" for i in range(8) if i != 4]
    companies = (await client.get("/api/v1/companies", headers=owner.headers)).json()["items"]
    assert [c["name"] for c in companies] == ["Shared Ltd"]


@pytest.mark.parametrize(
    ("dedupe", "expected"),
    [
        ("skip", {"created": 1, "updated": 0, "skipped": 2, "title": None}),
        ("update", {"created": 1, "updated": 2, "skipped": 0, "title": "CEO"}),
    ],
)
async def test_dedupe_finds_a_contact_an_earlier_row_of_the_same_chunk_made(
    client: httpx.AsyncClient,
    owner: Staff,
    database: Database,
    dedupe: str,
    expected: dict[str, Any],
) -> None:
    """Rows of one chunk repeating an e-mail (in another case, or as a second e-mail of
    the first row) meet the contact the first of them made: skipped, or updating it,
    as the dedupe rule says; one contact in the end."""
    text = (
        "First,E-Mail,Title\n"
        'Ada,"ada@example.com;ada@home.example",\n'
        "Ada,ADA@example.com,CTO\n"
        "Ada,ada@home.example,CEO\n"
    )
    mapping = {"First": "first_name", "E-Mail": "email", "Title": "title"}
    response = await upload(client, owner, text, mapping, dedupe=dedupe)
    result = await run(client, owner, database, response)

    assert result["status"] == "done", result
    for key in ("created", "updated", "skipped"):
        assert result[key] == expected[key], (key, result)
    listed = (await client.get(CONTACTS, headers=owner.headers)).json()["items"]
    assert len(listed) == 1 and listed[0]["title"] == expected["title"]
    assert [e["email"] for e in listed[0]["emails"]] == ["ada@example.com", "ada@home.example"]


async def test_imported_probable_duplicates_are_on_record_as_one_by_one(
    client: httpx.AsyncClient, owner: Staff, database: Database
) -> None:
    """Contacts written a chunk at a time are checked for probable duplicates as if
    written one by one: against those stored, and those of earlier rows of the chunk
    (here a phone shared with a stored contact, and a close name at the same company)."""
    stored = await client.post(
        CONTACTS,
        json={"first_name": "Stored", "phones": [{"phone": "+49 30 1234567"}]},
        headers=owner.headers,
    )
    assert stored.status_code == 201, stored.text
    text = HEADER + (
        "Jon,Weber,jon@example.com,+49 30 1234567,DE,Acme Ltd,\n"
        "John,Weber,john@example.com,,DE,Acme Ltd,\n"
        "Lone,Person,lone@example.com,,DE,,\n"
    )
    result = await run(client, owner, database, await upload(client, owner, text))
    assert result["created"] == 3, result

    listed = (await client.get(CONTACTS, headers=owner.headers)).json()["items"]
    counts = {}
    for contact in listed:
        history = await client.get(f"{CONTACTS}/{contact['id']}/history", headers=owner.headers)
        created = history.json()["items"][-1]["changes"]
        counts[contact["first_name"]] = created.get("possible_duplicates", {}).get("after")
    assert counts == {"Stored": None, "Jon": 1, "John": 1, "Lone": None}
