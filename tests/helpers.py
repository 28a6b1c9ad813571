"""Helpers the API tests share: problem checks, sign-in and token calls, custom roles,
reading and paging resources. Fixtures stay in conftest.py."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import select

from domain.access.levels import AccessMatrix
from domain.access.roles import (
    RECORD_PERMISSION_SET,
    TEMPLATES_BY_KEY,
    Permission,
    Role,
    legacy_access,
)
from persistence import deal_totals
from persistence.database import Database
from persistence.uow import SqlUnitOfWork
from tests.conftest import PASSWORD, MakeStaff, MakeTeam, Staff

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
    responses: Sequence[httpx.Response],
    won: int,
    lost: int | tuple[int, ...],
    field: str | None = None,
) -> None:
    """Asserts exactly one response has status `won` and every other is a problem of
    `lost` (or of any one of several statuses `lost` names)."""
    losing = (lost,) if isinstance(lost, int) else lost
    winners = [r for r in responses if r.status_code == won]
    assert len(winners) == 1, [r.text for r in responses]
    for response in responses:
        if response is not winners[0]:
            assert response.status_code in losing, response.text
            assert_problem(response, response.status_code, field)


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


def custom_role(
    name: str,
    rank: int,
    scope: str,
    *permissions: Permission,
    access: AccessMatrix | None = None,
) -> Role:
    """A new custom (non-template) role with the given rank and permissions. Its access is
    `access`, or else `scope` (own/team/all) for reading and writing every kind of record
    the permissions name, as roles had before access levels per kind."""
    held = frozenset(permissions)
    return Role(
        id=uuid.uuid4(),
        name=name,
        rank=rank,
        access=access if access is not None else legacy_access(scope, held),
        grants=held - RECORD_PERMISSION_SET,
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
    client: httpx.AsyncClient,
    staff: Staff,
    url: str,
    body: dict[str, Any],
    times: int = 3,
    headers: dict[str, str] | None = None,
) -> list[httpx.Response]:
    """POSTs `body` to `url` as `staff` `times` times concurrently, with any extra
    `headers`; returns the responses."""
    sent = {**staff.headers, **(headers or {})}
    calls = (client.post(url, json=body, headers=sent) for _ in range(times))
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


# --- Customer records: contacts, companies, custom fields ----------------------------------

CONTACTS = f"{API}/contacts"
COMPANIES = f"{API}/companies"
CUSTOM_FIELDS = f"{API}/custom-fields"


def is_postgres(database: Database) -> bool:
    """Whether this test runs on the PostgreSQL backend."""
    return database.url.startswith("postgresql")


def if_match(staff: Staff, version: int | str) -> dict[str, str]:
    """`staff`'s headers with `If-Match` for `version` (a number or a ready ETag)."""
    tag = version if isinstance(version, str) else f'"{version}"'
    return {**staff.headers, "If-Match": tag}


async def create_ok(
    client: httpx.AsyncClient, staff: Staff, collection: str, body: dict[str, Any]
) -> dict[str, Any]:
    """POSTs `body` to `collection` as `staff`, asserting 201 with Location and ETag "1"."""
    response = await client.post(collection, json=body, headers=staff.headers)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    assert response.headers["location"] == f"{collection}/{created['id']}"
    assert response.headers["etag"] == '"1"'
    return created


async def create_contact(client: httpx.AsyncClient, staff: Staff, **fields: Any) -> dict[str, Any]:
    """Creates a contact as `staff` (a last name is made up unless given); returns it."""
    body = {"last_name": f"Person {uuid.uuid4().hex[:6]}", **fields}
    return await create_ok(client, staff, CONTACTS, body)


async def create_company(client: httpx.AsyncClient, staff: Staff, **fields: Any) -> dict[str, Any]:
    """Creates a company as `staff` (a name is made up unless given); returns it."""
    body = {"name": f"Company {uuid.uuid4().hex[:6]}", **fields}
    return await create_ok(client, staff, COMPANIES, body)


async def define_field(
    client: httpx.AsyncClient,
    staff: Staff,
    entity: str,
    key: str,
    type_: str,
    **extra: Any,
) -> dict[str, Any]:
    """Defines a custom field as `staff`, asserting 201; returns the definition."""
    body = {"entity": entity, "key": key, "label": key.replace("_", " ").title(), "type": type_}
    return await create_ok(client, staff, CUSTOM_FIELDS, {**body, **extra})


async def list_ids(client: httpx.AsyncClient, staff: Staff, url: str, **params: Any) -> list[str]:
    """The ids on the first page (limit 200) of the list at `url` as `staff`, asserting 200."""
    response = await client.get(url, params={"limit": 200, **params}, headers=staff.headers)
    assert response.status_code == 200, response.text
    assert response.json()["next_cursor"] is None
    return [item["id"] for item in response.json()["items"]]


# The roles a record-scope matrix runs as, and whose records it tries.
SCOPE_ROLES = ["owner", "senior_manager", "manager", "salesperson", "storekeeper"]
WHOSE = ["own", "teammate", "stranger"]


@dataclass
class ScopeWorld:
    """The actor sits in team Alpha with a Salesperson teammate; a Salesperson of team
    Bravo is the stranger. Each of the three owns one company and one contact of it; every
    contact's last name is `Scopeson` and every company's name starts with `Scopeco`."""

    actor: Staff
    teammate: Staff
    stranger: Staff
    companies: dict[str, dict[str, Any]]
    contacts: dict[str, dict[str, Any]]


async def build_scope_world(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    role: str,
) -> ScopeWorld:
    """Seeds a ScopeWorld for an actor of template `role`; the Owner hands out records."""
    alpha, bravo = await make_team("Alpha"), await make_team("Bravo")
    staff = {
        "own": await make_staff(role, team=alpha),
        "teammate": await make_staff("salesperson", team=alpha),
        "stranger": await make_staff("salesperson", team=bravo),
    }
    companies, contacts = {}, {}
    for whose, member in staff.items():
        companies[whose] = await create_company(
            client, owner, name=f"Scopeco {whose}", owner_id=member.id
        )
        contacts[whose] = await create_contact(
            client,
            owner,
            first_name=whose.title(),
            last_name="Scopeson",
            company_id=companies[whose]["id"],
            owner_id=member.id,
        )
    return ScopeWorld(staff["own"], staff["teammate"], staff["stranger"], companies, contacts)


async def deal_totals_kept(
    database: Database, rebuilt: bool = False
) -> dict[str, set[tuple[Any, ...]]]:
    """Every running deal total that is not zero, as kept, or as summed afresh from the
    deals and their history (in a transaction rolled back)."""
    async with database.sessions() as session:
        if rebuilt:
            await deal_totals.rebuild(session)
        found = {}
        for table in deal_totals.TABLES.values():
            rows = (await session.execute(select(table))).mappings().all()
            measures = deal_totals.MEASURES[table.name]
            found[table.name] = {
                tuple(r[c.name] for c in table.columns) for r in rows if any(r[m] for m in measures)
            }
        await session.rollback()
    return found


# procrastinate's statuses (PostgreSQL) by the names of the `jobs` table's (SQLite).
_QUEUE_STATUSES = {"todo": "queued", "doing": "running", "succeeded": "done", "failed": "failed"}


async def job_outcomes(database: Database) -> list[tuple[str, int]]:
    """Each queued job's status and runs, in the order queued, whichever queue the
    database has: the `jobs` table on SQLite, procrastinate's on PostgreSQL (where a
    finished job's `attempts` counts its runs); the minute's periodic tasks left out."""
    from sqlalchemy import text

    from persistence.database import is_sqlite
    from persistence.jobs import QUEUE, JobRow

    async with database.engine.connect() as connection:
        if is_sqlite(database.url):
            statement = select(JobRow.status, JobRow.attempts).order_by(JobRow.created_at)
            return [(status, attempts) for status, attempts in await connection.execute(statement)]
        rows = await connection.execute(
            text(
                "SELECT status::text, attempts FROM procrastinate_jobs"
                " WHERE queue_name = :queue ORDER BY id"
            ),
            {"queue": QUEUE},
        )
        return [(_QUEUE_STATUSES.get(status, status), attempts) for status, attempts in rows]
