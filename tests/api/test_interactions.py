"""Interactions: logging and planning touches with customers, completing them, the
engagement fields they keep current, the timeline, and who sees what."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from tests.conftest import MakeStaff, Staff
from tests.helpers import assert_problem

INTERACTIONS = "/api/v1/interactions"
CONTACTS = "/api/v1/contacts"


async def contact(client: httpx.AsyncClient, staff: Staff, **body: Any) -> dict[str, Any]:
    response = await client.post(
        CONTACTS, json={"first_name": "Ada", **body}, headers=staff.headers
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def log(client: httpx.AsyncClient, staff: Staff, **body: Any) -> httpx.Response:
    return await client.post(INTERACTIONS, json=body, headers=staff.headers)


async def read_contact(client: httpx.AsyncClient, staff: Staff, contact_id: str) -> dict[str, Any]:
    return dict((await client.get(f"{CONTACTS}/{contact_id}", headers=staff.headers)).json())


async def test_log_a_call_and_the_contact_engagement_follows(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A done call counts on the contact: last interaction time and count."""
    ada = await contact(client, owner)
    when = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    response = await log(
        client, owner, channel="call", direction="outbound", contact_id=ada["id"],
        subject="Intro", outcome="interested", occurred_at=when.isoformat(), duration_minutes=12,
    )  # fmt: skip
    assert response.status_code == 201, response.text
    call = response.json()
    assert call["status"] == "done" and call["outcome"] == "interested"
    assert call["at"] == "2026-11-20T09:30:00Z"
    after = await read_contact(client, owner, ada["id"])
    assert after["interaction_count"] == 1
    assert after["last_interaction_at"] == "2026-11-20T09:30:00Z"
    assert after["next_interaction_at"] is None


async def test_plan_then_complete(client: httpx.AsyncClient, owner: Staff) -> None:
    """A planned meeting is the contact's next interaction until completed with an
    outcome; then it is the last one and counts."""
    ada = await contact(client, owner)
    soon = datetime.now(UTC) + timedelta(days=2)
    planned = await log(
        client, owner, channel="meeting", status="planned", contact_id=ada["id"],
        scheduled_at=soon.isoformat(),
    )  # fmt: skip
    assert planned.status_code == 201, planned.text
    meeting = planned.json()
    assert (await read_contact(client, owner, ada["id"]))["next_interaction_at"] is not None
    done = await client.post(
        f"{INTERACTIONS}/{meeting['id']}/complete",
        json={"outcome": "meeting_booked"},
        headers={**owner.headers, "If-Match": '"1"'},
    )
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "done" and done.json()["occurred_at"] is not None
    after = await read_contact(client, owner, ada["id"])
    assert after["next_interaction_at"] is None and after["interaction_count"] == 1
    again = await client.post(
        f"{INTERACTIONS}/{meeting['id']}/complete",
        json={"outcome": "closed"},
        headers=owner.headers,
    )
    assert_problem(again, 409)


async def test_time_zones_are_stored_in_utc(client: httpx.AsyncClient, owner: Staff) -> None:
    """A time given with any offset comes back as the same instant in UTC."""
    ada = await contact(client, owner)
    response = await log(
        client, owner, channel="call", status="planned", contact_id=ada["id"],
        scheduled_at="2026-12-01T10:00:00+03:00",
    )  # fmt: skip
    assert response.json()["scheduled_at"] == "2026-12-01T07:00:00Z"
    naive = await log(
        client, owner, channel="call", status="planned", contact_id=ada["id"],
        scheduled_at="2026-12-01T10:00:00",
    )  # fmt: skip
    assert_problem(naive, 422, "scheduled_at")


async def test_bad_input_is_named(client: httpx.AsyncClient, owner: Staff) -> None:
    """Planned without a time, an unknown outcome, nobody to talk to, a contact outside
    scope: each a 422 naming the field."""
    ada = await contact(client, owner)
    no_time = await log(client, owner, channel="call", status="planned", contact_id=ada["id"])
    assert_problem(no_time, 422, "scheduled_at")
    outcome = await log(client, owner, channel="call", contact_id=ada["id"], outcome="maybe")
    assert_problem(outcome, 422, "outcome")
    nobody = await log(client, owner, channel="note", body="hello")
    assert_problem(nobody, 422, "contact_id")
    unknown = await log(client, owner, channel="email", contact_id=owner.id)
    assert_problem(unknown, 422, "contact_id")


async def test_engagement_of_every_contact_taking_part(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A meeting with further contacts counts for each of them; the next interaction is
    the earliest planned one, and a contact not taking part is untouched."""
    ada = await contact(client, owner)
    bob = await contact(client, owner, first_name="Bob")
    eve = await contact(client, owner, first_name="Eve")
    held = datetime(2026, 11, 2, 15, tzinfo=UTC)
    meeting = await log(
        client, owner, channel="meeting", contact_id=ada["id"], contact_ids=[bob["id"]],
        occurred_at=held.isoformat(),
    )  # fmt: skip
    assert meeting.status_code == 201, meeting.text
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(days=9)
    sooner = later - timedelta(days=4)
    for when, main in ((later, ada["id"]), (sooner, eve["id"])):
        planned = await log(
            client, owner, channel="call", status="planned", contact_id=main,
            contact_ids=[bob["id"]], scheduled_at=when.isoformat(),
        )  # fmt: skip
        assert planned.status_code == 201, planned.text
    expected_next = sooner.isoformat().replace("+00:00", "Z")
    for person, count, nxt in ((ada, 1, later.isoformat().replace("+00:00", "Z")),
                               (bob, 1, expected_next), (eve, 0, expected_next)):  # fmt: skip
        after = await read_contact(client, owner, person["id"])
        assert after["interaction_count"] == count, person["first_name"]
        assert after["next_interaction_at"] == nxt, person["first_name"]
    assert (await read_contact(client, owner, bob["id"]))["last_interaction_at"] == (
        "2026-11-02T15:00:00Z"
    )
    assert (await read_contact(client, owner, eve["id"]))["last_interaction_at"] is None


async def test_participants_see_what_they_take_part_in(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A Salesperson sees their own interactions and those they take part in, and no
    others; an outsider gets 404 for the interaction."""
    sales = await make_staff("salesperson")
    other = await make_staff("salesperson")
    ada = await contact(client, owner)
    shared = await log(client, owner, channel="meeting", contact_id=ada["id"], user_ids=[sales.id])
    private = await log(client, owner, channel="call", contact_id=ada["id"])
    assert shared.status_code == private.status_code == 201
    listed = await client.get(INTERACTIONS, headers=sales.headers)
    assert [i["id"] for i in listed.json()["items"]] == [shared.json()["id"]]
    hidden = await client.get(f"{INTERACTIONS}/{private.json()['id']}", headers=sales.headers)
    assert_problem(hidden, 404)
    outsider = await client.get(f"{INTERACTIONS}/{shared.json()['id']}", headers=other.headers)
    assert_problem(outsider, 404)


async def test_timeline_is_newest_first_paged_and_filtered(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """The contact's timeline lists its interactions (as main contact or participant)
    newest first, pages without gaps, and filters by channel and time range."""
    ada = await contact(client, owner)
    bob = await contact(client, owner, first_name="Bob")
    base = datetime(2026, 11, 1, tzinfo=UTC)
    created = []
    for day in range(6):
        channel = "call" if day % 2 else "email"
        response = await log(
            client, owner, channel=channel, contact_id=ada["id"],
            occurred_at=(base + timedelta(days=day)).isoformat(),
        )  # fmt: skip
        created.append(response.json()["id"])
    joined = await log(
        client, owner, channel="meeting", contact_id=bob["id"], contact_ids=[ada["id"]],
        occurred_at=(base + timedelta(days=10)).isoformat(),
    )  # fmt: skip
    url = f"{CONTACTS}/{ada['id']}/timeline"
    seen, cursor = [], None
    while True:
        params: dict[str, Any] = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = (await client.get(url, params=params, headers=owner.headers)).json()
        seen += [item["interaction"]["id"] for item in page["items"]]
        assert all(item["type"] == "interaction" for item in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [joined.json()["id"], *reversed(created)]
    calls = (await client.get(url, params={"channel": "call"}, headers=owner.headers)).json()
    assert len(calls["items"]) == 3
    window = await client.get(
        url,
        params={
            "after": (base + timedelta(days=2)).isoformat(),
            "before": (base + timedelta(days=4)).isoformat(),
        },
        headers=owner.headers,
    )
    assert [i["interaction"]["id"] for i in window.json()["items"]] == [created[3], created[2]]


async def test_a_participation_follows_its_interaction_on_the_timeline(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A meeting Ada only takes part in sits on her timeline by the meeting's time, and
    moves when the meeting is rescheduled and again when it is held (each participation
    carries the time its timeline is read in order by)."""
    ada = await contact(client, owner)
    bob = await contact(client, owner, first_name="Bob")
    base = datetime(2026, 11, 1, tzinfo=UTC)
    calls = []
    for day in (1, 3):
        response = await log(
            client, owner, channel="call", contact_id=ada["id"],
            occurred_at=(base + timedelta(days=day)).isoformat(),
        )  # fmt: skip
        calls.append(response.json()["id"])
    planned = await log(
        client, owner, channel="meeting", status="planned", contact_id=bob["id"],
        contact_ids=[ada["id"]], scheduled_at=(base + timedelta(days=5)).isoformat(),
    )  # fmt: skip
    assert planned.status_code == 201, planned.text
    meeting = planned.json()["id"]
    url = f"{CONTACTS}/{ada['id']}/timeline"

    async def order() -> list[str]:
        page = (await client.get(url, params={"limit": 2}, headers=owner.headers)).json()
        rest = await client.get(
            url, params={"limit": 2, "cursor": page["next_cursor"]}, headers=owner.headers
        )
        return [i["id"] for i in page["items"] + rest.json()["items"]]

    assert await order() == [meeting, calls[1], calls[0]]
    moved = await client.patch(
        f"{INTERACTIONS}/{meeting}",
        json={"scheduled_at": (base + timedelta(days=2)).isoformat()},
        headers={**owner.headers, "If-Match": '"1"'},
    )
    assert moved.status_code == 200, moved.text
    assert await order() == [calls[1], meeting, calls[0]]
    held = await client.post(
        f"{INTERACTIONS}/{meeting}/complete",
        json={"outcome": "interested", "occurred_at": base.isoformat()},
        headers={**owner.headers, "If-Match": '"2"'},
    )
    assert held.status_code == 200, held.text
    assert await order() == [calls[1], calls[0], meeting]


async def test_timeline_leaves_out_what_the_caller_cannot_see(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """On a contact the Salesperson owns, an interaction owned by someone else (and not
    shared with them) is left out of their timeline."""
    sales = await make_staff("salesperson")
    mine = await contact(client, sales)
    await log(client, sales, channel="call", contact_id=mine["id"])
    await log(client, owner, channel="note", contact_id=mine["id"], body="manager's note")
    theirs = await client.get(f"{CONTACTS}/{mine['id']}/timeline", headers=sales.headers)
    assert len(theirs.json()["items"]) == 1
    everything = await client.get(f"{CONTACTS}/{mine['id']}/timeline", headers=owner.headers)
    assert len(everything.json()["items"]) == 2


async def test_company_timeline_includes_its_contacts(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A company's timeline holds interactions with the company and with its contacts."""
    company = (
        await client.post("/api/v1/companies", json={"name": "Acme"}, headers=owner.headers)
    ).json()
    ada = await contact(client, owner, company_id=company["id"])
    await log(client, owner, channel="call", contact_id=ada["id"])
    await log(client, owner, channel="email", company_id=company["id"])
    feed = await client.get(f"/api/v1/companies/{company['id']}/timeline", headers=owner.headers)
    assert len(feed.json()["items"]) == 2


async def test_outcome_list_is_configurable(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """settings:manage replaces the list; a left-out outcome is deactivated (no longer
    accepted) but kept; others may read the list and not change it."""
    response = await client.put(
        "/api/v1/interaction-outcomes",
        json={
            "items": [
                {"key": "interested", "label": "Interested"},
                {"key": "demo", "label": "Demo"},
            ]
        },
        headers=owner.headers,
    )
    assert response.status_code == 200, response.text
    active = [o["key"] for o in response.json()["items"] if o["active"]]
    assert active == ["interested", "demo"]
    assert "no_answer" in [o["key"] for o in response.json()["items"]]
    ada = await contact(client, owner)
    refused = await log(client, owner, channel="call", contact_id=ada["id"], outcome="no_answer")
    assert_problem(refused, 422, "outcome")
    sales = await make_staff("salesperson")
    assert (
        await client.get("/api/v1/interaction-outcomes", headers=sales.headers)
    ).status_code == 200
    denied = await client.put(
        "/api/v1/interaction-outcomes",
        json={"items": [{"key": "x", "label": "X"}]},
        headers=sales.headers,
    )
    assert_problem(denied, 403)


async def test_cancel_and_edit_rules(client: httpx.AsyncClient, owner: Staff) -> None:
    """A canceled interaction no longer counts as next and cannot be edited; a stale
    If-Match is 412."""
    ada = await contact(client, owner)
    planned = await log(
        client, owner, channel="call", status="planned", contact_id=ada["id"],
        scheduled_at=(datetime.now(UTC) + timedelta(days=1)).isoformat(),
    )  # fmt: skip
    url = f"{INTERACTIONS}/{planned.json()['id']}"
    stale = await client.patch(
        url, json={"subject": "x"}, headers={**owner.headers, "If-Match": '"9"'}
    )
    assert_problem(stale, 412)
    canceled = await client.post(f"{url}/cancel", headers=owner.headers)
    assert canceled.status_code == 200 and canceled.json()["status"] == "canceled"
    assert (await read_contact(client, owner, ada["id"]))["next_interaction_at"] is None
    assert_problem(await client.patch(url, json={"subject": "x"}, headers=owner.headers), 409)
