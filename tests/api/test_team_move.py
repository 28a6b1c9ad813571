"""Records follow their owner's team: moving a user to another team moves the team of
every record they own, so team scope always means the owner's current team; a record
handed to another owner takes that owner's team."""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx
from sqlalchemy import select

from domain.pipelines import DEFAULT_PIPELINE
from persistence.audit import AuditEventRow
from persistence.database import Database
from tests.conftest import MakeStaff, MakeTeam, Staff
from tests.helpers import (
    API,
    create_company,
    create_contact,
    deal_totals_kept,
    list_ids,
    patch_user,
)

STAGE = {s.name: str(s.id) for s in DEFAULT_PIPELINE.stages}
DECEMBER = {"from": "2026-12-01", "to": "2027-01-01"}


async def post(client: httpx.AsyncClient, staff: Staff, path: str, **body: Any) -> dict[str, Any]:
    response = await client.post(f"{API}/{path}", json=body, headers=staff.headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def exported_ids(client: httpx.AsyncClient, staff: Staff) -> set[str]:
    response = await client.get(f"{API}/contacts/export", headers=staff.headers)
    assert response.status_code == 200, response.text
    rows = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    return {row["id"] for row in rows}


async def test_a_moved_users_records_move_with_them(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    database: Database,
) -> None:
    """After a Salesperson moves from North to South, North's Senior manager gets 404 on
    each of their records (contact, company, deal, interaction, task, request) and finds
    none in lists, search, export or the timeline; South's Senior manager reads each and
    finds them there. The move writes one audit entry counting the records per kind, and
    the deals' running totals stay equal to totals summed afresh."""
    north, south = await make_team("North"), await make_team("South")
    rep = await make_staff("salesperson", team=north)
    north_lead = await make_staff("senior_manager", team=north)
    south_lead = await make_staff("senior_manager", team=south)

    company = await create_company(client, rep, name="Wandering Widgets")
    contact = await create_contact(
        client, rep, first_name="Wanda", last_name="Wanderer", company_id=company["id"]
    )
    deal = await post(
        client, rep, "deals", title="Licences", contact_id=contact["id"], amount=500,
        currency="EUR", expected_close="2026-12-20",
    )  # fmt: skip
    qualified = await client.post(
        f"{API}/deals/{deal['id']}/move", json={"stage_id": STAGE["Qualified"]}, headers=rep.headers
    )
    assert qualified.status_code == 200, qualified.text
    interaction = await post(
        client, rep, "interactions", channel="call", contact_id=contact["id"], subject="Intro"
    )
    task = await post(client, rep, "tasks", title="Call back", contact_id=contact["id"])
    request = await post(
        client, rep, "requests", contact_id=contact["id"], channel="email", subject="Invoice"
    )
    records = {
        "contacts": contact["id"],
        "companies": company["id"],
        "deals": deal["id"],
        "interactions": interaction["id"],
        "tasks": task["id"],
        "requests": request["id"],
    }
    for kind, record_id in records.items():
        seen = await client.get(f"{API}/{kind}/{record_id}", headers=north_lead.headers)
        assert seen.status_code == 200, (kind, seen.text)

    response = await patch_user(client, owner, rep.id, {"team_id": str(south.id)})
    assert response.status_code == 200, response.text

    for kind, record_id in records.items():
        old = await client.get(f"{API}/{kind}/{record_id}", headers=north_lead.headers)
        assert old.status_code == 404, (kind, old.text)
        new = await client.get(f"{API}/{kind}/{record_id}", headers=south_lead.headers)
        assert new.status_code == 200, (kind, new.text)
        assert new.json()["team_id"] == str(south.id), kind
        assert record_id not in await list_ids(client, north_lead, f"{API}/{kind}"), kind
        assert record_id in await list_ids(client, south_lead, f"{API}/{kind}"), kind

    search = {"q": "wanderer"}
    contacts = f"{API}/contacts"
    assert await list_ids(client, north_lead, contacts, **search) == []
    assert await list_ids(client, south_lead, contacts, **search) == [contact["id"]]
    assert contact["id"] not in await exported_ids(client, north_lead)
    assert contact["id"] in await exported_ids(client, south_lead)
    timeline = f"{API}/contacts/{contact['id']}/timeline"
    assert (await client.get(timeline, headers=north_lead.headers)).status_code == 404
    feed = await client.get(timeline, headers=south_lead.headers)
    assert feed.status_code == 200, feed.text
    assert {"interaction", "request"} <= {item["type"] for item in feed.json()["items"]}

    for report, figure in (("forecast", "rows"), ("funnel", "created")):
        url = f"{API}/reports/{report}"
        old_report = (await client.get(url, params=DECEMBER, headers=north_lead.headers)).json()
        new_report = (await client.get(url, params=DECEMBER, headers=south_lead.headers)).json()
        assert not old_report[figure] and new_report[figure], (report, old_report, new_report)

    async with database.sessions() as session:
        entries = (
            await session.scalars(
                select(AuditEventRow).where(
                    AuditEventRow.entity_type == "user", AuditEventRow.entity_id == rep.user.id
                )
            )
        ).all()
    assert len(entries) == 1
    assert entries[0].actor_id == owner.user.id
    assert entries[0].changes["team_id"] == {"before": str(north.id), "after": str(south.id)}
    assert entries[0].changes["records_moved"]["after"] == dict.fromkeys(records, 1)
    assert await deal_totals_kept(database) == await deal_totals_kept(database, rebuilt=True)


async def test_a_record_handed_over_takes_its_new_owners_team(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """A contact, company, deal or interaction handed from a North rep to a South rep
    (and a task reassigned to them) is South's: South's Senior manager reads it, North's
    gets 404."""
    north, south = await make_team("North"), await make_team("South")
    north_rep = await make_staff("salesperson", team=north)
    south_rep = await make_staff("salesperson", team=south)
    north_lead = await make_staff("senior_manager", team=north)
    south_lead = await make_staff("senior_manager", team=south)
    contact = await create_contact(client, north_rep)
    records = {
        "contacts": contact["id"],
        "companies": (await create_company(client, north_rep))["id"],
        "deals": (await post(client, north_rep, "deals", title="Licences"))["id"],
        "interactions": (
            await post(client, north_rep, "interactions", channel="note", contact_id=contact["id"])
        )["id"],
    }
    for kind, record_id in records.items():
        handed = await client.patch(
            f"{API}/{kind}/{record_id}", json={"owner_id": south_rep.id}, headers=owner.headers
        )
        assert handed.status_code == 200, (kind, handed.text)
        assert handed.json()["team_id"] == str(south.id), kind
    task = await post(client, owner, "tasks", title="Call back", assignee_id=north_rep.id)
    reassigned = await client.patch(
        f"{API}/tasks/{task['id']}", json={"assignee_id": south_rep.id}, headers=owner.headers
    )
    assert reassigned.json()["team_id"] == str(south.id)
    records["tasks"] = task["id"]
    for kind, record_id in records.items():
        old = await client.get(f"{API}/{kind}/{record_id}", headers=north_lead.headers)
        assert old.status_code == 404, (kind, old.text)
        new = await client.get(f"{API}/{kind}/{record_id}", headers=south_lead.headers)
        assert new.status_code == 200, (kind, new.text)
