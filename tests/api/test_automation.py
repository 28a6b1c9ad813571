"""Automation rules over HTTP: managing them (CRUD, validation naming the field, the
permission), each trigger firing in the transaction of its write, each action, the
conditions, disabled rules, attribution in history and audit, the depth limit that stops
rules from ping-ponging, failures that leave the user's write alone, scope, and the idle
trigger on a frozen clock, run by two copies of the job at once."""

from __future__ import annotations

import asyncio
import itertools
import uuid
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from api.cli.worker import run_scheduled_once
from domain.funnel.automation.model import MAX_DEPTH
from domain.funnel.pipelines import DEFAULT_PIPELINE
from persistence.audit import AuditEventRow
from persistence.automation import AutomationRunRow
from persistence.database import Database
from tests.conftest import MakeStaff, MakeTeam, Staff
from tests.helpers import assert_problem, deal_totals_kept, if_match, read_ok, walk

API = "/api/v1"
RULES = f"{API}/automation-rules"
STAGE = {s.name: str(s.id) for s in DEFAULT_PIPELINE.stages}


async def make_rule(
    client: httpx.AsyncClient,
    staff: Staff,
    trigger: dict[str, Any],
    actions: list[dict[str, Any]],
    conditions: list[dict[str, Any]] | None = None,
    **body: Any,
) -> dict[str, Any]:
    payload = {
        "name": body.pop("name", f"Rule {uuid.uuid4().hex[:6]}"),
        "trigger": trigger,
        "conditions": conditions or [],
        "actions": actions,
        **body,
    }
    response = await client.post(RULES, json=payload, headers=staff.headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def post_ok(
    client: httpx.AsyncClient, staff: Staff, url: str, body: dict[str, Any]
) -> dict[str, Any]:
    response = await client.post(f"{API}{url}", json=body, headers=staff.headers)
    assert response.status_code in (200, 201), response.text
    return dict(response.json())


async def runs(client: httpx.AsyncClient, staff: Staff, rule: dict[str, Any]) -> list[Any]:
    return list((await read_ok(client, staff, f"{RULES}/{rule['id']}/runs"))["items"])


async def tasks_about(client: httpx.AsyncClient, staff: Staff, contact_id: str) -> list[Any]:
    response = await client.get(
        f"{API}/tasks", params={"contact_id": contact_id}, headers=staff.headers
    )
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


async def history(client: httpx.AsyncClient, staff: Staff, contact_id: str) -> list[Any]:
    return list((await read_ok(client, staff, f"{API}/contacts/{contact_id}/history"))["items"])


async def stage_changes(client: httpx.AsyncClient, staff: Staff, deal_id: str) -> list[Any]:
    return list((await read_ok(client, staff, f"{API}/deals/{deal_id}/stage-changes"))["items"])


def near(moment: str, expected: datetime, slack: timedelta = timedelta(minutes=1)) -> bool:
    return abs(datetime.fromisoformat(moment) - expected) <= slack


# --- Managing rules -------------------------------------------------------------------


async def test_rules_are_created_read_listed_changed_and_deleted(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """201 with Location and ETag; GET with ETag; the list pages by cursor in creation
    order and filters by trigger and enabled; PATCH needs the current ETag (412 when
    stale) and can switch a rule off; DELETE answers 204, then 404."""
    created = await make_rule(
        client,
        owner,
        {"type": "deal_entered_stage", "stage_id": STAGE["Qualified"]},
        [{"type": "create_task", "title": "  Send the offer ", "due_in_days": 2}],
        [{"field": "amount", "op": "greater_than", "value": 100000}],
        name="Big deals get an offer",
    )
    assert created["version"] == 1 and created["enabled"] is True
    assert created["created_by"] == owner.id
    assert created["trigger"] == {
        "type": "deal_entered_stage",
        "stage_id": STAGE["Qualified"],
        "days": None,
    }
    assert created["actions"] == [
        {
            "type": "create_task",
            "title": "Send the offer",
            "due_in_days": 2,
            "stage_id": None,
            "lost_reason": None,
            "team_id": None,
            "stage": None,
            "tag": None,
        }
    ]
    url = f"{RULES}/{created['id']}"
    got = await client.get(url, headers=owner.headers)
    assert got.status_code == 200 and got.headers["etag"] == '"1"'
    assert got.json() == created

    others = [
        await make_rule(
            client, owner, {"type": "contact_created"}, [{"type": "add_tag", "tag": f"t{i}"}]
        )
        for i in range(2)
    ]
    pages = await walk(client, RULES, owner.headers, {"limit": 1})
    assert [item for page in pages for item in page] == [
        created["id"],
        *(o["id"] for o in others),
    ]
    by_trigger = await read_ok(client, owner, f"{RULES}?trigger=contact_created")
    assert {r["id"] for r in by_trigger["items"]} == {o["id"] for o in others}

    stale = await client.patch(url, json={"enabled": False}, headers=if_match(owner, 7))
    assert_problem(stale, 412)
    off = await client.patch(url, json={"enabled": False}, headers=if_match(owner, 1))
    assert off.status_code == 200, off.text
    assert off.json()["enabled"] is False and off.headers["etag"] == '"2"'
    disabled = await read_ok(client, owner, f"{RULES}?enabled=false")
    assert [r["id"] for r in disabled["items"]] == [created["id"]]

    gone = await client.delete(url, headers=if_match(owner, 2))
    assert gone.status_code == 204
    assert_problem(await client.get(url, headers=owner.headers), 404)


BAD_RULES: list[tuple[str, dict[str, Any], str]] = [
    (
        "a condition on a field the record lacks",
        {
            "trigger": {"type": "contact_created"},
            "conditions": [{"field": "amount", "op": "equals", "value": 5}],
        },
        "conditions.0.field",
    ),
    (
        "a number field compared with text",
        {
            "trigger": {"type": "deal_entered_stage", "stage_id": STAGE["New"]},
            "conditions": [{"field": "amount", "op": "equals", "value": "lots"}],
        },
        "conditions.0.value",
    ),
    (
        "greater_than on a choice",
        {
            "trigger": {"type": "request_created"},
            "conditions": [{"field": "priority", "op": "greater_than", "value": "low"}],
        },
        "conditions.0.op",
    ),
    (
        "in with a single value",
        {
            "trigger": {"type": "request_created"},
            "conditions": [{"field": "priority", "op": "in", "value": "high"}],
        },
        "conditions.0.value",
    ),
    (
        "an outcome nobody configured",
        {
            "trigger": {"type": "interaction_completed"},
            "conditions": [{"field": "outcome", "op": "equals", "value": "ecstatic"}],
        },
        "conditions.0.value",
    ),
    (
        "a choice outside its list",
        {
            "trigger": {"type": "contact_created"},
            "conditions": [{"field": "lifecycle_stage", "op": "in", "value": ["lead", "vip"]}],
        },
        "conditions.0.value",
    ),
    (
        "an id that is no id",
        {
            "trigger": {"type": "contact_created"},
            "conditions": [{"field": "owner_id", "op": "equals", "value": "me"}],
        },
        "conditions.0.value",
    ),
    (
        "a deal trigger without its stage",
        {"trigger": {"type": "deal_entered_stage"}},
        "trigger.stage_id",
    ),
    (
        "a stage that does not exist",
        {"trigger": {"type": "deal_entered_stage", "stage_id": str(uuid.uuid4())}},
        "trigger.stage_id",
    ),
    (
        "an idle trigger without days",
        {"trigger": {"type": "deal_idle_in_stage", "stage_id": STAGE["Proposal"]}},
        "trigger.days",
    ),
    (
        "days on a trigger that counts none",
        {"trigger": {"type": "contact_created", "days": 3}},
        "trigger.days",
    ),
    (
        "moving a deal from a contact trigger",
        {
            "trigger": {"type": "contact_created"},
            "actions": [{"type": "move_deal_to_stage", "stage_id": STAGE["Qualified"]}],
        },
        "actions.0.type",
    ),
    (
        "winning a deal from a logged call",
        {
            "trigger": {"type": "interaction_completed"},
            "actions": [{"type": "move_deal_to_stage", "stage_id": STAGE["Won"]}],
        },
        "actions.0.stage_id",
    ),
    (
        "moving a deal from a call to a stage that does not exist",
        {
            "trigger": {"type": "interaction_completed"},
            "actions": [{"type": "move_deal_to_stage", "stage_id": str(uuid.uuid4())}],
        },
        "actions.0.stage_id",
    ),
    (
        "moving to a lost stage without a reason",
        {
            "trigger": {"type": "deal_idle_in_stage", "stage_id": STAGE["Proposal"], "days": 9},
            "actions": [{"type": "move_deal_to_stage", "stage_id": STAGE["Lost"]}],
        },
        "actions.0.lost_reason",
    ),
    (
        "moving into the stage the deal has just entered",
        {
            "trigger": {"type": "deal_entered_stage", "stage_id": STAGE["Proposal"]},
            "actions": [{"type": "move_deal_to_stage", "stage_id": STAGE["Proposal"]}],
        },
        "actions.0.stage_id",
    ),
    (
        "a task without a title",
        {
            "trigger": {"type": "contact_created"},
            "actions": [{"type": "create_task", "due_in_days": 1}],
        },
        "actions.0.title",
    ),
    (
        "handing an interaction to someone",
        {
            "trigger": {"type": "interaction_completed"},
            "actions": [{"type": "assign_owner_round_robin", "team_id": str(uuid.uuid4())}],
        },
        "actions.0.type",
    ),
    (
        "a team that does not exist",
        {
            "trigger": {"type": "contact_created"},
            "actions": [{"type": "assign_owner_round_robin", "team_id": str(uuid.uuid4())}],
        },
        "actions.0.team_id",
    ),
    (
        "a parameter another action takes",
        {
            "trigger": {"type": "contact_created"},
            "actions": [{"type": "add_tag", "tag": "x", "stage_id": STAGE["New"]}],
        },
        "actions.0.stage_id",
    ),
    (
        "a blank tag",
        {"trigger": {"type": "contact_created"}, "actions": [{"type": "add_tag", "tag": " "}]},
        "actions.0.tag",
    ),
    ("no action at all", {"trigger": {"type": "contact_created"}, "actions": []}, "actions"),
]


@pytest.mark.parametrize(("case", "body", "field"), BAD_RULES, ids=[c for c, _, _ in BAD_RULES])
async def test_a_rule_that_does_not_hold_together_is_a_422_naming_the_field(
    client: httpx.AsyncClient, owner: Staff, case: str, body: dict[str, Any], field: str
) -> None:
    """Every way a rule can be wrong is refused before it is saved, naming the field."""
    payload = {"name": case, "actions": [{"type": "add_tag", "tag": "x"}], **body}
    response = await client.post(RULES, json=payload, headers=owner.headers)
    assert_problem(response, 422, field)
    assert (await read_ok(client, owner, RULES))["items"] == []


async def test_a_stage_of_another_pipeline_is_refused(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A rule moves a deal only within the pipeline of the stage it watches."""
    other = await post_ok(
        client,
        owner,
        "/pipelines",
        {
            "name": "Renewals",
            "stages": [
                {"name": "Due", "probability": 50},
                {"name": "Renewed", "probability": 100, "kind": "won"},
                {"name": "Cancelled", "probability": 0, "kind": "lost"},
            ],
        },
    )
    response = await client.post(
        RULES,
        json={
            "name": "Across pipelines",
            "trigger": {"type": "deal_entered_stage", "stage_id": STAGE["New"]},
            "actions": [{"type": "move_deal_to_stage", "stage_id": other["stages"][0]["id"]}],
        },
        headers=owner.headers,
    )
    assert_problem(response, 422, "actions.0.stage_id")


async def test_a_change_of_trigger_must_bring_fitting_conditions(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """PATCH checks the rule as a whole: conditions on a contact do not fit a request
    trigger; sent together with new conditions the change goes through."""
    rule = await make_rule(
        client,
        owner,
        {"type": "contact_created"},
        [{"type": "add_tag", "tag": "new"}],
        [{"field": "lifecycle_stage", "op": "equals", "value": "lead"}],
    )
    url = f"{RULES}/{rule['id']}"
    refused = await client.patch(
        url, json={"trigger": {"type": "request_created"}}, headers=owner.headers
    )
    assert_problem(refused, 422, "conditions.0.field")
    changed = await client.patch(
        url,
        json={
            "trigger": {"type": "request_created"},
            "conditions": [{"field": "priority", "op": "in", "value": ["high", "urgent"]}],
        },
        headers=owner.headers,
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["trigger"]["type"] == "request_created"
    assert changed.json()["version"] == 2


@pytest.mark.parametrize("role", ["advanced_access", "senior_manager", "manager", "storekeeper"])
async def test_rules_need_automation_manage(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, role: str
) -> None:
    """Without automation:manage, listing, reading, creating, changing and deleting
    rules are 403; without a token, 401."""
    rule = await make_rule(
        client, owner, {"type": "contact_created"}, [{"type": "add_tag", "tag": "x"}]
    )
    actor = await make_staff(role)
    url = f"{RULES}/{rule['id']}"
    body = {"name": "Mine", "trigger": {"type": "contact_created"}, "actions": rule["actions"]}
    for response in (
        await client.get(RULES, headers=actor.headers),
        await client.get(url, headers=actor.headers),
        await client.get(f"{url}/runs", headers=actor.headers),
        await client.get(f"{RULES}/vocabulary", headers=actor.headers),
        await client.post(RULES, json=body, headers=actor.headers),
        await client.patch(url, json={"enabled": False}, headers=actor.headers),
        await client.delete(url, headers=actor.headers),
    ):
        assert_problem(response, 403)
    assert_problem(await client.get(RULES), 401)


async def test_the_vocabulary_says_what_each_trigger_may_test_and_do(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Per trigger: its record, whether it names a stage and counts days, the fields its
    conditions test (greater_than only on numbers, outcomes the active ones) and its
    actions (an interaction moves a deal to open stages only; no round robin on one)."""
    answer = await client.get(f"{RULES}/vocabulary", headers=owner.headers)
    assert answer.status_code == 200, answer.text
    triggers = {t["type"]: t for t in answer.json()["triggers"]}
    assert set(triggers) == {
        "interaction_completed",
        "deal_entered_stage",
        "deal_idle_in_stage",
        "request_created",
        "contact_created",
    }
    idle = triggers["deal_idle_in_stage"]
    assert idle["record_type"] == "deal" and idle["needs_stage"] and idle["needs_days"]
    entered = triggers["deal_entered_stage"]
    assert entered["needs_stage"] and not entered["needs_days"]
    amount = next(f for f in entered["fields"] if f["name"] == "amount")
    assert amount["kind"] == "number" and "greater_than" in amount["operators"]
    status = next(f for f in entered["fields"] if f["name"] == "status")
    assert status["choices"] == ["open", "won", "lost"]
    assert "greater_than" not in status["operators"]
    call = triggers["interaction_completed"]
    assert not call["needs_stage"]
    outcome = next(f for f in call["fields"] if f["name"] == "outcome")
    assert outcome["kind"] == "outcome" and "interested" in outcome["choices"]
    actions = {a["type"]: a for a in call["actions"]}
    assert "assign_owner_round_robin" not in actions
    assert actions["move_deal_to_stage"]["stage_kinds"] == ["open"]
    assert actions["create_task"]["parameters"] == ["title", "due_in_days"]
    contact = {a["type"] for a in triggers["contact_created"]["actions"]}
    assert "move_deal_to_stage" not in contact and "add_tag" in contact
    # Every trigger offers what a rule on it may hold: a rule made of each is accepted.
    for kind in triggers.values():
        if kind["needs_stage"]:
            continue
        action = kind["actions"][-1]
        assert action["type"] == "add_tag"
        rule = await client.post(
            RULES,
            json={
                "name": kind["type"],
                "trigger": {"type": kind["type"]},
                "actions": [{"type": "add_tag", "tag": "x"}],
            },
            headers=owner.headers,
        )
        assert rule.status_code == 201, rule.text


async def test_full_access_manages_rules(client: httpx.AsyncClient, make_staff: MakeStaff) -> None:
    """Full access holds automation:manage like the Owner."""
    admin = await make_staff("full_access")
    await make_rule(client, admin, {"type": "contact_created"}, [{"type": "add_tag", "tag": "x"}])


# --- Event triggers and actions -------------------------------------------------------


async def test_a_completed_call_creates_a_task_and_qualifies_the_contact(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """interaction_completed with channel equals call and outcome in [...]: completing a
    planned call runs the rule in that request (a task for the interaction's owner due in
    two days, the contact a prospect and tagged), attributed to the manager via the rule;
    an outcome outside the list fires nothing; logging a call already done fires too."""
    manager = await make_staff("manager")
    rule = await make_rule(
        client,
        owner,
        {"type": "interaction_completed"},
        [
            {"type": "create_task", "title": "Send the offer", "due_in_days": 2},
            {"type": "set_contact_lifecycle_stage", "stage": "prospect"},
            {"type": "add_tag", "tag": "Hot Lead"},
        ],
        [
            {"field": "channel", "op": "equals", "value": "call"},
            {"field": "outcome", "op": "in", "value": ["interested", "meeting_booked"]},
        ],
    )
    ada = await post_ok(client, manager, "/contacts", {"first_name": "Ada"})
    planned = await post_ok(
        client,
        manager,
        "/interactions",
        {
            "channel": "call",
            "status": "planned",
            "contact_id": ada["id"],
            "scheduled_at": "2026-12-01T10:00:00Z",
        },
    )
    assert await runs(client, owner, rule) == []  # planned is not completed

    await post_ok(
        client, manager, f"/interactions/{planned['id']}/complete", {"outcome": "no_answer"}
    )
    assert await tasks_about(client, manager, ada["id"]) == []
    again = await post_ok(
        client,
        manager,
        "/interactions",
        {"channel": "call", "status": "planned", "contact_id": ada["id"],
         "scheduled_at": "2026-12-02T10:00:00Z"},
    )  # fmt: skip
    completed_at = datetime.now(UTC)
    await post_ok(
        client, manager, f"/interactions/{again['id']}/complete", {"outcome": "interested"}
    )

    [task] = await tasks_about(client, manager, ada["id"])
    assert task["title"] == "Send the offer" and task["assignee_id"] == manager.id
    assert near(task["due_at"], completed_at + timedelta(days=2))
    contact = await read_ok(client, manager, f"{API}/contacts/{ada['id']}")
    assert contact["lifecycle_stage"] == "prospect" and contact["tags"] == ["hot lead"]
    by_rule = [e for e in await history(client, owner, ada["id"]) if e["rule_id"]]
    assert {e["rule_id"] for e in by_rule} == {rule["id"]}
    assert {e["actor_id"] for e in by_rule} == {manager.id}
    assert {key for e in by_rule for key in e["changes"]} == {"lifecycle_stage", "tags"}
    [run] = await runs(client, owner, rule)
    assert run["outcome"] == "done" and run["record_type"] == "interaction"
    assert run["record_id"] == again["id"] and run["actor_id"] == manager.id

    logged = await post_ok(
        client,
        manager,
        "/interactions",
        {"channel": "call", "contact_id": ada["id"], "outcome": "meeting_booked"},
    )
    assert logged["status"] == "done"
    assert len(await tasks_about(client, manager, ada["id"])) == 2
    emailed = {"channel": "email", "contact_id": ada["id"], "outcome": "interested"}
    await post_ok(client, manager, "/interactions", emailed)
    assert len(await runs(client, owner, rule)) == 2


async def test_a_deal_entering_a_stage_moves_on_when_it_is_big_enough(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """deal_entered_stage with amount greater_than: a big deal created in Qualified, or
    moved there, goes on to Proposal in the same request (the answer shows where it ended
    up) and is tagged; the rule's move is in the stage history with the rule's id and the
    user who triggered it; a small deal stays."""
    sales = await make_staff("salesperson")
    rule = await make_rule(
        client,
        owner,
        {"type": "deal_entered_stage", "stage_id": STAGE["Qualified"]},
        [
            {"type": "move_deal_to_stage", "stage_id": STAGE["Proposal"]},
            {"type": "add_tag", "tag": "fast-track"},
        ],
        [{"field": "amount", "op": "greater_than", "value": 100000}],
    )
    big = await post_ok(
        client,
        sales,
        "/deals",
        {"title": "Big", "amount": 250000, "stage_id": STAGE["Qualified"]},
    )
    assert big["stage_id"] == STAGE["Proposal"] and big["tags"] == ["fast-track"]
    changes = await stage_changes(client, sales, big["id"])
    assert [(c["to_stage_id"], c["rule_id"], c["by"]) for c in changes] == [
        (STAGE["Proposal"], rule["id"], sales.id),
        (STAGE["Qualified"], None, sales.id),
    ]

    small = await post_ok(client, sales, "/deals", {"title": "Small", "amount": 100000})
    moved = await post_ok(
        client, sales, f"/deals/{small['id']}/move", {"stage_id": STAGE["Qualified"]}
    )
    assert moved["stage_id"] == STAGE["Qualified"] and moved["tags"] == []
    other = await post_ok(client, sales, "/deals", {"title": "Other", "amount": 100001})
    moved = await post_ok(
        client, sales, f"/deals/{other['id']}/move", {"stage_id": STAGE["Qualified"]}
    )
    assert moved["stage_id"] == STAGE["Proposal"]
    got = await client.get(f"{API}/deals/{other['id']}", headers=sales.headers)
    assert got.json() == moved and got.headers["etag"] == f'"{moved["version"]}"'
    assert len(await runs(client, owner, rule)) == 2


async def test_a_call_logged_on_a_deal_moves_that_deal(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, database: Database
) -> None:
    """interaction_completed with move_deal_to_stage moves the deal the call is about,
    attributed to the rule; its task is about that deal too. A call about no deal, or
    about a deal of another pipeline, moves nothing and fails nothing."""
    sales = await make_staff("salesperson")
    rule = await make_rule(
        client,
        owner,
        {"type": "interaction_completed"},
        [
            {"type": "move_deal_to_stage", "stage_id": STAGE["Proposal"]},
            {"type": "create_task", "title": "Send the proposal", "due_in_days": 1},
        ],
        [{"field": "outcome", "op": "equals", "value": "interested"}],
    )
    ada = await post_ok(client, sales, "/contacts", {"first_name": "Ada"})
    deal = await post_ok(client, sales, "/deals", {"title": "Licences", "contact_id": ada["id"]})
    await post_ok(
        client, sales, "/interactions",
        {"channel": "call", "deal_id": deal["id"], "outcome": "interested"},
    )  # fmt: skip
    moved = await read_ok(client, sales, f"{API}/deals/{deal['id']}")
    assert moved["stage_id"] == STAGE["Proposal"]
    changes = await stage_changes(client, sales, deal["id"])
    assert (changes[0]["to_stage_id"], changes[0]["rule_id"]) == (STAGE["Proposal"], rule["id"])
    [task] = await tasks_about(client, sales, ada["id"])
    assert task["deal_id"] == deal["id"] and task["title"] == "Send the proposal"

    await post_ok(
        client, sales, "/interactions",
        {"channel": "call", "contact_id": ada["id"], "outcome": "interested"},
    )  # fmt: skip
    renewals = await post_ok(
        client, owner, "/pipelines",
        {"name": "Renewals", "stages": [
            {"name": "Due", "probability": 50},
            {"name": "Renewed", "probability": 100, "kind": "won"},
            {"name": "Cancelled", "probability": 0, "kind": "lost"},
        ]},
    )  # fmt: skip
    renewal = await post_ok(
        client,
        sales,
        "/deals",
        {"title": "Renewal", "pipeline_id": renewals["id"], "contact_id": ada["id"]},
    )
    await post_ok(
        client, sales, "/interactions",
        {"channel": "call", "deal_id": renewal["id"], "outcome": "interested"},
    )  # fmt: skip
    stayed = await read_ok(client, sales, f"{API}/deals/{renewal['id']}")
    assert stayed["stage_id"] == renewals["stages"][0]["id"]
    assert all(r["outcome"] == "done" for r in await runs(client, owner, rule))
    assert await deal_totals_kept(database) == await deal_totals_kept(database, rebuilt=True)


async def test_new_requests_go_round_robin_with_a_task_for_the_assignee(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """request_created with priority in [high, urgent]: the team's members get the urgent
    requests in turn, each with a task; a normal request stays with whoever registered
    it."""
    desk = await make_team("Help desk")
    members = [await make_staff("salesperson", team=desk) for _ in range(2)]
    await make_rule(
        client,
        owner,
        {"type": "request_created"},
        [
            {"type": "assign_owner_round_robin", "team_id": str(desk.id)},
            {"type": "create_task", "title": "Call the customer back", "due_in_days": 0},
        ],
        [{"field": "priority", "op": "in", "value": ["high", "urgent"]}],
    )
    ada = await post_ok(client, owner, "/contacts", {"first_name": "Ada"})
    body = {"contact_id": ada["id"], "channel": "email", "subject": "Down", "priority": "urgent"}
    assignees = [(await post_ok(client, owner, "/requests", body))["assignee_id"] for _ in range(4)]
    assert Counter(assignees) == {m.id: 2 for m in members}
    assert all(a != b for a, b in itertools.pairwise(assignees))
    tasks = await tasks_about(client, owner, ada["id"])
    assert Counter(t["assignee_id"] for t in tasks) == {m.id: 2 for m in members}

    normal = await post_ok(client, owner, "/requests", {**body, "priority": "normal"})
    assert normal["assignee_id"] == owner.id


async def test_new_leads_go_round_robin_tagged_with_a_welcome_task(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """contact_created with tags equals and lifecycle_stage equals: webinar leads go to
    the team's members in turn, tagged, with a task for the new owner; the answer to the
    create shows the contact as the rules left it; other contacts stay with their
    creator."""
    north = await make_team("North")
    members = [await make_staff("salesperson", team=north) for _ in range(2)]
    await make_rule(
        client,
        owner,
        {"type": "contact_created"},
        [
            {"type": "assign_owner_round_robin", "team_id": str(north.id)},
            {"type": "add_tag", "tag": "routed"},
            {"type": "create_task", "title": "Welcome call", "due_in_days": 1},
        ],
        [
            {"field": "tags", "op": "equals", "value": "Webinar"},
            {"field": "lifecycle_stage", "op": "equals", "value": "lead"},
        ],
    )
    owners = []
    for name in ("Ada", "Bea", "Cy"):
        response = await client.post(
            f"{API}/contacts",
            json={"first_name": name, "tags": ["webinar"]},
            headers=owner.headers,
        )
        assert response.status_code == 201, response.text
        made = response.json()
        assert made["tags"] == ["webinar", "routed"] and made["team_id"] == str(north.id)
        assert response.headers["etag"] == f'"{made["version"]}"'
        [task] = await tasks_about(client, owner, made["id"])
        assert task["assignee_id"] == made["owner_id"] and task["title"] == "Welcome call"
        owners.append(made["owner_id"])
    assert set(owners) == {m.id for m in members} and owners[0] == owners[2] != owners[1]

    customer = await post_ok(
        client, owner, "/contacts", {"first_name": "Di", "tags": ["webinar"],
                                     "lifecycle_stage": "customer"}
    )  # fmt: skip
    plain = await post_ok(client, owner, "/contacts", {"first_name": "Ed"})
    assert customer["owner_id"] == plain["owner_id"] == owner.id


async def test_deals_go_round_robin_and_contacts_change_stage_from_a_deal(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    database: Database,
) -> None:
    """A deal entering New goes to the team's members in turn; a deal entering
    Negotiation sets its contact's lifecycle stage (churned here: nothing else would)."""
    team = await make_team("Closers")
    members = [await make_staff("salesperson", team=team) for _ in range(2)]
    await make_rule(
        client,
        owner,
        {"type": "deal_entered_stage", "stage_id": STAGE["New"]},
        [{"type": "assign_owner_round_robin", "team_id": str(team.id)}],
    )
    await make_rule(
        client,
        owner,
        {"type": "deal_entered_stage", "stage_id": STAGE["Negotiation"]},
        [{"type": "set_contact_lifecycle_stage", "stage": "churned"}],
    )
    ada = await post_ok(client, owner, "/contacts", {"first_name": "Ada"})
    made = [
        await post_ok(client, owner, "/deals", {"title": f"D{i}", "contact_id": ada["id"]})
        for i in range(2)
    ]
    assert {d["owner_id"] for d in made} == {m.id for m in members}
    await post_ok(client, owner, f"/deals/{made[0]['id']}/move", {"stage_id": STAGE["Negotiation"]})
    contact = await read_ok(client, owner, f"{API}/contacts/{ada['id']}")
    assert contact["lifecycle_stage"] == "churned"
    # Hand-overs by a rule keep the board's and reports' running totals right.
    assert await deal_totals_kept(database) == await deal_totals_kept(database, rebuilt=True)


async def test_a_disabled_rule_does_not_fire(client: httpx.AsyncClient, owner: Staff) -> None:
    """enabled: false keeps the rule and stops it; switched on again, it fires."""
    rule = await make_rule(
        client, owner, {"type": "contact_created"}, [{"type": "add_tag", "tag": "seen"}]
    )
    url = f"{RULES}/{rule['id']}"
    await client.patch(url, json={"enabled": False}, headers=owner.headers)
    quiet = await post_ok(client, owner, "/contacts", {"first_name": "Ada"})
    assert quiet["tags"] == [] and await runs(client, owner, rule) == []
    await client.patch(url, json={"enabled": True}, headers=owner.headers)
    loud = await post_ok(client, owner, "/contacts", {"first_name": "Bea"})
    assert loud["tags"] == ["seen"]


async def test_two_rules_moving_a_deal_back_and_forth_stop_at_the_depth_limit(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Qualified -> Proposal and Proposal -> Qualified would ping-pong for ever. A user's
    move fires the first; rules react to rules only MAX_DEPTH deep, so three rule moves
    happen, in the same request, and the fourth is a skipped run saying why."""
    forth = await make_rule(
        client,
        owner,
        {"type": "deal_entered_stage", "stage_id": STAGE["Qualified"]},
        [{"type": "move_deal_to_stage", "stage_id": STAGE["Proposal"]}],
    )
    back = await make_rule(
        client,
        owner,
        {"type": "deal_entered_stage", "stage_id": STAGE["Proposal"]},
        [{"type": "move_deal_to_stage", "stage_id": STAGE["Qualified"]}],
    )
    deal = await post_ok(client, owner, "/deals", {"title": "Ping-pong"})
    moved = await post_ok(
        client, owner, f"/deals/{deal['id']}/move", {"stage_id": STAGE["Qualified"]}
    )
    assert MAX_DEPTH == 3
    assert moved["stage_id"] == STAGE["Proposal"]
    changes = list(reversed(await stage_changes(client, owner, deal["id"])))
    assert [(c["to_stage_id"], c["rule_id"]) for c in changes] == [
        (STAGE["New"], None),
        (STAGE["Qualified"], None),
        (STAGE["Proposal"], forth["id"]),
        (STAGE["Qualified"], back["id"]),
        (STAGE["Proposal"], forth["id"]),
    ]
    assert [(r["depth"], r["outcome"]) for r in await runs(client, owner, forth)] == [
        (3, "done"),
        (1, "done"),
    ]
    [skipped, done] = await runs(client, owner, back)
    assert (done["depth"], done["outcome"]) == (2, "done")
    assert (skipped["depth"], skipped["outcome"]) == (4, "skipped")
    assert "3 rules deep" in skipped["detail"]


async def test_a_rule_that_cannot_act_leaves_the_write_and_nothing_half_done(
    client: httpx.AsyncClient, owner: Staff, make_team: MakeTeam
) -> None:
    """The rule's team was deleted since: the contact is still created, none of the
    rule's actions is kept (not even the tag before the failing hand-over), and the run
    says what went wrong. The broken rule can still be switched off."""
    doomed = await make_team("Doomed")
    rule = await make_rule(
        client,
        owner,
        {"type": "contact_created"},
        [
            {"type": "add_tag", "tag": "routed"},
            {"type": "assign_owner_round_robin", "team_id": str(doomed.id)},
        ],
    )
    deleted = await client.delete(f"{API}/teams/{doomed.id}", headers=owner.headers)
    assert deleted.status_code == 204, deleted.text
    made = await post_ok(client, owner, "/contacts", {"first_name": "Ada"})
    assert made["tags"] == [] and made["owner_id"] == owner.id and made["version"] == 1
    [run] = await runs(client, owner, rule)
    assert run["outcome"] == "failed"
    assert run["detail"].startswith("actions.1 (assign_owner_round_robin)")
    assert "team" in run["detail"]
    assert [e["action"] for e in await history(client, owner, made["id"])] == ["created"]
    off = await client.patch(
        f"{RULES}/{rule['id']}", json={"enabled": False}, headers=owner.headers
    )
    assert off.status_code == 200, off.text


async def test_a_rule_acts_beyond_the_scope_of_the_user_who_triggered_it(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """A Salesperson may not hand a contact to another team, but the rule an
    administrator set up does, on the Salesperson's behalf; the Salesperson then still
    reads the contact (every template reads the whole directory) but may no longer change
    it (403), and its task goes to the new owner, who sees both."""
    alpha, bravo = await make_team("Alpha"), await make_team("Bravo")
    sales = await make_staff("salesperson", team=alpha)
    stranger = await make_staff("salesperson", team=bravo)
    refused = await client.post(
        f"{API}/contacts",
        json={"first_name": "Ada", "owner_id": stranger.id},
        headers=sales.headers,
    )
    assert_problem(refused, 403, "owner_id")
    rule = await make_rule(
        client,
        owner,
        {"type": "contact_created"},
        [
            {"type": "assign_owner_round_robin", "team_id": str(bravo.id)},
            {"type": "create_task", "title": "Take over", "due_in_days": 1},
        ],
    )
    made = await post_ok(client, sales, "/contacts", {"first_name": "Ada"})
    assert made["owner_id"] == stranger.id and made["team_id"] == str(bravo.id)
    assert await read_ok(client, sales, f"{API}/contacts/{made['id']}")
    changed = await client.patch(
        f"{API}/contacts/{made['id']}", json={"title": "Mine again"}, headers=sales.headers
    )
    assert_problem(changed, 403)
    assert await read_ok(client, stranger, f"{API}/contacts/{made['id']}")
    [task] = await tasks_about(client, stranger, made["id"])
    assert task["assignee_id"] == stranger.id
    [event] = [e for e in await history(client, owner, made["id"]) if e["action"] == "updated"]
    assert (event["actor_id"], event["rule_id"]) == (sales.id, rule["id"])


# --- The idle trigger, on a frozen clock ----------------------------------------------


async def _audit_rule_ids(database: Database, entity_id: str) -> list[Any]:
    async with database.sessions() as session:
        rows = await session.scalars(
            select(AuditEventRow.rule_id)
            .where(AuditEventRow.entity_id == uuid.UUID(entity_id))
            .order_by(AuditEventRow.occurred_at)
        )
        return list(rows)


async def test_a_deal_idle_in_a_stage_is_handled_once_per_stage_entry(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, database: Database
) -> None:
    """deal_idle_in_stage Proposal 7 days, on a frozen clock: nothing after six days;
    after seven, a task for the deal's owner due a day later and a tag, in the rule
    author's name via the rule (audit); a second run does nothing; a deal that leaves
    the stage and comes back is idle anew; a deal failing the conditions is skipped once
    (not re-examined every minute)."""
    sales = await make_staff("salesperson")
    rule = await make_rule(
        client,
        owner,
        {"type": "deal_idle_in_stage", "stage_id": STAGE["Proposal"], "days": 7},
        [
            {"type": "create_task", "title": "Chase", "due_in_days": 1},
            {"type": "add_tag", "tag": "stale"},
        ],
        [{"field": "amount", "op": "greater_than", "value": 0}],
    )
    ada = await post_ok(client, sales, "/contacts", {"first_name": "Ada"})
    deal = await post_ok(
        client,
        sales,
        "/deals",
        {"title": "Quiet", "amount": 5000, "contact_id": ada["id"], "stage_id": STAGE["Proposal"]},
    )
    free = await post_ok(
        client, sales, "/deals", {"title": "Free", "amount": 0, "stage_id": STAGE["Proposal"]}
    )
    entered = datetime.fromisoformat(deal["stage_entered_at"])

    early = await run_scheduled_once(database, entered + timedelta(days=6, hours=23))
    assert (early.done, early.failed, early.skipped) == (0, 0, 0)
    frozen = entered + timedelta(days=7, minutes=1)
    first = await run_scheduled_once(database, frozen)
    assert (first.done, first.failed, first.skipped) == (1, 0, 1)
    [task] = await tasks_about(client, sales, ada["id"])
    assert task["assignee_id"] == sales.id and task["title"] == "Chase"
    assert datetime.fromisoformat(task["due_at"]) == frozen + timedelta(days=1)
    after = await read_ok(client, sales, f"{API}/deals/{deal['id']}")
    assert after["tags"] == ["stale"]
    assert await _audit_rule_ids(database, deal["id"]) == [None, uuid.UUID(rule["id"])]
    [done, skipped] = sorted(await runs(client, owner, rule), key=lambda r: r["outcome"])
    assert (done["record_id"], done["outcome"], done["actor_id"]) == (deal["id"], "done", owner.id)
    assert done["stage_entered_at"] == deal["stage_entered_at"]
    assert (skipped["record_id"], skipped["outcome"]) == (free["id"], "skipped")

    second = await run_scheduled_once(database, frozen + timedelta(hours=1))
    assert (second.done, second.skipped) == (0, 0)
    assert await deal_totals_kept(database) == await deal_totals_kept(database, rebuilt=True)

    await post_ok(client, sales, f"/deals/{deal['id']}/move", {"stage_id": STAGE["Negotiation"]})
    back = await post_ok(
        client, sales, f"/deals/{deal['id']}/move", {"stage_id": STAGE["Proposal"]}
    )
    re_entered = datetime.fromisoformat(back["stage_entered_at"])
    assert (await run_scheduled_once(database, re_entered + timedelta(days=6))).done == 0
    assert (await run_scheduled_once(database, re_entered + timedelta(days=7))).done == 1
    assert len(await tasks_about(client, sales, ada["id"])) == 2


async def test_an_idle_deal_can_be_moved_to_lost_with_the_rules_reason(
    client: httpx.AsyncClient, owner: Staff, database: Database
) -> None:
    """A rule may move a deal to a lost stage when it gives the lost reason."""
    rule = await make_rule(
        client,
        owner,
        {"type": "deal_idle_in_stage", "stage_id": STAGE["Negotiation"], "days": 30},
        [{"type": "move_deal_to_stage", "stage_id": STAGE["Lost"], "lost_reason": "Went quiet"}],
    )
    deal = await post_ok(
        client, owner, "/deals", {"title": "Silent", "stage_id": STAGE["Negotiation"]}
    )
    entered = datetime.fromisoformat(deal["stage_entered_at"])
    assert (await run_scheduled_once(database, entered + timedelta(days=31))).done == 1
    lost = await read_ok(client, owner, f"{API}/deals/{deal['id']}")
    assert (lost["status"], lost["lost_reason"]) == ("lost", "Went quiet")
    [change, _] = await stage_changes(client, owner, deal["id"])
    assert (change["to_stage_id"], change["rule_id"], change["by"]) == (
        STAGE["Lost"],
        rule["id"],
        owner.id,
    )


async def test_two_scheduled_runs_at_once_do_each_deals_work_once(
    client: httpx.AsyncClient, owner: Staff, database: Database
) -> None:
    """Two copies of the job started together over a dozen idle deals: between them
    every deal gets exactly one task and one run, none twice."""
    await make_rule(
        client,
        owner,
        {"type": "deal_idle_in_stage", "stage_id": STAGE["Qualified"], "days": 3},
        [{"type": "create_task", "title": "Nudge", "due_in_days": 0}],
    )
    ada = await post_ok(client, owner, "/contacts", {"first_name": "Ada"})
    deals = [
        await post_ok(
            client,
            owner,
            "/deals",
            {"title": f"D{i}", "contact_id": ada["id"], "stage_id": STAGE["Qualified"]},
        )
        for i in range(12)
    ]
    later = max(datetime.fromisoformat(d["stage_entered_at"]) for d in deals) + timedelta(days=4)
    both = await asyncio.gather(
        run_scheduled_once(database, later), run_scheduled_once(database, later)
    )
    assert sum(r.done for r in both) == 12 and sum(r.failed + r.skipped for r in both) == 0
    assert len(await tasks_about(client, owner, ada["id"])) == 12
    async with database.sessions() as session:
        per_deal = (
            await session.execute(
                select(AutomationRunRow.record_id, func.count()).group_by(
                    AutomationRunRow.record_id
                )
            )
        ).all()
    assert sorted(str(deal_id) for deal_id, _ in per_deal) == sorted(d["id"] for d in deals)
    assert {count for _, count in per_deal} == {1}
