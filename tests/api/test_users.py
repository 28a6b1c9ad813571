"""/api/v1/users: creating, listing, reading and changing staff accounts, and every
escalation attempt the no-escalation rules must refuse."""

from __future__ import annotations

import asyncio
import base64
import json
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from domain.roles import TEMPLATES_BY_KEY, Permission, RecordScope, Role
from persistence.database import Database
from persistence.uow import SqlUnitOfWork
from tests.conftest import PASSWORD, MakeStaff, MakeTeam, Staff

USERS = "/api/v1/users"
PROBLEM = "application/problem+json"
NEW_PASSWORD = "Tr0ub4dour-quartz-lantern"
SOME_ID = "00000000-0000-4000-8000-000000000001"
USER_FIELDS = {
    "id",
    "email",
    "full_name",
    "role",
    "team_id",
    "is_active",
    "last_login_at",
    "created_at",
    "updated_at",
    "version",
}


def role_id(key: str) -> str:
    return str(TEMPLATES_BY_KEY[key].id)


def assert_problem(response: httpx.Response, status: int, field: str | None = None) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert {"type", "title", "status", "detail", "errors"} <= set(body)
    if field is not None:
        assert field in [error["field"] for error in body["errors"]], body


def new_user_body(role: str, email: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "email": email or f"new-{uuid.uuid4().hex[:8]}@example.com",
        "full_name": "Nora Newcomer",
        "password": NEW_PASSWORD,
        "role_id": role_id(role),
        **extra,
    }


async def login(client: httpx.AsyncClient, email: str, password: str) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/auth/token", data={"username": email, "password": password}
    )
    assert response.status_code == 200, response.text
    tokens: dict[str, Any] = response.json()
    return tokens


def bearer(access_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {access_token}"}


async def walk(
    client: httpx.AsyncClient, headers: dict[str, str], params: dict[str, Any]
) -> list[list[str]]:
    """Every page of /users for the given query, as lists of ids."""
    pages: list[list[str]] = []
    cursor: str | None = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        response = await client.get(USERS, params=query, headers=headers)
        assert response.status_code == 200, response.text
        body = response.json()
        assert set(body) == {"items", "next_cursor"}
        pages.append([item["id"] for item in body["items"]])
        cursor = body["next_cursor"]
        if cursor is None:
            return pages
        assert len(pages) < 20, "pagination does not end"


async def read_user(client: httpx.AsyncClient, owner: Staff, user_id: str) -> dict[str, Any]:
    response = await client.get(f"{USERS}/{user_id}", headers=owner.headers)
    assert response.status_code == 200, response.text
    user: dict[str, Any] = response.json()
    return user


AddRole = Callable[[Role], Awaitable[Role]]


@pytest.fixture
def add_role(database: Database) -> AddRole:
    """Stores a custom role directly, for tests about granting it."""

    async def add(role: Role) -> Role:
        async with SqlUnitOfWork(database.sessions()) as uow:
            await uow.roles.add(role)
            await uow.commit()
        return role

    return add


def custom_role(name: str, rank: int, scope: RecordScope, *permissions: Permission) -> Role:
    return Role(
        id=uuid.uuid4(),
        name=name,
        rank=rank,
        scope=scope,
        permissions=frozenset(permissions),
        description="",
        template_key=None,
    )


# --- Create ----------------------------------------------------------------------------


async def test_owner_creates_a_user(client: httpx.AsyncClient, owner: Staff) -> None:
    """201 with Location, ETag "1" and the user's shape; the password is never echoed."""
    response = await client.post(
        USERS,
        json=new_user_body("manager", email="  Maria.Lopez@Example.com "),
        headers=owner.headers,
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert set(body) == USER_FIELDS
    assert response.headers["location"] == f"{USERS}/{body['id']}"
    assert response.headers["etag"] == '"1"'
    assert body["email"] == "maria.lopez@example.com"
    assert body["full_name"] == "Nora Newcomer"
    assert body["role"] == {"id": role_id("manager"), "name": "Manager", "rank": 30}
    assert body["team_id"] is None
    assert body["is_active"] is True
    assert body["last_login_at"] is None
    assert body["version"] == 1
    assert NEW_PASSWORD not in response.text
    assert "password" not in response.text
    assert "argon2" not in response.text

    again = await client.get(response.headers["location"], headers=owner.headers)
    assert again.status_code == 200
    assert again.json() == body
    assert again.headers["etag"] == '"1"'
    assert NEW_PASSWORD not in again.text and "argon2" not in again.text


async def test_created_user_can_sign_in_with_the_password(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """The password given at creation is the one that signs the new user in."""
    body = new_user_body("salesperson")
    assert (await client.post(USERS, json=body, headers=owner.headers)).status_code == 201
    tokens = await login(client, body["email"], NEW_PASSWORD)
    me = await client.get("/api/v1/auth/me", headers=bearer(tokens["access_token"]))
    assert me.status_code == 200
    assert me.json()["email"] == body["email"]


async def test_create_into_a_team(
    client: httpx.AsyncClient, owner: Staff, make_team: MakeTeam
) -> None:
    """An Owner may place a new user into any team."""
    team = await make_team("North")
    response = await client.post(
        USERS, json=new_user_body("salesperson", team_id=str(team.id)), headers=owner.headers
    )
    assert response.status_code == 201
    assert response.json()["team_id"] == str(team.id)


async def test_create_with_unknown_team_or_role_is_422(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A team or role id that does not exist is a 422 naming the field."""
    response = await client.post(
        USERS, json=new_user_body("salesperson", team_id=str(uuid.uuid4())), headers=owner.headers
    )
    assert_problem(response, 422, "team_id")
    body = new_user_body("salesperson")
    body["role_id"] = str(uuid.uuid4())
    assert_problem(await client.post(USERS, json=body, headers=owner.headers), 422, "role_id")


@pytest.mark.parametrize(
    "password", ["password123", "short", "aaaaaaaaaaaaaaaa", "qwertyuiop", "noranewcomer"]
)
async def test_weak_password_is_422_naming_password(
    client: httpx.AsyncClient, owner: Staff, password: str
) -> None:
    """A short, common or guessable password is refused with 422 naming `password`."""
    body = new_user_body("salesperson", password=password)
    response = await client.post(USERS, json=body, headers=owner.headers)
    assert_problem(response, 422, "password")
    listed = await client.get(USERS, params={"q": body["email"]}, headers=owner.headers)
    assert listed.json()["items"] == []


async def test_duplicate_email_is_409_whatever_the_case(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """An e-mail taken already, in any letter case, answers 409 naming `email`."""
    first = await client.post(
        USERS, json=new_user_body("salesperson", email="dup@example.com"), headers=owner.headers
    )
    assert first.status_code == 201
    for email in ("dup@example.com", "DUP@Example.COM", "Owner@EXAMPLE.com"):
        response = await client.post(
            USERS, json=new_user_body("manager", email=email), headers=owner.headers
        )
        assert_problem(response, 409, "email")


async def test_concurrent_creates_with_one_email_give_one_user_and_409s(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Three creates racing with the same e-mail: one 201, the others 409 naming `email`
    (never a 500 from the unique constraint), and one user exists."""
    body = new_user_body("manager", email="race@example.com")
    responses = await asyncio.gather(
        *(client.post(USERS, json=body, headers=owner.headers) for _ in range(3))
    )
    assert sorted(r.status_code for r in responses) == [201, 409, 409], [r.text for r in responses]
    for response in responses:
        if response.status_code == 409:
            assert_problem(response, 409, "email")
    listed = await client.get(USERS, params={"q": "race@"}, headers=owner.headers)
    assert len(listed.json()["items"]) == 1


async def test_concurrent_email_changes_to_one_address_let_one_win(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Two users renamed to the same free e-mail at once: one 200, the other 409."""
    first, second = await make_staff("salesperson"), await make_staff("salesperson")
    responses = await asyncio.gather(
        *(
            client.patch(
                f"{USERS}/{staff.id}", json={"email": "wanted@example.com"}, headers=owner.headers
            )
            for staff in (first, second)
        )
    )
    assert sorted(r.status_code for r in responses) == [200, 409], [r.text for r in responses]
    loser = next(r for r in responses if r.status_code == 409)
    assert_problem(loser, 409, "email")


async def test_patch_to_a_taken_email_is_409(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Changing an e-mail to one another user has (any case) answers 409 naming `email`."""
    other = await make_staff("salesperson")
    response = await client.patch(
        f"{USERS}/{other.id}", json={"email": "OWNER@example.com"}, headers=owner.headers
    )
    assert_problem(response, 409, "email")


@pytest.mark.parametrize("field", ["id", "version", "password_hash", "is_admin"])
async def test_unknown_field_on_create_is_422_naming_it(
    client: httpx.AsyncClient, owner: Staff, field: str
) -> None:
    """A field the API does not take is refused, not ignored."""
    body = new_user_body("salesperson", **{field: "1"})
    assert_problem(await client.post(USERS, json=body, headers=owner.headers), 422, field)


@pytest.mark.parametrize(("field", "value"), [("version", 7), ("id", SOME_ID)])
async def test_unknown_field_on_patch_is_422_naming_it(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, field: str, value: Any
) -> None:
    """PATCH refuses fields that are not editable instead of dropping them silently."""
    other = await make_staff("salesperson")
    response = await client.patch(
        f"{USERS}/{other.id}", json={field: value, "full_name": "X Y"}, headers=owner.headers
    )
    assert_problem(response, 422, field)
    assert (await read_user(client, owner, other.id))["version"] == 1


async def test_missing_required_fields_are_named(client: httpx.AsyncClient, owner: Staff) -> None:
    """A create without required fields names each of them."""
    response = await client.post(USERS, json={}, headers=owner.headers)
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"email", "full_name", "password", "role_id"} <= fields


# --- List, pagination, filters -----------------------------------------------------------


async def test_pages_of_two_walk_five_users_once_each_in_order(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """limit=2 over 5 users: pages of 2, 2, 1, newest first, every user exactly once."""
    others = [await make_staff("salesperson") for _ in range(4)]
    expected = [s.id for s in reversed(others)] + [owner.id]
    pages = await walk(client, owner.headers, {"limit": 2})
    assert [len(page) for page in pages] == [2, 2, 1]
    assert [user_id for page in pages for user_id in page] == expected


async def test_pagination_ascending_and_by_email(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """sort=created_at walks oldest first; sort=-email walks by e-mail descending."""
    emails = ["b@example.com", "d@example.com", "a@example.com", "c@example.com"]
    others = [await make_staff("salesperson", email=e) for e in emails]
    pages = await walk(client, owner.headers, {"limit": 2, "sort": "created_at"})
    assert [u for p in pages for u in p] == [owner.id] + [s.id for s in others]

    by_email = {s.user.email: s.id for s in [*others, owner]}
    pages = await walk(client, owner.headers, {"limit": 2, "sort": "-email"})
    assert [u for p in pages for u in p] == [by_email[e] for e in sorted(by_email, reverse=True)]


async def test_exact_multiple_of_the_limit_ends_with_a_null_cursor(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Four users in pages of two: two full pages, the second with next_cursor null."""
    for _ in range(3):
        await make_staff("manager")
    pages = await walk(client, owner.headers, {"limit": 2})
    assert [len(page) for page in pages] == [2, 2]


async def test_filters(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """team_id, role_id, is_active and q each narrow the list, and they combine."""
    north, south = await make_team("North"), await make_team("South")
    north_sales = await make_staff("salesperson", team=north)
    north_manager = await make_staff("manager", team=north)
    south_sales = await make_staff("salesperson", team=south, email="zed.quill@example.com")
    gone = await make_staff("salesperson", team=north, is_active=False)
    named = await client.post(
        USERS,
        json=new_user_body("storekeeper", full_name="Yolanda Umbrella"),
        headers=owner.headers,
    )
    assert named.status_code == 201

    async def ids(**params: Any) -> set[str]:
        response = await client.get(USERS, params=params, headers=owner.headers)
        assert response.status_code == 200, response.text
        return {item["id"] for item in response.json()["items"]}

    assert await ids(team_id=str(north.id)) == {north_sales.id, north_manager.id, gone.id}
    assert await ids(team_id=str(uuid.uuid4())) == set()
    assert await ids(role_id=role_id("salesperson")) == {north_sales.id, south_sales.id, gone.id}
    assert await ids(is_active="false") == {gone.id}
    assert gone.id not in await ids(is_active="true")
    assert len(await ids(is_active="true")) == 5
    assert await ids(q="ZED.Q") == {south_sales.id}
    assert await ids(q="umbrell") == {named.json()["id"]}
    assert await ids(q="yolanda UMB") == {named.json()["id"]}
    assert await ids(q="nobody-has-this") == set()
    assert await ids(q="_") == set(), "LIKE wildcards in q match literally"
    assert await ids(q="%") == set()
    combined = await ids(team_id=str(north.id), role_id=role_id("salesperson"), is_active="true")
    assert combined == {north_sales.id}


async def test_bad_cursor_is_422_naming_cursor(client: httpx.AsyncClient, owner: Staff) -> None:
    """A cursor this API did not issue is a 422 naming `cursor`."""
    for cursor in ("not-a-cursor", "%%%", base64.urlsafe_b64encode(b"[1, 2]").decode()):
        response = await client.get(USERS, params={"cursor": cursor}, headers=owner.headers)
        assert_problem(response, 422, "cursor")


def forged(*parts: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(parts)).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    ("sort", "cursor"),
    [
        pytest.param("-created_at", forged("-created_at", "v", "not a time", SOME_ID), id="str"),
        pytest.param("-created_at", forged("-created_at", "v", 12, SOME_ID), id="int"),
        pytest.param("-created_at", forged("-created_at", "v", {"a": 1}, SOME_ID), id="dict"),
        pytest.param("-created_at", forged("-created_at", "d", "yesterday", SOME_ID), id="words"),
        pytest.param(
            "email", forged("email", "d", "2026-01-01T00:00:00+00:00", SOME_ID), id="time"
        ),
        pytest.param("email", forged("email", "v", ["x"], SOME_ID), id="list"),
        pytest.param("email", forged("email", "v", None, SOME_ID), id="null"),
        pytest.param("email", forged("email", "v", "a@example.com", "not-a-uuid"), id="bad-id"),
        pytest.param("email", forged("email", "v", "a@example.com", 5), id="int-id"),
        pytest.param("email", forged("email", "v", "a@example.com", ["x"]), id="list-id"),
        pytest.param(
            "-created_at",
            forged("email", "d", "2026-01-01T00:00:00+00:00", SOME_ID),
            id="other-sort",
        ),
    ],
)
async def test_forged_cursor_is_422_not_a_server_error(
    client: httpx.AsyncClient, owner: Staff, sort: str, cursor: str
) -> None:
    """A well-formed cursor with a value of the wrong type is a 422 naming `cursor`."""
    response = await client.get(
        USERS, params={"cursor": cursor, "sort": sort}, headers=owner.headers
    )
    assert_problem(response, 422, "cursor")


@pytest.mark.parametrize(
    "moment", ["2026-01-01T00:00:00", "2026-01-01T00:00:00+14:00", "0001-01-01T00:00:00+00:00"]
)
async def test_cursor_timestamps_with_or_without_offset_are_no_server_error(
    client: httpx.AsyncClient, owner: Staff, moment: str
) -> None:
    """A cursor timestamp with or without a UTC offset, even at the edge of the calendar,
    answers a page (or a 422), never a 500."""
    cursor = forged("-created_at", "d", moment, SOME_ID)
    response = await client.get(USERS, params={"cursor": cursor}, headers=owner.headers)
    assert response.status_code in (200, 422), response.text


async def test_cursor_of_another_sort_is_422(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A cursor issued for one sort order is refused for another."""
    await make_staff("manager")
    first = await client.get(USERS, params={"limit": 1}, headers=owner.headers)
    cursor = first.json()["next_cursor"]
    assert cursor
    response = await client.get(
        USERS, params={"limit": 1, "cursor": cursor, "sort": "email"}, headers=owner.headers
    )
    assert_problem(response, 422, "cursor")


@pytest.mark.parametrize("sort", ["password_hash", "-role_id", "--email", "nope", ""])
async def test_bad_sort_is_422_naming_sort(
    client: httpx.AsyncClient, owner: Staff, sort: str
) -> None:
    """Only the listed sort fields are accepted."""
    response = await client.get(USERS, params={"sort": sort}, headers=owner.headers)
    assert_problem(response, 422, "sort")


@pytest.mark.parametrize("limit", [0, -1, 201, "many"])
async def test_bad_limit_is_422_naming_limit(
    client: httpx.AsyncClient, owner: Staff, limit: Any
) -> None:
    """limit must be 1..200."""
    response = await client.get(USERS, params={"limit": limit}, headers=owner.headers)
    assert_problem(response, 422, "limit")


# --- Read ------------------------------------------------------------------------------


async def test_get_unknown_user_is_404(client: httpx.AsyncClient, owner: Staff) -> None:
    """An id that matches nobody is 404."""
    assert_problem(await client.get(f"{USERS}/{uuid.uuid4()}", headers=owner.headers), 404)


async def test_storekeeper_reads_only_themselves(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Without users:read, the list and other users are 403; one's own account is readable."""
    keeper = await make_staff("storekeeper")
    assert_problem(await client.get(USERS, headers=keeper.headers), 403)
    assert_problem(await client.get(f"{USERS}/{owner.id}", headers=keeper.headers), 403)
    own = await client.get(f"{USERS}/{keeper.id}", headers=keeper.headers)
    assert own.status_code == 200
    assert own.json()["id"] == keeper.id


# --- PATCH and If-Match ----------------------------------------------------------------


async def test_patch_with_fresh_and_stale_if_match(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A fresh If-Match writes and bumps the ETag; a stale one is 412 and writes nothing."""
    user = await make_staff("salesperson")
    url = f"{USERS}/{user.id}"
    read = await client.get(url, headers=owner.headers)
    assert read.headers["etag"] == '"1"'

    first = await client.patch(
        url, json={"full_name": "First Edit"}, headers={**owner.headers, "If-Match": '"1"'}
    )
    assert first.status_code == 200, first.text
    assert first.headers["etag"] == '"2"'
    assert first.json()["version"] == 2
    assert first.json()["full_name"] == "First Edit"

    stale = await client.patch(
        url, json={"full_name": "Stale Edit"}, headers={**owner.headers, "If-Match": '"1"'}
    )
    assert_problem(stale, 412)

    fresh = await client.patch(
        url, json={"full_name": "Second Edit"}, headers={**owner.headers, "If-Match": '"2"'}
    )
    assert fresh.status_code == 200
    assert fresh.headers["etag"] == '"3"'
    current = await read_user(client, owner, user.id)
    assert current["full_name"] == "Second Edit"
    assert current["version"] == 3


async def test_patch_without_if_match_still_bumps_the_version(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """If-Match is optional; every write increments the version."""
    user = await make_staff("salesperson")
    response = await client.patch(
        f"{USERS}/{user.id}", json={"full_name": "Renamed Person"}, headers=owner.headers
    )
    assert response.status_code == 200
    assert response.headers["etag"] == '"2"'


async def test_if_match_that_is_no_etag_writes_nothing(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """An If-Match value this API never issued is refused (412 or 422) and changes nothing."""
    user = await make_staff("salesperson")
    for value in ("garbage", '"abc"', "1;drop"):
        response = await client.patch(
            f"{USERS}/{user.id}",
            json={"full_name": "X Y"},
            headers={**owner.headers, "If-Match": value},
        )
        assert response.status_code in (412, 422), response.text
        assert response.headers["content-type"] == PROBLEM
    assert (await read_user(client, owner, user.id))["version"] == 1


async def test_concurrent_patches_with_one_etag_let_exactly_one_win(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Two PATCHes sent at once with the same If-Match: one 200, the other 412 or 409."""
    user = await make_staff("salesperson")
    url = f"{USERS}/{user.id}"
    headers = {**owner.headers, "If-Match": '"1"'}
    responses = await asyncio.gather(
        client.patch(url, json={"full_name": "Writer One"}, headers=headers),
        client.patch(url, json={"full_name": "Writer Two"}, headers=headers),
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses in ([200, 409], [200, 412]), [r.text for r in responses]
    winner = next(r for r in responses if r.status_code == 200)
    loser = next(r for r in responses if r.status_code != 200)
    assert loser.headers["content-type"] == PROBLEM
    current = await read_user(client, owner, user.id)
    assert current["version"] == 2
    assert current["full_name"] == winner.json()["full_name"]


async def test_patch_unknown_user_is_404(client: httpx.AsyncClient, owner: Staff) -> None:
    """PATCH on an id that matches nobody is 404."""
    response = await client.patch(
        f"{USERS}/{uuid.uuid4()}", json={"full_name": "X Y"}, headers=owner.headers
    )
    assert_problem(response, 404)


async def test_anyone_may_rename_themselves(
    client: httpx.AsyncClient, make_staff: MakeStaff
) -> None:
    """Changing one's own name needs no users:manage, even for a Storekeeper."""
    for role in ("salesperson", "storekeeper"):
        staff = await make_staff(role)
        response = await client.patch(
            f"{USERS}/{staff.id}", json={"full_name": "Self Named"}, headers=staff.headers
        )
        assert response.status_code == 200, response.text
        assert response.json()["full_name"] == "Self Named"


@pytest.mark.parametrize(
    "change",
    [{"email": "mine@example.com"}, {"is_active": False}, {"password": NEW_PASSWORD}],
)
async def test_without_users_manage_one_changes_no_administrative_field_of_oneself(
    client: httpx.AsyncClient, make_staff: MakeStaff, change: dict[str, Any]
) -> None:
    """A Manager cannot change their own e-mail, password or active state (403)."""
    manager = await make_staff("manager")
    response = await client.patch(f"{USERS}/{manager.id}", json=change, headers=manager.headers)
    assert_problem(response, 403)


async def test_password_change_by_admin_applies(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A new password set by an administrator signs the user in; the old one no longer."""
    user = await make_staff("salesperson")
    response = await client.patch(
        f"{USERS}/{user.id}", json={"password": NEW_PASSWORD}, headers=owner.headers
    )
    assert response.status_code == 200
    await login(client, user.user.email, NEW_PASSWORD)
    old = await client.post(
        "/api/v1/auth/token", data={"username": user.user.email, "password": PASSWORD}
    )
    assert old.status_code == 401


async def test_weak_password_on_patch_is_422(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A weak new password is a 422 naming `password`, and nothing changes."""
    user = await make_staff("salesperson")
    response = await client.patch(
        f"{USERS}/{user.id}", json={"password": "password1"}, headers=owner.headers
    )
    assert_problem(response, 422, "password")
    assert (await read_user(client, owner, user.id))["version"] == 1


async def test_role_change_revokes_the_users_refresh_tokens(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """After a role change the user's old refresh token no longer works."""
    user = await make_staff("salesperson")
    tokens = await login(client, user.user.email, PASSWORD)
    response = await client.patch(
        f"{USERS}/{user.id}", json={"role_id": role_id("manager")}, headers=owner.headers
    )
    assert response.status_code == 200
    assert response.json()["role"]["name"] == "Manager"
    refreshed = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert refreshed.status_code == 401


async def test_deactivated_user_cannot_sign_in(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """is_active=false shuts the user out of sign-in and refresh."""
    user = await make_staff("salesperson")
    tokens = await login(client, user.user.email, PASSWORD)
    response = await client.patch(
        f"{USERS}/{user.id}", json={"is_active": False}, headers=owner.headers
    )
    assert response.status_code == 200 and response.json()["is_active"] is False
    again = await client.post(
        "/api/v1/auth/token", data={"username": user.user.email, "password": PASSWORD}
    )
    assert again.status_code == 401
    refreshed = await client.post(
        "/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}
    )
    assert refreshed.status_code == 401


# --- Escalation: all refused -------------------------------------------------------------


@pytest.mark.parametrize(
    "target", ["owner", "full_access", "advanced_access", "senior_manager", "storekeeper"]
)
async def test_senior_manager_cannot_create_peers_or_superiors(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    target: str,
) -> None:
    """A Senior manager adds no Senior manager, Owner, Full/Advanced access or Storekeeper
    (whose scope `all` is wider than `team`): 403 naming role_id, and no user appears."""
    team = await make_team("North")
    senior = await make_staff("senior_manager", team=team)
    body = new_user_body(target)
    response = await client.post(USERS, json=body, headers=senior.headers)
    assert_problem(response, 403, "role_id")
    listed = await client.get(USERS, params={"q": body["email"]}, headers=owner.headers)
    assert listed.json()["items"] == []


async def test_senior_manager_cannot_create_into_another_team(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """A Senior manager may add a Manager only to their own team: another team is 403."""
    north, south = await make_team("North"), await make_team("South")
    senior = await make_staff("senior_manager", team=north)
    body = new_user_body("manager", team_id=str(south.id))
    response = await client.post(USERS, json=body, headers=senior.headers)
    assert_problem(response, 403, "team_id")
    listed = await client.get(USERS, params={"q": body["email"]}, headers=owner.headers)
    assert listed.json()["items"] == []


async def test_senior_manager_without_a_team_creates_nobody(
    client: httpx.AsyncClient, make_staff: MakeStaff
) -> None:
    """A team-scoped administrator with no team would create users they cannot see: 403."""
    senior = await make_staff("senior_manager")
    response = await client.post(USERS, json=new_user_body("manager"), headers=senior.headers)
    assert_problem(response, 403, "team_id")


@pytest.mark.parametrize("actor", ["advanced_access", "manager", "salesperson", "storekeeper"])
@pytest.mark.parametrize("target", ["salesperson", "storekeeper"])
async def test_without_users_manage_nobody_creates_users(
    client: httpx.AsyncClient, make_staff: MakeStaff, actor: str, target: str
) -> None:
    """Roles lacking users:manage create nobody, not even a role far below them (403)."""
    staff = await make_staff(actor)
    response = await client.post(USERS, json=new_user_body(target), headers=staff.headers)
    assert_problem(response, 403)


@pytest.mark.parametrize(
    ("actor", "target"),
    [
        ("senior_manager", "advanced_access"),
        ("senior_manager", "full_access"),
        ("senior_manager", "owner"),
        ("full_access", "owner"),
        ("advanced_access", "owner"),
    ],
)
async def test_nobody_promotes_themselves(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    actor: str,
    target: str,
) -> None:
    """PATCHing one's own role_id to a higher role is 403, and the role stays."""
    team = await make_team("North")
    staff = await make_staff(actor, team=team)
    response = await client.patch(
        f"{USERS}/{staff.id}", json={"role_id": role_id(target)}, headers=staff.headers
    )
    assert_problem(response, 403)
    assert (await read_user(client, owner, staff.id))["role"]["id"] == role_id(actor)


async def test_nobody_moves_themselves_to_a_role_of_equal_rank(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    add_role: AddRole,
) -> None:
    """A Senior manager cannot switch to another role of their own rank (50), even one
    narrower in every other way: 403 naming role_id."""
    team = await make_team("North")
    senior = await make_staff("senior_manager", team=team)
    peer = await add_role(custom_role("Peer lead", 50, RecordScope.OWN, Permission.CONTACTS_READ))
    response = await client.patch(
        f"{USERS}/{senior.id}", json={"role_id": str(peer.id)}, headers=senior.headers
    )
    assert_problem(response, 403, "role_id")
    assert "rank" in response.json()["detail"]
    assert (await read_user(client, owner, senior.id))["role"]["id"] == role_id("senior_manager")


async def test_manager_cannot_promote_themselves(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A Manager (no users:manage) changing their own role is 403."""
    manager = await make_staff("manager")
    for target in ("senior_manager", "salesperson"):
        response = await client.patch(
            f"{USERS}/{manager.id}", json={"role_id": role_id(target)}, headers=manager.headers
        )
        assert_problem(response, 403)
    assert (await read_user(client, owner, manager.id))["role"]["id"] == role_id("manager")


async def test_senior_manager_may_demote_themselves(
    client: httpx.AsyncClient, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """Self-demotion to a lower role is allowed."""
    team = await make_team("North")
    senior = await make_staff("senior_manager", team=team)
    response = await client.patch(
        f"{USERS}/{senior.id}", json={"role_id": role_id("manager")}, headers=senior.headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["role"]["rank"] == 30


@pytest.mark.parametrize(
    ("actor", "target"),
    [
        ("senior_manager", "senior_manager"),
        ("full_access", "full_access"),
        ("full_access", "owner"),
        ("owner", "owner"),
    ],
)
async def test_nobody_edits_a_peer_or_superior(
    client: httpx.AsyncClient,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    actor: str,
    target: str,
) -> None:
    """Editing a user of equal or higher rank (in scope) is 403 and changes nothing."""
    team = await make_team("North")
    staff = await make_staff(actor, team=team)
    other = await make_staff(target, team=team)
    for change in ({"full_name": "Renamed"}, {"is_active": False}, {"password": NEW_PASSWORD}):
        response = await client.patch(f"{USERS}/{other.id}", json=change, headers=staff.headers)
        assert_problem(response, 403)
    read = await client.get(f"{USERS}/{other.id}", headers=other.headers)
    assert read.json()["version"] == 1


async def test_full_access_cannot_edit_or_demote_an_owner(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Full access changes nothing about an Owner: name, role or active state (403)."""
    full = await make_staff("full_access")
    for change in (
        {"full_name": "Taken Over"},
        {"role_id": role_id("salesperson")},
        {"is_active": False},
        {"email": "hijack@example.com"},
    ):
        response = await client.patch(f"{USERS}/{owner.id}", json=change, headers=full.headers)
        assert_problem(response, 403)
    me = await read_user(client, owner, owner.id)
    assert me["version"] == 1 and me["role"]["id"] == role_id("owner")


@pytest.mark.parametrize(
    ("actor", "granted"),
    [
        ("senior_manager", "senior_manager"),
        ("senior_manager", "full_access"),
        ("senior_manager", "owner"),
        ("senior_manager", "storekeeper"),
        ("full_access", "full_access"),
        ("full_access", "owner"),
        ("owner", "owner"),
    ],
)
async def test_no_one_grants_a_role_they_could_not_create(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    actor: str,
    granted: str,
) -> None:
    """Giving a subordinate a role not grantable by the actor is 403 naming role_id."""
    team = await make_team("North")
    staff = await make_staff(actor, team=team)
    subordinate = await make_staff("salesperson", team=team)
    response = await client.patch(
        f"{USERS}/{subordinate.id}", json={"role_id": role_id(granted)}, headers=staff.headers
    )
    assert_problem(response, 403, "role_id")
    assert (await read_user(client, owner, subordinate.id))["role"]["id"] == role_id("salesperson")


async def test_granting_a_custom_role_with_a_permission_one_lacks_is_refused(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    add_role: AddRole,
) -> None:
    """A Senior manager cannot give a lower custom role holding roles:manage (403)."""
    team = await make_team("North")
    senior = await make_staff("senior_manager", team=team)
    sneaky = await add_role(custom_role("Sneaky", 5, RecordScope.OWN, Permission.ROLES_MANAGE))
    subordinate = await make_staff("salesperson", team=team)
    response = await client.patch(
        f"{USERS}/{subordinate.id}", json={"role_id": str(sneaky.id)}, headers=senior.headers
    )
    assert_problem(response, 403, "role_id")
    created = await client.post(
        USERS,
        json={**new_user_body("salesperson"), "role_id": str(sneaky.id)},
        headers=senior.headers,
    )
    assert_problem(created, 403, "role_id")


async def test_senior_manager_cannot_move_a_member_out_of_the_team(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """A Senior manager moving a member to another team, or out of any team, is 403."""
    north, south = await make_team("North"), await make_team("South")
    senior = await make_staff("senior_manager", team=north)
    member = await make_staff("salesperson", team=north)
    for change in ({"team_id": str(south.id)}, {"team_id": None}):
        response = await client.patch(f"{USERS}/{member.id}", json=change, headers=senior.headers)
        assert_problem(response, 403, "team_id")
    moved_self = await client.patch(
        f"{USERS}/{senior.id}", json={"team_id": str(south.id)}, headers=senior.headers
    )
    assert_problem(moved_self, 403, "team_id")
    assert (await read_user(client, owner, member.id))["team_id"] == str(north.id)
    assert (await read_user(client, owner, senior.id))["team_id"] == str(north.id)


async def test_senior_manager_edits_a_team_member_below(
    client: httpx.AsyncClient, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """Within the team and below their rank a Senior manager may edit and re-role users."""
    team = await make_team("North")
    senior = await make_staff("senior_manager", team=team)
    member = await make_staff("salesperson", team=team)
    response = await client.patch(
        f"{USERS}/{member.id}",
        json={"full_name": "Promoted Member", "role_id": role_id("manager")},
        headers=senior.headers,
    )
    assert response.status_code == 200, response.text
    assert response.json()["role"]["name"] == "Manager"


async def test_senior_manager_gets_404_for_users_of_other_teams(
    client: httpx.AsyncClient, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """A user outside a Senior manager's team is 404 on GET and PATCH, never 403."""
    north, south = await make_team("North"), await make_team("South")
    senior = await make_staff("senior_manager", team=north)
    stranger = await make_staff("salesperson", team=south)
    teamless = await make_staff("salesperson")
    for other in (stranger, teamless):
        url = f"{USERS}/{other.id}"
        assert_problem(await client.get(url, headers=senior.headers), 404)
        response = await client.patch(url, json={"full_name": "X Y"}, headers=senior.headers)
        assert_problem(response, 404)


# --- The last Owner --------------------------------------------------------------------


async def test_last_owner_cannot_demote_themselves(client: httpx.AsyncClient, owner: Staff) -> None:
    """The only active Owner stepping down to Full access is 409; they stay Owner."""
    response = await client.patch(
        f"{USERS}/{owner.id}", json={"role_id": role_id("full_access")}, headers=owner.headers
    )
    assert_problem(response, 409)
    assert (await read_user(client, owner, owner.id))["role"]["id"] == role_id("owner")


async def test_last_owner_cannot_deactivate_themselves(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """The only active Owner deactivating their own account is 409; they stay active."""
    response = await client.patch(
        f"{USERS}/{owner.id}", json={"is_active": False}, headers=owner.headers
    )
    assert_problem(response, 409)
    assert (await read_user(client, owner, owner.id))["is_active"] is True


async def test_an_inactive_second_owner_does_not_count(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """With the other Owner deactivated, the active one is still the last: 409."""
    await make_staff("owner", is_active=False)
    response = await client.patch(
        f"{USERS}/{owner.id}", json={"role_id": role_id("full_access")}, headers=owner.headers
    )
    assert_problem(response, 409)


async def test_with_two_owners_one_may_step_down(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Two active Owners: one demotes themselves (200); the other is then the last (409)."""
    second = await make_staff("owner")
    response = await client.patch(
        f"{USERS}/{second.id}", json={"role_id": role_id("full_access")}, headers=second.headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["role"]["name"] == "Full access"
    last = await client.patch(
        f"{USERS}/{owner.id}", json={"is_active": False}, headers=owner.headers
    )
    assert_problem(last, 409)


async def test_with_two_owners_one_may_deactivate_themselves(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Two active Owners: one may deactivate their own account."""
    second = await make_staff("owner")
    response = await client.patch(
        f"{USERS}/{second.id}", json={"is_active": False}, headers=second.headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["is_active"] is False


async def test_two_owners_stepping_down_at_once_leave_one_owner(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Both Owners demote themselves at the same moment: one 200, the other 409, and one
    active Owner remains."""
    second = await make_staff("owner")
    responses = await asyncio.gather(
        *(
            client.patch(
                f"{USERS}/{staff.id}",
                json={"role_id": role_id("full_access")},
                headers=staff.headers,
            )
            for staff in (owner, second)
        )
    )
    assert sorted(r.status_code for r in responses) == [200, 409], [r.text for r in responses]
    owners = await client.get(
        USERS, params={"role_id": role_id("owner"), "is_active": "true"}, headers=owner.headers
    )
    assert len(owners.json()["items"]) == 1


async def test_two_owners_deactivating_at_once_leave_one_active(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Both Owners deactivate themselves at the same moment: one 200, the other 409."""
    second = await make_staff("owner")
    responses = await asyncio.gather(
        *(
            client.patch(f"{USERS}/{staff.id}", json={"is_active": False}, headers=staff.headers)
            for staff in (owner, second)
        )
    )
    assert sorted(r.status_code for r in responses) == [200, 409], [r.text for r in responses]


# --- A Senior manager's journey --------------------------------------------------------


async def test_senior_manager_journey(
    client: httpx.AsyncClient, owner: Staff, make_team: MakeTeam, make_staff: MakeStaff
) -> None:
    """Owner makes a team and its Senior manager; the Senior manager signs in, adds a
    Manager who lands in their team, sees the team but not others; the Manager sees only
    themselves."""
    south = await make_team("South")
    stranger = await make_staff("salesperson", team=south)

    team = await client.post("/api/v1/teams", json={"name": "North"}, headers=owner.headers)
    assert team.status_code == 201, team.text
    north_id = team.json()["id"]

    senior_password = "lemon-orchard-kettle-97"
    created = await client.post(
        USERS,
        json={
            "email": "sam.senior@example.com",
            "full_name": "Sam Senior",
            "password": senior_password,
            "role_id": role_id("senior_manager"),
            "team_id": north_id,
        },
        headers=owner.headers,
    )
    assert created.status_code == 201, created.text
    senior_id = created.json()["id"]
    senior = bearer(
        (await login(client, "sam.senior@example.com", senior_password))["access_token"]
    )

    me = await client.get("/api/v1/auth/me", headers=senior)
    assert me.status_code == 200
    assert me.json()["id"] == senior_id
    assert me.json()["scope"] == "team"
    assert me.json()["team_id"] == north_id

    manager_password = "violet-harbor-compass-31"
    added = await client.post(
        USERS,
        json={
            "email": "mia.manager@example.com",
            "full_name": "Mia Manager",
            "password": manager_password,
            "role_id": role_id("manager"),
        },
        headers=senior,
    )
    assert added.status_code == 201, added.text
    manager_id = added.json()["id"]
    assert added.json()["team_id"] == north_id
    assert added.json()["role"]["name"] == "Manager"

    peer = await client.post(USERS, json=new_user_body("senior_manager"), headers=senior)
    assert_problem(peer, 403)
    boss = await client.post(USERS, json=new_user_body("owner"), headers=senior)
    assert_problem(boss, 403)

    listed = await client.get(USERS, headers=senior)
    assert listed.status_code == 200
    assert {u["id"] for u in listed.json()["items"]} == {senior_id, manager_id}
    assert (await client.get(f"{USERS}/{manager_id}", headers=senior)).status_code == 200
    assert_problem(await client.get(f"{USERS}/{stranger.id}", headers=senior), 404)
    assert_problem(await client.get(f"{USERS}/{owner.id}", headers=senior), 404)
    filtered = await client.get(USERS, params={"team_id": str(south.id)}, headers=senior)
    assert filtered.json()["items"] == []

    manager = bearer(
        (await login(client, "mia.manager@example.com", manager_password))["access_token"]
    )
    mine = await client.get(USERS, headers=manager)
    assert mine.status_code == 200
    assert [u["id"] for u in mine.json()["items"]] == [manager_id]
    assert (await client.get(f"{USERS}/{manager_id}", headers=manager)).status_code == 200
    for colleague in (senior_id, stranger.id, owner.id):
        assert_problem(await client.get(f"{USERS}/{colleague}", headers=manager), 404)
    refused = await client.post(USERS, json=new_user_body("salesperson"), headers=manager)
    assert_problem(refused, 403)
