"""Explain (issue 15): `GET /me/permissions` returns the caller's effective matrix, and
`GET /access/explain` tells an administrator of users whether a user may read and change
a record, and which rule decided."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import MakeStaff, MakeTeam, Staff
from tests.helpers import API, assert_problem, create_contact

EXPLAIN = f"{API}/access/explain"


async def explain(
    client: httpx.AsyncClient, asker: Staff, user: Staff, entity: str, record_id: str
) -> dict[str, Any]:
    response = await client.get(
        EXPLAIN,
        params={"user_id": user.id, "entity": entity, "id": record_id},
        headers=asker.headers,
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def post(client: httpx.AsyncClient, staff: Staff, path: str, **body: Any) -> dict[str, Any]:
    response = await client.post(f"{API}/{path}", json=body, headers=staff.headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_my_permissions_are_my_roles_matrix_and_permissions(
    client: httpx.AsyncClient, make_staff: MakeStaff
) -> None:
    """A Salesperson's own matrix: contacts and companies read all, write and archive own;
    deals, interactions, tasks and requests own all three ways (archive follows write);
    its permissions include the record permissions the levels imply and no
    administration."""
    rep = await make_staff("salesperson")
    response = await client.get(f"{API}/me/permissions", headers=rep.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["access"]["contacts"] == {"read": "all", "write": "own", "archive": "own"}
    assert body["access"]["deals"] == {"read": "own", "write": "own", "archive": "own"}
    assert {"contacts:read", "contacts:write", "deals:write", "users:read"} <= set(
        body["permissions"]
    )
    assert "users:manage" not in body["permissions"]
    assert (await client.get(f"{API}/me/permissions")).status_code == 401


async def test_explain_names_the_rule_for_read_and_write(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """For a colleague's contact a Salesperson reads by rule `all` and may not change it
    (`out_of_reach`, level own); for their own contact both are `owner`; an own-level
    user assigned a task about a contact reads it `in_charge`; a Storekeeper changes
    nothing (`no_access`); a deactivated user nothing at all (`inactive`)."""
    north = await make_team("North")
    rep = await make_staff("salesperson", team=north)
    colleague = await make_staff("salesperson", team=north)
    theirs = await create_contact(client, colleague, first_name="Theirs")
    mine = await create_contact(client, rep, first_name="Mine")

    seen = await explain(client, owner, rep, "contacts", theirs["id"])
    assert seen["read"] == {"allowed": True, "rule": "all", "level": "all"}
    assert seen["write"] == {"allowed": False, "rule": "out_of_reach", "level": "own"}
    own = await explain(client, owner, rep, "contacts", mine["id"])
    assert (own["read"]["rule"], own["write"]["rule"]) == ("all", "owner")
    assert own["write"]["allowed"] is True

    scoped = await make_staff("own_scope")
    assert (await explain(client, owner, scoped, "contacts", theirs["id"]))["read"] == {
        "allowed": False,
        "rule": "out_of_reach",
        "level": "own",
    }
    await post(client, owner, "tasks", title="Call", contact_id=theirs["id"], assignee_id=scoped.id)
    in_charge = await explain(client, owner, scoped, "contacts", theirs["id"])
    assert in_charge["read"] == {"allowed": True, "rule": "in_charge", "level": "own"}
    assert in_charge["write"]["allowed"] is False

    keeper = await make_staff("storekeeper")
    kept = await explain(client, owner, keeper, "contacts", theirs["id"])
    assert kept["write"] == {"allowed": False, "rule": "no_access", "level": "none"}

    gone = await make_staff("salesperson", is_active=False)
    inactive = await explain(client, owner, gone, "contacts", theirs["id"])
    assert (inactive["read"]["rule"], inactive["read"]["allowed"]) == ("inactive", False)


async def test_explain_on_team_records_and_deals(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """A Senior manager reads and changes the team's deal by rule `team`; another team's
    deal is `out_of_reach` both ways."""
    north, south = await make_team("North"), await make_team("South")
    lead = await make_staff("senior_manager", team=north)
    north_rep = await make_staff("salesperson", team=north)
    south_rep = await make_staff("salesperson", team=south)
    ours = await post(client, north_rep, "deals", title="Ours")
    other = await post(client, south_rep, "deals", title="Other")
    decided = await explain(client, owner, lead, "deals", ours["id"])
    assert (decided["read"]["rule"], decided["write"]["rule"]) == ("team", "team")
    assert decided["read"]["allowed"] and decided["write"]["allowed"]
    refused = await explain(client, owner, lead, "deals", other["id"])
    assert (refused["read"]["allowed"], refused["write"]["allowed"]) == (False, False)
    assert refused["read"]["rule"] == "out_of_reach"


async def test_explain_is_for_administrators_of_users_within_their_reach(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """Without users:manage it is 403; a Senior manager asking about a user of another
    team, or about a deal they do not read, gets 404; an unknown entity is 422 naming
    `entity`."""
    north, south = await make_team("North"), await make_team("South")
    lead = await make_staff("senior_manager", team=north)
    rep = await make_staff("salesperson", team=north)
    stranger = await make_staff("salesperson", team=south)
    deal = await post(client, stranger, "deals", title="Far")
    contact = await create_contact(client, rep, first_name="Near")

    params = {"user_id": rep.id, "entity": "contacts", "id": contact["id"]}
    assert_problem(await client.get(EXPLAIN, params=params, headers=rep.headers), 403)
    ok = await client.get(EXPLAIN, params=params, headers=lead.headers)
    assert ok.status_code == 200, ok.text
    away = {**params, "user_id": stranger.id}
    assert_problem(await client.get(EXPLAIN, params=away, headers=lead.headers), 404)
    hidden = {**params, "entity": "deals", "id": deal["id"]}
    assert_problem(await client.get(EXPLAIN, params=hidden, headers=lead.headers), 404)
    bad = {**params, "entity": "planets"}
    assert_problem(await client.get(EXPLAIN, params=bad, headers=owner.headers), 422, "entity")
