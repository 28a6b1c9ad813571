"""Upsert by external id (issue 18): contacts, companies and deals known by the ids other
systems give them, created or updated by one PUT, listed by them, and batched."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from tests.conftest import MakeStaff, Staff
from tests.helpers import API, COMPANIES, CONTACTS, assert_problem, if_match

DEALS = f"{API}/deals"


def by_external_id(collection: str, source: str, external_id: str) -> str:
    return f"{collection}/by-external-id/{source}/{external_id}"


async def test_a_put_creates_then_updates_the_same_contact(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """The first PUT of a pair creates the contact (201, Location, ETag, the pair on it);
    the second updates that same contact (200), leaving the fields it did not send as
    they were and keeping its other sources' ids."""
    url = by_external_id(CONTACTS, "erp", "C-10023")
    body = {"first_name": "Maria", "last_name": "Lopez", "external_ids": {"shop": "42"}}
    created = await client.put(url, json=body, headers=owner.headers)
    assert created.status_code == 201, created.text
    contact = created.json()
    assert created.headers["location"] == f"{CONTACTS}/{contact['id']}"
    assert created.headers["etag"] == '"1"'
    assert contact["external_ids"] == {"erp": "C-10023", "shop": "42"}

    updated = await client.put(url, json={"city": "Madrid"}, headers=owner.headers)
    assert updated.status_code == 200, updated.text
    again = updated.json()
    assert again["id"] == contact["id"]
    assert (again["first_name"], again["last_name"], again["city"]) == ("Maria", "Lopez", "Madrid")
    assert again["external_ids"] == {"erp": "C-10023", "shop": "42"}
    assert updated.headers["etag"] == '"2"'

    read = await client.get(f"{CONTACTS}/{contact['id']}", headers=owner.headers)
    assert read.json()["external_ids"] == {"erp": "C-10023", "shop": "42"}
    history = await client.get(f"{CONTACTS}/{contact['id']}/history", headers=owner.headers)
    assert [e["action"] for e in history.json()["items"]] == ["updated", "created"]


async def test_companies_and_deals_are_upserted_alike(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Companies and deals take the same PUT: created once, then updated in place; a
    deal's update leaves its stage alone."""
    url = by_external_id(COMPANIES, "erp", "K-1")
    first = await client.put(url, json={"name": "Acme GmbH"}, headers=owner.headers)
    assert first.status_code == 201, first.text
    second = await client.put(url, json={"name": "Acme AG"}, headers=owner.headers)
    assert second.status_code == 200, second.text
    assert second.json()["id"] == first.json()["id"]
    assert second.json()["name"] == "Acme AG"

    url = by_external_id(DEALS, "erp", "O/2026/7")  # an id with slashes in it
    deal = await client.put(url, json={"title": "50 licences"}, headers=owner.headers)
    assert deal.status_code == 201, deal.text
    assert deal.json()["external_ids"] == {"erp": "O/2026/7"}
    moved = await client.put(
        url, json={"title": "60 licences", "amount": 100}, headers=owner.headers
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["id"] == deal.json()["id"]
    assert (moved.json()["title"], moved.json()["amount"]) == ("60 licences", 100)
    assert moved.json()["stage_id"] == deal.json()["stage_id"]


async def test_if_match_is_honoured_on_an_update(client: httpx.AsyncClient, owner: Staff) -> None:
    """An update by external id with a stale If-Match answers 412 and changes nothing; with
    the current one it goes through; If-Match on a pair no record has is a 412 too."""
    url = by_external_id(CONTACTS, "erp", "C-1")
    created = await client.put(url, json={"last_name": "Weber"}, headers=owner.headers)
    assert created.status_code == 201
    await client.put(url, json={"city": "Berlin"}, headers=owner.headers)  # version 2

    stale = await client.put(url, json={"city": "Bonn"}, headers=if_match(owner, 1))
    assert_problem(stale, 412)
    fresh = await client.put(url, json={"city": "Hamburg"}, headers=if_match(owner, 2))
    assert fresh.status_code == 200, fresh.text
    assert fresh.json()["city"] == "Hamburg"

    absent = by_external_id(CONTACTS, "erp", "C-404")
    missing = await client.put(absent, json={"last_name": "X"}, headers=if_match(owner, 1))
    assert_problem(missing, 412)


async def test_a_pair_names_one_record(client: httpx.AsyncClient, owner: Staff) -> None:
    """A second contact claiming a pair another holds, by create or by update, is a 409
    problem naming `external_ids.<source>`; the same id from another source, or for
    another kind of record, is no conflict."""
    first = await client.post(
        CONTACTS, json={"last_name": "A", "external_ids": {"erp": "X-1"}}, headers=owner.headers
    )
    assert first.status_code == 201, first.text
    taken = await client.post(
        CONTACTS, json={"last_name": "B", "external_ids": {"erp": "X-1"}}, headers=owner.headers
    )
    assert_problem(taken, 409, "external_ids.erp")

    second = await client.post(
        CONTACTS, json={"last_name": "B", "external_ids": {"shop": "X-1"}}, headers=owner.headers
    )
    assert second.status_code == 201, second.text
    claim = await client.patch(
        f"{CONTACTS}/{second.json()['id']}",
        json={"external_ids": {"erp": "X-1"}},
        headers=owner.headers,
    )
    assert_problem(claim, 409, "external_ids.erp")
    company = await client.post(
        COMPANIES, json={"name": "C", "external_ids": {"erp": "X-1"}}, headers=owner.headers
    )
    assert company.status_code == 201, company.text

    # A null id gives the pair up, and another contact may then take it.
    freed = await client.patch(
        f"{CONTACTS}/{first.json()['id']}",
        json={"external_ids": {"erp": None}},
        headers=owner.headers,
    )
    assert freed.status_code == 200 and freed.json()["external_ids"] == {}
    claim = await client.patch(
        f"{CONTACTS}/{second.json()['id']}",
        json={"external_ids": {"erp": "X-1"}},
        headers=owner.headers,
    )
    assert claim.status_code == 200, claim.text
    assert claim.json()["external_ids"] == {"erp": "X-1", "shop": "X-1"}


async def test_bad_sources_and_ids_are_422_naming_the_field(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A source that is not lowercase letters, digits, '-' or '_' (or is longer than 40),
    or an id longer than 200 or not printable, is a 422 naming the field, in a body and in
    the path alike."""
    cases: list[tuple[dict[str, Any], str]] = [
        ({"ERP": "1"}, "external_ids.ERP"),
        ({"e rp": "1"}, "external_ids.e rp"),
        ({"s" * 41: "1"}, f"external_ids.{'s' * 41}"),
        ({"erp": "x" * 201}, "external_ids.erp"),
        ({"erp": "a\tb"}, "external_ids.erp"),
        ({"erp": " "}, "external_ids.erp"),
    ]
    for ids, field in cases:
        response = await client.post(
            CONTACTS, json={"last_name": "A", "external_ids": ids}, headers=owner.headers
        )
        assert_problem(response, 422, field)
    bad_source = await client.put(
        by_external_id(CONTACTS, "E.R.P", "1"), json={"last_name": "A"}, headers=owner.headers
    )
    assert_problem(bad_source, 422, "source")
    long_id = await client.put(
        by_external_id(CONTACTS, "erp", "x" * 201), json={"last_name": "A"}, headers=owner.headers
    )
    assert_problem(long_id, 422, "external_id")
    other = await client.put(
        by_external_id(CONTACTS, "erp", "1"),
        json={"last_name": "A", "external_ids": {"erp": "2"}},
        headers=owner.headers,
    )
    assert_problem(other, 422, "external_ids.erp")
    listed = await client.get(CONTACTS, params={"external_id": "no-colon"}, headers=owner.headers)
    assert_problem(listed, 422, "external_id")
    nothing = await client.get(CONTACTS, headers=owner.headers)
    assert nothing.json()["items"] == []


async def test_lists_filter_by_external_id(client: httpx.AsyncClient, owner: Staff) -> None:
    """`?external_id=source:id` lists the one record holding that pair (ids may contain
    colons), nothing for an unknown pair, and refuses other filters beside it."""
    for collection, body in (
        (CONTACTS, {"last_name": "Lopez"}),
        (COMPANIES, {"name": "Acme"}),
        (DEALS, {"title": "Licences"}),
    ):
        made = await client.put(
            by_external_id(collection, "erp", "A:1"), json=body, headers=owner.headers
        )
        assert made.status_code == 201, made.text
        await client.put(by_external_id(collection, "erp", "A:2"), json=body, headers=owner.headers)
        found = await client.get(
            collection, params={"external_id": "erp:A:1"}, headers=owner.headers
        )
        assert found.status_code == 200, found.text
        assert [item["id"] for item in found.json()["items"]] == [made.json()["id"]]
        none = await client.get(
            collection, params={"external_id": "shop:A:1"}, headers=owner.headers
        )
        assert none.json()["items"] == []
    mixed = await client.get(
        CONTACTS, params={"external_id": "erp:A:1", "city": "Berlin"}, headers=owner.headers
    )
    assert_problem(mixed, 422, "external_id")


async def test_a_batch_answers_each_item_and_keeps_the_good_ones(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A batch upsert creates and updates item by item; an item that fails (a bad source,
    a taken pair) is answered with its problem and undone alone, the others are kept."""
    await client.put(
        by_external_id(CONTACTS, "erp", "B-1"), json={"last_name": "Old"}, headers=owner.headers
    )
    await client.post(
        CONTACTS,
        json={"last_name": "Holder", "external_ids": {"shop": "S-9"}},
        headers=owner.headers,
    )
    items = [
        {"source": "erp", "external_id": "B-1", "fields": {"last_name": "Renamed"}},
        {"source": "erp", "external_id": "B-2", "fields": {"last_name": "New"}},
        {"source": "ERP!", "external_id": "B-3", "fields": {"last_name": "Bad"}},
        {
            "source": "erp",
            "external_id": "B-4",
            "fields": {"last_name": "Taken", "external_ids": {"shop": "S-9"}},
        },
    ]
    response = await client.post(
        f"{CONTACTS}/by-external-id", json={"items": items}, headers=owner.headers
    )
    assert response.status_code == 200, response.text
    results = response.json()["items"]
    assert [r["status"] for r in results] == ["updated", "created", "error", "error"]
    assert results[0]["record"]["last_name"] == "Renamed"
    assert results[1]["record"]["external_ids"] == {"erp": "B-2"}
    assert results[2]["record"] is None
    assert results[2]["problem"]["status"] == 422
    assert [e["field"] for e in results[2]["problem"]["errors"]] == ["source"]
    assert results[3]["problem"]["status"] == 409
    assert [e["field"] for e in results[3]["problem"]["errors"]] == ["external_ids.shop"]
    # The failed item left nothing behind: no contact "Taken", no pair erp:B-4.
    listed = await client.get(CONTACTS, params={"external_id": "erp:B-4"}, headers=owner.headers)
    assert listed.json()["items"] == []
    everyone = await client.get(CONTACTS, headers=owner.headers)
    assert sorted(c["last_name"] for c in everyone.json()["items"]) == ["Holder", "New", "Renamed"]

    too_many = [
        {"source": "erp", "external_id": str(n), "fields": {"last_name": "N"}} for n in range(101)
    ]
    response = await client.post(
        f"{CONTACTS}/by-external-id", json={"items": too_many}, headers=owner.headers
    )
    assert_problem(response, 422, "items")


async def test_a_salesperson_cannot_reach_anothers_contact_by_its_external_id(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A contact out of a caller's write scope answers their PUT by its external id
    exactly as its own URL answers their PATCH (a Salesperson, who reads every contact
    but changes their own: 403; a role reading only its own: 404), nothing more; it is
    left unchanged and not created a second time. The list filter shows it only to
    those who read it."""
    url = by_external_id(CONTACTS, "erp", "P-1")
    made = await client.put(url, json={"last_name": "Private"}, headers=owner.headers)
    contact_url = f"{CONTACTS}/{made.json()['id']}"
    problem_keys = ("type", "title", "status", "detail", "errors")
    for role, status, listed_count in (("salesperson", 403, 1), ("own_scope", 404, 0)):
        caller = await make_staff(role)
        body = {"last_name": "Mine now"}
        upsert = await client.put(url, json=body, headers=caller.headers)
        patch = await client.patch(contact_url, json=body, headers=caller.headers)
        assert_problem(patch, status)
        assert_problem(upsert, status)
        assert {k: upsert.json()[k] for k in problem_keys} == {
            k: patch.json()[k] for k in problem_keys
        }
        item = {"source": "erp", "external_id": "P-1", "fields": body}
        batch = await client.post(
            f"{CONTACTS}/by-external-id", json={"items": [item]}, headers=caller.headers
        )
        assert batch.json()["items"][0]["problem"]["status"] == status
        listed = await client.get(
            CONTACTS, params={"external_id": "erp:P-1"}, headers=caller.headers
        )
        assert len(listed.json()["items"]) == listed_count

        # Their own contact by external id works as for anyone.
        own = await client.put(
            by_external_id(CONTACTS, "erp", f"{role}-1"),
            json={"last_name": "Theirs"},
            headers=caller.headers,
        )
        assert own.status_code == 201, own.text

    unchanged = await client.get(contact_url, headers=owner.headers)
    assert unchanged.json()["last_name"] == "Private"
    everyone = await client.get(CONTACTS, params={"q": "Private"}, headers=owner.headers)
    assert len(everyone.json()["items"]) == 1


async def test_twenty_concurrent_upserts_of_a_new_pair_leave_one_record(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """20 PUTs of one new pair at once (really at once on PostgreSQL; SQLite takes one
    writer at a time): exactly one creates the contact, the others update it or answer
    409, never a 500, and one contact holds the pair afterwards."""
    url = by_external_id(CONTACTS, "erp", "RACE-1")
    calls = [
        client.put(url, json={"last_name": f"Racer {n}"}, headers=owner.headers) for n in range(20)
    ]
    responses = await asyncio.wait_for(asyncio.gather(*calls), timeout=120)
    statuses = sorted(r.status_code for r in responses)
    assert statuses.count(201) == 1, [r.text for r in responses]
    assert set(statuses) <= {200, 201, 409}, [r.text for r in responses]
    for response in responses:
        if response.status_code == 409:
            # A loser of the race for the pair updated the winner's contact, and lost the
            # compare-and-set of that update to another loser: the usual 409 of a lost update.
            assert_problem(response, 409)
    ids = {r.json()["id"] for r in responses if r.status_code in (200, 201)}
    assert len(ids) == 1
    everyone = await client.get(CONTACTS, headers=owner.headers)
    assert [c["id"] for c in everyone.json()["items"]] == list(ids)
    listed = await client.get(CONTACTS, params={"external_id": "erp:RACE-1"}, headers=owner.headers)
    assert [c["id"] for c in listed.json()["items"]] == list(ids)


async def test_an_archived_records_pair_stays_with_it(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Archiving keeps a record's pairs (restoring brings it back whole): a PUT of an
    archived contact's pair answers 409 (restore it first) instead of creating a second
    contact, and the list filter finds it among the archived."""
    url = by_external_id(CONTACTS, "erp", "Z-1")
    made = await client.put(url, json={"last_name": "Archived"}, headers=owner.headers)
    contact_url = f"{CONTACTS}/{made.json()['id']}"
    assert (await client.delete(contact_url, headers=owner.headers)).status_code == 204

    again = await client.put(url, json={"last_name": "Again"}, headers=owner.headers)
    assert_problem(again, 409)
    live = await client.get(CONTACTS, params={"external_id": "erp:Z-1"}, headers=owner.headers)
    assert live.json()["items"] == []
    archived = await client.get(
        CONTACTS, params={"external_id": "erp:Z-1", "archived": "true"}, headers=owner.headers
    )
    assert [c["id"] for c in archived.json()["items"]] == [made.json()["id"]]

    await client.post(f"{contact_url}/restore", headers=owner.headers)
    restored = await client.put(url, json={"last_name": "Back"}, headers=owner.headers)
    assert restored.status_code == 200, restored.text
    assert restored.json()["id"] == made.json()["id"]


async def test_a_change_of_external_ids_alone_is_a_change_of_the_record(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """External ids are kept beside the record, yet changing only them is a change like
    any other: a new version (so If-Match and mirrors keyed on it see it), an audit
    entry with the ids before and after, and one `updated` event in the change feed.
    Sending the ids it already has changes nothing."""
    for collection, body, entity in (
        (CONTACTS, {"last_name": "Ids"}, "contact"),
        (COMPANIES, {"name": "Ids Ltd"}, "company"),
    ):
        made = await client.post(
            collection, json={**body, "external_ids": {"erp": "A-1"}}, headers=owner.headers
        )
        record_url = f"{collection}/{made.json()['id']}"
        now = await client.get(f"{API}/events", params={"after": "now"}, headers=owner.headers)
        cursor = now.json()["next_cursor"]

        patched = await client.patch(
            record_url,
            json={"external_ids": {"erp": "A-2", "shop": "7"}},
            headers=if_match(owner, 1),
        )
        assert patched.status_code == 200, patched.text
        assert patched.headers["etag"] == '"2"'
        assert patched.json()["external_ids"] == {"erp": "A-2", "shop": "7"}

        history = await client.get(f"{record_url}/history", headers=owner.headers)
        latest = history.json()["items"][0]
        assert latest["action"] == "updated"
        assert latest["changes"] == {
            "external_ids": {"before": {"erp": "A-1"}, "after": {"erp": "A-2", "shop": "7"}}
        }
        feed = await client.get(f"{API}/events", params={"after": cursor}, headers=owner.headers)
        mine = [e for e in feed.json()["items"] if e["entity_id"] == made.json()["id"]]
        assert [(e["type"], e["version"]) for e in mine] == [(f"{entity}.updated", 2)]

        same = await client.patch(
            record_url, json={"external_ids": {"shop": "7"}}, headers=owner.headers
        )
        assert same.headers["etag"] == '"2"'
        history = await client.get(f"{record_url}/history", headers=owner.headers)
        assert len(history.json()["items"]) == 2
