"""Tasks, my agenda, reminders and the calendar feed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import httpx
from icalendar import Calendar

from tests.conftest import MakeStaff, MakeTeam, Staff
from tests.helpers import assert_problem

TASKS = "/api/v1/tasks"


def iso(moment: datetime) -> str:
    return moment.isoformat()


async def task(client: httpx.AsyncClient, staff: Staff, **body: Any) -> dict[str, Any]:
    response = await client.post(TASKS, json={"title": "Call back", **body}, headers=staff.headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_create_complete_and_list(client: httpx.AsyncClient, owner: Staff) -> None:
    """A task is mine by default; done sets completed_at; filters find it."""
    due = datetime.now(UTC) + timedelta(days=1)
    created = await task(client, owner, due_at=iso(due), priority="high", labels=["Offer"])
    assert created["assignee_id"] == owner.id and created["status"] == "open"
    assert created["labels"] == ["offer"]
    done = await client.patch(
        f"{TASKS}/{created['id']}",
        json={"status": "done"},
        headers={**owner.headers, "If-Match": '"1"'},
    )
    assert done.status_code == 200 and done.json()["completed_at"] is not None
    listed = await client.get(
        TASKS, params={"status": "done", "label": "offer"}, headers=owner.headers
    )
    assert [t["id"] for t in listed.json()["items"]] == [created["id"]]


async def test_assigning_follows_scope_and_rank(
    client: httpx.AsyncClient, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """A Senior manager assigns to a Manager of their team, not to one of another team
    (422: not in scope) nor to a peer (403); a Salesperson assigns only to themselves."""
    north, south = await make_team("North"), await make_team("South")
    senior = await make_staff("senior_manager", team=north)
    peer = await make_staff("senior_manager", team=north)
    teammate = await make_staff("manager", team=north)
    stranger = await make_staff("manager", team=south)
    sales = await make_staff("salesperson", team=north)
    ok = await task(client, senior, assignee_id=teammate.id)
    assert ok["team_id"] == str(north.id)
    far = await client.post(
        TASKS, json={"title": "x", "assignee_id": stranger.id}, headers=senior.headers
    )
    assert_problem(far, 422, "assignee_id")
    up = await client.post(
        TASKS, json={"title": "x", "assignee_id": peer.id}, headers=senior.headers
    )
    assert_problem(up, 403, "assignee_id")
    other = await client.post(
        TASKS, json={"title": "x", "assignee_id": teammate.id}, headers=sales.headers
    )
    assert_problem(other, 422, "assignee_id")
    assignee_view = await client.get(f"{TASKS}/{ok['id']}", headers=teammate.headers)
    assert assignee_view.status_code == 200, "the assignee sees the task given to them"
    assert_problem(await client.get(f"{TASKS}/{ok['id']}", headers=stranger.headers), 404)


async def test_bad_input(client: httpx.AsyncClient, owner: Staff) -> None:
    """A reminder after the due time, a blank title and a naive time are refused."""
    due = datetime.now(UTC) + timedelta(days=1)
    late = await client.post(
        TASKS,
        json={"title": "x", "due_at": iso(due), "remind_at": iso(due + timedelta(hours=1))},
        headers=owner.headers,
    )
    assert_problem(late, 422, "remind_at")
    blank = await client.post(TASKS, json={"title": " "}, headers=owner.headers)
    assert_problem(blank, 422, "title")
    naive = await client.post(
        TASKS, json={"title": "x", "due_at": "2026-12-01T10:00:00"}, headers=owner.headers
    )
    assert_problem(naive, 422, "due_at")


async def test_agenda_puts_overdue_first_and_respects_the_window(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Overdue tasks and planned interactions come first, then the window's items by
    time; items after the window are left out; windows take any offset."""
    now = datetime.now(UTC)
    contact = (
        await client.post("/api/v1/contacts", json={"first_name": "Ada"}, headers=owner.headers)
    ).json()
    overdue = await task(client, owner, title="Overdue", due_at=iso(now - timedelta(days=3)))
    tomorrow = await task(client, owner, title="Tomorrow", due_at=iso(now + timedelta(days=1)))
    await task(client, owner, title="Far", due_at=iso(now + timedelta(days=30)))
    meeting = await client.post(
        "/api/v1/interactions",
        json={
            "channel": "meeting", "status": "planned", "contact_id": contact["id"],
            "scheduled_at": iso(now + timedelta(hours=5)),
        },
        headers=owner.headers,
    )  # fmt: skip
    start = (now - timedelta(hours=1)).astimezone(timezone(timedelta(hours=9)))  # +09:00
    response = await client.get(
        "/api/v1/me/agenda",
        params={"from": iso(start), "to": iso(now + timedelta(days=2))},
        headers=owner.headers,
    )
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    ids = [(i["task"] or i["interaction"])["id"] for i in items]
    assert ids == [overdue["id"], meeting.json()["id"], tomorrow["id"]]
    assert [i["overdue"] for i in items] == [True, False, False]
    backwards = await client.get(
        "/api/v1/me/agenda",
        params={"from": iso(now), "to": iso(now - timedelta(days=1))},
        headers=owner.headers,
    )
    assert_problem(backwards, 422, "to")


async def test_agenda_names_what_each_item_is_about_only_when_readable(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Each agenda item names its contact, company (its own, else its contact's) and
    deal, so a row reads "Call: Ada Lovelace, Acme"; a record the caller may not read is
    not named: its id stays an id and none of its fields reach the caller. The caller
    reads only their own records of every kind (every template reads the whole
    directory), yet a task assigned to them names the colleague's contact and company it
    is about: the responsible person reads those (ARCHITECTURE.md §3), not the deal."""
    sales = await make_staff("own_scope")
    due = iso(datetime.now(UTC) + timedelta(hours=2))

    async def post(path: str, staff: Staff, **body: Any) -> dict[str, Any]:
        response = await client.post(f"/api/v1/{path}", json=body, headers=staff.headers)
        assert response.status_code == 201, response.text
        return dict(response.json())

    acme = await post("companies", sales, name="Acme")
    ada = await post("contacts", sales, first_name="Ada", last_name="Lovelace",
                     company_id=acme["id"])  # fmt: skip
    mine = await task(client, sales, title="Send the offer", due_at=due, contact_id=ada["id"])
    offer = await post("deals", sales, title="Offer for Ada", contact_id=ada["id"])
    call = await post("interactions", sales, channel="call", status="planned",
                      scheduled_at=due, contact_id=ada["id"], deal_id=offer["id"])  # fmt: skip
    hidden_company = await post("companies", owner, name="Hidden Holdings")
    hidden_contact = await post("contacts", owner, first_name="Secret", last_name="Person",
                                company_id=hidden_company["id"])  # fmt: skip
    hidden_deal = await post("deals", owner, title="Secret deal", contact_id=hidden_contact["id"])
    given = await task(client, owner, title="Call", due_at=due, assignee_id=sales.id,
                       contact_id=hidden_contact["id"], deal_id=hidden_deal["id"])  # fmt: skip
    own_deal = await post("deals", owner, title="Big order", contact_id=hidden_contact["id"],
                          company_id=hidden_company["id"])  # fmt: skip
    owners = await task(client, owner, title="Chase", due_at=due, contact_id=hidden_contact["id"],
                        deal_id=own_deal["id"])  # fmt: skip
    window = {
        "from": iso(datetime.now(UTC) - timedelta(days=1)),
        "to": iso(datetime.now(UTC) + timedelta(days=1)),
    }

    response = await client.get("/api/v1/me/agenda", params=window, headers=sales.headers)
    assert response.status_code == 200, response.text
    items = response.json()["items"]
    about = {i["task"]["id"]: (i["contact"], i["company"], i["deal"]) for i in items if i["task"]}
    assert about[mine["id"]] == (
        {"id": ada["id"], "name": "Ada Lovelace"},
        {"id": acme["id"], "name": "Acme"},
        None,
    ), "a task about my contact names it and the contact's company"
    assert about[given["id"]] == (
        {"id": hidden_contact["id"], "name": "Secret Person"},
        {"id": hidden_company["id"], "name": "Hidden Holdings"},
        None,
    ), "the responsible person reads the contact and company, a deal out of scope is not named"
    planned = next(i for i in items if i["interaction"] and i["interaction"]["id"] == call["id"])
    assert (planned["contact"], planned["company"], planned["deal"]) == (
        {"id": ada["id"], "name": "Ada Lovelace"},
        {"id": acme["id"], "name": "Acme"},
        {"id": offer["id"], "name": "Offer for Ada"},
    ), "a planned call names its contact, company and deal too"
    assert "Secret deal" not in response.text and "Big order" not in response.text
    assert owners["id"] not in about

    response = await client.get("/api/v1/me/agenda", params=window, headers=owner.headers)
    item = next(i for i in response.json()["items"] if i["task"]["id"] == owners["id"])
    assert (item["contact"]["name"], item["company"]["name"], item["deal"]["name"]) == (
        "Secret Person",
        "Hidden Holdings",
        "Big order",
    ), "the owner reads all three"


async def test_reminders_are_due_until_acknowledged(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A passed reminder shows until acknowledged; a future one does not; someone else
    cannot acknowledge it."""
    now = datetime.now(UTC)
    due = await task(
        client,
        owner,
        due_at=iso(now + timedelta(hours=2)),
        remind_at=iso(now - timedelta(minutes=5)),
    )
    await task(
        client, owner, due_at=iso(now + timedelta(days=2)), remind_at=iso(now + timedelta(days=1))
    )
    reminders = await client.get("/api/v1/me/reminders", headers=owner.headers)
    assert [r["id"] for r in reminders.json()] == [due["id"]]
    other = await make_staff("salesperson")
    url = f"/api/v1/me/reminders/{due['id']}/acknowledge"
    assert_problem(await client.post(url, headers=other.headers), 404)
    assert (await client.post(url, headers=owner.headers)).status_code == 200
    assert (await client.get("/api/v1/me/reminders", headers=owner.headers)).json() == []


async def test_calendar_feed_parses_back_and_can_be_revoked(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """The feed URL needs no sign-in, carries my planned interactions and tasks with due
    dates as iCalendar events (parsed back with icalendar), and dies when revoked or
    replaced."""
    now = datetime.now(UTC).replace(microsecond=0)
    contact = (
        await client.post("/api/v1/contacts", json={"first_name": "Ada"}, headers=owner.headers)
    ).json()
    await task(
        client, owner, title="Send offer", due_at=iso(now + timedelta(days=1)), remind_at=iso(now)
    )
    await client.post(
        "/api/v1/interactions",
        json={
            "channel": "meeting", "status": "planned", "contact_id": contact["id"],
            "subject": "Demo", "scheduled_at": iso(now + timedelta(days=2)), "duration_minutes": 45,
        },
        headers=owner.headers,
    )  # fmt: skip
    created = await client.post("/api/v1/me/calendar-feed", headers=owner.headers)
    assert created.status_code == 201
    url = created.json()["url"].replace("http://testserver", "")
    feed = await client.get(url)
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    events = {str(e["summary"]): e for e in Calendar.from_ical(feed.content).walk("VEVENT")}
    assert set(events) == {"Task: Send offer", "Demo"}
    demo = events["Demo"]
    assert demo.decoded("dtend") - demo.decoded("dtstart") == timedelta(minutes=45)
    assert events["Task: Send offer"].walk("VALARM"), "the task's reminder becomes an alarm"

    replaced = await client.post("/api/v1/me/calendar-feed", headers=owner.headers)
    assert_problem(await client.get(url), 404)
    new_url = replaced.json()["url"].replace("http://testserver", "")
    assert (await client.get(new_url)).status_code == 200
    await client.delete("/api/v1/me/calendar-feed", headers=owner.headers)
    assert_problem(await client.get(new_url), 404)


async def test_timeline_merges_tasks_and_interactions(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """The contact's timeline holds its tasks (at their due time) and interactions in
    one newest-first feed that pages across both without gaps or repeats."""
    contact = (
        await client.post("/api/v1/contacts", json={"first_name": "Ada"}, headers=owner.headers)
    ).json()
    base = datetime(2026, 10, 1, tzinfo=UTC)
    expected = []
    for day in range(8):
        when = iso(base + timedelta(days=day))
        if day % 2:
            made = await task(client, owner, contact_id=contact["id"], due_at=when)
        else:
            made = (
                await client.post(
                    "/api/v1/interactions",
                    json={"channel": "call", "contact_id": contact["id"], "occurred_at": when},
                    headers=owner.headers,
                )
            ).json()
        expected.append(made["id"])
    url = f"/api/v1/contacts/{contact['id']}/timeline"
    seen, cursor = [], None
    while True:
        params: dict[str, Any] = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = (await client.get(url, params=params, headers=owner.headers)).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == list(reversed(expected))
    only_tasks = await client.get(url, params={"type": "task"}, headers=owner.headers)
    assert {i["type"] for i in only_tasks.json()["items"]} == {"task"}
    assert_problem(
        await client.get(url, params={"cursor": "garbage"}, headers=owner.headers), 400, "cursor"
    )
