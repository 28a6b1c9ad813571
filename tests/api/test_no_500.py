"""No input answers a 500: datetimes at the edge of the calendar, forged cursors and
sign-in forms too long or with NUL characters are refused as problems naming the field,
before any expensive work."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest

from tests.conftest import Staff
from tests.helpers import (
    API,
    COMPANIES,
    CONTACTS,
    TOKEN_URL,
    USERS,
    assert_problem,
    create_company,
    create_contact,
)

# Both convert to a UTC moment outside what Python's datetime can hold (year 0, year 10000).
EDGE_MOMENTS = ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"]
# Valid RFC 3339 moments, just outside the years 1900-2200 the API accepts.
OUT_OF_RANGE = ["1899-12-31T23:59:59Z", "2201-01-01T00:00:00Z"]
SOME_ID = "7f3e2d1c-0b9a-4876-a543-210fedcba987"


async def _urls(client: httpx.AsyncClient, owner: Staff) -> dict[str, str]:
    contact = await create_contact(client, owner)
    company = await create_company(client, owner)
    return {
        "contacts": CONTACTS,
        "export": f"{CONTACTS}/export",
        "interactions": f"{API}/interactions",
        "tasks": f"{API}/tasks",
        "contact_timeline": f"{CONTACTS}/{contact['id']}/timeline",
        "company_timeline": f"{COMPANIES}/{company['id']}/timeline",
        "agenda": f"{API}/me/agenda",
    }


# (list, filter parameter, other parameters the list needs)
DATETIME_FILTERS: list[tuple[str, str, dict[str, str]]] = [
    ("contacts", "created_after", {}),
    ("contacts", "created_before", {}),
    ("contacts", "updated_after", {}),
    ("contacts", "updated_before", {}),
    ("export", "created_after", {}),
    ("export", "updated_before", {}),
    ("interactions", "after", {}),
    ("interactions", "before", {}),
    ("tasks", "due_after", {}),
    ("tasks", "due_before", {}),
    ("contact_timeline", "after", {}),
    ("contact_timeline", "before", {}),
    ("company_timeline", "after", {}),
    ("agenda", "from", {"to": "2026-12-01T00:00:00Z"}),
    ("agenda", "to", {"from": "2026-11-01T00:00:00Z"}),
]


@pytest.mark.parametrize(("where", "name", "others"), DATETIME_FILTERS)
async def test_datetime_filters_outside_the_calendar_are_422_naming_them(
    client: httpx.AsyncClient, owner: Staff, where: str, name: str, others: dict[str, str]
) -> None:
    """A filter moment whose UTC value overflows the calendar, or lies outside the years
    1900-2200, is a 422 problem naming the parameter, on every list, the export included
    (a whole problem, not a stream broken off)."""
    url = (await _urls(client, owner))[where]
    for moment in [*EDGE_MOMENTS, *OUT_OF_RANGE]:
        response = await client.get(url, params={**others, name: moment}, headers=owner.headers)
        assert_problem(response, 422, name)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("tasks", {"title": "t"}),
        ("interactions", {"channel": "call"}),
    ],
)
async def test_datetime_fields_outside_the_calendar_are_422_naming_them(
    client: httpx.AsyncClient, owner: Staff, path: str, body: dict[str, Any]
) -> None:
    """`due_at`, `remind_at`, `scheduled_at` and `occurred_at` outside the years 1900-2200
    (or beyond the calendar once in UTC) are refused with a 422 naming the field, on create
    and on update."""
    contact = await create_contact(client, owner)
    url = f"{API}/{path}"
    fields = ["due_at", "remind_at"] if path == "tasks" else ["scheduled_at", "occurred_at"]
    base = {**body, **({"contact_id": contact["id"]} if path == "interactions" else {})}
    created = await client.post(url, json=base, headers=owner.headers)
    assert created.status_code == 201, created.text
    record = f"{url}/{created.json()['id']}"
    for field in fields:
        for moment in [*EDGE_MOMENTS, *OUT_OF_RANGE]:
            response = await client.post(url, json={**base, field: moment}, headers=owner.headers)
            assert_problem(response, 422, field)
            response = await client.patch(record, json={field: moment}, headers=owner.headers)
            assert_problem(response, 422, field)


async def test_datetime_fields_inside_the_range_still_work(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """The range check leaves ordinary moments alone, whatever their UTC offset."""
    response = await client.post(
        f"{API}/tasks",
        json={"title": "t", "due_at": "2200-12-31T23:00:00-14:00"},
        headers=owner.headers,
    )
    assert response.status_code == 201, response.text
    listed = await client.get(
        f"{API}/tasks", params={"due_after": "1900-01-01T00:00:00+14:00"}, headers=owner.headers
    )
    assert listed.status_code == 200, listed.text


@pytest.mark.parametrize(
    ("url", "name", "others"),
    [
        (f"{API}/reports/forecast", "from", {"to": "2026-12-01"}),
        (f"{API}/reports/forecast", "to", {"from": "2026-01-01"}),
        (f"{API}/reports/funnel", "to", {"from": "2026-01-01"}),
        (f"{API}/deals", "close_after", {}),
        (f"{API}/deals", "close_before", {}),
    ],
)
async def test_dates_outside_the_range_are_422_naming_them(
    client: httpx.AsyncClient, owner: Staff, url: str, name: str, others: dict[str, str]
) -> None:
    """Calendar dates (YYYY-MM-DD) outside the years 1900-2200 are a 422 naming the
    parameter: a day after 9999-12-31 cannot even be computed."""
    for day in ["0001-01-01", "9999-12-31", "1899-12-31", "2201-01-01"]:
        response = await client.get(url, params={**others, name: day}, headers=owner.headers)
        assert_problem(response, 422, name)


# --- Cursors -------------------------------------------------------------------------------


def forged(*parts: Any) -> str:
    """A cursor as the API writes them (base64 of a JSON list), with any content."""
    return base64.urlsafe_b64encode(json.dumps(list(parts)).encode()).decode().rstrip("=")


def _forgeries(sort: str, text_sort: str) -> list[str]:
    return [
        forged(sort, "d", "0001-01-01T00:00:00+14:00", SOME_ID),
        forged(sort, "d", "9999-12-31T23:59:59-14:00", SOME_ID),
        forged(text_sort, "v", "a\x00b", SOME_ID),
        forged(text_sort, "v", "x" * 300, SOME_ID),
        forged(sort, "d", "2026-01-01T00:00:00+00:00", "7f3e2d1c\x00"),
        forged(sort, "d", ["2026"], SOME_ID),
        forged(sort, "v", 10**30, SOME_ID),
        forged(sort, "v", True, SOME_ID),
        forged(sort, "v", 1.5e308, SOME_ID),
        forged({"a": 1}, "d", "2026-01-01T00:00:00+00:00", SOME_ID),
        forged(sort),
        base64.urlsafe_b64encode(b"\xff\xfe\x00garbage").decode(),
        base64.urlsafe_b64encode(b'{"a": 1, "b": 2, "c": 3, "d": 4}').decode(),
        base64.urlsafe_b64encode(b"[1e999999, 2]").decode(),
        "not base64 at all!",
        "====",
        "%%%",
        "a",
        "\u00e9t\u00e9",
    ]


# (list, sort to page by, a text sort of it)
CURSOR_LISTS = [
    (CONTACTS, "-updated_at", "name"),
    (COMPANIES, "-created_at", "name"),
    (f"{API}/deals", "-updated_at", "title"),
    (USERS, "-created_at", "email"),
    (f"{API}/teams", "name", "name"),
]


@pytest.mark.parametrize(("url", "sort", "text_sort"), CURSOR_LISTS)
async def test_forged_cursors_are_400_naming_cursor(
    client: httpx.AsyncClient, owner: Staff, url: str, sort: str, text_sort: str
) -> None:
    """Whatever a cursor holds (NUL characters, moments out of range, values of another
    type, garbage base64, JSON of another shape), a cursor the API did not issue is a 400
    problem naming `cursor`, never a 500, whichever sort it claims."""
    for cursor in _forgeries(sort, text_sort):
        for page_sort in {sort, text_sort}:
            response = await client.get(
                url, params={"cursor": cursor, "sort": page_sort}, headers=owner.headers
            )
            assert_problem(response, 400, "cursor")


async def test_forged_timeline_cursors_are_400_naming_cursor(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """The timelines' cursors are held to the same: a forged one is a 400 naming `cursor`."""
    contact = await create_contact(client, owner)
    url = f"{CONTACTS}/{contact['id']}/timeline"
    cursors = [
        forged("0001-01-01T00:00:00+14:00", SOME_ID),
        forged("9999-12-31T23:59:59-14:00", SOME_ID),
        forged("2026-01-01T00:00:00", SOME_ID),
        forged("2026-01-01T00:00:00+00:00", "x\x00"),
        forged("2026-01-01T00:00:00+00:00", 5),
        forged(5, SOME_ID),
        forged("2026-01-01T00:00:00+00:00", SOME_ID, "extra"),
        *_forgeries("-at", "-at"),
    ]
    for cursor in cursors:
        response = await client.get(url, params={"cursor": cursor}, headers=owner.headers)
        assert_problem(response, 400, "cursor")


async def test_issued_cursors_still_page(client: httpx.AsyncClient, owner: Staff) -> None:
    """A cursor the API issued pages on, by time and by name alike."""
    for number in range(3):
        await create_contact(client, owner, last_name=f"Pager {number}")
    for sort in ("-updated_at", "name"):
        first = await client.get(CONTACTS, params={"limit": 2, "sort": sort}, headers=owner.headers)
        cursor = first.json()["next_cursor"]
        assert cursor
        second = await client.get(
            CONTACTS, params={"limit": 2, "sort": sort, "cursor": cursor}, headers=owner.headers
        )
        assert second.status_code == 200, second.text
        assert len(second.json()["items"]) == 1


# --- Sign-in -------------------------------------------------------------------------------


class CountingHasher:
    """Stands in for the app's hasher, counting verifications."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.verified = 0

    async def hash_new(self, *args: Any, **kwargs: Any) -> str:
        result: str = await self.real.hash_new(*args, **kwargs)
        return result

    async def verify(self, password: str, hashed: str | None) -> bool:
        self.verified += 1
        result: bool = await self.real.verify(password, hashed)
        return result


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"username": "a\x00@example.com", "password": "x"}, "username"),
        ({"username": "a" * 391 + "@example.com", "password": "x"}, "username"),
        ({"username": "a" * 321, "password": "x"}, "username"),
        ({"username": "a\n@example.com", "password": "x"}, "username"),
        ({"username": "owner@example.com", "password": "p\x00ss"}, "password"),
        ({"username": "owner@example.com", "password": "p" * 1025}, "password"),
    ],
)
async def test_sign_in_refuses_oversized_or_nul_input_before_hashing(
    client: httpx.AsyncClient,
    app: Any,
    owner: Staff,
    monkeypatch: pytest.MonkeyPatch,
    form: dict[str, str],
    field: str,
) -> None:
    """A sign-in with a NUL or control character, a username over 320 characters or a
    password over 1024 is a 422 naming the field, and runs no password verification."""
    counting = CountingHasher(app.state.hasher)
    monkeypatch.setattr(app.state, "hasher", counting)
    response = await client.post(TOKEN_URL, data=form)
    assert_problem(response, 422, field)
    assert counting.verified == 0


async def test_sign_in_at_the_length_limits_still_verifies(
    client: httpx.AsyncClient, app: Any, owner: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A username of 320 characters and a password of 1024 are still checked (and wrong)."""
    counting = CountingHasher(app.state.hasher)
    monkeypatch.setattr(app.state, "hasher", counting)
    response = await client.post(
        TOKEN_URL, data={"username": "a" * 308 + "@example.com", "password": "p" * 1024}
    )
    assert_problem(response, 401)
    assert counting.verified == 1


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        (CONTACTS, {"tag": "t" * 51}, "tag.0"),
        (f"{CONTACTS}/export", {"tag": "t" * 51}, "tag.0"),
        (COMPANIES, {"custom_field": "k:" + "v" * 500}, "custom_field.0"),
        (COMPANIES, {"industry": "i" * 201}, "industry"),
        (f"{API}/calendar-feeds/{'t' * 101}.ics", {}, "token"),
    ],
)
async def test_free_text_query_parameters_are_bounded(
    client: httpx.AsyncClient, owner: Staff, url: str, params: dict[str, str], field: str
) -> None:
    """Free text a query carries to the database has a length limit: over it, a 422
    naming the parameter."""
    response = await client.get(url, params=params, headers=owner.headers)
    assert_problem(response, 422, field)
