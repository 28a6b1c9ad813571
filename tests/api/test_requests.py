"""Customer requests: registration, due times, the status graph over HTTP, round-robin
distribution, the timeline and scope."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

import persistence.requests
from tests.conftest import MakeStaff, MakeTeam, Staff
from tests.helpers import assert_problem, assert_unauthenticated

REQUESTS = "/api/v1/requests"


async def contact(client: httpx.AsyncClient, staff: Staff) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/contacts", json={"first_name": "Ada"}, headers=staff.headers
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def register(
    client: httpx.AsyncClient, staff: Staff, contact_id: str, **body: Any
) -> httpx.Response:
    return await client.post(
        REQUESTS,
        json={"contact_id": contact_id, "channel": "email", "subject": "Wrong invoice", **body},
        headers=staff.headers,
    )


async def move(
    client: httpx.AsyncClient, staff: Staff, request_id: str, **body: Any
) -> httpx.Response:
    return await client.patch(f"{REQUESTS}/{request_id}", json=body, headers=staff.headers)


async def test_due_by_follows_the_priority(client: httpx.AsyncClient, owner: Staff) -> None:
    """An urgent request is due 4 hours after it came in, a normal one 3 days; changing
    the priority moves the due time; the response times are configurable."""
    ada = await contact(client, owner)
    urgent = (await register(client, owner, ada["id"], priority="urgent")).json()
    created = datetime.fromisoformat(urgent["created_at"])
    assert datetime.fromisoformat(urgent["due_by"]) - created == timedelta(hours=4)
    lowered = (await move(client, owner, urgent["id"], priority="normal")).json()
    assert datetime.fromisoformat(lowered["due_by"]) - created == timedelta(days=3)
    times = {"urgent": 60, "high": 120, "normal": 480, "low": 2880}
    saved = await client.put("/api/v1/request-response-times", json=times, headers=owner.headers)
    assert saved.status_code == 200 and saved.json() == times
    quick = (await register(client, owner, ada["id"], priority="urgent")).json()
    due = datetime.fromisoformat(quick["due_by"]) - datetime.fromisoformat(quick["created_at"])
    assert due == timedelta(minutes=60)


async def test_status_moves_follow_the_graph(client: httpx.AsyncClient, owner: Staff) -> None:
    """new -> open -> resolved (needs a resolution) -> closed -> reopened to open; closed
    cannot go back to new (409 naming the allowed moves)."""
    ada = await contact(client, owner)
    request = (await register(client, owner, ada["id"])).json()
    assert request["status"] == "new" and "open" in request["allowed_statuses"]
    rid = request["id"]
    assert (await move(client, owner, rid, status="open")).json()["status"] == "open"
    assert_problem(await move(client, owner, rid, status="resolved"), 422, "resolution")
    resolved = await move(client, owner, rid, status="resolved", resolution="Credit note sent")
    assert resolved.json()["resolved_at"] is not None
    closed = (await move(client, owner, rid, status="closed")).json()
    assert closed["allowed_statuses"] == ["open"]
    back = await move(client, owner, rid, status="new")
    assert_problem(back, 409, "status")
    assert back.json()["errors"][0]["message"] == "allowed: open"
    reopened = (await move(client, owner, rid, status="open")).json()
    assert reopened["closed_at"] is None and reopened["resolved_at"] is None


async def test_round_robin_is_fair_and_off_by_default(
    client: httpx.AsyncClient, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """Off by default a request stays with whoever registered it; switched on, 9 requests
    (3 at once) go to the 3 eligible members 3 each, and the Storekeeper (no
    requests:write) gets none."""
    north = await make_team("North")
    senior = await make_staff("senior_manager", team=north)
    members = [await make_staff("salesperson", team=north) for _ in range(2)]
    await make_staff("storekeeper", team=north)
    ada = await contact(client, senior)
    first = (await register(client, senior, ada["id"])).json()
    assert first["assignee_id"] == senior.id
    switched = await client.put(
        f"/api/v1/teams/{north.id}/distribution",
        json={"requests": True, "leads": False},
        headers=senior.headers,
    )
    assert switched.status_code == 200, switched.text
    assignees = []
    for _ in range(2):
        made = [(await register(client, senior, ada["id"])).json() for _ in range(3)]
        assignees += [m["assignee_id"] for m in made]
    at_once = await asyncio.gather(*(register(client, senior, ada["id"]) for _ in range(3)))
    assignees += [r.json()["assignee_id"] for r in at_once]
    eligible = {senior.id, *(m.id for m in members)}
    assert Counter(assignees) == dict.fromkeys(eligible, 3)


async def test_distribution_is_set_by_team_administrators_only(
    client: httpx.AsyncClient, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """A Salesperson cannot switch distribution (403); a Senior manager cannot for
    another team (403)."""
    north, south = await make_team("North"), await make_team("South")
    sales = await make_staff("salesperson", team=north)
    senior = await make_staff("senior_manager", team=north)
    body = {"requests": True, "leads": True}
    url = "/api/v1/teams/{}/distribution"
    assert_problem(await client.put(url.format(north.id), json=body, headers=sales.headers), 403)
    assert_problem(await client.put(url.format(south.id), json=body, headers=senior.headers), 403)


async def test_status_changes_are_on_the_contact_timeline(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Registering and every move show on the contact's timeline, newest first, with
    from and to."""
    ada = await contact(client, owner)
    rid = (await register(client, owner, ada["id"])).json()["id"]
    await move(client, owner, rid, status="open")
    await move(client, owner, rid, status="pending")
    feed = await client.get(
        f"/api/v1/contacts/{ada['id']}/timeline", params={"type": "request"}, headers=owner.headers
    )
    moves = [(i["change"]["from_status"], i["change"]["to_status"]) for i in feed.json()["items"]]
    assert moves == [("open", "pending"), ("new", "open"), (None, "new")]
    history = await client.get(f"/api/v1/contacts/{ada['id']}/timeline", headers=owner.headers)
    assert {i["type"] for i in history.json()["items"]} == {"request"}


async def test_scope_on_the_queue(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A Salesperson sees requests they registered or are assigned, not others'; a
    Storekeeper cannot read requests at all."""
    sales = await make_staff("salesperson")
    ada = await contact(client, owner)
    mine = (await register(client, owner, ada["id"], assignee_id=sales.id)).json()
    await register(client, owner, ada["id"])
    listed = await client.get(REQUESTS, headers=sales.headers)
    assert [r["id"] for r in listed.json()["items"]] == [mine["id"]]
    keeper = await make_staff("storekeeper")
    assert_problem(await client.get(REQUESTS, headers=keeper.headers), 403)


async def test_overdue_filter(
    client: httpx.AsyncClient, owner: Staff, monkeypatch: pytest.MonkeyPatch
) -> None:
    """overdue=true lists open requests past due_by only."""
    await client.put(
        "/api/v1/request-response-times",
        json={"urgent": 1, "high": 120, "normal": 480, "low": 2880},
        headers=owner.headers,
    )
    ada = await contact(client, owner)
    late = (await register(client, owner, ada["id"], priority="urgent")).json()
    await register(client, owner, ada["id"], priority="low")
    later = datetime.now(UTC) + timedelta(minutes=5)
    monkeypatch.setattr(persistence.requests, "utcnow", lambda: later)
    overdue = await client.get(REQUESTS, params={"overdue": "true"}, headers=owner.headers)
    assert [r["id"] for r in overdue.json()["items"]] == [late["id"]]
    assert overdue.json()["items"][0]["status"] == "new"


async def test_team_filter_on_the_queue(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """team_id= narrows the queue to one team's requests, and never widens a scope: a
    Salesperson asking for their team still sees only their own."""
    north, south = await make_team("North"), await make_team("South")
    lead = await make_staff("senior_manager", team=north)
    seller = await make_staff("salesperson", team=north)
    other = await make_staff("salesperson", team=south)
    made = {}
    for staff in (lead, seller, other):
        ada = await contact(client, staff)
        response = await register(client, staff, ada["id"])
        assert response.status_code == 201, response.text
        made[staff.id] = response.json()["id"]

    def ids(response: httpx.Response) -> set[str]:
        assert response.status_code == 200, response.text
        return {r["id"] for r in response.json()["items"]}

    north_queue = await client.get(
        REQUESTS, params={"team_id": str(north.id)}, headers=owner.headers
    )
    assert ids(north_queue) == {made[lead.id], made[seller.id]}
    own = await client.get(REQUESTS, params={"team_id": str(north.id)}, headers=seller.headers)
    assert ids(own) == {made[seller.id]}
    elsewhere = await client.get(REQUESTS, params={"team_id": str(south.id)}, headers=lead.headers)
    assert ids(elsewhere) == set()


async def test_a_request_without_assignee_is_its_registrars(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A Salesperson who registers a request and names nobody has it assigned to
    themselves, so it is in their "assigned to me" queue; naming an assignee still
    wins."""
    sales = await make_staff("salesperson")
    ada = await contact(client, sales)
    mine = await register(client, sales, ada["id"])
    assert mine.status_code == 201, mine.text
    assert mine.json()["assignee_id"] == sales.id
    queue = await client.get(REQUESTS, params={"assignee_id": sales.id}, headers=sales.headers)
    assert [r["id"] for r in queue.json()["items"]] == [mine.json()["id"]]
    handed = await register(client, owner, ada["id"], assignee_id=sales.id)
    assert handed.json()["assignee_id"] == sales.id
    own = await register(client, owner, ada["id"])
    assert own.json()["assignee_id"] == owner.id


async def test_allowed_statuses_come_in_the_workflows_order(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """`allowed_statuses` lists the next statuses in the workflow's order (new, open,
    pending, resolved, closed), not alphabetically, and a refused move names them in
    that order too."""
    ada = await contact(client, owner)
    request = (await register(client, owner, ada["id"])).json()
    assert request["allowed_statuses"] == ["open", "pending", "resolved", "closed"]
    pending = (await move(client, owner, request["id"], status="pending")).json()
    assert pending["allowed_statuses"] == ["open", "resolved", "closed"]
    fetched = await client.get(f"{REQUESTS}/{request['id']}", headers=owner.headers)
    assert fetched.json()["allowed_statuses"] == ["open", "resolved", "closed"]
    refused = await move(client, owner, request["id"], status="new")
    assert_problem(refused, 409, "status")
    assert refused.json()["errors"][0]["message"] == "allowed: open, resolved, closed"


async def test_a_requests_status_history(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """GET /requests/{id}/status-changes lists every move newest first, with from, to,
    who and when; someone who cannot see the request gets 404, no token 401."""
    sales = await make_staff("salesperson")
    ada = await contact(client, owner)
    rid = (await register(client, owner, ada["id"])).json()["id"]
    await move(client, owner, rid, status="open")
    await move(client, owner, rid, status="resolved", resolution="Credit note sent")
    await move(client, owner, rid, status="closed")
    url = f"{REQUESTS}/{rid}/status-changes"
    history = await client.get(url, headers=owner.headers)
    assert history.status_code == 200, history.text
    items = history.json()["items"]
    assert [(i["from_status"], i["to_status"]) for i in items] == [
        ("resolved", "closed"),
        ("open", "resolved"),
        ("new", "open"),
        (None, "new"),
    ]
    assert {i["by"] for i in items} == {owner.id}
    moments = [datetime.fromisoformat(i["at"]) for i in items]
    assert moments == sorted(moments, reverse=True)
    assert_problem(await client.get(url, headers=sales.headers), 404)
    assert_unauthenticated(await client.get(url))


async def test_whom_a_request_can_be_assigned_to(
    client: httpx.AsyncClient, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """GET /requests/assignees lists yourself and the active colleagues in your scope who
    work on requests and rank below you: not a peer, not a Storekeeper, not someone
    inactive; each of them is accepted as assignee, and the API refuses the others."""
    north = await make_team("North")
    senior = await make_staff("senior_manager", team=north)
    peer = await make_staff("senior_manager", team=north)
    sales = await make_staff("salesperson", team=north)
    manager = await make_staff("manager", team=north)
    keeper = await make_staff("storekeeper", team=north)
    gone = await make_staff("salesperson", team=north)
    await make_staff("salesperson")  # another team: outside a Senior manager's scope
    off = await client.patch(
        f"/api/v1/users/{gone.id}", json={"is_active": False}, headers=senior.headers
    )
    assert off.status_code == 200, off.text
    listed = await client.get(f"{REQUESTS}/assignees", headers=senior.headers)
    assert listed.status_code == 200, listed.text
    ids = [u["id"] for u in listed.json()["items"]]
    assert set(ids) == {senior.id, sales.id, manager.id}
    names = [u["full_name"].casefold() for u in listed.json()["items"]]
    assert names == sorted(names)
    ada = await contact(client, senior)
    for user_id in ids:
        assert (await register(client, senior, ada["id"], assignee_id=user_id)).status_code == 201
    for outsider in (peer, keeper):
        refused = await register(client, senior, ada["id"], assignee_id=outsider.id)
        assert refused.status_code in (403, 422), refused.text
    seller_view = await client.get(f"{REQUESTS}/assignees", headers=sales.headers)
    assert [u["id"] for u in seller_view.json()["items"]] == [sales.id]
    assert_problem(await client.get(f"{REQUESTS}/assignees", headers=keeper.headers), 403)
    assert_unauthenticated(await client.get(f"{REQUESTS}/assignees"))
