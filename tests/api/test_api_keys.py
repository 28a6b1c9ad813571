"""/api/v1/api-keys: integrations sign in with keys of their own role (issue 18).

A key is made by someone with users:manage under the users' no-escalation rules, its
secret shown once and stored only hashed; it is sent as a bearer token, acts as its
integration (the owner and the audited actor of what it does, within its role's scope),
and is refused from the very next request once revoked or expired."""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select, update

from domain.access.roles import Permission
from persistence.api_keys import ApiKeyRow
from persistence.database import Database
from tests.api.test_access_ends import two_servers  # noqa: F401 (a fixture, shared)
from tests.conftest import MakeStaff, MakeTeam, Staff
from tests.helpers import (
    API,
    CONTACTS,
    USERS,
    assert_created,
    assert_problem,
    assert_unauthenticated,
    bearer,
    custom_role,
    login,
    read_ok,
    role_id,
    store_role,
)

KEYS = f"{API}/api-keys"
AUDIT = f"{API}/audit-events"
EVENTS = f"{API}/events"
KEY_FIELDS = {
    "id",
    "name",
    "role",
    "team_id",
    "key_prefix",
    "status",
    "expires_at",
    "requests_per_minute",
    "revoked_at",
    "last_used_at",
    "last_used_address",
    "created_by",
    "created_at",
    "updated_at",
    "version",
}


async def create_key(
    client: httpx.AsyncClient, actor: Staff | dict[str, str], role: str, **extra: Any
) -> httpx.Response:
    """POSTs a key of template `role` as `actor` (a staff member or a key's headers)."""
    headers = actor.headers if isinstance(actor, Staff) else actor
    body = {"name": f"Integration {uuid.uuid4().hex[:6]}", "role_id": role_id(role), **extra}
    return await client.post(KEYS, json=body, headers=headers)


async def create_key_ok(
    client: httpx.AsyncClient, actor: Staff | dict[str, str], role: str, **extra: Any
) -> dict[str, Any]:
    """Creates a key, asserting 201 with the secret; returns the body."""
    response = await create_key(client, actor, role, **extra)
    body = assert_created(response, KEYS, KEY_FIELDS | {"key"})
    return body


async def test_a_key_is_created_shown_once_listed_and_signs_in_its_integration(
    client: httpx.AsyncClient, owner: Staff, database: Database
) -> None:
    """The create answer carries the key (prefixed, never stored in clear: only its
    SHA-256); reading and listing never show it again; the key signs in as its own
    integration with its role, and the integration is not listed among users nor can it
    sign in with a password."""
    created = await create_key_ok(client, owner, "manager", name="ERP sync")
    key = created["key"]
    assert key.startswith("crm_live_") and key.startswith(created["key_prefix"] + "_")
    assert created["name"] == "ERP sync"
    assert created["role"]["template_key"] == "manager"
    assert created["status"] == "active"
    assert created["created_by"] == owner.id
    assert created["last_used_at"] is None

    async with database.sessions() as session:
        row = await session.scalar(
            select(ApiKeyRow).where(ApiKeyRow.id == uuid.UUID(created["id"]))
        )
    assert row is not None
    assert row.secret_hash == hashlib.sha256(key.encode()).hexdigest()
    assert key not in row.secret_hash

    got = await read_ok(client, owner, f"{KEYS}/{created['id']}")
    assert set(got) == KEY_FIELDS and "key" not in got
    listed = await read_ok(client, owner, KEYS)
    assert [k["id"] for k in listed["items"]] == [created["id"]]
    assert "key" not in listed["items"][0]

    me = await client.get(f"{API}/auth/me", headers=bearer(key))
    assert me.status_code == 200, me.text
    assert me.json()["id"] == created["id"]
    assert me.json()["full_name"] == "ERP sync"
    assert me.json()["role"]["template_key"] == "manager"

    users = await read_ok(client, owner, USERS)
    assert created["id"] not in [u["id"] for u in users["items"]]
    account = await read_ok(client, owner, f"{USERS}/{created['id']}")
    refused = await login(client, account["email"], "anything at all, really")
    assert_problem(refused, 401)
    patched = await client.patch(
        f"{USERS}/{created['id']}",
        json={"password": "Tr0ub4dour-quartz-lantern"},
        headers=owner.headers,
    )
    assert_problem(patched, 409)


async def test_the_last_use_is_recorded_at_most_once_a_minute(
    client: httpx.AsyncClient, owner: Staff, database: Database
) -> None:
    """A request with the key sets its last-used time and address; another within the
    minute writes nothing; one after the minute moves it on."""
    created = await create_key_ok(client, owner, "manager")
    headers = bearer(created["key"])
    assert (await client.get(CONTACTS, headers=headers)).status_code == 200
    first = await read_ok(client, owner, f"{KEYS}/{created['id']}")
    assert first["last_used_at"] is not None
    assert first["last_used_address"] == "127.0.0.1"

    assert (await client.get(CONTACTS, headers=headers)).status_code == 200
    again = await read_ok(client, owner, f"{KEYS}/{created['id']}")
    assert again["last_used_at"] == first["last_used_at"]

    long_ago = datetime.now(UTC) - timedelta(minutes=5)
    async with database.sessions() as session, session.begin():
        await session.execute(
            update(ApiKeyRow)
            .where(ApiKeyRow.id == uuid.UUID(created["id"]))
            .values(last_used_at=long_ago)
        )
    assert (await client.get(CONTACTS, headers=headers)).status_code == 200
    later = await read_ok(client, owner, f"{KEYS}/{created['id']}")
    assert datetime.fromisoformat(later["last_used_at"]) > long_ago + timedelta(minutes=4)


async def test_a_revoked_key_answers_401_at_once(client: httpx.AsyncClient, owner: Staff) -> None:
    """Revoking takes effect on the very next request; the key stays listed as revoked,
    revoking again changes nothing, and a revoked key cannot be changed."""
    created = await create_key_ok(client, owner, "manager")
    headers = bearer(created["key"])
    assert (await client.get(CONTACTS, headers=headers)).status_code == 200

    revoked = await client.post(f"{KEYS}/{created['id']}/revoke", headers=owner.headers)
    assert revoked.status_code == 200, revoked.text
    assert revoked.json()["status"] == "revoked"
    assert revoked.json()["revoked_at"] is not None

    assert_unauthenticated(await client.get(CONTACTS, headers=headers))
    assert_unauthenticated(await client.get(f"{API}/auth/me", headers=headers))
    again = await client.post(f"{KEYS}/{created['id']}/revoke", headers=owner.headers)
    assert again.status_code == 200
    assert again.json()["revoked_at"] == revoked.json()["revoked_at"]
    changed = await client.patch(
        f"{KEYS}/{created['id']}", json={"expires_at": None}, headers=owner.headers
    )
    assert_problem(changed, 409)
    listed = await read_ok(client, owner, KEYS)
    assert [(k["id"], k["status"]) for k in listed["items"]] == [(created["id"], "revoked")]


async def test_revoking_or_demoting_a_key_applies_at_once_in_another_process(
    two_servers: tuple[httpx.AsyncClient, httpx.AsyncClient],  # noqa: F811
    owner: Staff,
) -> None:
    """Server B has just let a key in; its role is lowered through server A, and B's very
    next request acts with the new role; it is revoked through A, and B's very next
    request is refused: nothing about a key is kept in a process."""
    a, b = two_servers
    created = await create_key_ok(a, owner, "manager")
    headers = bearer(created["key"])
    for _ in range(3):
        assert (await b.get(CONTACTS, headers=headers)).status_code == 200
    assert (await b.post(CONTACTS, json={"last_name": "Ok"}, headers=headers)).status_code == 201

    url = f"{KEYS}/{created['id']}"
    demoted = await a.patch(url, json={"role_id": role_id("storekeeper")}, headers=owner.headers)
    assert demoted.status_code == 200, demoted.text
    assert_problem(await b.post(CONTACTS, json={"last_name": "No"}, headers=headers), 403)

    assert (await a.post(f"{url}/revoke", headers=owner.headers)).status_code == 200
    assert_unauthenticated(await b.get(CONTACTS, headers=headers))


async def test_an_expired_key_answers_401_at_once(
    client: httpx.AsyncClient, owner: Staff, database: Database
) -> None:
    """A key past its expiry is refused on the next request and shown as expired; moving
    its expiry on (or taking it away) lets it in again."""
    soon = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    created = await create_key_ok(client, owner, "manager", expires_at=soon)
    headers = bearer(created["key"])
    assert (await client.get(CONTACTS, headers=headers)).status_code == 200

    async with database.sessions() as session, session.begin():
        await session.execute(
            update(ApiKeyRow)
            .where(ApiKeyRow.id == uuid.UUID(created["id"]))
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    assert_unauthenticated(await client.get(CONTACTS, headers=headers))
    shown = await read_ok(client, owner, f"{KEYS}/{created['id']}")
    assert shown["status"] == "expired"

    renewed = await client.patch(
        f"{KEYS}/{created['id']}", json={"expires_at": None}, headers=owner.headers
    )
    assert renewed.status_code == 200, renewed.text
    assert renewed.json()["status"] == "active"
    assert (await client.get(CONTACTS, headers=headers)).status_code == 200


async def test_forged_or_unknown_keys_answer_401(client: httpx.AsyncClient, owner: Staff) -> None:
    """A key with a wrong secret, an unknown public id or a malformed shape is a 401
    problem asking for a bearer token, like a bad access token."""
    created = await create_key_ok(client, owner, "manager")
    key: str = created["key"]
    wrong_secret = key[:-4] + ("AAAA" if not key.endswith("AAAA") else "BBBB")
    unknown_id = "crm_live_aaaaaaaaaaaa_" + key.split("_", 3)[-1]
    for forged in (
        wrong_secret,
        unknown_id,
        "crm_live_",
        "crm_live_short_x",
        "crm_live_" + "a" * 300,
    ):
        assert_unauthenticated(await client.get(CONTACTS, headers=bearer(forged)))


async def test_a_key_cannot_create_or_manage_a_key_at_or_above_its_role(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A key holding users:manage (Full access) is bound by the rank rule: it cannot
    create a key of its own rank or above (403 naming role_id), nor change or revoke
    itself, but creates and revokes keys below it."""
    strong = await create_key_ok(client, owner, "full_access")
    as_key = bearer(strong["key"])
    for role in ("full_access", "owner"):
        refused = await create_key(client, as_key, role)
        assert_problem(refused, 403, "role_id")
    assert_problem(
        await client.patch(f"{KEYS}/{strong['id']}", json={"name": "Mine"}, headers=as_key), 403
    )
    assert_problem(await client.post(f"{KEYS}/{strong['id']}/revoke", headers=as_key), 403)

    weaker = await create_key_ok(client, as_key, "advanced_access")
    assert weaker["created_by"] == strong["id"]
    raised = await client.patch(
        f"{KEYS}/{weaker['id']}", json={"role_id": role_id("full_access")}, headers=as_key
    )
    assert_problem(raised, 403, "role_id")
    revoked = await client.post(f"{KEYS}/{weaker['id']}/revoke", headers=as_key)
    assert revoked.status_code == 200, revoked.text
    # Nothing was made past the rule: the Owner sees the two keys made legitimately.
    listed = await read_ok(client, owner, KEYS)
    assert {k["id"] for k in listed["items"]} == {strong["id"], weaker["id"]}


async def test_the_rank_rule_holds_for_people_creating_keys(
    client: httpx.AsyncClient, make_staff: MakeStaff, make_team: MakeTeam, database: Database
) -> None:
    """A Senior manager (users:manage, team reach) makes a Manager key, placed in their
    team; not a key of their own rank or above, nor one of a custom role with a
    permission they lack; without users:manage (a Manager) nothing is made (403)."""
    team = await make_team("North")
    senior = await make_staff("senior_manager", team=team)
    made = await create_key_ok(client, senior, "manager")
    assert made["team_id"] == str(team.id)
    for role in ("senior_manager", "full_access", "owner"):
        assert_problem(await create_key(client, senior, role), 403, "role_id")
    lacking = await store_role(
        database,
        custom_role("Importer", 25, "own", Permission.CONTACTS_READ, Permission.DATA_IMPORT),
    )
    refused = await client.post(
        KEYS, json={"name": "Importer", "role_id": str(lacking.id)}, headers=senior.headers
    )
    assert_problem(refused, 403, "role_id")

    manager = await make_staff("manager", team=team)
    assert_problem(await create_key(client, manager, "salesperson"), 403)
    assert_problem(await client.get(KEYS, headers=manager.headers), 403)


async def test_keys_outside_the_callers_reach_are_not_found(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """A team-reach administrator sees, changes and revokes only their team's keys:
    another team's key is 404 (as its users are), and is not listed."""
    north, south = await make_team("North"), await make_team("South")
    senior = await make_staff("senior_manager", team=north)
    ours = await create_key_ok(client, senior, "manager")
    theirs = await create_key_ok(client, owner, "manager", team_id=str(south.id))

    listed = await read_ok(client, senior, KEYS)
    assert [k["id"] for k in listed["items"]] == [ours["id"]]
    url = f"{KEYS}/{theirs['id']}"
    assert_problem(await client.get(url, headers=senior.headers), 404)
    assert_problem(await client.patch(url, json={"name": "x"}, headers=senior.headers), 404)
    assert_problem(await client.post(f"{url}/revoke", headers=senior.headers), 404)
    assert_problem(await client.get(f"{KEYS}/{uuid.uuid4()}", headers=owner.headers), 404)
    # Nor may they put a key in another team.
    placed = await create_key(client, senior, "manager", team_id=str(south.id))
    assert_problem(placed, 403, "team_id")


async def test_a_key_is_changed_its_new_role_applying_at_once(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """PATCH renames the key, changes its role (the next request acts with the new one)
    and honours If-Match; the ETag follows the version."""
    created = await create_key_ok(client, owner, "manager")
    headers = bearer(created["key"])
    assert (
        await client.post(CONTACTS, json={"last_name": "Ok"}, headers=headers)
    ).status_code == 201

    url = f"{KEYS}/{created['id']}"
    stale = await client.patch(
        url, json={"name": "x"}, headers={**owner.headers, "If-Match": '"7"'}
    )
    assert_problem(stale, 412)
    changed = await client.patch(
        url,
        json={"name": "Website form", "role_id": role_id("storekeeper")},
        headers={**owner.headers, "If-Match": '"1"'},
    )
    assert changed.status_code == 200, changed.text
    assert changed.headers["etag"] == '"2"'
    assert changed.json()["name"] == "Website form"
    assert changed.json()["role"]["template_key"] == "storekeeper"
    # The Storekeeper reads contacts but writes none.
    assert_problem(await client.post(CONTACTS, json={"last_name": "No"}, headers=headers), 403)
    assert (await client.get(CONTACTS, headers=headers)).status_code == 200


async def test_a_keys_writes_are_audited_as_its_integration(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A contact a key creates is owned by its integration; the audit trail and the
    change feed name the integration (its id, and its name) as the actor. The key's
    own creation and revocation are audited with the Owner as actor."""
    created = await create_key_ok(client, owner, "manager", name="Telephony")
    contact = await client.post(
        CONTACTS, json={"last_name": "Caller"}, headers=bearer(created["key"])
    )
    assert contact.status_code == 201, contact.text
    assert contact.json()["owner_id"] == created["id"]

    trail = await read_ok(client, owner, f"{AUDIT}?entity_id={contact.json()['id']}")
    assert [(e["action"], e["actor"]) for e in trail["items"]] == [
        ("created", {"id": created["id"], "name": "Telephony"})
    ]
    feed = await read_ok(client, owner, EVENTS)
    mine = [e for e in feed["items"] if e["entity_id"] == contact.json()["id"]]
    assert [e["actor_id"] for e in mine] == [created["id"]]

    await client.post(f"{KEYS}/{created['id']}/revoke", headers=owner.headers)
    history = await read_ok(client, owner, f"{AUDIT}?entity_id={created['id']}")
    actions = sorted((e["entity_type"], e["action"], e["actor"]["id"]) for e in history["items"])
    assert actions == [("api_key", "created", owner.id), ("api_key", "updated", owner.id)]
    assert all("secret" not in str(e) and created["key"] not in str(e) for e in history["items"])


async def test_a_key_sees_only_its_roles_scope(
    client: httpx.AsyncClient, owner: Staff, database: Database
) -> None:
    """A key whose role reads and writes only its own contacts does not see the Owner's
    contact (404, not listed) but sees the one it made; a key without deals sees none."""
    own_only = await store_role(
        database,
        custom_role("Own contacts", 25, "own", Permission.CONTACTS_READ, Permission.CONTACTS_WRITE),
    )
    theirs = await client.post(CONTACTS, json={"last_name": "Owners"}, headers=owner.headers)
    assert theirs.status_code == 201
    response = await client.post(
        KEYS, json={"name": "Scoped", "role_id": str(own_only.id)}, headers=owner.headers
    )
    key = bearer(response.json()["key"])
    mine = await client.post(CONTACTS, json={"last_name": "Keys own"}, headers=key)
    assert mine.status_code == 201, mine.text

    listed = await client.get(CONTACTS, headers=key)
    assert [c["id"] for c in listed.json()["items"]] == [mine.json()["id"]]
    assert_problem(await client.get(f"{CONTACTS}/{theirs.json()['id']}", headers=key), 404)
    assert_problem(await client.get(f"{API}/deals", headers=key), 403)
    assert_problem(await client.get(KEYS, headers=key), 403)


async def test_bad_input_is_a_422_naming_the_field(client: httpx.AsyncClient, owner: Staff) -> None:
    """Missing or blank names, unknown roles, past or offset-less expiry, unknown fields:
    each a 422 problem naming its field, and no key is made."""
    cases: list[tuple[dict[str, Any], str]] = [
        ({"role_id": role_id("manager")}, "name"),
        ({"name": "", "role_id": role_id("manager")}, "name"),
        ({"name": "   ", "role_id": role_id("manager")}, "name"),
        ({"name": "x" * 201, "role_id": role_id("manager")}, "name"),
        ({"name": "No role"}, "role_id"),
        ({"name": "Bad role", "role_id": "not-a-uuid"}, "role_id"),
        ({"name": "Gone role", "role_id": str(uuid.uuid4())}, "role_id"),
        (
            {"name": "Past", "role_id": role_id("manager"), "expires_at": "2020-01-01T00:00:00Z"},
            "expires_at",
        ),
        (
            {"name": "Naive", "role_id": role_id("manager"), "expires_at": "2030-01-01T00:00:00"},
            "expires_at",
        ),
        ({"name": "Extra", "role_id": role_id("manager"), "secret": "mine"}, "secret"),
    ]
    for body, field in cases:
        assert_problem(await client.post(KEYS, json=body, headers=owner.headers), 422, field)
    assert (await read_ok(client, owner, KEYS))["items"] == []
    created = await create_key_ok(client, owner, "manager")
    url = f"{KEYS}/{created['id']}"
    past = {"expires_at": "2020-01-01T00:00:00Z"}
    assert_problem(await client.patch(url, json=past, headers=owner.headers), 422, "expires_at")
    assert_problem(await client.patch(url, json={"name": ""}, headers=owner.headers), 422, "name")


async def test_without_a_credential_the_key_routes_answer_401(client: httpx.AsyncClient) -> None:
    """Every key route asks for a bearer credential first."""
    some = f"{KEYS}/{uuid.uuid4()}"
    for method, url in (
        ("GET", KEYS),
        ("POST", KEYS),
        ("GET", some),
        ("PATCH", some),
        ("POST", f"{some}/revoke"),
    ):
        assert_unauthenticated(await client.request(method, url, json={}))
