"""/api/v1/users: creating, listing, reading and changing staff accounts, and every
escalation attempt the no-escalation rules must refuse."""

from __future__ import annotations

import asyncio
import base64
import json
import uuid
from typing import Any

import httpx
import pytest

from domain.access.levels import AccessLevel
from domain.access.roles import TEMPLATES_BY_KEY, Permission
from persistence.database import Database
from tests.conftest import MakeStaff, MakeTeam, Staff
from tests.helpers import (
    ME_URL,
    NEW_PASSWORD,
    PROBLEM,
    USERS,
    assert_created,
    assert_one_wins,
    assert_problem,
    assert_unauthenticated,
    bearer,
    custom_role,
    login,
    login_ok,
    me,
    patch_user,
    post_at_once,
    read_ok,
    refresh,
    role_id,
    store_role,
    walk,
)

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


def new_user_body(role: str, email: str | None = None, **extra: Any) -> dict[str, Any]:
    return {
        "email": email or f"new-{uuid.uuid4().hex[:8]}@example.com",
        "full_name": "Nora Newcomer",
        "password": NEW_PASSWORD,
        "role_id": role_id(role),
        **extra,
    }


async def assert_create_refused(
    client: httpx.AsyncClient,
    actor: Staff,
    owner: Staff,
    body: dict[str, Any],
    status: int,
    field: str,
) -> None:
    """POST /users as `actor` is a `status` problem naming `field`, and no user appears."""
    response = await client.post(USERS, json=body, headers=actor.headers)
    assert_problem(response, status, field)
    listed = await client.get(USERS, params={"q": body["email"]}, headers=owner.headers)
    assert listed.json()["items"] == []


async def read_user(client: httpx.AsyncClient, staff: Staff, user_id: str) -> dict[str, Any]:
    """GET /users/{user_id} as `staff`, asserting 200."""
    return await read_ok(client, staff, f"{USERS}/{user_id}")


# --- Create ----------------------------------------------------------------------------


async def test_owner_creates_a_user(client: httpx.AsyncClient, owner: Staff) -> None:
    """201 with Location, ETag "1" and the user's shape; the password is never echoed."""
    response = await client.post(
        USERS,
        json=new_user_body("manager", email="  Maria.Lopez@Example.com "),
        headers=owner.headers,
    )
    body = assert_created(response, USERS, USER_FIELDS)
    assert body["email"] == "maria.lopez@example.com"
    assert body["full_name"] == "Nora Newcomer"
    assert body["role"] == {
        "id": role_id("manager"),
        "name": "Manager",
        "rank": 30,
        "template_key": "manager",
    }
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
    tokens = await login_ok(client, body["email"], NEW_PASSWORD)
    signed_in = await me(client, tokens["access_token"])
    assert signed_in.status_code == 200
    assert signed_in.json()["email"] == body["email"]


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
    await assert_create_refused(client, owner, owner, body, 422, "password")


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
    responses = await post_at_once(client, owner, USERS, body)
    assert_one_wins(responses, 201, 409, "email")
    listed = await client.get(USERS, params={"q": "race@"}, headers=owner.headers)
    assert len(listed.json()["items"]) == 1


async def test_concurrent_email_changes_to_one_address_let_one_win(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Two users renamed to the same free e-mail at once: one 200, the other 409."""
    first, second = await make_staff("salesperson"), await make_staff("salesperson")
    responses = await asyncio.gather(
        *(
            patch_user(client, owner, staff.id, {"email": "wanted@example.com"})
            for staff in (first, second)
        )
    )
    assert_one_wins(responses, 200, 409, "email")


async def test_patch_to_a_taken_email_is_409(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Changing an e-mail to one another user has (any case) answers 409 naming `email`."""
    other = await make_staff("salesperson")
    response = await patch_user(client, owner, other.id, {"email": "OWNER@example.com"})
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
    response = await patch_user(client, owner, other.id, {field: value, "full_name": "X Y"})
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
    pages = await walk(client, USERS, owner.headers, {"limit": 2})
    assert [len(page) for page in pages] == [2, 2, 1]
    assert [user_id for page in pages for user_id in page] == expected


async def test_pagination_ascending_and_by_email(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """sort=created_at walks oldest first; sort=-email walks by e-mail descending."""
    emails = ["b@example.com", "d@example.com", "a@example.com", "c@example.com"]
    others = [await make_staff("salesperson", email=e) for e in emails]
    pages = await walk(client, USERS, owner.headers, {"limit": 2, "sort": "created_at"})
    assert [u for p in pages for u in p] == [owner.id] + [s.id for s in others]

    by_email = {s.user.email: s.id for s in [*others, owner]}
    pages = await walk(client, USERS, owner.headers, {"limit": 2, "sort": "-email"})
    assert [u for p in pages for u in p] == [by_email[e] for e in sorted(by_email, reverse=True)]


async def test_exact_multiple_of_the_limit_ends_with_a_null_cursor(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Four users in pages of two: two full pages, the second with next_cursor null."""
    for _ in range(3):
        await make_staff("manager")
    pages = await walk(client, USERS, owner.headers, {"limit": 2})
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


async def test_bad_cursor_is_400_naming_cursor(client: httpx.AsyncClient, owner: Staff) -> None:
    """A cursor this API did not issue is a 400 naming `cursor`."""
    for cursor in ("not-a-cursor", "%%%", base64.urlsafe_b64encode(b"[1, 2]").decode()):
        response = await client.get(USERS, params={"cursor": cursor}, headers=owner.headers)
        assert_problem(response, 400, "cursor")


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
async def test_forged_cursor_is_400_not_a_server_error(
    client: httpx.AsyncClient, owner: Staff, sort: str, cursor: str
) -> None:
    """A well-formed cursor with a value of the wrong type is a 400 naming `cursor`."""
    response = await client.get(
        USERS, params={"cursor": cursor, "sort": sort}, headers=owner.headers
    )
    assert_problem(response, 400, "cursor")


@pytest.mark.parametrize(
    "moment", ["2026-01-01T00:00:00", "2026-01-01T00:00:00+14:00", "0001-01-01T00:00:00+00:00"]
)
async def test_cursor_timestamps_with_or_without_offset_are_no_server_error(
    client: httpx.AsyncClient, owner: Staff, moment: str
) -> None:
    """A cursor timestamp with or without a UTC offset, even at the edge of the calendar,
    answers a page (or a 400), never a 500."""
    cursor = forged("-created_at", "d", moment, SOME_ID)
    response = await client.get(USERS, params={"cursor": cursor}, headers=owner.headers)
    assert response.status_code in (200, 400), response.text


async def test_cursor_of_another_sort_is_400(
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
    assert_problem(response, 400, "cursor")


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
    response = await patch_user(client, owner, user.id, {"full_name": "Renamed Person"})
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
        response = await patch_user(client, staff, staff.id, {"full_name": "Self Named"})
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
    response = await patch_user(client, manager, manager.id, change)
    assert_problem(response, 403)


async def test_password_change_by_admin_applies(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A new password set by an administrator signs the user in; the old one no longer."""
    user = await make_staff("salesperson")
    response = await patch_user(client, owner, user.id, {"password": NEW_PASSWORD})
    assert response.status_code == 200
    await login_ok(client, user.user.email, NEW_PASSWORD)
    assert_unauthenticated(await login(client, user.user.email))


async def test_weak_password_on_patch_is_422(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A weak new password is a 422 naming `password`, and nothing changes."""
    user = await make_staff("salesperson")
    response = await patch_user(client, owner, user.id, {"password": "password1"})
    assert_problem(response, 422, "password")
    assert (await read_user(client, owner, user.id))["version"] == 1


async def test_team_change_refuses_old_access_tokens_until_refreshed(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """After a team change the user's access token (which names the old team) answers
    401, and a refresh gives one naming the new team."""
    south = await make_team("South")
    user = await make_staff("salesperson")
    tokens = await login_ok(client, user.user.email)
    response = await patch_user(client, owner, user.id, {"team_id": str(south.id)})
    assert response.status_code == 200, response.text
    assert_unauthenticated(await me(client, tokens["access_token"]))
    rotated = await refresh(client, tokens["refresh_token"])
    assert rotated.status_code == 200, rotated.text
    renewed = await me(client, rotated.json()["access_token"])
    assert renewed.status_code == 200 and renewed.json()["team_id"] == str(south.id)


async def test_deactivated_user_cannot_sign_in(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """is_active=false shuts the user out of sign-in and refresh."""
    user = await make_staff("salesperson")
    tokens = await login_ok(client, user.user.email)
    response = await patch_user(client, owner, user.id, {"is_active": False})
    assert response.status_code == 200 and response.json()["is_active"] is False
    assert_unauthenticated(await login(client, user.user.email))
    assert_unauthenticated(await refresh(client, tokens["refresh_token"]))


# --- Escalation: all refused -------------------------------------------------------------


@pytest.mark.parametrize("target", ["owner", "full_access", "advanced_access", "senior_manager"])
async def test_senior_manager_cannot_create_peers_or_superiors(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    target: str,
) -> None:
    """A Senior manager adds no Senior manager, Owner, Full or Advanced access: 403 naming
    role_id, and no user appears."""
    team = await make_team("North")
    senior = await make_staff("senior_manager", team=team)
    await assert_create_refused(client, senior, owner, new_user_body(target), 403, "role_id")


async def test_senior_manager_adds_a_storekeeper_to_their_team(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """A Storekeeper reads all contacts and companies, as a Senior manager does, and writes
    nothing, so a Senior manager may add one (it used to be refused, its scope `all` being
    wider than `team`) and may re-role a team member to one; both stay in the team."""
    team = await make_team("North")
    senior = await make_staff("senior_manager", team=team)
    created = await client.post(USERS, json=new_user_body("storekeeper"), headers=senior.headers)
    assert created.status_code == 201, created.text
    assert created.json()["role"]["id"] == role_id("storekeeper")
    assert created.json()["team_id"] == str(team.id)

    member = await make_staff("salesperson", team=team)
    moved = await patch_user(client, senior, member.id, {"role_id": role_id("storekeeper")})
    assert moved.status_code == 200, moved.text
    account = await read_user(client, owner, member.id)
    assert account["role"]["id"] == role_id("storekeeper")
    assert account["team_id"] == str(team.id)


async def test_senior_manager_cannot_create_into_another_team(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """A Senior manager may add a Manager only to their own team: another team is 403."""
    north, south = await make_team("North"), await make_team("South")
    senior = await make_staff("senior_manager", team=north)
    body = new_user_body("manager", team_id=str(south.id))
    await assert_create_refused(client, senior, owner, body, 403, "team_id")


async def test_senior_manager_without_a_team_creates_nobody(
    client: httpx.AsyncClient, make_staff: MakeStaff
) -> None:
    """An administrator reaching only their team, with no team, would create users they
    cannot see: 403."""
    senior = await make_staff("senior_manager")
    response = await client.post(USERS, json=new_user_body("manager"), headers=senior.headers)
    assert_problem(response, 403, "team_id")


@pytest.mark.parametrize("actor", ["advanced_access", "manager", "salesperson", "storekeeper"])
@pytest.mark.parametrize("target", ["salesperson", "storekeeper"])
async def test_without_users_manage_nobody_creates_users(
    client: httpx.AsyncClient, make_staff: MakeStaff, actor: str, target: str
) -> None:
    """Roles lacking users:manage create nobody, not even a role far below them that
    reaches no further than they do (a Manager or Salesperson and a Storekeeper): 403."""
    staff = await make_staff(actor)
    response = await client.post(USERS, json=new_user_body(target), headers=staff.headers)
    assert_problem(response, 403)


@pytest.mark.parametrize(("rank", "expected"), [(30, 201), (10, 403)])
async def test_a_manager_with_users_manage_grants_a_storekeeper_only_below_their_rank(
    client: httpx.AsyncClient,
    owner: Staff,
    database: Database,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    rank: int,
    expected: int,
) -> None:
    """A custom role with a Manager's access (contacts and companies read all, write own;
    the rest own) plus users:manage may add a Storekeeper, who reads no further and
    writes nothing, when it ranks above it (30): 201 into the adder's team. At the
    Storekeeper's rank (10) it is 403 naming role_id."""
    team = await make_team("North")
    manager = TEMPLATES_BY_KEY["manager"]
    admin_role = custom_role(
        f"Manager admin {rank}",
        rank,
        "own",
        *manager.grants,
        Permission.USERS_MANAGE,
        access=manager.access,
    )
    await store_role(database, admin_role)
    admin = await make_staff("salesperson", team=team)
    moved = await patch_user(client, owner, admin.id, {"role_id": str(admin_role.id)})
    assert moved.status_code == 200, moved.text
    adder = bearer((await login_ok(client, admin.user.email))["access_token"])
    response = await client.post(USERS, json=new_user_body("storekeeper"), headers=adder)
    if expected == 201:
        assert response.status_code == 201, response.text
        assert response.json()["role"]["id"] == role_id("storekeeper")
        assert response.json()["team_id"] == str(team.id)
    else:
        assert_problem(response, 403, "role_id")


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
    response = await patch_user(client, staff, staff.id, {"role_id": role_id(target)})
    assert_problem(response, 403)
    assert (await read_user(client, owner, staff.id))["role"]["id"] == role_id(actor)


async def test_nobody_moves_themselves_to_a_role_of_equal_rank(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    database: Database,
) -> None:
    """A Senior manager cannot switch to another role of their own rank (50), even one
    narrower in every other way: 403 naming role_id."""
    team = await make_team("North")
    senior = await make_staff("senior_manager", team=team)
    peer = custom_role("Peer lead", 50, AccessLevel.OWN, Permission.CONTACTS_READ)
    await store_role(database, peer)
    response = await patch_user(client, senior, senior.id, {"role_id": str(peer.id)})
    assert_problem(response, 403, "role_id")
    assert "rank" in response.json()["detail"]
    assert (await read_user(client, owner, senior.id))["role"]["id"] == role_id("senior_manager")


async def test_manager_cannot_promote_themselves(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A Manager (no users:manage) changing their own role is 403."""
    manager = await make_staff("manager")
    for target in ("senior_manager", "salesperson"):
        response = await patch_user(client, manager, manager.id, {"role_id": role_id(target)})
        assert_problem(response, 403)
    assert (await read_user(client, owner, manager.id))["role"]["id"] == role_id("manager")


async def test_senior_manager_may_demote_themselves(
    client: httpx.AsyncClient, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """Self-demotion to a lower role is allowed."""
    team = await make_team("North")
    senior = await make_staff("senior_manager", team=team)
    response = await patch_user(client, senior, senior.id, {"role_id": role_id("manager")})
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
    """Editing a user of equal or higher rank (within reach) is 403 and changes nothing."""
    team = await make_team("North")
    staff = await make_staff(actor, team=team)
    other = await make_staff(target, team=team)
    for change in ({"full_name": "Renamed"}, {"is_active": False}, {"password": NEW_PASSWORD}):
        response = await patch_user(client, staff, other.id, change)
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
        response = await patch_user(client, full, owner.id, change)
        assert_problem(response, 403)
    account = await read_user(client, owner, owner.id)
    assert account["version"] == 1 and account["role"]["id"] == role_id("owner")


@pytest.mark.parametrize(
    ("actor", "granted"),
    [
        ("senior_manager", "senior_manager"),
        ("senior_manager", "full_access"),
        ("senior_manager", "owner"),
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
    response = await patch_user(client, staff, subordinate.id, {"role_id": role_id(granted)})
    assert_problem(response, 403, "role_id")
    assert (await read_user(client, owner, subordinate.id))["role"]["id"] == role_id("salesperson")


async def test_granting_a_custom_role_with_a_permission_one_lacks_is_refused(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    database: Database,
) -> None:
    """A Senior manager cannot give a lower custom role holding roles:manage (403)."""
    team = await make_team("North")
    senior = await make_staff("senior_manager", team=team)
    sneaky = custom_role("Sneaky", 5, AccessLevel.OWN, Permission.ROLES_MANAGE)
    await store_role(database, sneaky)
    subordinate = await make_staff("salesperson", team=team)
    response = await patch_user(client, senior, subordinate.id, {"role_id": str(sneaky.id)})
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
        response = await patch_user(client, senior, member.id, change)
        assert_problem(response, 403, "team_id")
    moved_self = await patch_user(client, senior, senior.id, {"team_id": str(south.id)})
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
    response = await patch_user(
        client, senior, member.id, {"full_name": "Promoted Member", "role_id": role_id("manager")}
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


# The two ways an Owner stops being an active Owner, by their own PATCH.
STEP_DOWNS = {"demote": {"role_id": role_id("full_access")}, "deactivate": {"is_active": False}}


async def active_owner_ids(client: httpx.AsyncClient, owner: Staff) -> set[str]:
    """The ids of all active Owners, as `owner` lists them."""
    params = {"role_id": role_id("owner"), "is_active": "true"}
    response = await client.get(USERS, params=params, headers=owner.headers)
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.parametrize("beside_an_inactive_owner", [False, True], ids=["alone", "inactive-2nd"])
@pytest.mark.parametrize("change", STEP_DOWNS.values(), ids=STEP_DOWNS)
async def test_last_active_owner_cannot_step_down(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    change: dict[str, Any],
    beside_an_inactive_owner: bool,
) -> None:
    """The only active Owner demoting or deactivating themselves is 409 and stays an active
    Owner; a deactivated second Owner does not count."""
    if beside_an_inactive_owner:
        await make_staff("owner", is_active=False)
    response = await patch_user(client, owner, owner.id, change)
    assert_problem(response, 409)
    account = await read_user(client, owner, owner.id)
    assert account["role"]["id"] == role_id("owner")
    assert account["is_active"] is True


@pytest.mark.parametrize(
    ("change", "role_name", "is_active"),
    [
        pytest.param(STEP_DOWNS["demote"], "Full access", True, id="demote"),
        pytest.param(STEP_DOWNS["deactivate"], "Owner", False, id="deactivate"),
    ],
)
async def test_with_two_owners_one_may_step_down(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    change: dict[str, Any],
    role_name: str,
    is_active: bool,
) -> None:
    """Two active Owners: one demotes or deactivates themselves (200); the other is then
    the last (409)."""
    second = await make_staff("owner")
    response = await patch_user(client, second, second.id, change)
    assert response.status_code == 200, response.text
    assert response.json()["role"]["name"] == role_name
    assert response.json()["is_active"] is is_active
    assert await active_owner_ids(client, owner) == {owner.id}
    last = await patch_user(client, owner, owner.id, {"is_active": False})
    assert_problem(last, 409)


@pytest.mark.parametrize("change", STEP_DOWNS.values(), ids=STEP_DOWNS)
async def test_two_owners_stepping_down_at_once_leave_one_owner(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, change: dict[str, Any]
) -> None:
    """Both Owners demote or deactivate themselves at the same moment: one 200, the other
    409, and one active Owner remains (asked by the one refused: the other's access ended
    with the change)."""
    second = await make_staff("owner")
    both = (owner, second)
    responses = await asyncio.gather(
        *(patch_user(client, staff, staff.id, change) for staff in both)
    )
    assert_one_wins(responses, 200, 409)
    remaining = next(
        staff for staff, r in zip(both, responses, strict=True) if r.status_code == 409
    )
    assert await active_owner_ids(client, remaining) == {remaining.id}


# --- A Senior manager's journey --------------------------------------------------------


async def test_senior_manager_journey(
    client: httpx.AsyncClient, owner: Staff, make_team: MakeTeam, make_staff: MakeStaff
) -> None:
    """Owner makes a team and its Senior manager; the Senior manager signs in with the
    template's access (archiving as far as it writes), adds a Manager who lands in their
    team, sees the team but not others; the Manager sees only themselves."""
    south = await make_team("South")
    stranger = await make_staff("salesperson", team=south)

    team = await client.post("/api/v1/teams", json={"name": "North"}, headers=owner.headers)
    assert team.status_code == 201, team.text
    north_id = team.json()["id"]

    senior_password = "lemon-orchard-kettle-97"
    created = await client.post(
        USERS,
        json=new_user_body(
            "senior_manager",
            email="sam.senior@example.com",
            full_name="Sam Senior",
            password=senior_password,
            team_id=north_id,
        ),
        headers=owner.headers,
    )
    assert created.status_code == 201, created.text
    senior_id = created.json()["id"]
    senior = bearer(
        (await login_ok(client, "sam.senior@example.com", senior_password))["access_token"]
    )

    signed_in = await client.get(ME_URL, headers=senior)
    assert signed_in.status_code == 200
    assert signed_in.json()["id"] == senior_id
    assert signed_in.json()["access"] == {
        "contacts": {"read": "all", "write": "team", "archive": "team"},
        "companies": {"read": "all", "write": "team", "archive": "team"},
        "deals": {"read": "team", "write": "team", "archive": "team"},
        "interactions": {"read": "team", "write": "team", "archive": "team"},
        "tasks": {"read": "team", "write": "team", "archive": "team"},
        "requests": {"read": "team", "write": "team", "archive": "team"},
    }
    assert signed_in.json()["team_id"] == north_id

    manager_password = "violet-harbor-compass-31"
    added = await client.post(
        USERS,
        json=new_user_body(
            "manager",
            email="mia.manager@example.com",
            full_name="Mia Manager",
            password=manager_password,
        ),
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
        (await login_ok(client, "mia.manager@example.com", manager_password))["access_token"]
    )
    mine = await client.get(USERS, headers=manager)
    assert mine.status_code == 200
    assert [u["id"] for u in mine.json()["items"]] == [manager_id]
    assert (await client.get(f"{USERS}/{manager_id}", headers=manager)).status_code == 200
    for colleague in (senior_id, stranger.id, owner.id):
        assert_problem(await client.get(f"{USERS}/{colleague}", headers=manager), 404)
    refused = await client.post(USERS, json=new_user_body("salesperson"), headers=manager)
    assert_problem(refused, 403)
