"""Duplicates, merge and batch: the clean-up tools of the customer database."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import MakeStaff, Staff
from tests.helpers import assert_problem

CONTACTS = "/api/v1/contacts"


async def create(client: httpx.AsyncClient, staff: Staff, **body: Any) -> dict[str, Any]:
    response = await client.post(CONTACTS, json=body, headers=staff.headers)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_duplicates_by_email_phone_and_close_name_at_the_company(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Same e-mail (any case), same phone, or a close name at the same company count;
    a similar name elsewhere and an unrelated contact do not."""
    company = (
        await client.post("/api/v1/companies", json={"name": "Acme"}, headers=owner.headers)
    ).json()
    jon = await create(
        client, owner, first_name="Jon", last_name="Smith", company_id=company["id"],
        emails=[{"email": "jon@acme.example"}], phones=[{"phone": "+4930123456"}],
    )  # fmt: skip
    john = await create(
        client, owner, first_name="John", last_name="Smith", company_id=company["id"]
    )
    mailed = await create(client, owner, first_name="Other", emails=[{"email": "JON@acme.example"}])
    called = await create(client, owner, first_name="Caller", phones=[{"phone": "+49 30 123456"}])
    await create(client, owner, first_name="John", last_name="Smith")  # no company
    await create(client, owner, first_name="Unrelated", company_id=company["id"])

    response = await client.get(f"{CONTACTS}/{jon['id']}/duplicates", headers=owner.headers)
    assert response.status_code == 200
    found = {item["contact"]["id"]: item["reasons"] for item in response.json()["items"]}
    assert found == {
        john["id"]: ["name_at_company"],
        mailed["id"]: ["email"],
        called["id"]: ["phone"],
    }


async def test_duplicates_stay_within_scope(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A role that reads only its own contacts is never shown someone else's contact as a
    duplicate (every template reads the whole directory: see the Salesperson below)."""
    sales = await make_staff("own_scope")
    mine = await create(client, sales, first_name="Mine", emails=[{"email": "x@acme.example"}])
    await create(client, owner, first_name="Theirs", emails=[{"email": "x@acme.example"}])
    response = await client.get(f"{CONTACTS}/{mine['id']}/duplicates", headers=sales.headers)
    assert response.json()["items"] == []
    other = await client.get(f"{CONTACTS}/{mine['id']}/duplicates", headers=owner.headers)
    assert len(other.json()["items"]) == 1


async def test_merge_combines_and_archives_the_source(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Chosen fields come from the source; e-mails, phones and tags are combined with the
    target's primary kept; the source is archived; both histories say merged."""
    target = await create(
        client, owner, first_name="Jon", last_name="Smith", tags=["a"],
        emails=[{"email": "jon@acme.example"}], title="Buyer",
    )  # fmt: skip
    source = await create(
        client, owner, first_name="John", last_name="Smith", tags=["b", "a"], title="CEO",
        emails=[{"email": "john@mail.example"}, {"email": "jon@acme.example"}],
        phones=[{"phone": "+4930123456"}],
    )  # fmt: skip
    response = await client.post(
        f"{CONTACTS}/{target['id']}/merge",
        json={"source_id": source["id"], "take_from_source": ["first_name"]},
        headers={**owner.headers, "If-Match": '"1"'},
    )
    assert response.status_code == 200, response.text
    merged = response.json()
    assert merged["full_name"] == "John Smith" and merged["title"] == "Buyer"
    assert merged["emails"] == [
        {"email": "jon@acme.example", "primary": True},
        {"email": "john@mail.example", "primary": False},
    ]
    assert merged["phones"] == [{"phone": "+4930123456", "primary": True}]
    assert merged["tags"] == ["a", "b"]
    archived = (await client.get(f"{CONTACTS}/{source['id']}", headers=owner.headers)).json()
    assert archived["archived_at"] is not None
    for contact_id in (target["id"], source["id"]):
        history = await client.get(f"{CONTACTS}/{contact_id}/history", headers=owner.headers)
        assert history.json()["items"][0]["action"] == "merged"


async def test_merge_refuses_bad_pairs(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Merging into itself, a source the caller cannot read (422, as if there were none),
    a source they read but may not change (a Salesperson reads a colleague's contact but
    changes only their own: 403), an archived source or an unknown field is refused and
    changes nothing."""
    sales = await make_staff("salesperson")
    scoped = await make_staff("own_scope")
    mine = await create(client, sales, first_name="Mine")
    scoped_own = await create(client, scoped, first_name="Scoped")
    theirs = await create(client, owner, first_name="Theirs")
    url = f"{CONTACTS}/{mine['id']}/merge"
    itself = await client.post(url, json={"source_id": mine["id"]}, headers=sales.headers)
    assert_problem(itself, 422, "source_id")
    hidden = await client.post(
        f"{CONTACTS}/{scoped_own['id']}/merge",
        json={"source_id": theirs["id"]},
        headers=scoped.headers,
    )
    assert_problem(hidden, 422, "source_id")
    not_mine = await client.post(url, json={"source_id": theirs["id"]}, headers=sales.headers)
    assert_problem(not_mine, 403, "source_id")
    untouched = (await client.get(f"{CONTACTS}/{theirs['id']}", headers=owner.headers)).json()
    assert untouched["version"] == 1 and untouched["archived_at"] is None
    unknown = await client.post(
        url, json={"source_id": theirs["id"], "take_from_source": ["id"]}, headers=owner.headers
    )
    assert_problem(unknown, 422, "take_from_source.0")
    await client.delete(f"{CONTACTS}/{theirs['id']}", headers=owner.headers)
    archived = await client.post(url, json={"source_id": theirs["id"]}, headers=owner.headers)
    assert_problem(archived, 409)
    for kept in (mine, scoped_own):
        after = (await client.get(f"{CONTACTS}/{kept['id']}", headers=owner.headers)).json()
        assert after["version"] == 1


async def test_a_salesperson_finds_a_colleagues_duplicate_but_cannot_merge_it(
    client: httpx.AsyncClient, make_staff: MakeStaff
) -> None:
    """A Salesperson reads the whole directory, so a colleague's contact with the same
    e-mail is shown as a duplicate; but merging needs write access on both contacts, and
    a Salesperson changes only their own: 403 whichever way round, and nothing changes."""
    sales = await make_staff("salesperson")
    colleague = await make_staff("salesperson")
    mine = await create(client, sales, first_name="Mine", emails=[{"email": "x@acme.example"}])
    theirs = await create(
        client, colleague, first_name="Theirs", emails=[{"email": "X@acme.example"}]
    )
    found = await client.get(f"{CONTACTS}/{mine['id']}/duplicates", headers=sales.headers)
    assert found.status_code == 200, found.text
    assert [item["contact"]["id"] for item in found.json()["items"]] == [theirs["id"]]

    source_theirs = await client.post(
        f"{CONTACTS}/{mine['id']}/merge", json={"source_id": theirs["id"]}, headers=sales.headers
    )
    assert_problem(source_theirs, 403, "source_id")
    target_theirs = await client.post(
        f"{CONTACTS}/{theirs['id']}/merge", json={"source_id": mine["id"]}, headers=sales.headers
    )
    assert_problem(target_theirs, 403)
    for contact in (mine, theirs):
        after = (await client.get(f"{CONTACTS}/{contact['id']}", headers=sales.headers)).json()
        assert after["version"] == 1 and after["archived_at"] is None


async def test_batch_is_all_or_nothing_with_errors_per_item(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """One bad item keeps every item out, and the 422 names each failing item; the
    corrected batch creates and updates in one go."""
    existing = await create(client, owner, first_name="Existing")
    bad = await client.post(
        f"{CONTACTS}/batch",
        json={
            "items": [
                {"first_name": "Fine"},
                {"last_name": ""},
                {"id": existing["id"], "version": 7, "title": "Late"},
            ]
        },
        headers=owner.headers,
    )
    assert_problem(bad, 422, "items.1.first_name")
    assert "items.2" in [e["field"] for e in bad.json()["errors"]]
    listed = await client.get(CONTACTS, params={"q": "fine"}, headers=owner.headers)
    assert listed.json()["items"] == []

    good = await client.post(
        f"{CONTACTS}/batch",
        json={
            "items": [
                {"first_name": "Fine"},
                {"id": existing["id"], "version": 1, "title": "Buyer"},
            ]
        },
        headers=owner.headers,
    )
    assert good.status_code == 200, good.text
    names = [c["full_name"] for c in good.json()["items"]]
    assert names == ["Fine", "Existing"]
    assert good.json()["items"][1]["title"] == "Buyer"


async def test_batch_respects_scope_and_permissions(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Nobody updates through a batch a contact their write level does not reach: a role
    that reads only its own contacts finds someone else's item 'not found' (404); a
    Salesperson reads it (every template reads the whole directory) but may not change
    it (403). A Storekeeper cannot batch at all (403)."""
    scoped = await make_staff("own_scope")
    sales = await make_staff("salesperson")
    keeper = await make_staff("storekeeper")
    theirs = await create(client, owner, first_name="Theirs")
    for staff, status in ((scoped, "404"), (sales, "403")):
        response = await client.post(
            f"{CONTACTS}/batch",
            json={"items": [{"id": theirs["id"], "title": "Mine now"}]},
            headers=staff.headers,
        )
        assert_problem(response, 422, "items.0")
        assert response.json()["errors"][0]["message"].startswith(status), response.text
    after = (await client.get(f"{CONTACTS}/{theirs['id']}", headers=owner.headers)).json()
    assert after["version"] == 1 and after["title"] is None
    denied = await client.post(
        f"{CONTACTS}/batch", json={"items": [{"first_name": "X"}]}, headers=keeper.headers
    )
    assert_problem(denied, 403)


async def test_batch_size_is_limited(client: httpx.AsyncClient, owner: Staff) -> None:
    """More than 100 items is refused before anything runs."""
    items = [{"first_name": f"P{i}"} for i in range(101)]
    response = await client.post(f"{CONTACTS}/batch", json={"items": items}, headers=owner.headers)
    assert_problem(response, 422, "items")
