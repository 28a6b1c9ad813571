"""Every role template against every user, team, role and auth endpoint (and the
webhooks' list and create, which settings:manage opens).

The expectations are written out by hand from the issue's rules, not derived from the
code under test. Access is read/write per kind of record; users and teams are
administered as far as the role WRITES records at its widest (its reach):
- Owner (100) and Full access (90) hold every permission and read and write all.
- Advanced access (70, all/all) has users:read but neither users:manage nor roles:manage.
- Senior manager (50) reads all contacts and companies and writes its team's; deals,
  interactions, tasks and requests team/team: reach team. It has users:read and
  users:manage, no roles:manage.
- Manager (30) and Salesperson (20) read all contacts and companies and write their own;
  the rest own/own: reach own, which for users means themselves. users:read only.
- Storekeeper (10) reads all contacts and companies and writes nothing; it holds only
  contacts:read and companies:read.
- Teams are shaped only with users:manage AND reach all; roles only with roles:manage.
- Missing permission (or rank) answers 403; a record out of reach 404; no token 401.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from jose import jwt

from domain.access.levels import AccessLevel, Action
from domain.access.roles import TEMPLATES_BY_KEY, Permission, Role
from domain.access.teams import Team
from persistence.database import Database
from tests.conftest import TEST_SECRET, MakeStaff, MakeTeam, Staff
from tests.helpers import (
    API,
    NEW_PASSWORD,
    assert_problem,
    assert_unauthenticated,
    bearer,
    custom_role,
    role_id,
    store_role,
)

ROLE_KEYS = [
    "owner",
    "full_access",
    "advanced_access",
    "senior_manager",
    "manager",
    "salesperson",
    "storekeeper",
]


@dataclass
class World:
    """The actor sits in team Alpha with a Salesperson teammate; a Salesperson of team
    Bravo is a stranger; team Charlie is empty; a custom role of rank 5 exists."""

    actor: Staff
    teammate: Staff
    stranger: Staff
    empty_team: Team
    custom_role: Role


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # formatted with the World's ids
    body: dict[str, Any] | None = None

    def url(self, world: World | None) -> str:
        if world is None:
            ids = {k: str(uuid.uuid4()) for k in ("teammate", "stranger", "team", "role")}
        else:
            ids = {
                "teammate": world.teammate.id,
                "stranger": world.stranger.id,
                "team": str(world.empty_team.id),
                "role": str(world.custom_role.id),
            }
        return API + self.path.format(**ids)


ENDPOINTS: dict[str, Endpoint] = {
    "auth_me": Endpoint("GET", "/auth/me"),
    "users_list": Endpoint("GET", "/users"),
    "users_create": Endpoint(
        "POST",
        "/users",
        {
            "email": "matrix.new@example.com",
            "full_name": "Matrix Newcomer",
            "password": NEW_PASSWORD,
            "role_id": role_id("salesperson"),
        },
    ),
    "users_get_teammate": Endpoint("GET", "/users/{teammate}"),
    "users_get_other_team": Endpoint("GET", "/users/{stranger}"),
    "users_patch_teammate": Endpoint("PATCH", "/users/{teammate}", {"full_name": "Changed Name"}),
    "users_patch_other_team": Endpoint("PATCH", "/users/{stranger}", {"full_name": "Changed Name"}),
    "api_keys_list": Endpoint("GET", "/api-keys"),
    "api_keys_create": Endpoint(
        "POST", "/api-keys", {"name": "Matrix key", "role_id": role_id("salesperson")}
    ),
    "webhooks_list": Endpoint("GET", "/webhooks"),
    "webhooks_create": Endpoint("POST", "/webhooks", {"url": "https://93.184.215.14/matrix"}),
    "teams_list": Endpoint("GET", "/teams"),
    "teams_get": Endpoint("GET", "/teams/{team}"),
    "teams_create": Endpoint("POST", "/teams", {"name": "Delta"}),
    "teams_patch": Endpoint("PATCH", "/teams/{team}", {"name": "Charlie renamed"}),
    "teams_delete": Endpoint("DELETE", "/teams/{team}"),
    "roles_list": Endpoint("GET", "/roles"),
    "roles_get": Endpoint("GET", "/roles/{role}"),
    "roles_create": Endpoint(
        "POST",
        "/roles",
        {
            "name": "Matrix new role",
            "rank": 4,
            "access": {"contacts": {"read": "own", "write": "none"}},
            "permissions": [],
        },
    ),
    "roles_patch": Endpoint("PATCH", "/roles/{role}", {"description": "changed"}),
    "roles_delete": Endpoint("DELETE", "/roles/{role}"),
    # Upserts by external id of a pair no record holds: creates, as the integrations do.
    "contacts_upsert": Endpoint(
        "PUT", "/contacts/by-external-id/matrix/C-1", {"last_name": "Upsertson"}
    ),
    "contacts_upsert_batch": Endpoint(
        "POST",
        "/contacts/by-external-id",
        {"items": [{"source": "matrix", "external_id": "C-2", "fields": {"last_name": "B"}}]},
    ),
    "deals_upsert": Endpoint("PUT", "/deals/by-external-id/matrix/D-1", {"title": "Upserted"}),
}

# Columns: owner, full_access, advanced_access, senior_manager, manager, salesperson,
# storekeeper.
EXPECTED: dict[str, tuple[int, int, int, int, int, int, int]] = {
    # Everyone may read who they are.
    "auth_me": (200, 200, 200, 200, 200, 200, 200),
    # users:read needed; Storekeeper lacks it.
    "users_list": (200, 200, 200, 200, 200, 200, 403),
    # users:manage needed; a Salesperson ranks below everyone who holds it.
    "users_create": (201, 201, 403, 201, 403, 403, 403),
    # Teammate: within reach for all/team; own sees only oneself (404); no users:read is 403.
    "users_get_teammate": (200, 200, 200, 200, 404, 404, 403),
    # Another team: only reach all sees it.
    "users_get_other_team": (200, 200, 200, 404, 404, 404, 403),
    # Editing needs users:manage (Advanced access lacks it: 403) and reach.
    "users_patch_teammate": (200, 200, 403, 200, 404, 404, 403),
    "users_patch_other_team": (200, 200, 403, 404, 404, 404, 403),
    # API keys are administered with users:manage, under the same rank rule as users.
    "api_keys_list": (200, 200, 403, 200, 403, 403, 403),
    "api_keys_create": (201, 201, 403, 201, 403, 403, 403),
    # Webhooks are the company's set-up: settings:manage, which the administrators hold.
    "webhooks_list": (200, 200, 200, 403, 403, 403, 403),
    "webhooks_create": (201, 201, 201, 403, 403, 403, 403),
    # Teams: anyone reads; writes need users:manage and reach all.
    "teams_list": (200, 200, 200, 200, 200, 200, 200),
    "teams_get": (200, 200, 200, 200, 200, 200, 200),
    "teams_create": (201, 201, 403, 403, 403, 403, 403),
    "teams_patch": (200, 200, 403, 403, 403, 403, 403),
    "teams_delete": (204, 204, 403, 403, 403, 403, 403),
    # Roles: anyone reads; writes need roles:manage and a rank above the role.
    "roles_list": (200, 200, 200, 200, 200, 200, 200),
    "roles_get": (200, 200, 200, 200, 200, 200, 200),
    "roles_create": (201, 201, 403, 403, 403, 403, 403),
    "roles_patch": (200, 200, 403, 403, 403, 403, 403),
    "roles_delete": (204, 204, 403, 403, 403, 403, 403),
    # A create needs the kind's write permission, which only the Storekeeper lacks.
    "contacts_upsert": (201, 201, 201, 201, 201, 201, 403),
    "contacts_upsert_batch": (200, 200, 200, 200, 200, 200, 403),
    "deals_upsert": (201, 201, 201, 201, 201, 201, 403),
}

# Who may create a user of which template (POST /users), or an API key of that role (POST
# /api-keys: the same rules), by the no-escalation rules:
# rank strictly below, only permissions held, access no wider for any kind and action,
# and users:manage at all.
# Rows: actor; columns in ROLE_KEYS order.
GRANTS: dict[str, tuple[int, int, int, int, int, int, int]] = {
    "owner": (403, 201, 201, 201, 201, 201, 201),
    "full_access": (403, 403, 201, 201, 201, 201, 201),
    "advanced_access": (403, 403, 403, 403, 403, 403, 403),
    # Storekeeper reads all contacts and companies, as the Senior manager does, and
    # writes nothing: grantable (it used to see `all`, wider than `team`).
    "senior_manager": (403, 403, 403, 403, 201, 201, 201),
    "manager": (403, 403, 403, 403, 403, 403, 403),
    "salesperson": (403, 403, 403, 403, 403, 403, 403),
    "storekeeper": (403, 403, 403, 403, 403, 403, 403),
}

CASES = [
    pytest.param(role, name, EXPECTED[name][i], id=f"{role}-{name}")
    for name in ENDPOINTS
    for i, role in enumerate(ROLE_KEYS)
]
GRANT_CASES = [
    pytest.param(actor, target, GRANTS[actor][i], id=f"{actor}-creates-{target}")
    for actor in ROLE_KEYS
    for i, target in enumerate(ROLE_KEYS)
]


def test_tables_cover_every_endpoint_and_role() -> None:
    """The expectation tables have a row per endpoint/actor and a column per template."""
    assert set(EXPECTED) == set(ENDPOINTS)
    assert set(GRANTS) == set(ROLE_KEYS) == set(TEMPLATES_BY_KEY)
    assert all(len(row) == len(ROLE_KEYS) for row in [*EXPECTED.values(), *GRANTS.values()])


async def build_world(
    role: str, database: Database, make_staff: MakeStaff, make_team: MakeTeam
) -> World:
    alpha, bravo, charlie = (
        await make_team("Alpha"),
        await make_team("Bravo"),
        await make_team("Charlie"),
    )
    custom = await store_role(
        database, custom_role("Matrix role", 5, AccessLevel.OWN, Permission.CONTACTS_READ)
    )
    return World(
        actor=await make_staff(role, team=alpha),
        teammate=await make_staff("salesperson", team=alpha),
        stranger=await make_staff("salesperson", team=bravo),
        empty_team=charlie,
        custom_role=custom,
    )


async def call(
    client: httpx.AsyncClient,
    endpoint: Endpoint,
    world: World | None,
    headers: dict[str, str],
) -> httpx.Response:
    return await client.request(
        endpoint.method, endpoint.url(world), json=endpoint.body, headers=headers
    )


@pytest.mark.parametrize(("role", "name", "expected"), CASES)
async def test_role_on_endpoint(
    client: httpx.AsyncClient,
    database: Database,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    role: str,
    name: str,
    expected: int,
) -> None:
    """Each template gets exactly the status the rules give it on each endpoint."""
    world = await build_world(role, database, make_staff, make_team)
    response = await call(client, ENDPOINTS[name], world, world.actor.headers)
    assert response.status_code == expected, response.text
    if expected >= 400:
        assert_problem(response, expected)


@pytest.mark.parametrize(("actor", "target", "expected"), GRANT_CASES)
async def test_who_may_create_whom(
    client: httpx.AsyncClient,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    actor: str,
    target: str,
    expected: int,
) -> None:
    """Creating a user of each template: allowed only below one's rank, within one's
    permissions and access (kind by kind, read and write); the new user lands in the
    creator's team unless the creator writes all records."""
    team = await make_team("Alpha")
    staff = await make_staff(actor, team=team)
    response = await client.post(
        f"{API}/users",
        json={
            "email": f"{target}.new@example.com",
            "full_name": "Granted Person",
            "password": NEW_PASSWORD,
            "role_id": role_id(target),
        },
        headers=staff.headers,
    )
    assert response.status_code == expected, response.text
    if expected == 201:
        assert response.json()["role"]["id"] == role_id(target)
        if TEMPLATES_BY_KEY[actor].access.widest(Action.WRITE) is not AccessLevel.ALL:
            assert response.json()["team_id"] == str(team.id)


@pytest.mark.parametrize(("actor", "target", "expected"), GRANT_CASES)
async def test_who_may_create_a_key_of_which_role(
    client: httpx.AsyncClient,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    actor: str,
    target: str,
    expected: int,
) -> None:
    """Creating an API key with each template: exactly as creating a user of it (the
    table above), the key landing in the creator's team unless they write all records."""
    team = await make_team("Alpha")
    staff = await make_staff(actor, team=team)
    response = await client.post(
        f"{API}/api-keys",
        json={"name": f"{target} integration", "role_id": role_id(target)},
        headers=staff.headers,
    )
    assert response.status_code == expected, response.text
    if expected == 201:
        assert response.json()["role"]["id"] == role_id(target)
        if TEMPLATES_BY_KEY[actor].access.widest(Action.WRITE) is not AccessLevel.ALL:
            assert response.json()["team_id"] == str(team.id)
    else:
        assert_problem(response, expected)


@pytest.mark.parametrize("name", list(ENDPOINTS))
async def test_every_endpoint_needs_a_token(client: httpx.AsyncClient, name: str) -> None:
    """Without a bearer token every endpoint is 401 with WWW-Authenticate, as a problem."""
    assert_unauthenticated(await call(client, ENDPOINTS[name], None, {}))


@pytest.mark.parametrize("name", list(ENDPOINTS))
async def test_every_endpoint_refuses_a_bad_token(
    client: httpx.AsyncClient, owner: Staff, name: str
) -> None:
    """A garbage, expired or foreign-signed token is 401 on every endpoint."""
    now = datetime.now(UTC)
    claims = jwt.get_unverified_claims(owner.token)
    expired = jwt.encode(
        {
            **claims,
            "iat": int((now - timedelta(hours=2)).timestamp()),
            "exp": int((now - timedelta(hours=1)).timestamp()),
        },
        TEST_SECRET,
        algorithm="HS256",
    )
    forged = jwt.encode(claims, "another-secret-that-is-long-enough-for-hs256", algorithm="HS256")
    for token in ("garbage", expired, forged):
        response = await call(client, ENDPOINTS[name], None, bearer(token))
        assert response.status_code == 401, (token, response.text)
