"""Records follow their owner's team: moving a user to another team moves the team of
every record they own, so team scope always means the owner's current team; a record
handed to another owner takes that owner's team."""

from __future__ import annotations

import csv
import io
from typing import Any

import httpx
from sqlalchemy import select

from domain.funnel.pipelines import DEFAULT_PIPELINE
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


# Every template reads the whole directory: a Senior manager reads any contact or company
# and changes their team's; deals, interactions, tasks and requests they read and change
# at team level only.
DIRECTORY = {"contacts": {"title": "Buyer"}, "companies": {"industry": "Retail"}}


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
    """After a Salesperson moves from North to South, each of their records (contact,
    company, deal, interaction, task, request) is South's. A role that reads its team's
    records only gets 404 on each in North and finds none in lists, search, export or
    the timeline; its South counterpart reads each and finds them there. North's Senior
    manager still reads the contact and company (every template reads the whole
    directory) but may no longer change them (403), and gets 404 on the deal,
    interaction, task and request, none of them in lists, reports or the timeline;
    South's Senior manager reads each, finds them there and changes the contact and
    company. The move writes one audit entry counting the records per kind, and the
    deals' running totals stay equal to totals summed afresh."""
    north, south = await make_team("North"), await make_team("South")
    rep = await make_staff("salesperson", team=north)
    north_lead = await make_staff("senior_manager", team=north)
    south_lead = await make_staff("senior_manager", team=south)
    north_reader = await make_staff("team_scope", team=north)
    south_reader = await make_staff("team_scope", team=south)

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
        for reader in (north_lead, north_reader):
            seen = await client.get(f"{API}/{kind}/{record_id}", headers=reader.headers)
            assert seen.status_code == 200, (kind, seen.text)
    for kind, change in DIRECTORY.items():
        url = f"{API}/{kind}/{records[kind]}"
        changed = await client.patch(url, json=change, headers=north_lead.headers)
        assert changed.status_code == 200, (kind, changed.text)

    response = await patch_user(client, owner, rep.id, {"team_id": str(south.id)})
    assert response.status_code == 200, response.text

    for kind, record_id in records.items():
        await assert_moved_to_the_new_team(
            client, kind, record_id, (north_reader, south_reader), (north_lead, south_lead)
        )
        assert record_id not in await list_ids(client, north_reader, f"{API}/{kind}"), kind
        assert record_id in await list_ids(client, south_reader, f"{API}/{kind}"), kind
        in_north_lists = record_id in await list_ids(client, north_lead, f"{API}/{kind}")
        assert in_north_lists is (kind in DIRECTORY), kind
        assert record_id in await list_ids(client, south_lead, f"{API}/{kind}"), kind

    search = {"q": "wanderer"}
    contacts = f"{API}/contacts"
    assert await list_ids(client, north_reader, contacts, **search) == []
    assert await list_ids(client, south_reader, contacts, **search) == [contact["id"]]
    assert contact["id"] not in await exported_ids(client, north_reader)
    assert contact["id"] in await exported_ids(client, south_reader)
    timeline = f"{API}/contacts/{contact['id']}/timeline"
    assert (await client.get(timeline, headers=north_reader.headers)).status_code == 404
    for reader in (south_reader, south_lead):
        feed = await client.get(timeline, headers=reader.headers)
        assert feed.status_code == 200, feed.text
        assert {"interaction", "request"} <= {item["type"] for item in feed.json()["items"]}
    feed = await client.get(timeline, headers=north_lead.headers)
    assert feed.status_code == 200, feed.text
    assert not {"interaction", "request"} & {item["type"] for item in feed.json()["items"]}

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
    (and a task reassigned to them) is South's: a role that reads its team's records
    only gets 404 in North and reads it in South. South's Senior manager reads it and
    changes it; North's still reads the contact and company (every template reads the
    whole directory) but may not change them (403), and gets 404 on the rest."""
    north, south = await make_team("North"), await make_team("South")
    north_rep = await make_staff("salesperson", team=north)
    south_rep = await make_staff("salesperson", team=south)
    north_lead = await make_staff("senior_manager", team=north)
    south_lead = await make_staff("senior_manager", team=south)
    north_reader = await make_staff("team_scope", team=north)
    south_reader = await make_staff("team_scope", team=south)
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
        await assert_moved_to_the_new_team(
            client, kind, record_id, (north_reader, south_reader), (north_lead, south_lead)
        )


async def assert_moved_to_the_new_team(
    client: httpx.AsyncClient,
    kind: str,
    record_id: str,
    readers: tuple[Staff, Staff],
    leads: tuple[Staff, Staff],
) -> None:
    """The record is the new team's: of two roles that read their team's records only,
    the old team's gets 404 and the new team's reads it; of the two Senior managers, the
    old team's reads a contact or company (403 on changing it) and gets 404 on the rest,
    the new team's reads it and changes a contact or company."""
    url = f"{API}/{kind}/{record_id}"
    (old_reader, new_reader), (old_lead, new_lead) = readers, leads
    old = await client.get(url, headers=old_reader.headers)
    assert old.status_code == 404, (kind, old.text)
    for reader in (new_reader, new_lead):
        new = await client.get(url, headers=reader.headers)
        assert new.status_code == 200, (kind, new.text)
        assert new.json()["team_id"] == str(new_reader.user.team_id), kind
    old = await client.get(url, headers=old_lead.headers)
    if kind not in DIRECTORY:
        assert old.status_code == 404, (kind, old.text)
        return
    assert old.status_code == 200, (kind, old.text)
    refused = await client.patch(url, json=DIRECTORY[kind], headers=old_lead.headers)
    assert refused.status_code == 403, (kind, refused.text)
    changed = await client.patch(url, json=DIRECTORY[kind], headers=new_lead.headers)
    assert changed.status_code == 200, (kind, changed.text)
