"""Access ends at once: deactivation, a role change, a password change, sign-out and a
reused refresh token take effect on the next request, in this process and in another
server process sharing the database (ARCHITECTURE §3, domain/access/auth_sessions.py)."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from jose import jwt

from tests.conftest import PASSWORD, TEST_SECRET, MakeStaff, Staff
from tests.helpers import (
    assert_unauthenticated,
    login_ok,
    me,
    patch_user,
    refresh,
    role_id,
)

USERS = "/api/v1/users"
CONTACTS = "/api/v1/contacts"
EXPORT = "/api/v1/contacts/export"
NEW_PASSWORD = "violet-harbour-lantern-58"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# Each cause, done by the Owner `admin` (or the user) to the salesperson signed in with
# `tokens`, through `client`.
Cause = Callable[[httpx.AsyncClient, Staff, Staff, dict[str, Any]], Awaitable[None]]


async def deactivate(
    client: httpx.AsyncClient, admin: Staff, user: Staff, _tokens: dict[str, Any]
) -> None:
    response = await patch_user(client, admin, user.id, {"is_active": False})
    assert response.status_code == 200, response.text


async def demote(
    client: httpx.AsyncClient, admin: Staff, user: Staff, _tokens: dict[str, Any]
) -> None:
    response = await patch_user(client, admin, user.id, {"role_id": role_id("salesperson")})
    assert response.status_code == 200, response.text


async def change_password(
    client: httpx.AsyncClient, admin: Staff, user: Staff, _tokens: dict[str, Any]
) -> None:
    response = await patch_user(client, admin, user.id, {"password": NEW_PASSWORD})
    assert response.status_code == 200, response.text


async def sign_out(
    client: httpx.AsyncClient, _admin: Staff, _user: Staff, tokens: dict[str, Any]
) -> None:
    response = await client.post(
        "/api/v1/auth/logout", json={"refresh_token": tokens["refresh_token"]}
    )
    assert response.status_code == 204, response.text


async def reuse_refresh_token(
    client: httpx.AsyncClient, _admin: Staff, _user: Staff, tokens: dict[str, Any]
) -> None:
    # Rotated once (the thief's copy), then presented again: the sign-in is revoked.
    assert (await refresh(client, tokens["refresh_token"])).status_code == 200
    assert_unauthenticated(await refresh(client, tokens["refresh_token"]))


CAUSES: dict[str, Cause] = {
    "deactivation": deactivate,
    "demotion": demote,
    "password-change": change_password,
    "sign-out": sign_out,
    "refresh-reuse": reuse_refresh_token,
}


@pytest.mark.parametrize("cause", CAUSES.values(), ids=CAUSES.keys())
async def test_access_ends_on_the_next_request(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, cause: Cause
) -> None:
    """An access token that worked a moment ago is refused (401, invalid_token) on the
    very next request after the cause: reads, writes and the export alike."""
    user = await make_staff("advanced_access")
    tokens = await login_ok(client, user.user.email)
    headers = bearer(tokens["access_token"])
    assert (await client.get(CONTACTS, headers=headers)).status_code == 200

    await cause(client, owner, user, tokens)

    for response in (
        await client.get(CONTACTS, headers=headers),
        await client.get(EXPORT, headers=headers),
        await client.post(CONTACTS, json={"last_name": "Late"}, headers=headers),
    ):
        assert_unauthenticated(response)
        assert "invalid_token" in response.headers["WWW-Authenticate"]


async def test_other_sign_ins_outlive_a_sign_out(
    client: httpx.AsyncClient, make_staff: MakeStaff
) -> None:
    """Signing out ends that sign-in only: the same user's other device keeps working."""
    user = await make_staff("salesperson")
    phone = await login_ok(client, user.user.email)
    laptop = await login_ok(client, user.user.email)
    await sign_out(client, user, user, phone)
    assert_unauthenticated(await me(client, phone["access_token"]))
    assert (await me(client, laptop["access_token"])).status_code == 200


async def test_renaming_a_user_keeps_their_access(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A change that touches no claim (the name) leaves access tokens working."""
    user = await make_staff("salesperson")
    tokens = await login_ok(client, user.user.email)
    response = await patch_user(client, owner, user.id, {"full_name": "Renamed Person"})
    assert response.status_code == 200, response.text
    assert (await me(client, tokens["access_token"])).status_code == 200


async def test_reactivation_does_not_revive_old_tokens(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A deactivated user made active again must sign in again: the access and refresh
    tokens from before stay dead."""
    user = await make_staff("salesperson")
    tokens = await login_ok(client, user.user.email)
    await deactivate(client, owner, user, tokens)
    response = await patch_user(client, owner, user.id, {"is_active": True})
    assert response.status_code == 200, response.text
    assert_unauthenticated(await me(client, tokens["access_token"]))
    assert_unauthenticated(await refresh(client, tokens["refresh_token"]))
    assert (
        await me(client, (await login_ok(client, user.user.email))["access_token"])
    ).status_code == 200


def _claims(staff: Staff, **overrides: Any) -> dict[str, Any]:
    claims: dict[str, Any] = jwt.get_unverified_claims(staff.token)
    claims.update(overrides)
    return claims


async def test_a_token_for_a_user_that_does_not_exist_is_refused(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A validly signed token naming an unknown user id (with a live sign-in's id) is 401."""
    token = jwt.encode(_claims(owner, sub=str(uuid.uuid4())), TEST_SECRET, algorithm="HS256")
    assert_unauthenticated(await me(client, token))


async def test_a_token_naming_an_unknown_sign_in_is_refused(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A validly signed token whose sign-in (`sid`) was never made is 401."""
    token = jwt.encode(_claims(owner, sid=str(uuid.uuid4())), TEST_SECRET, algorithm="HS256")
    assert_unauthenticated(await me(client, token))


async def test_a_token_issued_in_the_future_is_refused(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A validly signed token whose `iat` lies in the future (beyond clock skew) is 401."""
    later = datetime.now(UTC) + timedelta(hours=1)
    claims = _claims(
        owner,
        iat=int(later.timestamp()),
        exp=int((later + timedelta(minutes=15)).timestamp()),
    )
    assert_unauthenticated(await me(client, jwt.encode(claims, TEST_SECRET, algorithm="HS256")))


async def test_a_token_without_a_sign_in_is_refused(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A token as issued before sign-ins were tracked (no `sid`, no `sv`) is 401: its
    holder refreshes or signs in again."""
    claims = _claims(owner)
    del claims["sid"], claims["sv"]
    assert_unauthenticated(await me(client, jwt.encode(claims, TEST_SECRET, algorithm="HS256")))


# --- Two server processes sharing one database -------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    url: str
    process: asyncio.subprocess.Process
    log: Path


async def _start_server(database_url: str, log: Path) -> Server:
    """`uvicorn api.main:app` on a free port over the test database, as deployed."""
    port = _free_port()
    env = {
        **os.environ,
        "CRM_DATABASE_URL": database_url,
        "CRM_JWT_SECRET": TEST_SECRET,
        "CRM_WEB_DIR": "",
        "CRM_LOG_LEVEL": "WARNING",
    }
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *("-m", "uvicorn", "api.main:app", "--port", str(port), "--no-access-log"),
            env=env,
            stdout=output,
            stderr=asyncio.subprocess.STDOUT,
        )
    server = Server(f"http://127.0.0.1:{port}", process, log)
    async with httpx.AsyncClient() as probe:
        for _ in range(400):
            if process.returncode is not None:
                break
            try:
                if (await probe.get(f"{server.url}/healthz")).status_code == 200:
                    return server
            except httpx.TransportError:
                await asyncio.sleep(0.05)
    await _stop(server)
    raise AssertionError(f"the server did not start: {await asyncio.to_thread(log.read_text)}")


async def _stop(server: Server) -> None:
    if server.process.returncode is None:
        server.process.terminate()
        try:
            await asyncio.wait_for(server.process.wait(), 10)
        except TimeoutError:
            server.process.kill()
            await server.process.wait()


@pytest.fixture
async def two_servers(
    database_url: str, tmp_path: Path
) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient]]:
    servers = await asyncio.gather(
        _start_server(database_url, tmp_path / "a.log"),
        _start_server(database_url, tmp_path / "b.log"),
    )
    try:
        async with (
            httpx.AsyncClient(base_url=servers[0].url, timeout=30) as a,
            httpx.AsyncClient(base_url=servers[1].url, timeout=30) as b,
        ):
            yield a, b
    finally:
        await asyncio.gather(*(_stop(server) for server in servers))


@pytest.mark.parametrize("cause", CAUSES.values(), ids=CAUSES.keys())
async def test_access_ends_on_the_next_request_to_another_process(
    two_servers: tuple[httpx.AsyncClient, httpx.AsyncClient],
    owner: Staff,
    make_staff: MakeStaff,
    cause: Cause,
) -> None:
    """Server B has just let a token in (and kept what it read); the cause happens through
    server A; B's very next request with that token is refused."""
    a, b = two_servers
    user = await make_staff("advanced_access")
    tokens = await login_ok(a, user.user.email, PASSWORD)
    headers = bearer(tokens["access_token"])
    for _ in range(3):
        assert (await b.get(CONTACTS, headers=headers)).status_code == 200

    await cause(a, owner, user, tokens)

    assert_unauthenticated(await b.get(CONTACTS, headers=headers))
    assert_unauthenticated(await b.get(EXPORT, headers=headers))
