"""/api/v1/me/sessions: a user sees where they are signed in and ends sign-ins, one or
every one but this (issue 14). Ending a sign-in ends its access on the next request."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import update

from domain.access.auth_sessions import MAX_USER_AGENT
from persistence.database import Database
from persistence.refresh_tokens import RefreshTokenRow
from tests.conftest import PASSWORD, MakeStaff, Staff
from tests.helpers import (
    API,
    TOKEN_URL,
    assert_problem,
    assert_unauthenticated,
    bearer,
    me,
    refresh,
)

SESSIONS = f"{API}/me/sessions"
AUDIT = f"{API}/audit-events"
FIELDS = {"id", "created_at", "last_used_at", "user_agent", "client_address", "current"}
LAPTOP = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
    " Chrome/131.0.0.0 Safari/537.36"
)
PHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15"
    " (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)


async def sign_in(
    client: httpx.AsyncClient, staff: Staff, user_agent: str = LAPTOP
) -> dict[str, Any]:
    """Signs `staff` in with a password from a client naming itself `user_agent`."""
    response = await client.post(
        TOKEN_URL,
        data={"username": staff.user.email, "password": PASSWORD},
        headers={"User-Agent": user_agent},
    )
    assert response.status_code == 200, response.text
    tokens: dict[str, Any] = response.json()
    return tokens


async def sessions(client: httpx.AsyncClient, access_token: str) -> list[dict[str, Any]]:
    response = await client.get(SESSIONS, headers=bearer(access_token))
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def at(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


async def test_the_list_shows_my_sign_ins_newest_first_with_mine_marked(
    client: httpx.AsyncClient, make_staff: MakeStaff
) -> None:
    user = await make_staff("salesperson")
    laptop = await sign_in(client, user, LAPTOP)
    phone = await sign_in(client, user, PHONE)
    # Someone else's sign-in is not mine.
    await sign_in(client, await make_staff("salesperson"))

    # The fixture's own sign-in has no refresh token: it is over for everyone but itself.
    items = await sessions(client, phone["access_token"])
    assert [i["user_agent"] for i in items] == [PHONE, LAPTOP]
    assert [i["current"] for i in items] == [True, False]
    for item in items:
        assert set(item) == FIELDS
        assert item["client_address"] == "127.0.0.1"
        assert item["last_used_at"] == item["created_at"]
    assert at(items[0]["created_at"]) >= at(items[1]["created_at"])

    from_laptop = await sessions(client, laptop["access_token"])
    assert [i["current"] for i in from_laptop] == [False, True]


async def test_ending_another_sign_in_ends_its_access_on_the_next_request(
    client: httpx.AsyncClient, make_staff: MakeStaff
) -> None:
    """The laptop signs the phone out: the phone's access token is refused at once and
    its refresh token too; the laptop keeps working."""
    user = await make_staff("salesperson")
    phone = await sign_in(client, user, PHONE)
    laptop = await sign_in(client, user, LAPTOP)
    assert (await me(client, phone["access_token"])).status_code == 200
    phone_id = next(i["id"] for i in await sessions(client, phone["access_token"]) if i["current"])

    response = await client.delete(f"{SESSIONS}/{phone_id}", headers=bearer(laptop["access_token"]))
    assert response.status_code == 204, response.text

    assert_unauthenticated(await me(client, phone["access_token"]))
    assert_unauthenticated(await refresh(client, phone["refresh_token"]))
    assert (await me(client, laptop["access_token"])).status_code == 200
    left = await sessions(client, laptop["access_token"])
    assert phone_id not in {i["id"] for i in left}
    # Gone is gone: a second try finds nothing.
    response = await client.delete(f"{SESSIONS}/{phone_id}", headers=bearer(laptop["access_token"]))
    assert_problem(response, 404)


async def test_ending_my_own_sign_in_signs_this_client_out(
    client: httpx.AsyncClient, make_staff: MakeStaff
) -> None:
    user = await make_staff("salesperson")
    laptop = await sign_in(client, user)
    mine = next(i["id"] for i in await sessions(client, laptop["access_token"]) if i["current"])
    response = await client.delete(f"{SESSIONS}/{mine}", headers=bearer(laptop["access_token"]))
    assert response.status_code == 204, response.text
    assert_unauthenticated(await me(client, laptop["access_token"]))
    assert_unauthenticated(await refresh(client, laptop["refresh_token"]))


async def test_signing_out_everywhere_else_leaves_only_this_sign_in(
    client: httpx.AsyncClient, make_staff: MakeStaff
) -> None:
    user = await make_staff("salesperson")
    others = [await sign_in(client, user, PHONE) for _ in range(2)]
    laptop = await sign_in(client, user, LAPTOP)

    response = await client.delete(
        SESSIONS, params={"except_current": "true"}, headers=bearer(laptop["access_token"])
    )
    assert response.status_code == 204, response.text

    items = await sessions(client, laptop["access_token"])
    assert [(i["user_agent"], i["current"]) for i in items] == [(LAPTOP, True)]
    for tokens in [*others, {"access_token": user.token, "refresh_token": "none"}]:
        assert_unauthenticated(await me(client, tokens["access_token"]))
    for tokens in others:
        assert_unauthenticated(await refresh(client, tokens["refresh_token"]))
    assert (await me(client, laptop["access_token"])).status_code == 200


async def test_signing_out_everywhere_includes_this_sign_in(
    client: httpx.AsyncClient, make_staff: MakeStaff
) -> None:
    user = await make_staff("salesperson")
    phone = await sign_in(client, user, PHONE)
    laptop = await sign_in(client, user, LAPTOP)
    response = await client.delete(SESSIONS, headers=bearer(laptop["access_token"]))
    assert response.status_code == 204, response.text
    for tokens in (phone, laptop):
        assert_unauthenticated(await me(client, tokens["access_token"]))


async def test_another_users_or_an_unknown_sign_in_is_not_found(
    client: httpx.AsyncClient, make_staff: MakeStaff, owner: Staff
) -> None:
    """Not even an Owner ends someone else's sign-in here: 404, and it keeps working."""
    user = await make_staff("salesperson")
    theirs = await sign_in(client, user)
    their_id = next(i["id"] for i in await sessions(client, theirs["access_token"]) if i["current"])

    for session_id in (their_id, str(uuid.uuid4())):
        response = await client.delete(f"{SESSIONS}/{session_id}", headers=owner.headers)
        assert_problem(response, 404)
    assert their_id not in {i["id"] for i in await sessions(client, owner.token)}
    assert (await me(client, theirs["access_token"])).status_code == 200

    # Ending all of mine but this one leaves theirs alone.
    response = await client.delete(SESSIONS, params={"except_current": True}, headers=owner.headers)
    assert response.status_code == 204, response.text
    assert (await me(client, theirs["access_token"])).status_code == 200


async def test_last_use_moves_on_refresh(client: httpx.AsyncClient, make_staff: MakeStaff) -> None:
    user = await make_staff("salesperson")
    first = await sign_in(client, user)
    (before,) = [i for i in await sessions(client, first["access_token"]) if i["current"]]

    response = await refresh(client, first["refresh_token"])
    assert response.status_code == 200, response.text
    second = response.json()
    # A plain request is no use of the refresh token: it does not move.
    assert (await me(client, second["access_token"])).status_code == 200

    (after,) = [i for i in await sessions(client, second["access_token"]) if i["current"]]
    assert after["id"] == before["id"]
    assert after["created_at"] == before["created_at"]
    assert at(after["last_used_at"]) > at(before["last_used_at"])


async def test_the_user_agent_is_kept_cut_short(
    client: httpx.AsyncClient, make_staff: MakeStaff
) -> None:
    user = await make_staff("salesperson")
    long_agent = "Mozilla/5.0 " + "x" * 1000
    tokens = await sign_in(client, user, long_agent)
    (item,) = [i for i in await sessions(client, tokens["access_token"]) if i["current"]]
    assert item["user_agent"] == long_agent[:MAX_USER_AGENT]


async def test_sign_ins_whose_refresh_tokens_expired_are_not_listed(
    client: httpx.AsyncClient, make_staff: MakeStaff, database: Database
) -> None:
    """A sign-in that can no longer refresh is over, though nobody ended it."""
    user = await make_staff("salesperson")
    stale = await sign_in(client, user, PHONE)
    laptop = await sign_in(client, user, LAPTOP)
    stale_id = next(i["id"] for i in await sessions(client, stale["access_token"]) if i["current"])
    async with database.engine.begin() as connection:
        await connection.execute(
            update(RefreshTokenRow)
            .where(RefreshTokenRow.family_id == uuid.UUID(stale_id))
            .values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
        )
    assert stale_id not in {i["id"] for i in await sessions(client, laptop["access_token"])}


async def test_ending_sign_ins_is_audited(client: httpx.AsyncClient, make_staff: MakeStaff) -> None:
    user = await make_staff("owner")
    phone = await sign_in(client, user, PHONE)
    laptop = await sign_in(client, user, LAPTOP)
    phone_id = next(i["id"] for i in await sessions(client, phone["access_token"]) if i["current"])
    laptop_id = next(
        i["id"] for i in await sessions(client, laptop["access_token"]) if i["current"]
    )
    response = await client.delete(f"{SESSIONS}/{phone_id}", headers=bearer(laptop["access_token"]))
    assert response.status_code == 204, response.text
    response = await client.delete(
        f"{SESSIONS}/{laptop_id}", headers=bearer(laptop["access_token"])
    )
    assert response.status_code == 204, response.text

    response = await client.get(
        AUDIT, params={"action": "session_ended", "entity_id": user.id}, headers=user.headers
    )
    assert response.status_code == 200, response.text
    events = response.json()["items"]
    assert sorted((e["details"]["session_id"], e["details"]["current"]) for e in events) == sorted(
        [(phone_id, False), (laptop_id, True)]
    )
    assert {e["actor"]["id"] for e in events} == {user.id}


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", SESSIONS),
        ("DELETE", SESSIONS),
        ("DELETE", f"{SESSIONS}/0b1e6d3c-5f0a-4c8e-9d2b-7a6f4e3c2b1a"),
    ],
)
async def test_sessions_need_a_sign_in(client: httpx.AsyncClient, method: str, url: str) -> None:
    """Without a bearer token the sign-in operations answer 401. The id is fixed: xdist's
    workers must collect the same test names."""
    assert_unauthenticated(await client.request(method, url))


async def test_signing_out_and_a_reused_refresh_token_are_audited(
    client: httpx.AsyncClient, make_staff: MakeStaff
) -> None:
    """Signing out records `session_ended` with reason `signed_out`, by the user; a used
    refresh token presented again ends its sign-in with reason `refresh_token_reused`
    and no actor (whoever presented it is unknown). Signing out of an ended sign-in
    again records nothing more."""
    user = await make_staff("owner")
    phone = await sign_in(client, user, PHONE)
    laptop = await sign_in(client, user, LAPTOP)

    out = await client.post(f"{API}/auth/logout", json={"refresh_token": phone["refresh_token"]})
    assert out.status_code == 204, out.text
    again = await client.post(f"{API}/auth/logout", json={"refresh_token": phone["refresh_token"]})
    assert again.status_code == 204, again.text

    first = await client.post(
        f"{API}/auth/refresh", json={"refresh_token": laptop["refresh_token"]}
    )
    assert first.status_code == 200, first.text
    reused = await client.post(
        f"{API}/auth/refresh", json={"refresh_token": laptop["refresh_token"]}
    )
    assert reused.status_code == 401, reused.text

    response = await client.get(
        AUDIT, params={"action": "session_ended", "entity_id": user.id}, headers=user.headers
    )
    assert response.status_code == 200, response.text
    events = response.json()["items"]
    assert sorted(
        (e["details"]["reason"], e["actor"]["id"] if e["actor"] else None) for e in events
    ) == [("refresh_token_reused", None), ("signed_out", user.id)]
