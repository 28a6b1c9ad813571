"""Sign-in, tokens, refresh rotation, logout and lockout over the HTTP API."""

from __future__ import annotations

import asyncio
import base64
import json
import uuid
from collections.abc import AsyncIterator, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from jose import jwt

from domain.access.roles import TEMPLATES_BY_KEY
from tests.conftest import PASSWORD, TEST_SECRET, MakeStaff, Staff
from tests.helpers import (
    LOGOUT_URL,
    ME_URL,
    REFRESH_URL,
    TOKEN_URL,
    assert_problem,
    assert_unauthenticated,
    login,
    login_ok,
    me,
    patch_user,
    refresh,
)

WRONG_PASSWORD = "not the right password at all"


# --- helpers ------------------------------------------------------------------------------


class Clock:
    """The time `auth.sessions` sees; starts at the real now and only moves when told."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    frozen = Clock()
    monkeypatch.setattr("auth.sessions.utcnow", frozen)
    yield frozen


@pytest.fixture
async def other_client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    """A client calling from another address than `client` (127.0.0.1)."""
    transport = httpx.ASGITransport(app=app, client=("198.51.100.9", 4321))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


async def fail_logins(client: httpx.AsyncClient, emails: Iterable[str]) -> None:
    """Signs in once per e-mail with a wrong password; each attempt must be a plain 401."""
    for email in emails:
        assert_unauthenticated(await login(client, email, WRONG_PASSWORD))


def assert_token_pair(response: httpx.Response) -> dict[str, Any]:
    """Asserts an uncached 200 bearer token pair, the access token good for 900 s; returns it."""
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    pair: dict[str, Any] = response.json()
    assert set(pair) == {"access_token", "refresh_token", "token_type", "expires_in"}
    assert pair["token_type"] == "bearer"
    assert pair["expires_in"] == 900
    return pair


def assert_locked(response: httpx.Response) -> None:
    """Asserts a 429 problem telling when to try again."""
    assert_problem(response, 429)
    assert int(response.headers["retry-after"]) > 0


def valid_claims(staff: Staff, **overrides: Any) -> dict[str, Any]:
    """Claims exactly as the server issues them, so each attack changes one thing only."""
    now = datetime.now(UTC)
    template = TEMPLATES_BY_KEY["owner"]
    issued = jwt.get_unverified_claims(staff.token)  # the staff's live sign-in
    claims: dict[str, Any] = {
        "sub": staff.id,
        "sid": issued["sid"],
        "sv": issued["sv"],
        "role": str(template.id),
        "rank": template.rank,
        "perms": sorted(p.value for p in template.permissions),
        "acc": template.access.compact(),
        "team": None,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=15)).timestamp()),
        "jti": uuid.uuid4().hex,
    }
    claims.update(overrides)
    return claims


def sign(claims: dict[str, Any], secret: str = TEST_SECRET, algorithm: str = "HS256") -> str:
    return str(jwt.encode(claims, secret, algorithm=algorithm))


def b64url(data: dict[str, Any]) -> str:
    raw = json.dumps(data, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


# --- sign-in --------------------------------------------------------------------------------


async def test_login_returns_a_token_pair(client: httpx.AsyncClient, owner: Staff) -> None:
    """A right e-mail and password give a bearer access token (900 s) and a refresh token."""
    body = assert_token_pair(await login(client, "owner@example.com"))
    assert isinstance(body["refresh_token"], str) and len(body["refresh_token"]) >= 32
    assert body["refresh_token"].count(".") == 0  # opaque, not a JWT
    assert body["access_token"] != body["refresh_token"]


async def test_access_token_carries_the_documented_claims(
    client: httpx.AsyncClient, make_staff: MakeStaff, make_team: Any
) -> None:
    """The access token is HS256 with sub, role, rank, perms, acc, team, exp, iat, jti;
    `acc` gives each kind three letters, its read, write and archive levels."""
    team = await make_team("North")
    manager = await make_staff("manager", team=team, email="mia@example.com")
    body = await login_ok(client, "mia@example.com")
    assert jwt.get_unverified_header(body["access_token"])["alg"] == "HS256"
    claims = jwt.decode(body["access_token"], TEST_SECRET, algorithms=["HS256"])
    template = TEMPLATES_BY_KEY["manager"]
    assert claims["sub"] == manager.id
    assert claims["role"] == str(template.id)
    assert claims["rank"] == template.rank
    assert sorted(claims["perms"]) == sorted(p.value for p in template.permissions)
    assert claims["acc"] == (
        "contacts:aoo,companies:aoo,deals:ooo,interactions:ooo,tasks:ooo,requests:ooo"
    )
    assert claims["team"] == str(team.id)
    assert claims["exp"] - claims["iat"] == 900
    assert claims["jti"]
    other = await login_ok(client, "mia@example.com")
    assert jwt.get_unverified_claims(other["access_token"])["jti"] != claims["jti"]


async def test_access_token_works_on_me(client: httpx.AsyncClient, make_staff: MakeStaff) -> None:
    """/auth/me with the issued access token returns the user, role, permissions and
    access (a Salesperson archives as far as it writes: own)."""
    staff = await make_staff("salesperson", email="sam@example.com")
    body = await login_ok(client, "sam@example.com")
    response = await me(client, body["access_token"])
    assert response.status_code == 200, response.text
    data = response.json()
    template = TEMPLATES_BY_KEY["salesperson"]
    assert data["id"] == staff.id
    assert data["email"] == "sam@example.com"
    assert data["role"] == {
        "id": str(template.id),
        "name": "Salesperson",
        "rank": 20,
        "template_key": "salesperson",
    }
    assert data["permissions"] == sorted(p.value for p in template.permissions)
    assert data["access"]["contacts"] == {"read": "all", "write": "own", "archive": "own"}
    assert data["access"]["deals"] == {"read": "own", "write": "own", "archive": "own"}
    assert data["last_login_at"] is not None
    assert "password_hash" not in data and "password" not in data


async def test_login_email_is_case_insensitive(client: httpx.AsyncClient, owner: Staff) -> None:
    """The e-mail is matched regardless of case and surrounding spaces."""
    response = await login(client, "  Owner@Example.COM ")
    assert response.status_code == 200, response.text


async def test_wrong_password_and_unknown_email_answer_alike(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A wrong password and an unknown e-mail give the same 401 problem and headers."""
    wrong = await login(client, "owner@example.com", WRONG_PASSWORD)
    unknown = await login(client, "nobody@example.com", WRONG_PASSWORD)
    for response in (wrong, unknown):
        assert_unauthenticated(response)
    wrong_body, unknown_body = wrong.json(), unknown.json()
    assert wrong_body.pop("request_id") != unknown_body.pop("request_id")
    assert wrong_body == unknown_body
    assert wrong.headers["www-authenticate"] == unknown.headers["www-authenticate"]
    assert "access_token" not in wrong.text


async def test_deactivated_user_cannot_log_in(
    client: httpx.AsyncClient, make_staff: MakeStaff
) -> None:
    """A deactivated user's right password gets the same 401 as a wrong one."""
    await make_staff("manager", email="gone@example.com", is_active=False)
    response = await login(client, "gone@example.com")
    assert_unauthenticated(response)
    unknown = await login(client, "nobody@example.com")
    body, unknown_body = response.json(), unknown.json()
    body.pop("request_id")
    unknown_body.pop("request_id")
    assert body == unknown_body


@pytest.mark.parametrize(
    ("data", "missing"),
    [
        ({}, {"username", "password"}),
        ({"username": "owner@example.com"}, {"password"}),
        ({"password": PASSWORD}, {"username"}),
    ],
)
async def test_login_without_form_fields_is_a_validation_problem(
    client: httpx.AsyncClient, data: dict[str, str], missing: set[str]
) -> None:
    """A sign-in form missing username or password is a 422 problem naming those fields."""
    response = await client.post(TOKEN_URL, data=data)
    assert_problem(response, 422)
    body = response.json()
    assert {error["field"] for error in body["errors"]} == missing
    for name in missing:
        assert name in body["detail"]


async def test_refresh_and_logout_without_token_are_validation_problems(
    client: httpx.AsyncClient,
) -> None:
    """/auth/refresh and /auth/logout without a refresh_token are 422 problems naming it."""
    for url in (REFRESH_URL, LOGOUT_URL):
        response = await client.post(url, json={})
        assert_problem(response, 422, "refresh_token")
        assert [e["field"] for e in response.json()["errors"]] == ["refresh_token"]


# --- lockout --------------------------------------------------------------------------------


async def test_account_locks_after_five_failures(
    client: httpx.AsyncClient, owner: Staff, clock: Clock
) -> None:
    """After 5 failures the 6th attempt, even with the right password, is 429 with Retry-After."""
    await fail_logins(client, ["owner@example.com"] * 5)
    response = await login(client, "owner@example.com")
    assert_locked(response)
    assert int(response.headers["retry-after"]) <= 30
    assert "access_token" not in response.text


async def test_account_lock_expires(client: httpx.AsyncClient, owner: Staff, clock: Clock) -> None:
    """The first lock lasts 30 s: still locked just before, the right password works after."""
    await fail_logins(client, ["owner@example.com"] * 5)
    clock.advance(timedelta(seconds=29))
    response = await login(client, "owner@example.com")
    assert_locked(response)
    assert response.headers["retry-after"] == "1"
    clock.advance(timedelta(seconds=2))
    response = await login(client, "owner@example.com")
    assert response.status_code == 200, response.text


async def test_lock_doubles_on_the_next_failure(
    client: httpx.AsyncClient, owner: Staff, clock: Clock
) -> None:
    """A failure after the first lock expires locks again for 60 s."""
    await fail_logins(client, ["owner@example.com"] * 5)
    clock.advance(timedelta(seconds=31))
    assert_unauthenticated(await login(client, "owner@example.com", WRONG_PASSWORD))
    response = await login(client, "owner@example.com")
    assert_locked(response)
    assert 30 < int(response.headers["retry-after"]) <= 60
    clock.advance(timedelta(seconds=61))
    assert (await login(client, "owner@example.com")).status_code == 200


async def test_success_clears_the_account_failures(
    client: httpx.AsyncClient, owner: Staff, clock: Clock
) -> None:
    """A successful sign-in forgets earlier failures of that account."""
    await fail_logins(client, ["owner@example.com"] * 4)
    assert (await login(client, "owner@example.com")).status_code == 200
    await fail_logins(client, ["owner@example.com"] * 4)
    assert (await login(client, "owner@example.com")).status_code == 200


async def test_case_variants_of_an_email_share_one_lock(
    client: httpx.AsyncClient, owner: Staff, clock: Clock
) -> None:
    """Changing the e-mail's case does not reset the account's failure count."""
    variants = [
        "owner@example.com",
        "OWNER@example.com",
        "Owner@Example.com",
        " owner@example.com",
        "owner@EXAMPLE.com",
    ]
    await fail_logins(client, variants)
    assert_locked(await login(client, "owner@example.com"))


async def test_account_lock_is_not_an_address_lock(
    client: httpx.AsyncClient, make_staff: MakeStaff, clock: Clock
) -> None:
    """A locked account does not lock another account signing in from the same address."""
    await make_staff("manager", email="victim@example.com")
    await make_staff("manager", email="colleague@example.com")
    await fail_logins(client, ["victim@example.com"] * 5)
    assert_locked(await login(client, "victim@example.com"))
    response = await login(client, "colleague@example.com")
    assert response.status_code == 200, response.text


async def test_account_lock_holds_from_any_address(
    client: httpx.AsyncClient, other_client: httpx.AsyncClient, owner: Staff, clock: Clock
) -> None:
    """An account locked by failures from one address is locked from another address too."""
    await fail_logins(client, ["owner@example.com"] * 5)
    assert_locked(await login(other_client, "owner@example.com"))


async def test_unknown_email_locks_like_a_known_one(
    client: httpx.AsyncClient, owner: Staff, clock: Clock
) -> None:
    """An unknown e-mail is locked after the same failures, so lockout reveals nothing."""
    for email in ("owner@example.com", "nobody@example.com"):
        await fail_logins(client, [email] * 5)
        known_or_not = await login(client, email, WRONG_PASSWORD)
        assert_locked(known_or_not)
        assert known_or_not.headers["retry-after"] == "30"


async def test_address_locks_after_twenty_failures_across_accounts(
    client: httpx.AsyncClient, other_client: httpx.AsyncClient, owner: Staff, clock: Clock
) -> None:
    """20 failures from one address over many accounts lock that address, not others."""
    # 4 accounts x 5 failures would lock the accounts; 20 accounts x 1 locks only the address.
    await fail_logins(client, (f"guess{i}@example.com" for i in range(20)))
    response = await login(client, "owner@example.com")
    assert_locked(response)
    assert int(response.headers["retry-after"]) <= 30
    response = await login(other_client, "owner@example.com")
    assert response.status_code == 200, response.text


async def test_address_allows_nineteen_failures(
    client: httpx.AsyncClient, owner: Staff, clock: Clock
) -> None:
    """19 failures from one address across accounts do not lock it yet."""
    await fail_logins(client, (f"guess{i}@example.com" for i in range(19)))
    response = await login(client, "owner@example.com")
    assert response.status_code == 200, response.text


# --- access token attacks -------------------------------------------------------------------


async def test_handmade_valid_token_is_accepted(client: httpx.AsyncClient, owner: Staff) -> None:
    """The control for the attacks below: a correctly signed token with every claim works."""
    response = await me(client, sign(valid_claims(owner)))
    assert response.status_code == 200, response.text
    assert response.json()["id"] == owner.id


async def test_missing_authorization_header(client: httpx.AsyncClient) -> None:
    """No Authorization header is 401 with WWW-Authenticate: Bearer."""
    assert_unauthenticated(await client.get(ME_URL))


async def test_non_bearer_authorization(client: httpx.AsyncClient, owner: Staff) -> None:
    """A Basic Authorization header is not a bearer token: 401."""
    basic = base64.b64encode(f"owner@example.com:{PASSWORD}".encode()).decode()
    assert_unauthenticated(await client.get(ME_URL, headers={"Authorization": f"Basic {basic}"}))


async def test_expired_token(client: httpx.AsyncClient, owner: Staff) -> None:
    """A token whose exp has passed is 401."""
    now = datetime.now(UTC)
    claims = valid_claims(
        owner,
        iat=int((now - timedelta(minutes=16)).timestamp()),
        exp=int((now - timedelta(minutes=1)).timestamp()),
    )
    assert_unauthenticated(await me(client, sign(claims)))


async def test_bad_signature(client: httpx.AsyncClient, owner: Staff) -> None:
    """A token signed with another secret is 401."""
    token = sign(valid_claims(owner), secret="another-secret-that-is-long-enough-for-hs256")
    assert_unauthenticated(await me(client, token))


async def test_tampered_payload(client: httpx.AsyncClient, make_staff: MakeStaff) -> None:
    """Swapping in an upgraded payload under the original signature is 401."""
    staff = await make_staff("storekeeper")
    header, _, signature = staff.token.split(".")
    forged = b64url(valid_claims(staff))  # claims of an Owner
    assert_unauthenticated(await me(client, f"{header}.{forged}.{signature}"))
    assert (await me(client, staff.token)).status_code == 200


@pytest.mark.parametrize("alg", ["none", "None", "NONE"])
async def test_alg_none_token(client: httpx.AsyncClient, owner: Staff, alg: str) -> None:
    """An unsigned token claiming `alg: none` is 401."""
    header = b64url({"alg": alg, "typ": "JWT"})
    payload = b64url(valid_claims(owner))
    assert_unauthenticated(await me(client, f"{header}.{payload}."))


@pytest.mark.parametrize("algorithm", ["HS384", "HS512"])
async def test_other_algorithm_with_the_right_secret(
    client: httpx.AsyncClient, owner: Staff, algorithm: str
) -> None:
    """A token signed with the right secret but another HMAC algorithm is 401."""
    assert_unauthenticated(await me(client, sign(valid_claims(owner), algorithm=algorithm)))


@pytest.mark.parametrize("claim", ["sub", "role", "rank", "perms", "acc", "exp", "iat", "jti"])
async def test_token_missing_a_required_claim(
    client: httpx.AsyncClient, owner: Staff, claim: str
) -> None:
    """A correctly signed token lacking any required claim is 401."""
    claims = valid_claims(owner)
    del claims[claim]
    assert_unauthenticated(await me(client, sign(claims)))


async def test_a_token_from_before_access_levels_is_refused_with_a_clear_401(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A token carrying the one `scope` of old and no `acc` is refused, and the problem
    tells the client to refresh (its refresh token gets it a token with levels)."""
    claims = valid_claims(owner, scope="all")
    del claims["acc"]
    response = await me(client, sign(claims))
    assert_unauthenticated(response)
    assert "refresh" in response.json()["detail"]


@pytest.mark.parametrize(
    "overrides",
    [
        {"perms": ["contacts:read", "galaxy:rule"]},
        {"perms": "users:manage"},
        {"perms": None},
        {"acc": "galaxy"},
        {"acc": None},
        {"acc": "contacts:aaa"},
        {"acc": "contacts:aax,companies:aaa,deals:aaa,interactions:aaa,tasks:aaa,requests:aaa"},
        {"acc": "contacts:aaaa,companies:aaa,deals:aaa,interactions:aaa,tasks:aaa,requests:aaa"},
        {"sub": "not-a-uuid"},
        {"sub": 42},
        {"role": "owner"},
        {"rank": "high"},
        {"rank": None},
        {"team": "not-a-uuid"},
        {"exp": "tomorrow"},
    ],
    ids=lambda o: "-".join(f"{k}={v!r}" for k, v in o.items()),
)
async def test_token_with_malformed_claims(
    client: httpx.AsyncClient, owner: Staff, overrides: dict[str, Any]
) -> None:
    """A correctly signed token whose claims do not parse is 401, never a 500."""
    assert_unauthenticated(await me(client, sign(valid_claims(owner, **overrides))))


@pytest.mark.parametrize(
    "token", ["garbage", "a.b.c", "....", "eyJhbGciOiJIUzI1NiJ9", "Bearer x", "%00"]
)
async def test_garbage_token(client: httpx.AsyncClient, token: str) -> None:
    """A bearer value that is not a JWT at all is 401."""
    assert_unauthenticated(await me(client, token))


async def test_refresh_token_is_not_an_access_token(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A refresh token sent as a bearer access token is 401."""
    pair = await login_ok(client, "owner@example.com")
    assert_unauthenticated(await me(client, pair["refresh_token"]))


# --- refresh --------------------------------------------------------------------------------


async def test_refresh_rotates_the_pair(client: httpx.AsyncClient, owner: Staff) -> None:
    """Refreshing gives a new working pair, and the old refresh token then fails."""
    first = await login_ok(client, "owner@example.com")
    second = assert_token_pair(await refresh(client, first["refresh_token"]))
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    assert (await me(client, second["access_token"])).json()["id"] == owner.id
    assert_unauthenticated(await refresh(client, first["refresh_token"]))


async def test_reusing_a_rotated_token_revokes_the_family(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Presenting a rotated refresh token again kills its family, newest token included."""
    first = await login_ok(client, "owner@example.com")
    unrelated = await login_ok(client, "owner@example.com")  # another sign-in, own family
    second = (await refresh(client, first["refresh_token"])).json()
    third = (await refresh(client, second["refresh_token"])).json()
    assert_unauthenticated(await refresh(client, first["refresh_token"]))
    assert_unauthenticated(await refresh(client, third["refresh_token"]))
    response = await refresh(client, unrelated["refresh_token"])
    assert response.status_code == 200, response.text


async def test_unknown_refresh_token(client: httpx.AsyncClient, owner: Staff) -> None:
    """A refresh token the server never issued is 401."""
    assert_unauthenticated(await refresh(client, "x" * 43))


async def test_expired_refresh_token(client: httpx.AsyncClient, owner: Staff, clock: Clock) -> None:
    """A refresh token works until 30 days after issue and is refused afterwards."""
    first = await login_ok(client, "owner@example.com")
    clock.advance(timedelta(days=30) - timedelta(minutes=1))
    response = await refresh(client, first["refresh_token"])
    assert response.status_code == 200, response.text
    second = response.json()
    clock.advance(timedelta(days=30))
    assert_unauthenticated(await refresh(client, second["refresh_token"]))


async def test_logout_revokes_the_refresh_token(client: httpx.AsyncClient, owner: Staff) -> None:
    """After logout the refresh token, and the one it was rotated from, no longer refresh."""
    first = await login_ok(client, "owner@example.com")
    second = (await refresh(client, first["refresh_token"])).json()
    response = await client.post(LOGOUT_URL, json={"refresh_token": second["refresh_token"]})
    assert response.status_code == 204
    assert response.content == b""
    assert_unauthenticated(await refresh(client, second["refresh_token"]))
    assert_unauthenticated(await refresh(client, first["refresh_token"]))


async def test_logout_of_one_session_keeps_the_others(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Logging out one sign-in leaves the user's other sign-ins working."""
    laptop = await login_ok(client, "owner@example.com")
    phone = await login_ok(client, "owner@example.com")
    await client.post(LOGOUT_URL, json={"refresh_token": laptop["refresh_token"]})
    assert (await refresh(client, phone["refresh_token"])).status_code == 200


async def test_logout_of_unknown_token_is_204(client: httpx.AsyncClient) -> None:
    """Logging out a token the server does not know still answers 204."""
    response = await client.post(LOGOUT_URL, json={"refresh_token": "never-issued"})
    assert response.status_code == 204


async def test_deactivation_revokes_refresh_tokens(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """An owner deactivating a user through PATCH /users/{id} kills their refresh tokens."""
    staff = await make_staff("salesperson", email="leaver@example.com")
    first = await login_ok(client, "leaver@example.com")
    second = (await refresh(client, first["refresh_token"])).json()
    response = await patch_user(client, owner, staff.id, {"is_active": False})
    assert response.status_code == 200, response.text
    assert response.json()["is_active"] is False
    assert_unauthenticated(await refresh(client, second["refresh_token"]))
    assert_unauthenticated(await login(client, "leaver@example.com"))


async def test_role_change_refuses_access_tokens_and_refresh_renews_them(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Changing a user's role refuses the access tokens carrying the old role on the next
    request; a refresh of the same sign-in carries the new role."""
    staff = await make_staff("salesperson", email="promoted@example.com")
    pair = await login_ok(client, "promoted@example.com")
    manager = TEMPLATES_BY_KEY["manager"]
    response = await patch_user(client, owner, staff.id, {"role_id": str(manager.id)})
    assert response.status_code == 200, response.text
    assert_unauthenticated(await me(client, pair["access_token"]))
    fresh = await refresh(client, pair["refresh_token"])
    assert fresh.status_code == 200, fresh.text
    assert (await me(client, fresh.json()["access_token"])).status_code == 200
    claims = jwt.decode(fresh.json()["access_token"], TEST_SECRET, algorithms=["HS256"])
    assert claims["role"] == str(manager.id)
    assert claims["rank"] == manager.rank


async def test_unrelated_change_keeps_refresh_tokens(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Renaming a user leaves their refresh tokens working (revocation is targeted)."""
    staff = await make_staff("salesperson", email="renamed@example.com")
    pair = await login_ok(client, "renamed@example.com")
    response = await patch_user(client, owner, staff.id, {"full_name": "New Name"})
    assert response.status_code == 200, response.text
    assert (await refresh(client, pair["refresh_token"])).status_code == 200


async def test_concurrent_refreshes_let_exactly_one_win(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Two simultaneous refreshes with one token: exactly one gets a pair, the other 401."""
    pair = await login_ok(client, "owner@example.com")
    responses = await asyncio.gather(
        refresh(client, pair["refresh_token"]), refresh(client, pair["refresh_token"])
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200, 401], [r.text for r in responses]
    loser = next(r for r in responses if r.status_code == 401)
    assert_unauthenticated(loser)
    assert_unauthenticated(await refresh(client, pair["refresh_token"]))
