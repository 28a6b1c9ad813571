"""The responsible person (issue 15): a user whose role reads contacts and companies only
at `own` level still reads the contact and company that work assigned to them is about
(a task or request they are the assignee of, a meeting they take part in, a deal they
own), and the contact's timeline, for as long as the assignment lasts: by id, from the
work. Lists and search show the records of their level (they stay on the index paths of
the scope, see bench/README.md). Reading never becomes changing: their write level
decides that."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.conftest import MakeStaff, Staff
from tests.helpers import API, assert_problem, create_company, create_contact, if_match


async def post(client: httpx.AsyncClient, staff: Staff, path: str, **body: Any) -> dict[str, Any]:
    response = await client.post(f"{API}/{path}", json=body, headers=staff.headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def patch(
    client: httpx.AsyncClient, staff: Staff, path: str, record: dict[str, Any], **body: Any
) -> dict[str, Any]:
    response = await client.patch(
        f"{API}/{path}/{record['id']}", json=body, headers=if_match(staff, record["version"])
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def assert_reads_card_and_timeline(
    client: httpx.AsyncClient, staff: Staff, contact: dict[str, Any], company: dict[str, Any]
) -> None:
    for url in (
        f"{API}/contacts/{contact['id']}",
        f"{API}/contacts/{contact['id']}/timeline",
        f"{API}/companies/{company['id']}",
    ):
        response = await client.get(url, headers=staff.headers)
        assert response.status_code == 200, (url, response.text)


async def assert_reads_neither(
    client: httpx.AsyncClient, staff: Staff, contact: dict[str, Any], company: dict[str, Any]
) -> None:
    for url in (
        f"{API}/contacts/{contact['id']}",
        f"{API}/contacts/{contact['id']}/timeline",
        f"{API}/companies/{company['id']}",
    ):
        assert_problem(await client.get(url, headers=staff.headers), 404)


@pytest.mark.parametrize("work", ["task", "request", "meeting", "deal"])
async def test_assigned_work_brings_its_contact_and_company_while_it_lasts(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, work: str
) -> None:
    """An own-level user assigned a task or request about the Owner's contact, invited to
    a meeting with it, or handed a deal with it, reads the contact's card and timeline and
    its company; when the work moves to someone else, both are
    404 again. They never gain the right to change the contact: PATCH is 403."""
    rep = await make_staff("own_scope")
    other = await make_staff("own_scope")
    company = await create_company(client, owner, name="Globex")
    contact = await create_contact(client, owner, first_name="Hank", company_id=company["id"])
    await assert_reads_neither(client, rep, contact, company)

    away: dict[str, Any]
    if work == "task":
        record = await post(
            client, owner, "tasks", title="Call", contact_id=contact["id"], assignee_id=rep.id
        )
        path, away = "tasks", {"assignee_id": other.id}
    elif work == "request":
        record = await post(
            client, owner, "requests", contact_id=contact["id"], channel="call", subject="Help"
        )
        record = await patch(client, owner, "requests", record, assignee_id=rep.id)
        path, away = "requests", {"assignee_id": other.id}
    elif work == "meeting":
        record = await post(
            client,
            owner,
            "interactions",
            contact_id=contact["id"],
            channel="meeting",
            status="planned",
            scheduled_at="2027-03-01T10:00:00Z",
            subject="Visit",
            user_ids=[rep.id],
        )
        path, away = "interactions", {"user_ids": [other.id]}
    else:
        record = await post(
            client, owner, "deals", title="Big", contact_id=contact["id"], owner_id=rep.id
        )
        path, away = "deals", {"owner_id": other.id}

    await assert_reads_card_and_timeline(client, rep, contact, company)
    refused = await client.patch(
        f"{API}/contacts/{contact['id']}",
        json={"title": "Boss"},
        headers=if_match(rep, contact["version"]),
    )
    assert_problem(refused, 403)

    fresh = await client.get(f"{API}/{path}/{record['id']}", headers=owner.headers)
    await patch(client, owner, path, fresh.json(), **away)
    await assert_reads_neither(client, rep, contact, company)
    await assert_reads_card_and_timeline(client, other, contact, company)
