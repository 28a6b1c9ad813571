"""/api/v1/audit-events: the audit trail across records for holders of `audit:read`, its
filters and pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
import pytest

from tests.conftest import MakeStaff, Staff
from tests.helpers import (
    API,
    assert_problem,
    assert_unauthenticated,
    create_contact,
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
