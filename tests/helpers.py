"""Helpers the API tests share: problem checks, sign-in and token calls, custom roles,
reading and paging resources. Fixtures stay in conftest.py."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from typing import Any

import httpx

from domain.roles import TEMPLATES_BY_KEY, Permission, RecordScope, Role
from persistence.database import Database
from persistence.uow import SqlUnitOfWork
from tests.conftest import PASSWORD, Staff

API = "/api/v1"
USERS = f"{API}/users"
TOKEN_URL = f"{API}/auth/token"
REFRESH_URL = f"{API}/auth/refresh"
LOGOUT_URL = f"{API}/auth/logout"
ME_URL = f"{API}/auth/me"
PROBLEM = "application/problem+json"
# A password strong enough for the password policy, other than conftest's PASSWORD.
NEW_PASSWORD = "Tr0ub4dour-quartz-lantern"


# --- Problems ------------------------------------------------------------------------------


def assert_problem(response: httpx.Response, status: int, field: str | None = None) -> None:
    """Asserts an RFC 9457 problem of `status`, naming `field` among its errors if given."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    assert {"type", "title", "status", "detail", "errors"} <= set(body)
    if field is not None:
        assert field in [error["field"] for error in body["errors"]], body


def assert_unauthenticated(response: httpx.Response) -> None:
    """Asserts a 401 problem with a documented type that asks for a bearer token."""
    assert_problem(response, 401)
    assert response.headers["www-authenticate"].startswith("Bearer")
    body = response.json()
    assert body["type"].startswith("https://")
    assert body["title"]


def assert_created(response: httpx.Response, collection: str, fields: set[str]) -> dict[str, Any]:
    """Asserts a 201 of exactly `fields`, located under `collection`, ETag "1"; returns it."""
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == fields
    assert response.headers["location"] == f"{collection}/{body['id']}"
    assert response.headers["etag"] == '"1"'
    return body


def assert_one_wins(
    responses: Sequence[httpx.Response], won: int, lost: int, field: str | None = None
) -> None:
    """Asserts exactly one response has status `won` and every other is a `lost` problem."""
    statuses = sorted(r.status_code for r in responses)
    expected = sorted([won] + [lost] * (len(responses) - 1))
    assert statuses == expected, [r.text for r in responses]
    for response in responses:
        if response.status_code == lost:
            assert_problem(response, lost, field)


# --- Sign-in and tokens --------------------------------------------------------------------


def bearer(access_token: str) -> dict[str, str]:
    """The Authorization header carrying `access_token`."""
    return {"Authorization": f"Bearer {access_token}"}


async def login(client: httpx.AsyncClient, email: str, password: str = PASSWORD) -> httpx.Response:
    """Posts the sign-in form and returns the response, whatever its status."""
    return await client.post(TOKEN_URL, data={"username": email, "password": password})


async def login_ok(
    client: httpx.AsyncClient, email: str, password: str = PASSWORD
) -> dict[str, Any]:
    """Signs in, asserting 200, and returns the token pair."""
    response = await login(client, email, password)
    assert response.status_code == 200, response.text
    tokens: dict[str, Any] = response.json()
    return tokens


async def refresh(client: httpx.AsyncClient, refresh_token: str) -> httpx.Response:
    """Presents `refresh_token` to /auth/refresh and returns the response."""
    return await client.post(REFRESH_URL, json={"refresh_token": refresh_token})


async def me(client: httpx.AsyncClient, access_token: str) -> httpx.Response:
    """Calls /auth/me with `access_token` as the bearer token."""
    return await client.get(ME_URL, headers=bearer(access_token))


# --- Roles ---------------------------------------------------------------------------------


def role_id(key: str) -> str:
    """The id of the role template `key`, as the API writes it."""
    return str(TEMPLATES_BY_KEY[key].id)


def custom_role(name: str, rank: int, scope: RecordScope, *permissions: Permission) -> Role:
    """A new custom (non-template) role with the given rank, scope and permissions."""
    return Role(
        id=uuid.uuid4(),
        name=name,
        rank=rank,
        scope=scope,
        permissions=frozenset(permissions),
        description="",
        template_key=None,
    )


async def store_role(database: Database, role: Role) -> Role:
    """Stores a role directly, past the API's rank and permission checks, and returns it."""
    async with SqlUnitOfWork(database.sessions()) as uow:
        await uow.roles.add(role)
        await uow.commit()
    return role


# --- Resources -----------------------------------------------------------------------------


async def read_ok(client: httpx.AsyncClient, staff: Staff, url: str) -> dict[str, Any]:
    """GETs `url` as `staff`, asserting 200, and returns the body."""
    response = await client.get(url, headers=staff.headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def post_at_once(
    client: httpx.AsyncClient, staff: Staff, url: str, body: dict[str, Any], times: int = 3
) -> list[httpx.Response]:
    """POSTs `body` to `url` as `staff` `times` times concurrently; returns the responses."""
    calls = (client.post(url, json=body, headers=staff.headers) for _ in range(times))
    return list(await asyncio.gather(*calls))


async def patch_user(
    client: httpx.AsyncClient, actor: Staff, user_id: str, change: dict[str, Any]
) -> httpx.Response:
    """PATCHes /users/{user_id} with `change` as `actor` and returns the response."""
    return await client.patch(f"{USERS}/{user_id}", json=change, headers=actor.headers)


async def walk(
    client: httpx.AsyncClient,
    url: str,
    headers: dict[str, str],
    params: dict[str, Any],
    key: str = "id",
) -> list[list[Any]]:
    """Every page of a cursor-paged list for the query, as lists of each item's `key`."""
    pages: list[list[Any]] = []
    cursor: str | None = None
    while True:
        query = {**params, **({"cursor": cursor} if cursor else {})}
        response = await client.get(url, params=query, headers=headers)
        assert response.status_code == 200, response.text
        body = response.json()
        assert set(body) == {"items", "next_cursor"}
        pages.append([item[key] for item in body["items"]])
        cursor = body["next_cursor"]
        if cursor is None:
            return pages
        assert len(pages) < 20, "pagination does not end"
