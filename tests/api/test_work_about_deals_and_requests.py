"""Tasks and interactions about a deal or a customer request: linked on write, checked
against the caller's scope, listed per deal or request, and lending their customer."""

from __future__ import annotations

import httpx

from tests.conftest import MakeStaff, Staff
from tests.helpers import assert_problem, create_company, create_contact, create_ok, if_match

INTERACTIONS = "/api/v1/interactions"
TASKS = "/api/v1/tasks"


async def test_a_call_logged_on_a_deal_is_with_its_customer(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """An interaction given only a deal takes the deal's contact and company, counts on
    that contact's engagement and is listed for the deal; others are not."""
    acme = await create_company(client, owner, name="Acme")
    ada = await create_contact(client, owner, first_name="Ada", company_id=acme["id"])
    deal = await create_ok(
        client, owner, "/api/v1/deals",
        {"title": "Licences", "contact_id": ada["id"], "company_id": acme["id"]},
    )  # fmt: skip
    call = await client.post(
        INTERACTIONS, json={"channel": "call", "deal_id": deal["id"]}, headers=owner.headers
    )
    assert call.status_code == 201, call.text
    assert call.json()["deal_id"] == deal["id"]
    assert call.json()["contact_id"] == ada["id"] and call.json()["company_id"] == acme["id"]
    other = await client.post(
        INTERACTIONS, json={"channel": "note", "contact_id": ada["id"]}, headers=owner.headers
    )
    assert other.status_code == 201, other.text
    listed = await client.get(INTERACTIONS, params={"deal_id": deal["id"]}, headers=owner.headers)
    assert [i["id"] for i in listed.json()["items"]] == [call.json()["id"]]
    contact = await client.get(f"/api/v1/contacts/{ada['id']}", headers=owner.headers)
    assert contact.json()["interaction_count"] == 2


async def test_a_task_about_a_request_and_a_deal(client: httpx.AsyncClient, owner: Staff) -> None:
    """A task about a request takes the request's contact; it can be moved to a deal by
    PATCH and unlinked with null; lists filter by deal and by request."""
    ada = await create_contact(client, owner, first_name="Ada")
    request = await create_ok(
        client, owner, "/api/v1/requests",
        {"contact_id": ada["id"], "channel": "email", "subject": "Wrong invoice"},
    )  # fmt: skip
    task = await create_ok(
        client, owner, TASKS, {"title": "Call back about the invoice", "request_id": request["id"]}
    )
    assert task["request_id"] == request["id"] and task["contact_id"] == ada["id"]
    by_request = await client.get(
        TASKS, params={"request_id": request["id"]}, headers=owner.headers
    )
    assert [t["id"] for t in by_request.json()["items"]] == [task["id"]]

    deal = await create_ok(client, owner, "/api/v1/deals", {"title": "Upsell"})
    moved = await client.patch(
        f"{TASKS}/{task['id']}",
        json={"deal_id": deal["id"], "request_id": None},
        headers=if_match(owner, task["version"]),
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["deal_id"] == deal["id"] and moved.json()["request_id"] is None
    by_deal = await client.get(TASKS, params={"deal_id": deal["id"]}, headers=owner.headers)
    assert [t["id"] for t in by_deal.json()["items"]] == [task["id"]]
    by_request = await client.get(
        TASKS, params={"request_id": request["id"]}, headers=owner.headers
    )
    assert by_request.json()["items"] == []


async def test_links_must_be_to_records_in_scope(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Linking to a deal or request the caller cannot see (or that does not exist) is a
    422 naming the field, and nothing is written."""
    sales = await make_staff("salesperson")
    theirs = await create_ok(client, owner, "/api/v1/deals", {"title": "Not yours"})
    mine = await create_contact(client, sales, first_name="Bo")
    hidden = await client.post(
        INTERACTIONS,
        json={"channel": "call", "contact_id": mine["id"], "deal_id": theirs["id"]},
        headers=sales.headers,
    )
    assert_problem(hidden, 422, "deal_id")
    unknown = await client.post(
        TASKS, json={"title": "x", "request_id": mine["id"]}, headers=sales.headers
    )
    assert_problem(unknown, 422, "request_id")
    assert (await client.get(INTERACTIONS, headers=sales.headers)).json()["items"] == []
    assert (await client.get(TASKS, headers=sales.headers)).json()["items"] == []
