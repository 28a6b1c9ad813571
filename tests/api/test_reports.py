"""Forecast and funnel figures against hand-computed expectations on a small fixed set."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from domain.access.levels import AccessLevel
from domain.access.roles import Permission
from domain.funnel.pipelines import DEFAULT_PIPELINE
from persistence.database import Database
from tests.conftest import MakeStaff, MakeTeam, Staff
from tests.helpers import (
    assert_problem,
    custom_role,
    deal_totals_kept,
    login_ok,
    patch_user,
    store_role,
)

STAGE = {s.name: str(s.id) for s in DEFAULT_PIPELINE.stages}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    frozen = Clock()
    for module in ("domain.funnel.deals", "domain.clock", "domain.audit", "domain.records"):
        monkeypatch.setattr(f"{module}.utcnow", frozen, raising=False)
    return frozen


async def deal(client: httpx.AsyncClient, staff: Staff, **body: Any) -> str:
    response = await client.post(
        "/api/v1/deals", json={"title": "D", **body}, headers=staff.headers
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def move(
    client: httpx.AsyncClient, staff: Staff, deal_id: str, stage: str, **body: Any
) -> None:
    response = await client.post(
        f"/api/v1/deals/{deal_id}/move",
        json={"stage_id": STAGE[stage], **body},
        headers=staff.headers,
    )
    assert response.status_code == 200, response.text


async def test_forecast_by_month_and_owner(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, clock: Clock
) -> None:
    """Open amounts, probability-weighted amounts and won amounts per month and
    currency; by owner; a Manager's forecast holds only their own deals."""
    manager = await make_staff("manager")
    # Qualified = 25 %, Proposal = 50 %, New = 10 %.
    a = await deal(client, owner, amount=10000, currency="EUR", expected_close="2026-02-10")
    await move(client, owner, a, "Qualified")
    b = await deal(client, owner, amount=3333, currency="EUR", expected_close="2026-02-20")
    await move(client, owner, b, "Proposal")
    await deal(client, manager, amount=5000, currency="USD", expected_close="2026-03-01")
    won = await deal(client, owner, amount=7000, currency="EUR", expected_close="2026-01-30")
    clock.now = datetime(2026, 2, 3, tzinfo=UTC)
    await move(client, owner, won, "Won")
    await deal(client, owner, amount=999, currency="EUR", expected_close="2027-01-01")

    params = {"from": "2026-01-01", "to": "2026-04-01"}
    report = await client.get("/api/v1/reports/forecast", params=params, headers=owner.headers)
    assert report.status_code == 200, report.text
    rows = {(r["key"], r["currency"]): r for r in report.json()["rows"]}
    feb = rows[("2026-02", "EUR")]
    # 10000 x 0.25 = 2500; 3333 x 0.5 = 1666.5 -> 1667 (half up); won 7000 in February.
    assert (feb["open_amount"], feb["weighted_amount"], feb["won_amount"]) == (13333, 4167, 7000)
    assert (feb["open_deals"], feb["won_deals"]) == (2, 1)
    mar = rows[("2026-03", "USD")]
    assert (mar["open_amount"], mar["weighted_amount"]) == (5000, 500)
    assert set(rows) == {("2026-02", "EUR"), ("2026-03", "USD")}

    by_owner = await client.get(
        "/api/v1/reports/forecast", params={**params, "group_by": "owner"}, headers=owner.headers
    )
    owners = {(r["key"], r["currency"]): r["open_amount"] for r in by_owner.json()["rows"]}
    assert owners == {(owner.id, "EUR"): 13333, (manager.id, "USD"): 5000}

    own = await client.get("/api/v1/reports/forecast", params=params, headers=manager.headers)
    assert [(r["key"], r["open_amount"]) for r in own.json()["rows"]] == [("2026-03", 5000)]


async def test_funnel_figures(client: httpx.AsyncClient, owner: Staff, clock: Clock) -> None:
    """Four deals: won via every stage, won skipping to Won, lost from Qualified, still
    in New. Reach, conversion, days in stage, win rate, won amount and cycle as
    computed by hand."""
    start = clock.now
    d1 = await deal(client, owner, amount=1000, currency="EUR")
    d2 = await deal(client, owner, amount=3000, currency="EUR")
    d3 = await deal(client, owner, amount=500, currency="EUR")
    await deal(client, owner, amount=100, currency="EUR")
    clock.now = start + timedelta(days=2)
    await move(client, owner, d1, "Qualified")
    await move(client, owner, d3, "Qualified")
    clock.now = start + timedelta(days=4)
    await move(client, owner, d1, "Proposal")
    await move(client, owner, d3, "Lost", lost_reason="Budget")
    clock.now = start + timedelta(days=5)
    await move(client, owner, d1, "Negotiation")
    clock.now = start + timedelta(days=10)
    await move(client, owner, d1, "Won")
    await move(client, owner, d2, "Won")

    report = await client.get(
        "/api/v1/reports/funnel",
        params={"from": "2026-01-01", "to": "2026-02-01"},
        headers=owner.headers,
    )
    assert report.status_code == 200, report.text
    body = report.json()
    assert (body["created"], body["won"], body["lost"]) == (4, 2, 1)
    assert body["win_rate"] == pytest.approx(2 / 3, abs=1e-4)
    stages = {s["name"]: s for s in body["stages"]}
    # Reaching a later stage counts for the earlier ones: d2 went New -> Won.
    assert [
        stages[n]["reached"] for n in ("New", "Qualified", "Proposal", "Negotiation", "Won")
    ] == [4, 3, 2, 2, 2]
    assert stages["Qualified"]["conversion_from_previous"] == 0.75
    # New: d1 2 days, d3 2 days, d2 10 days -> 14/3; Qualified: d1 2, d3 2 -> 2.
    assert stages["New"]["average_days"] == pytest.approx(14 / 3, abs=0.01)
    assert stages["Qualified"]["average_days"] == 2
    assert body["average_won_amount"] == {"EUR": 2000}
    assert body["average_cycle_days"] == 10


FUNNEL = "/api/v1/reports/funnel"
JANUARY = {"from": "2026-01-01", "to": "2026-02-01"}


async def funnel_stages(
    client: httpx.AsyncClient, staff: Staff
) -> tuple[int, dict[str, dict[str, Any]]]:
    response = await client.get(FUNNEL, params=JANUARY, headers=staff.headers)
    assert response.status_code == 200, response.text
    body = response.json()
    return body["created"], {s["name"]: s for s in body["stages"]}


async def test_funnel_follows_a_deal_to_its_new_team(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    clock: Clock,
) -> None:
    """A Senior manager's funnel holds their team's deals, time in stage included; a deal
    handed to someone in another team leaves it with its whole history and shows in the
    new owner's funnel instead, while the Owner's funnel stays the same."""
    north, south = await make_team("North"), await make_team("South")
    lead = await make_staff("senior_manager", team=north)
    rep = await make_staff("manager", team=south)
    start = clock.now
    kept = await deal(client, lead, amount=100)
    handed = await deal(client, lead, amount=200)
    clock.now = start + timedelta(days=3)
    await move(client, lead, kept, "Qualified")
    clock.now = start + timedelta(days=5)
    await move(client, lead, handed, "Proposal")

    created, stages = await funnel_stages(client, lead)
    assert created == 2 and stages["New"]["average_days"] == 4  # (3 + 5) / 2
    assert stages["Proposal"]["reached"] == 1

    response = await client.patch(
        f"/api/v1/deals/{handed}", json={"owner_id": rep.id}, headers=owner.headers
    )
    assert response.status_code == 200, response.text

    created, stages = await funnel_stages(client, lead)
    assert created == 1 and stages["New"]["average_days"] == 3
    assert stages["Qualified"]["reached"] == 1 and stages["Proposal"]["reached"] == 0
    created, stages = await funnel_stages(client, rep)
    assert created == 1 and stages["New"]["average_days"] == 5
    assert stages["Proposal"]["reached"] == 1
    created, stages = await funnel_stages(client, owner)
    assert created == 2 and stages["New"]["average_days"] == 4


async def test_funnel_reach_follows_the_current_stage_order(
    client: httpx.AsyncClient, owner: Staff, clock: Clock
) -> None:
    """How far a deal got is read against the stages' order at report time: after
    Proposal is moved before Qualified, a deal that went New -> Proposal reached only
    Proposal's place, and one that went New -> Qualified now reached past Proposal."""
    to_proposal = await deal(client, owner)
    to_qualified = await deal(client, owner)
    clock.now += timedelta(days=1)
    await move(client, owner, to_proposal, "Proposal")
    await move(client, owner, to_qualified, "Qualified")
    _, stages = await funnel_stages(client, owner)
    assert [stages[n]["reached"] for n in ("New", "Qualified", "Proposal")] == [2, 2, 1]

    reordered = await client.patch(
        f"/api/v1/pipelines/{DEFAULT_PIPELINE.id}/stages/{STAGE['Proposal']}",
        json={"position": 1},
        headers=owner.headers,
    )
    assert reordered.status_code == 200, reordered.text
    _, stages = await funnel_stages(client, owner)
    assert [stages[n]["reached"] for n in ("New", "Proposal", "Qualified")] == [2, 2, 1]


async def test_running_totals_match_the_deals(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    clock: Clock,
    database: Database,
) -> None:
    """Deals created, moved forwards, backwards, won and lost, changed in amount,
    currency and expected close, handed to another team, moved by a stage's deletion,
    reweighed by a stage's new probability and left without a team by a team's deletion:
    the running totals still equal totals summed afresh from the deals and their history,
    and whole months of the reports read the same from the totals as from the deals."""
    north, south, east = await make_team("North"), await make_team("South"), await make_team("East")
    lead = await make_staff("senior_manager", team=north)
    rep = await make_staff("manager", team=south)
    leaving = await make_staff("manager", team=east)
    first = await deal(client, lead, amount=1001, currency="EUR", expected_close="2026-02-10")
    second = await deal(client, rep, amount=555, currency="USD", expected_close="2026-03-05")
    third = await deal(client, leaving, amount=333, currency="EUR", expected_close="2026-01-20")
    fourth = await deal(client, owner, amount=50, currency="GBP")
    clock.now += timedelta(days=2)
    await move(client, lead, first, "Qualified")
    await move(client, rep, second, "Proposal")
    await move(client, leaving, third, "Won")
    await move(client, owner, fourth, "Lost", lost_reason="Budget")
    clock.now += timedelta(days=3)
    await move(client, lead, first, "New")
    await move(client, rep, second, "Negotiation")
    for path, body in (
        (f"/api/v1/deals/{second}", {"amount": 777, "currency": "EUR"}),
        (f"/api/v1/deals/{first}", {"expected_close": "2026-03-15"}),
        (
            f"/api/v1/pipelines/{DEFAULT_PIPELINE.id}/stages/{STAGE['New']}",
            {"probability": 15},
        ),
        (f"/api/v1/deals/{first}", {"owner_id": rep.id}),
        (f"/api/v1/users/{leaving.id}", {"team_id": str(south.id)}),
    ):
        response = await client.patch(path, json=body, headers=owner.headers)
        assert response.status_code == 200, response.text
    gone = await client.delete(f"/api/v1/teams/{east.id}", headers=owner.headers)
    assert gone.status_code == 204, gone.text
    handed = await client.patch(
        f"/api/v1/deals/{third}", json={"owner_id": lead.id}, headers=owner.headers
    )
    assert handed.status_code == 200, handed.text
    removed = await client.delete(
        f"/api/v1/pipelines/{DEFAULT_PIPELINE.id}/stages/{STAGE['Negotiation']}",
        params={"target_stage_id": STAGE["Proposal"]},
        headers=owner.headers,
    )
    assert removed.status_code == 200, removed.text

    assert await deal_totals_kept(database) == await deal_totals_kept(database, rebuilt=True)
    for staff in (owner, lead, rep):
        # All of January from the totals; from the 2nd on, only from the deals.
        reads = [
            await client.get(
                FUNNEL, params={"from": day, "to": "2026-02-01"}, headers=staff.headers
            )
            for day in ("2026-01-01", "2026-01-02")
        ]
        assert reads[0].status_code == 200, reads[0].text
        assert reads[0].json() == reads[1].json()


async def test_reports_need_deal_access_or_the_permission_and_a_sane_window(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A Storekeeper (neither deals:read nor reports:read) gets 403 on both reports; a
    Salesperson (deals:read) gets them; a window ending before it starts is 422."""
    keeper = await make_staff("storekeeper")
    sales = await make_staff("salesperson")
    params = {"from": "2026-01-01", "to": "2026-02-01"}
    for report in ("funnel", "forecast"):
        url = f"/api/v1/reports/{report}"
        assert_problem(await client.get(url, params=params, headers=keeper.headers), 403)
        assert (await client.get(url, params=params, headers=sales.headers)).status_code == 200
    backwards = await client.get(
        "/api/v1/reports/forecast",
        params={"from": "2026-02-01", "to": "2026-01-01"},
        headers=owner.headers,
    )
    assert_problem(backwards, 422, "to")


async def test_reports_cover_the_deals_the_caller_may_read(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    database: Database,
) -> None:
    """A Salesperson's forecast and funnel cover exactly their own deals, a Senior
    manager's their team's, the Owner's everyone's; a custom role with reports:read but
    no deal access sees as far as it reads anything (its team's contacts: the team) and
    no more. Alike whether the window
    is read from the running totals (whole months) or partly from the deals."""
    north, south = await make_team("North"), await make_team("South")
    reps = {
        "north_a": await make_staff("salesperson", team=north),
        "north_b": await make_staff("salesperson", team=north),
        "south": await make_staff("salesperson", team=south),
    }
    lead = await make_staff("senior_manager", team=north)
    analyst_role = await store_role(
        database,
        custom_role(
            "Team analyst", 15, AccessLevel.TEAM, Permission.REPORTS_READ, Permission.CONTACTS_READ
        ),
    )
    analyst = await make_staff("salesperson", team=north)
    given = await patch_user(client, owner, analyst.id, {"role_id": str(analyst_role.id)})
    assert given.status_code == 200, given.text
    analyst = Staff(analyst.user, (await login_ok(client, analyst.user.email))["access_token"])
    for rep in reps.values():
        await deal(client, rep, amount=100, currency="EUR", expected_close="2027-01-15")
        await deal(client, rep, amount=10, currency="EUR", expected_close="2027-02-15")
    await deal(client, owner, amount=1, currency="EUR", expected_close="2027-02-20")
    north_ids = {reps["north_a"].id, reps["north_b"].id}
    expected = {
        "salesperson": (reps["south"], {reps["south"].id}),
        "senior_manager": (lead, north_ids),
        "analyst": (analyst, north_ids),
        "owner": (owner, {*north_ids, reps["south"].id, owner.id}),
    }
    for who, (staff, owners) in expected.items():
        for start in ("2027-01-01", "2027-01-02"):
            window = {"from": start, "to": "2027-04-01", "group_by": "owner"}
            forecast = await client.get(
                "/api/v1/reports/forecast", params=window, headers=staff.headers
            )
            assert forecast.status_code == 200, (who, forecast.text)
            rows = forecast.json()["rows"]
            assert {r["key"] for r in rows} == owners, (who, start)
            assert sum(r["open_deals"] for r in rows) == sum(
                2 if o != owner.id else 1 for o in owners
            ), (who, start)
        funnel = await client.get(
            FUNNEL, params={"from": "2026-12-01", "to": "2027-01-01"}, headers=staff.headers
        )
        assert funnel.status_code == 200, (who, funnel.text)
        assert funnel.json()["created"] == sum(2 if o != owner.id else 1 for o in owners), who
