"""/api/v1/audit-events: the audit trail across records for holders of `audit:read`, its
filters and pages, and what it records besides record changes: sign-ins (failed ones
too), contact exports, role and user changes."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from persistence.audit import AuditEventRow
from persistence.database import Database
from tests.conftest import PASSWORD, MakeStaff, Staff
from tests.helpers import (
    API,
    assert_problem,
    assert_unauthenticated,
    create_contact,
    login,
    patch_user,
    role_id,
    walk,
)

AUDIT = f"{API}/audit-events"
CONTACTS = f"{API}/contacts"
ROLES_URL = f"{API}/roles"
ITEM_FIELDS = {
    "id",
    "occurred_at",
    "actor",
    "entity_type",
    "entity_id",
    "action",
    "changes",
    "rule_id",
    "details",
}


async def events(client: httpx.AsyncClient, staff: Staff, **params: Any) -> list[dict[str, Any]]:
    """The first page (limit 200) of the trail for `params` as `staff`, asserting 200."""
    response = await client.get(AUDIT, params={"limit": 200, **params}, headers=staff.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["next_cursor"] is None
    items: list[dict[str, Any]] = body["items"]
    return items


def moment(item: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(item["occurred_at"].replace("Z", "+00:00"))


# --- Access --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["senior_manager", "manager", "salesperson", "storekeeper"])
async def test_the_trail_is_403_without_audit_read(
    client: httpx.AsyncClient, make_staff: MakeStaff, role: str
) -> None:
    """Role templates without `audit:read` get a 403 problem, not the trail."""
    staff = await make_staff(role)
    assert_problem(await client.get(AUDIT, headers=staff.headers), 403)


@pytest.mark.parametrize("role", ["owner", "full_access", "advanced_access"])
async def test_holders_of_audit_read_see_every_event(
    client: httpx.AsyncClient, make_staff: MakeStaff, owner: Staff, role: str
) -> None:
    """The templates holding `audit:read` read the whole trail, records they do not own
    included, each item in the documented shape with the actor's name."""
    reader = await make_staff(role)
    contact = await create_contact(client, owner)
    items = await events(client, reader, entity_id=contact["id"])
    assert len(items) == 1
    assert set(items[0]) == ITEM_FIELDS
    assert items[0]["actor"] == {"id": owner.id, "name": owner.user.full_name}
    assert items[0]["entity_type"] == "contact" and items[0]["action"] == "created"
    assert items[0]["changes"]["last_name"] == {"before": None, "after": contact["last_name"]}


async def test_the_trail_needs_a_sign_in(client: httpx.AsyncClient) -> None:
    """Without a token the trail is a 401 asking for one."""
    assert_unauthenticated(await client.get(AUDIT))


# --- Filters and pages ---------------------------------------------------------------------


async def test_each_filter_narrows_to_exactly_its_events(
    client: httpx.AsyncClient, make_staff: MakeStaff, owner: Staff
) -> None:
    """actor_id, entity_type, entity_id, action and the [after, before) window each keep
    exactly the events that match, and they combine with AND."""
    admin = await make_staff("full_access")
    first = await create_contact(client, owner)
    second = await create_contact(client, admin)
    response = await client.patch(
        f"{CONTACTS}/{first['id']}", json={"title": "CTO"}, headers=admin.headers
    )
    assert response.status_code == 200, response.text
    everything = await events(client, owner)
    assert len(everything) == 3

    def ids(items: list[dict[str, Any]]) -> set[str]:
        return {item["id"] for item in items}

    by_admin = await events(client, owner, actor_id=admin.id)
    assert ids(by_admin) == ids([e for e in everything if e["actor"]["id"] == admin.id])
    assert len(by_admin) == 2
    assert await events(client, owner, entity_type="company") == []
    assert len(await events(client, owner, entity_type="contact")) == 3
    about_first = await events(client, owner, entity_id=first["id"])
    assert [e["action"] for e in about_first] == ["updated", "created"]
    updated = await events(client, owner, action="updated")
    assert len(updated) == 1 and updated[0]["changes"]["title"] == {"before": None, "after": "CTO"}
    combined = await events(client, owner, actor_id=admin.id, action="created")
    assert [e["entity_id"] for e in combined] == [second["id"]]

    middle = sorted(everything, key=moment)[1]
    after = await events(client, owner, after=middle["occurred_at"])
    assert ids(after) == ids([e for e in everything if moment(e) >= moment(middle)])
    before = await events(client, owner, before=middle["occurred_at"])
    assert ids(before) == ids([e for e in everything if moment(e) < moment(middle)])
    window = await events(
        client, owner, after="2000-01-01T00:00:00+02:00", before="2199-01-01T00:00:00Z"
    )
    assert ids(window) == ids(everything)
    assert await events(client, owner, before="2000-01-01T00:00:00Z") == []


async def test_pages_walk_every_event_once_newest_first(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Paged three at a time, the trail yields every event exactly once, in the order of
    one big page: newest first."""
    for _ in range(8):
        await create_contact(client, owner)
    pages = await walk(client, AUDIT, owner.headers, {"limit": 3})
    walked = [event_id for page in pages for event_id in page]
    everything = await events(client, owner)
    assert walked == [e["id"] for e in everything]
    assert len(walked) == len(set(walked)) == 8
    assert [len(page) for page in pages] == [3, 3, 2]
    moments = [moment(e) for e in everything]
    assert moments == sorted(moments, reverse=True)


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"after": "yesterday"}, 422, "after"),
        ({"before": "2026-12-07"}, 422, "before"),
        ({"after": "0001-01-01T00:00:00+14:00"}, 422, "after"),
        ({"before": "9999-12-31T23:59:59-14:00"}, 422, "before"),
        ({"actor_id": "someone"}, 422, "actor_id"),
        ({"entity_id": "42"}, 422, "entity_id"),
        ({"action": "deleted-everything"}, 422, "action"),
        ({"entity_type": "Contact; DROP"}, 422, "entity_type"),
        ({"limit": 0}, 422, "limit"),
        ({"sort": "actor_id"}, 422, "sort"),
        ({"cursor": "garbage"}, 400, "cursor"),
    ],
)
async def test_bad_filter_values_are_problems_naming_the_field(
    client: httpx.AsyncClient, owner: Staff, params: dict[str, Any], status: int, field: str
) -> None:
    """Malformed or out-of-range filters and page parameters are 4xx problems whose
    errors name the parameter; none is a 5xx or an empty page."""
    assert_problem(await client.get(AUDIT, params=params, headers=owner.headers), status, field)


async def test_an_out_of_range_time_carries_its_code(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A time outside 1900-2200 is refused with code out_of_range, so clients can say why."""
    response = await client.get(
        AUDIT, params={"after": "1850-01-01T00:00:00Z"}, headers=owner.headers
    )
    assert_problem(response, 422, "after")
    assert response.json()["errors"][0]["code"] == "out_of_range"


async def test_a_cursor_of_another_list_is_refused(client: httpx.AsyncClient, owner: Staff) -> None:
    """A signed cursor issued by the contacts list is not one of the trail's: 400 naming
    cursor, as is one of its own edited by a single character."""
    for _ in range(3):
        await create_contact(client, owner)
    contacts = await client.get(CONTACTS, params={"limit": 1}, headers=owner.headers)
    foreign = contacts.json()["next_cursor"]
    assert foreign
    response = await client.get(AUDIT, params={"cursor": foreign}, headers=owner.headers)
    assert_problem(response, 400, "cursor")
    own = (await client.get(AUDIT, params={"limit": 1}, headers=owner.headers)).json()
    # The first character: it carries six whole bits (the last may carry padding only).
    cursor = own["next_cursor"]
    edited = ("B" if cursor[0] == "A" else "A") + cursor[1:]
    response = await client.get(AUDIT, params={"cursor": edited}, headers=owner.headers)
    assert_problem(response, 400, "cursor")


# --- What is audited -----------------------------------------------------------------------


async def test_a_sign_in_is_recorded_with_its_client_address(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A successful sign-in is a `signed_in` event of the user, by the user, with the
    e-mail and the client's address."""
    response = await login(client, "owner@example.com")
    assert response.status_code == 200, response.text
    [event] = await events(client, owner, action="signed_in")
    assert event["actor"]["id"] == owner.id
    assert (event["entity_type"], event["entity_id"]) == ("user", owner.id)
    assert event["details"]["email"] == "owner@example.com"
    assert event["details"]["client_address"] == "127.0.0.1"
    assert event["changes"] == {}


async def test_a_failed_sign_in_is_recorded_without_the_password(
    client: httpx.AsyncClient, owner: Staff, database: Database
) -> None:
    """A wrong password and an unknown e-mail each leave a `sign_in_failed` event: the
    e-mail as typed but lower-cased, the client address, the account it names (none for
    the unknown e-mail), no actor; the password tried is stored nowhere in the trail."""
    wrong = "Wrong-password-" + uuid.uuid4().hex
    assert (await login(client, "  Owner@Example.COM ", wrong)).status_code == 401
    assert (await login(client, "Nobody@Example.com", wrong)).status_code == 401
    failed = await events(client, owner, action="sign_in_failed")
    assert len(failed) == 2
    unknown, known = failed
    assert known["details"]["email"] == "owner@example.com"
    assert (known["entity_type"], known["entity_id"]) == ("user", owner.id)
    assert known["details"]["reason"] == "wrong_password"
    assert unknown["details"]["email"] == "nobody@example.com"
    assert unknown["entity_id"] is None and unknown["details"]["reason"] == "unknown_email"
    for event in failed:
        assert event["actor"] is None
        assert event["details"]["client_address"] == "127.0.0.1"
    on_the_account = await events(client, owner, entity_type="user", entity_id=owner.id)
    assert [e["id"] for e in on_the_account] == [known["id"]]
    async with database.sessions() as session:
        rows = (await session.scalars(select(AuditEventRow))).all()
    stored = repr([(row.changes, row.details) for row in rows])
    assert wrong not in stored and PASSWORD not in stored


async def test_an_export_is_recorded_with_its_filters_format_and_rows(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A contact export leaves an `exported` event by the exporter: its format, the
    filters in effect (as applied, never the raw query string) and, once the file is complete,
    how many rows it held."""
    await create_contact(client, owner, tags=["vip"])
    await create_contact(client, owner, tags=["vip"])
    await create_contact(client, owner, tags=["other"])
    params = {"tag": "vip", "format": "csv", "not_a_filter": "x" * 5000}
    response = await client.get(f"{CONTACTS}/export", params=params, headers=owner.headers)
    assert response.status_code == 200
    [event] = await events(client, owner, action="exported")
    assert event["actor"]["id"] == owner.id
    assert event["entity_type"] == "contact_export" and event["entity_id"] == event["id"]
    assert event["details"] == {"format": "csv", "filters": {"tags": ["vip"]}, "rows": 2}
    assert [e["id"] for e in await events(client, owner, entity_type="contact_export")] == [
        event["id"]
    ]


async def test_a_refused_export_is_not_recorded_as_one(
    client: httpx.AsyncClient, make_staff: MakeStaff, owner: Staff
) -> None:
    """An export refused before it starts (no `data:export`) leaves no `exported` event."""
    salesperson = await make_staff("salesperson")
    response = await client.get(f"{CONTACTS}/export", headers=salesperson.headers)
    assert_problem(response, 403)
    assert await events(client, owner, action="exported") == []


async def test_role_edits_are_findable_by_the_role(client: httpx.AsyncClient, owner: Staff) -> None:
    """Creating, changing and deleting a custom role are events of entity_type `role`,
    the access levels (read, write and archive, for every kind) and the permissions
    before and after each change included."""
    none = {"read": "none", "write": "none", "archive": "none"}
    before_access = {
        "contacts": {"read": "own", "write": "own", "archive": "none"},
        "companies": none,
        "deals": none,
        "interactions": none,
        "tasks": none,
        "requests": none,
    }
    after_access = {
        **before_access,
        "companies": {"read": "own", "write": "none", "archive": "none"},
    }
    body = {"name": "Intern", "rank": 5, "access": before_access, "permissions": []}
    created = await client.post(ROLES_URL, json=body, headers=owner.headers)
    assert created.status_code == 201, created.text
    role = created.json()
    url = f"{ROLES_URL}/{role['id']}"
    change = {"access": after_access}
    response = await client.patch(url, json=change, headers={**owner.headers, "If-Match": '"1"'})
    assert response.status_code == 200, response.text
    response = await client.delete(url, headers=owner.headers)
    assert response.status_code == 204, response.text
    trail = await events(client, owner, entity_type="role", entity_id=role["id"])
    assert [e["action"] for e in trail] == ["deleted", "updated", "created"]
    assert trail[1]["changes"] == {
        "access": {"before": before_access, "after": after_access},
        "permissions": {
            "before": ["contacts:read", "contacts:write"],
            "after": ["companies:read", "contacts:read", "contacts:write"],
        },
    }
    assert trail[2]["changes"]["rank"] == {"before": None, "after": 5}
    assert trail[2]["changes"]["access"] == {"before": None, "after": before_access}
    assert all(e["actor"]["id"] == owner.id for e in trail)


async def test_a_users_role_change_is_findable_by_the_user(
    client: httpx.AsyncClient, make_staff: MakeStaff, owner: Staff
) -> None:
    """Giving a user another role is an `updated` event of entity_type `user` naming the
    old and the new role; a password change says only that it changed."""
    manager = await make_staff("manager")
    response = await patch_user(client, owner, manager.id, {"role_id": role_id("salesperson")})
    assert response.status_code == 200, response.text
    response = await patch_user(
        client, owner, manager.id, {"password": "Tr0ub4dour-quartz-lantern"}
    )
    assert response.status_code == 200, response.text
    trail = await events(client, owner, entity_type="user", entity_id=manager.id)
    assert [e["action"] for e in trail] == ["updated", "updated"]
    password_change, role_change = trail
    assert role_change["changes"]["role_id"] == {
        "before": role_id("manager"),
        "after": role_id("salesperson"),
    }
    assert role_change["changes"]["role"] == {"before": "Manager", "after": "Salesperson"}
    assert password_change["changes"] == {"password": {"before": None, "after": "changed"}}
    assert "Tr0ub4dour" not in repr(trail)


async def test_a_change_an_automation_rule_made_names_the_rule(
    client: httpx.AsyncClient, make_staff: MakeStaff, owner: Staff
) -> None:
    """A change an automation rule made on a user's behalf is in the trail as the user's,
    with the rule's id; the user's own change carries none."""
    body = {
        "name": "Tag new contacts",
        "trigger": {"type": "contact_created"},
        "conditions": [],
        "actions": [{"type": "add_tag", "tag": "new"}],
    }
    response = await client.post(f"{API}/automation-rules", json=body, headers=owner.headers)
    assert response.status_code == 201, response.text
    rule = response.json()
    manager = await make_staff("manager")
    # Not create_contact: the rule's change in the same request makes the ETag "2".
    response = await client.post(CONTACTS, json={"last_name": "Lee"}, headers=manager.headers)
    assert response.status_code == 201, response.text
    contact = response.json()
    trail = await events(client, owner, entity_id=contact["id"])
    assert {(e["action"], e["rule_id"]) for e in trail} == {
        ("created", None),
        ("updated", rule["id"]),
    }
    assert {e["actor"]["id"] for e in trail} == {manager.id}
    by_rule = next(e for e in trail if e["rule_id"])
    assert by_rule["changes"]["tags"] == {"before": [], "after": ["new"]}
