"""The funnel: pipelines and stages, deals moving through them with history, lost
reasons, winning making a customer, converting leads, the board, and scope."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

import httpx
import pytest
from sqlalchemy import select, update

from domain.funnel.pipelines import DEFAULT_PIPELINE
from persistence.audit import AuditEventRow
from persistence.database import Database
from persistence.funnel_rows import DealRow
from tests.conftest import MakeStaff, Staff
from tests.helpers import assert_problem, deal_totals_kept

DEALS = "/api/v1/deals"
PIPELINES = "/api/v1/pipelines"
STAGE = {s.name: str(s.id) for s in DEFAULT_PIPELINE.stages}


async def deal(client: httpx.AsyncClient, staff: Staff, **body: Any) -> dict[str, Any]:
    response = await client.post(DEALS, json={"title": "Licences", **body}, headers=staff.headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def move(
    client: httpx.AsyncClient, staff: Staff, deal_id: str, stage: str, **body: Any
) -> httpx.Response:
    return await client.post(
        f"{DEALS}/{deal_id}/move", json={"stage_id": STAGE[stage], **body}, headers=staff.headers
    )


async def test_default_pipeline_is_seeded(client: httpx.AsyncClient, owner: Staff) -> None:
    """One default pipeline: New, Qualified, Proposal, Negotiation, Won, Lost."""
    listed = (await client.get(PIPELINES, headers=owner.headers)).json()["items"]
    assert [p["name"] for p in listed] == ["Sales"] and listed[0]["is_default"]
    assert [s["name"] for s in listed[0]["stages"]] == list(STAGE)
    assert [s["kind"] for s in listed[0]["stages"]][-2:] == ["won", "lost"]


async def test_moves_are_recorded_with_time_spent(client: httpx.AsyncClient, owner: Staff) -> None:
    """A new deal starts in the first open stage; each move records from, to, who and
    the time spent before; status follows the stage kind."""
    created = await deal(client, owner, amount=150000, currency="eur")
    assert created["stage_id"] == STAGE["New"] and created["currency"] == "EUR"
    assert created["status"] == "open"
    moved = await move(client, owner, created["id"], "Proposal")
    assert moved.status_code == 200, moved.text
    history = (
        await client.get(f"{DEALS}/{created['id']}/stage-changes", headers=owner.headers)
    ).json()
    steps = [(c["from_stage_id"], c["to_stage_id"]) for c in history["items"]]
    assert steps == [(STAGE["New"], STAGE["Proposal"]), (None, STAGE["New"])]
    assert history["items"][0]["seconds_in_previous"] >= 0
    assert history["items"][0]["by"] == owner.id


async def test_lost_needs_a_reason_and_won_makes_a_customer(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Moving to Lost without a reason is a 422 naming lost_reason; winning a deal turns
    its contact into a customer."""
    contact = (
        await client.post("/api/v1/contacts", json={"first_name": "Ada"}, headers=owner.headers)
    ).json()
    created = await deal(client, owner, contact_id=contact["id"])
    assert_problem(await move(client, owner, created["id"], "Lost"), 422, "lost_reason")
    lost = await move(client, owner, created["id"], "Lost", lost_reason="Too expensive")
    assert lost.json()["status"] == "lost" and lost.json()["lost_reason"] == "Too expensive"
    won = await move(client, owner, created["id"], "Won")
    assert won.json()["status"] == "won" and won.json()["lost_reason"] is None
    after = (await client.get(f"/api/v1/contacts/{contact['id']}", headers=owner.headers)).json()
    assert after["lifecycle_stage"] == "customer"
    timeline = await client.get(
        f"/api/v1/contacts/{contact['id']}/timeline", params={"type": "deal"}, headers=owner.headers
    )
    assert len(timeline.json()["items"]) == 3


async def test_convert_a_lead(client: httpx.AsyncClient, owner: Staff) -> None:
    """A lead converts into a deal in the default pipeline and becomes a prospect; a
    customer does not convert (409)."""
    lead = (
        await client.post("/api/v1/contacts", json={"first_name": "Ada"}, headers=owner.headers)
    ).json()
    converted = await client.post(
        f"/api/v1/contacts/{lead['id']}/convert",
        json={"amount": 90000, "currency": "USD"},
        headers=owner.headers,
    )
    assert converted.status_code == 201, converted.text
    assert converted.json()["contact_id"] == lead["id"]
    assert converted.json()["title"] == "Ada deal"
    after = (await client.get(f"/api/v1/contacts/{lead['id']}", headers=owner.headers)).json()
    assert after["lifecycle_stage"] == "prospect"
    again = await client.post(
        f"/api/v1/contacts/{lead['id']}/convert", json={}, headers=owner.headers
    )
    assert_problem(again, 409)


async def test_board_counts_and_sums_per_currency(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Per stage the board gives the count, sums per currency and the first deals; a
    Salesperson's board holds only their deals."""
    sales = await make_staff("salesperson")
    await deal(client, owner, amount=1000, currency="EUR")
    await deal(client, owner, amount=2500, currency="EUR")
    await deal(client, owner, amount=700, currency="USD")
    mine = await deal(client, sales, amount=300, currency="EUR")
    await move(client, sales, mine["id"], "Qualified")
    url = f"{PIPELINES}/{DEFAULT_PIPELINE.id}/board"
    board = (await client.get(url, params={"per_stage": 2}, headers=owner.headers)).json()
    columns = {c["stage"]["name"]: c for c in board["columns"]}
    assert columns["New"]["count"] == 3 and columns["New"]["totals"] == {"EUR": 3500, "USD": 700}
    assert len(columns["New"]["deals"]) == 2
    assert columns["Qualified"]["totals"] == {"EUR": 300}
    theirs = (await client.get(url, headers=sales.headers)).json()
    counts = {c["stage"]["name"]: c["count"] for c in theirs["columns"]}
    assert counts["New"] == 0 and counts["Qualified"] == 1


async def test_board_cards_name_the_company_contact_and_next_activity(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A board card carries its company's and contact's names and its next activity: the
    sooner of the first open task with a due time (of several) and the first planned
    interaction; done tasks do not count, and what the caller may not read is left out."""
    h = owner.headers
    company = (await client.post("/api/v1/companies", json={"name": "Acme"}, headers=h)).json()
    contact = (
        await client.post(
            "/api/v1/contacts", json={"first_name": "Ada", "last_name": "Byron"}, headers=h
        )
    ).json()
    created = await deal(client, owner, contact_id=contact["id"], company_id=company["id"])
    soon = datetime.now(UTC) + timedelta(days=1)
    tasks_made = [
        ("Later", soon + timedelta(days=2), False),
        ("Old", soon - timedelta(days=3), True),
        ("Offer", soon, False),
    ]
    for title, due, done in tasks_made:
        task = await client.post(
            "/api/v1/tasks",
            json={"title": title, "due_at": due.isoformat(), "deal_id": created["id"]},
            headers=h,
        )
        assert task.status_code == 201, task.text
        if done:
            finished = await client.patch(
                f"/api/v1/tasks/{task.json()['id']}", json={"status": "done"}, headers=h
            )
            assert finished.status_code == 200, finished.text
    call = await client.post(
        "/api/v1/interactions",
        json={
            "channel": "call",
            "status": "planned",
            "scheduled_at": (soon + timedelta(hours=2)).isoformat(),
            "deal_id": created["id"],
        },
        headers=h,
    )
    assert call.status_code == 201, call.text
    bare = await deal(client, owner, title="Bare")
    url = f"{PIPELINES}/{DEFAULT_PIPELINE.id}/board"
    board = (await client.get(url, headers=h)).json()
    cards = {d["title"]: d for c in board["columns"] for d in c["deals"]}
    card = cards["Licences"]
    assert card["company_name"] == "Acme" and card["contact_name"] == "Ada Byron"
    assert card["next_activity"]["kind"] == "task"
    assert card["next_activity"]["title"] == "Offer"
    assert card["next_activity"]["overdue"] is False
    assert abs(datetime.fromisoformat(card["next_activity"]["due"]) - soon) < timedelta(seconds=1)
    assert cards[bare["title"]]["next_activity"] is None
    assert cards[bare["title"]]["company_name"] is None
    # The task done, the planned call is next.
    tasks = (
        await client.get("/api/v1/tasks", params={"deal_id": created["id"]}, headers=h)
    ).json()["items"]
    for task in tasks:
        if task["status"] == "open":
            await client.patch(f"/api/v1/tasks/{task['id']}", json={"status": "done"}, headers=h)
    board = (await client.get(url, headers=h)).json()
    card = next(d for c in board["columns"] for d in c["deals"] if d["id"] == created["id"])
    assert card["next_activity"]["kind"] == "interaction"
    assert card["next_activity"]["channel"] == "call"
    # Moved into the past, the call is overdue.
    await client.patch(
        f"/api/v1/interactions/{call.json()['id']}",
        json={"scheduled_at": (soon - timedelta(days=2)).isoformat()},
        headers=h,
    )
    board = (await client.get(url, headers=h)).json()
    card = next(d for c in board["columns"] for d in c["deals"] if d["id"] == created["id"])
    assert card["next_activity"]["overdue"] is True
    # A Salesperson's own deal, with the Owner's company and the Owner's task on it: the
    # card names the company as far as they read it, and not the task.
    sales = await make_staff("salesperson")
    theirs = await deal(client, sales, title="Theirs")
    linked = await client.patch(
        f"{DEALS}/{theirs['id']}", json={"company_id": company["id"]}, headers=h
    )
    assert linked.status_code == 200, linked.text
    await client.post(
        "/api/v1/tasks",
        json={"title": "Secret", "due_at": soon.isoformat(), "deal_id": theirs["id"]},
        headers=h,
    )
    board = (await client.get(url, headers=sales.headers)).json()
    card = next(d for c in board["columns"] for d in c["deals"] if d["id"] == theirs["id"])
    reads = await client.get(f"/api/v1/companies/{company['id']}", headers=sales.headers)
    assert card["company_name"] == ("Acme" if reads.status_code == 200 else None)
    assert card["next_activity"] is None


async def test_a_new_open_stage_lands_before_won_and_lost(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Added without a position, an open stage follows the last open one, so the funnel
    still ends with Won and Lost; a closed stage goes last."""
    url = f"{PIPELINES}/{DEFAULT_PIPELINE.id}/stages"
    added = await client.post(
        url, json={"name": "Contract review", "probability": 80}, headers=owner.headers
    )
    assert added.status_code == 201, added.text
    kinds = [(s["name"], s["kind"]) for s in added.json()["stages"]]
    assert kinds[-3:] == [("Contract review", "open"), ("Won", "won"), ("Lost", "lost")]
    lost = await client.post(
        url, json={"name": "No budget", "probability": 0, "kind": "lost"}, headers=owner.headers
    )
    assert lost.status_code == 201, lost.text
    assert lost.json()["stages"][-1]["name"] == "No budget"


async def test_stages_reorder_and_delete_with_a_target(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Reordering keeps deals where they are; deleting a stage with deals needs a target
    (409 without), and its deals move there."""
    created = await deal(client, owner)
    url = f"{PIPELINES}/{DEFAULT_PIPELINE.id}/stages"
    reordered = await client.patch(
        f"{url}/{STAGE['New']}", json={"position": 2}, headers=owner.headers
    )
    assert reordered.status_code == 200, reordered.text
    names = [s["name"] for s in reordered.json()["stages"]]
    assert names[:3] == ["Qualified", "Proposal", "New"]
    still = (await client.get(f"{DEALS}/{created['id']}", headers=owner.headers)).json()
    assert still["stage_id"] == STAGE["New"]
    assert_problem(await client.delete(f"{url}/{STAGE['New']}", headers=owner.headers), 409)
    removed = await client.delete(
        f"{url}/{STAGE['New']}",
        params={"target_stage_id": STAGE["Qualified"]},
        headers=owner.headers,
    )
    assert removed.status_code == 200
    moved = (await client.get(f"{DEALS}/{created['id']}", headers=owner.headers)).json()
    assert moved["stage_id"] == STAGE["Qualified"]


async def test_a_removed_stages_deals_move_as_recorded_moves_keeping_their_status(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A removed stage's deals move to the target as moves of their own: in each deal's
    history (from, to, by whom, the time spent there), with a new version, in the audit
    trail and in the running totals (several deals sharing total rows, read in more than
    one batch). A won deal stays won, won when it was. Rules on entering the target do not
    run. A target of another kind is refused (422 naming target_stage_id) and nothing
    moves."""
    monkeypatch.setattr("persistence.deals._IDS_AT_ONCE", 2)
    url = f"{PIPELINES}/{DEFAULT_PIPELINE.id}/stages"
    rep = await make_staff("manager")
    open_deals = [
        await deal(client, owner, amount=100, currency="EUR", expected_close="2027-01-10"),
        await deal(client, owner, amount=150, currency="EUR", expected_close="2027-01-20"),
        await deal(client, rep, amount=70, currency="USD", expected_close="2027-03-01"),
    ]
    won_deal = await deal(client, owner, amount=200, currency="EUR")
    won = (await move(client, owner, won_deal["id"], "Won")).json()
    added = await client.post(
        url,
        json={"name": "Won (renewal)", "kind": "won", "probability": 100},
        headers=owner.headers,
    )
    assert added.status_code == 201, added.text
    renewal = next(s["id"] for s in added.json()["stages"] if s["name"] == "Won (renewal)")
    rule = {
        "name": "Qualify",
        "trigger": {"type": "deal_entered_stage", "stage_id": STAGE["Qualified"]},
        "conditions": [],
        "actions": [{"type": "create_task", "title": "Call them", "due_in_days": 1}],
    }
    made = await client.post("/api/v1/automation-rules", json=rule, headers=owner.headers)
    assert made.status_code == 201, made.text

    wrong_kind = await client.delete(
        f"{url}/{STAGE['New']}", params={"target_stage_id": STAGE["Won"]}, headers=owner.headers
    )
    assert_problem(wrong_kind, 422, "target_stage_id")
    for created in open_deals:
        unmoved = (await client.get(f"{DEALS}/{created['id']}", headers=owner.headers)).json()
        assert unmoved["stage_id"] == STAGE["New"] and unmoved["version"] == created["version"]

    async with database.sessions() as session:  # every deal entered its stage 5 hours ago
        entered = datetime.now(UTC) - timedelta(hours=5)
        await session.execute(update(DealRow).values(stage_entered_at=entered))
        await session.commit()
    for stage, target in ((STAGE["New"], STAGE["Qualified"]), (STAGE["Won"], renewal)):
        removed = await client.delete(
            f"{url}/{stage}", params={"target_stage_id": target}, headers=owner.headers
        )
        assert removed.status_code == 200, removed.text
    for created in open_deals:
        moved = (await client.get(f"{DEALS}/{created['id']}", headers=owner.headers)).json()
        assert (moved["stage_id"], moved["status"]) == (STAGE["Qualified"], "open")
        assert moved["version"] == created["version"] + 1
    still_won = (await client.get(f"{DEALS}/{won_deal['id']}", headers=owner.headers)).json()
    assert (still_won["stage_id"], still_won["status"]) == (renewal, "won")
    assert still_won["won_at"] == won["won_at"]
    moves = [(d, STAGE["New"], STAGE["Qualified"]) for d in open_deals]
    for moved_deal, was_in, now_in in [*moves, (won_deal, STAGE["Won"], renewal)]:
        history = (
            await client.get(f"{DEALS}/{moved_deal['id']}/stage-changes", headers=owner.headers)
        ).json()["items"]
        latest = history[0]
        assert (latest["from_stage_id"], latest["to_stage_id"]) == (was_in, now_in)
        assert latest["by"] == owner.id
        assert 5 * 3600 <= latest["seconds_in_previous"] < 5 * 3600 + 60
        async with database.sessions() as session:
            audited = (
                await session.scalars(
                    select(AuditEventRow.changes).where(
                        AuditEventRow.entity_id == UUID(moved_deal["id"])
                    )
                )
            ).all()
        stage_moves = [
            (c["stage_id"]["before"], c["stage_id"]["after"]) for c in audited if "stage_id" in c
        ]
        assert (was_in, now_in) in stage_moves
    tasks = (await client.get("/api/v1/tasks", headers=owner.headers)).json()["items"]
    assert tasks == []
    assert await deal_totals_kept(database) == await deal_totals_kept(database, rebuilt=True)


async def test_pipeline_needs_open_won_and_lost(client: httpx.AsyncClient, owner: Staff) -> None:
    """A pipeline without a lost stage is refused; managing pipelines needs
    pipelines:manage."""
    body: dict[str, Any] = {
        "name": "Renewals",
        "stages": [
            {"name": "Due", "probability": 50},
            {"name": "Renewed", "probability": 100, "kind": "won"},
            {"name": "Also due", "probability": 40},
        ],
    }
    assert_problem(await client.post(PIPELINES, json=body, headers=owner.headers), 422, "stages")
    body["stages"].append({"name": "Cancelled", "probability": 0, "kind": "lost"})
    created = await client.post(PIPELINES, json=body, headers=owner.headers)
    assert created.status_code == 201, created.text


async def test_scope_and_permissions(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A Salesperson neither sees nor moves someone else's deal (404) and cannot manage
    pipelines (403); a Storekeeper cannot read deals (403)."""
    sales = await make_staff("salesperson")
    theirs = await deal(client, owner)
    assert_problem(await client.get(f"{DEALS}/{theirs['id']}", headers=sales.headers), 404)
    assert_problem(await move(client, sales, theirs["id"], "Won"), 404)
    assert (await client.get(DEALS, headers=sales.headers)).json()["items"] == []
    stages = [
        {"name": "A", "probability": 10},
        {"name": "W", "probability": 100, "kind": "won"},
        {"name": "L", "probability": 0, "kind": "lost"},
    ]
    denied = await client.post(
        PIPELINES, json={"name": "X", "stages": stages}, headers=sales.headers
    )
    assert_problem(denied, 403)
    keeper = await make_staff("storekeeper")
    assert_problem(await client.get(DEALS, headers=keeper.headers), 403)


async def test_deal_input_is_checked(client: httpx.AsyncClient, owner: Staff) -> None:
    """An unknown currency, a negative amount, a stage of another pipeline: 422 each."""
    assert_problem(
        await client.post(DEALS, json={"title": "x", "currency": "XYZ"}, headers=owner.headers),
        422,
        "currency",
    )
    assert_problem(
        await client.post(DEALS, json={"title": "x", "amount": -1}, headers=owner.headers),
        422,
        "amount",
    )
    assert_problem(
        await client.post(DEALS, json={"title": "x", "stage_id": owner.id}, headers=owner.headers),
        422,
        "stage_id",
    )
