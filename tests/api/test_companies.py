"""/api/v1/companies: CRUD, normalised input, ETags, archiving, history, lists (filters,
sort, keyset pages, search), a company's contacts, owner reassignment and record scope."""

from __future__ import annotations

import asyncio
import uuid
from datetime import datetime
from typing import Any

import httpx
import pytest

from persistence.database import Database
from tests.conftest import MakeStaff, MakeTeam, Staff
from tests.helpers import (
    API,
    COMPANIES,
    CONTACTS,
    SCOPE_ROLES,
    WHOSE,
    assert_one_wins,
    assert_problem,
    build_scope_world,
    create_company,
    create_contact,
    define_field,
    if_match,
    is_postgres,
    list_ids,
    read_ok,
    walk,
)

SOME_ID = "00000000-0000-4000-8000-000000000001"
COMPANY_FIELDS = {
    "id",
    "name",
    "domain",
    "industry",
    "size_band",
    "country",
    "city",
    "address",
    "phone",
    "tags",
    "custom_fields",
    "owner_id",
    "team_id",
    "archived_at",
    "created_at",
    "updated_at",
    "version",
}


def url_of(company: dict[str, Any]) -> str:
    return f"{COMPANIES}/{company['id']}"


# --- Create and read -----------------------------------------------------------------------


async def test_owner_creates_reads_and_lists_a_company(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A company with every field is created (201, Location, ETag "1"), read back the same
    and listed; input is normalised on the way in."""
    created = await create_company(
        client,
        owner,
        name="  Acme   GmbH ",
        domain="https://www.Acme.example/about",
        industry=" Manufacturing ",
        size_band="51-200",
        country="de",
        city="Berlin",
        address="Hauptstr. 1\n10115 Berlin",
        phone="030 12345678",
        tags=[" Key  Account", "vip", "VIP"],
    )
    assert set(created) >= COMPANY_FIELDS
    assert not {"search_text", "sort_name"} & set(created)
    assert created["name"] == "Acme GmbH"
    assert created["domain"] == "acme.example"
    assert created["industry"] == "Manufacturing"
    assert created["size_band"] == "51-200"
    assert created["country"] == "DE"
    assert created["phone"] == "+493012345678"
    assert created["tags"] == ["key account", "vip"]
    assert created["custom_fields"] == {}
    assert created["owner_id"] == owner.id
    assert created["team_id"] is None
    assert created["archived_at"] is None
    assert created["version"] == 1
    assert created["updated_at"] >= created["created_at"]

    read = await client.get(url_of(created), headers=owner.headers)
    assert read.status_code == 200
    assert read.json() == created
    assert read.headers["etag"] == '"1"'
    listed = await client.get(COMPANIES, headers=owner.headers)
    assert listed.json() == {"items": [created], "next_cursor": None}


async def test_minimal_company_needs_only_a_name(client: httpx.AsyncClient, owner: Staff) -> None:
    """A company of just a name has every optional field empty and the caller as owner."""
    created = await create_company(client, owner, name="Solo")
    assert {k: created[k] for k in ("domain", "industry", "size_band", "country", "phone")} == {
        "domain": None,
        "industry": None,
        "size_band": None,
        "country": None,
        "phone": None,
    }
    assert created["tags"] == []
    assert created["owner_id"] == owner.id


async def test_new_company_lands_in_the_creators_team(
    client: httpx.AsyncClient, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """A Salesperson's company belongs to them and to their team."""
    team = await make_team("Alpha")
    seller = await make_staff("salesperson", team=team)
    created = await create_company(client, seller)
    assert created["owner_id"] == seller.id
    assert created["team_id"] == str(team.id)


async def test_phone_with_country_code_needs_no_country(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """An international number is stored in E.164 whatever the company's country."""
    created = await create_company(client, owner, phone="+1 (650) 253-0000", country="DE")
    assert created["phone"] == "+16502530000"


async def test_get_unknown_company_is_404(client: httpx.AsyncClient, owner: Staff) -> None:
    """An id that matches no company is 404."""
    assert_problem(await client.get(f"{COMPANIES}/{SOME_ID}", headers=owner.headers), 404)


async def test_company_id_that_is_no_uuid_is_refused(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A path id that is not a UUID matches no company: a 404 (or 422) problem, no 500."""
    for url in (f"{COMPANIES}/not-a-uuid", f"{COMPANIES}/not-a-uuid/history"):
        response = await client.get(url, headers=owner.headers)
        assert response.status_code in (404, 422), response.text
        assert_problem(response, response.status_code)


async def test_companies_need_a_token(client: httpx.AsyncClient) -> None:
    """Without a bearer token listing and creating are 401."""
    assert_problem(await client.get(COMPANIES), 401)
    assert_problem(await client.post(COMPANIES, json={"name": "X"}), 401)


# --- Bad input -----------------------------------------------------------------------------

BAD_INPUT: dict[str, tuple[dict[str, Any], str]] = {
    "blank_name": ({"name": "   "}, "name"),
    "empty_name": ({"name": ""}, "name"),
    "name_too_long": ({"name": "x" * 301}, "name"),
    "name_not_text": ({"name": 5}, "name"),
    "bad_domain": ({"domain": "not a domain"}, "domain"),
    "domain_without_dot": ({"domain": "localhost"}, "domain"),
    "unknown_country": ({"country": "XX"}, "country"),
    "alpha3_country": ({"country": "DEU"}, "country"),
    "bad_phone": ({"phone": "12"}, "phone"),
    "local_phone_without_country": ({"phone": "030 12345678"}, "phone"),
    "invalid_number": ({"phone": "+49 1"}, "phone"),
    "bad_size_band": ({"size_band": "huge"}, "size_band"),
    "blank_tag": ({"tags": ["ok", " "]}, "tags.1"),
    "too_long_tag": ({"tags": ["x" * 51]}, "tags.0"),
    "too_many_tags": ({"tags": [f"t{i}" for i in range(51)]}, "tags"),
    "tags_not_a_list": ({"tags": "vip"}, "tags"),
    "address_too_long": ({"address": "x" * 2001}, "address"),
    "unknown_custom_field": ({"custom_fields": {"nope": 1}}, "custom_fields.nope"),
    "owner_not_uuid": ({"owner_id": "me"}, "owner_id"),
    "unknown_owner": ({"owner_id": SOME_ID}, "owner_id"),
}


@pytest.mark.parametrize(("change", "field"), BAD_INPUT.values(), ids=BAD_INPUT)
async def test_bad_input_on_create_is_422_naming_the_field(
    client: httpx.AsyncClient, owner: Staff, change: dict[str, Any], field: str
) -> None:
    """Each invalid value is refused with a 422 naming its field; nothing is created."""
    response = await client.post(COMPANIES, json={"name": "Fine", **change}, headers=owner.headers)
    assert_problem(response, 422, field)
    assert await list_ids(client, owner, COMPANIES) == []


@pytest.mark.parametrize(("change", "field"), BAD_INPUT.values(), ids=BAD_INPUT)
async def test_bad_input_on_patch_is_422_naming_the_field(
    client: httpx.AsyncClient, owner: Staff, change: dict[str, Any], field: str
) -> None:
    """Each invalid value is refused on PATCH too, and the company stays as it was."""
    company = await create_company(client, owner, name="Fine")
    response = await client.patch(url_of(company), json=change, headers=owner.headers)
    assert_problem(response, 422, field)
    assert await read_ok(client, owner, url_of(company)) == company


async def test_missing_name_is_422(client: httpx.AsyncClient, owner: Staff) -> None:
    """A company without a name is 422 naming name."""
    assert_problem(await client.post(COMPANIES, json={}, headers=owner.headers), 422, "name")


async def test_patch_name_to_null_is_422(client: httpx.AsyncClient, owner: Staff) -> None:
    """A company's name cannot be cleared: PATCH name null is 422 naming name."""
    company = await create_company(client, owner, name="Keeps")
    response = await client.patch(url_of(company), json={"name": None}, headers=owner.headers)
    assert_problem(response, 422, "name")
    assert (await read_ok(client, owner, url_of(company)))["name"] == "Keeps"


SERVER_FIELDS = ["id", "version", "created_at", "updated_at", "team_id", "archived_at"]
UNKNOWN_FIELDS = ["search_text", "sort_name", "contacts"]


@pytest.mark.parametrize("field", SERVER_FIELDS + UNKNOWN_FIELDS)
async def test_fields_clients_may_not_set_are_422_naming_them(
    client: httpx.AsyncClient, owner: Staff, field: str
) -> None:
    """Server-kept or unknown fields in a POST or PATCH body are 422 naming them."""
    value: Any = SOME_ID if field.endswith("id") else "2026-01-01T00:00:00Z"
    response = await client.post(
        COMPANIES, json={"name": "Sneaky", field: value}, headers=owner.headers
    )
    assert_problem(response, 422, field)
    company = await create_company(client, owner)
    response = await client.patch(url_of(company), json={field: value}, headers=owner.headers)
    assert_problem(response, 422, field)


async def test_body_that_is_not_json_is_refused(client: httpx.AsyncClient, owner: Staff) -> None:
    """A malformed JSON body is a client error problem, not a server error."""
    response = await client.post(
        COMPANIES,
        content=b"{not json",
        headers={**owner.headers, "Content-Type": "application/json"},
    )
    assert response.status_code in (400, 422), response.text
    assert_problem(response, response.status_code)


# --- Change --------------------------------------------------------------------------------


async def test_patch_changes_only_what_is_sent(client: httpx.AsyncClient, owner: Staff) -> None:
    """PATCH leaves absent fields alone, clears fields sent as null, bumps the version."""
    company = await create_company(
        client, owner, name="Acme", domain="acme.example", city="Berlin", tags=["a"]
    )
    response = await client.patch(
        url_of(company),
        json={"city": "Hamburg", "domain": None, "tags": ["b", "a"]},
        headers=owner.headers,
    )
    assert response.status_code == 200, response.text
    changed = response.json()
    assert response.headers["etag"] == '"2"'
    assert changed["city"] == "Hamburg"
    assert changed["domain"] is None
    assert changed["tags"] == ["b", "a"]
    assert changed["name"] == "Acme"
    assert changed["version"] == 2
    assert changed["created_at"] == company["created_at"]
    assert changed["updated_at"] > company["updated_at"]
    assert await read_ok(client, owner, url_of(company)) == changed


async def test_patch_reads_a_local_phone_in_the_given_country(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A local phone number sent with a country is stored in E.164 for that country."""
    company = await create_company(client, owner)
    response = await client.patch(
        url_of(company), json={"country": "US", "phone": "(650) 253-0000"}, headers=owner.headers
    )
    assert response.status_code == 200, response.text
    assert response.json()["phone"] == "+16502530000"


async def test_patch_that_changes_nothing_keeps_the_version(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Sending the current values changes nothing: same version, no history event."""
    company = await create_company(client, owner, name="Same", city="Berlin")
    response = await client.patch(
        url_of(company), json={"name": "Same", "city": "Berlin"}, headers=owner.headers
    )
    assert response.status_code == 200
    assert response.json()["version"] == 1
    history = await read_ok(client, owner, f"{url_of(company)}/history")
    assert [e["action"] for e in history["items"]] == ["created"]


async def test_patch_unknown_company_is_404(client: httpx.AsyncClient, owner: Staff) -> None:
    """PATCH on an id that matches no company is 404."""
    response = await client.patch(
        f"{COMPANIES}/{SOME_ID}", json={"city": "X"}, headers=owner.headers
    )
    assert_problem(response, 404)


# --- If-Match ------------------------------------------------------------------------------


async def test_patch_with_fresh_and_stale_if_match(client: httpx.AsyncClient, owner: Staff) -> None:
    """A PATCH with the current ETag lands; the same ETag again is stale: 412, no change."""
    company = await create_company(client, owner, name="Before")
    url = url_of(company)
    fresh = await client.patch(url, json={"name": "After"}, headers=if_match(owner, 1))
    assert fresh.status_code == 200, fresh.text
    assert fresh.headers["etag"] == '"2"'
    stale = await client.patch(url, json={"name": "Stale"}, headers=if_match(owner, 1))
    assert_problem(stale, 412)
    assert (await read_ok(client, owner, url))["name"] == "After"


@pytest.mark.parametrize("tag", ['W/"1"', "*"])
async def test_weak_and_wildcard_if_match_are_accepted(
    client: httpx.AsyncClient, owner: Staff, tag: str
) -> None:
    """A weak ETag of the current version, or `*`, lets the PATCH through."""
    company = await create_company(client, owner)
    response = await client.patch(url_of(company), json={"city": "X"}, headers=if_match(owner, tag))
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("tag", ["1", '"one"', "", '"1", "2"'])
async def test_malformed_if_match_is_422_and_writes_nothing(
    client: httpx.AsyncClient, owner: Staff, tag: str
) -> None:
    """An If-Match that is no ETag is 422 naming the header; the company is unchanged."""
    company = await create_company(client, owner)
    response = await client.patch(url_of(company), json={"city": "X"}, headers=if_match(owner, tag))
    assert_problem(response, 422, "if-match")
    assert await read_ok(client, owner, url_of(company)) == company


async def test_stale_if_match_on_archive_and_restore_is_412(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Archiving or restoring with a stale ETag is 412 and changes nothing."""
    company = await create_company(client, owner)
    url = url_of(company)
    await client.patch(url, json={"city": "X"}, headers=owner.headers)
    assert_problem(await client.delete(url, headers=if_match(owner, 1)), 412)
    assert (await read_ok(client, owner, url))["archived_at"] is None
    assert (await client.delete(url, headers=if_match(owner, 2))).status_code == 204
    assert_problem(await client.post(f"{url}/restore", headers=if_match(owner, 2)), 412)
    restored = await client.post(f"{url}/restore", headers=if_match(owner, 3))
    assert restored.status_code == 200, restored.text
    assert restored.headers["etag"] == '"4"'


async def test_concurrent_patches_with_one_etag_let_exactly_one_win(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Two PATCHes sent at once with the same ETag: one 200, the other 409 or 412; the
    stored company is the winner's and its version went up once."""
    company = await create_company(client, owner, name="Original")
    url = url_of(company)
    responses = await asyncio.gather(
        *(
            client.patch(url, json={"name": name}, headers=if_match(owner, 1))
            for name in ("Writer One", "Writer Two")
        )
    )
    assert_one_wins(responses, 200, (409, 412))
    winner = next(r for r in responses if r.status_code == 200)
    current = await read_ok(client, owner, url)
    assert current["version"] == 2
    assert current["name"] == winner.json()["name"]


# --- Archive and restore -------------------------------------------------------------------


async def test_archive_hides_the_company_and_restore_brings_it_back(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """DELETE archives (204): the company leaves the list and search, shows up under
    archived=true, still reads by id, refuses PATCH (409); restore undoes it all."""
    company = await create_company(client, owner, name="Archivable")
    other = await create_company(client, owner, name="Staying")
    url = url_of(company)

    archived = await client.delete(url, headers=owner.headers)
    assert archived.status_code == 204
    assert archived.content == b""
    assert await list_ids(client, owner, COMPANIES) == [other["id"]]
    assert await list_ids(client, owner, COMPANIES, q="archivable") == []
    assert await list_ids(client, owner, COMPANIES, archived="true") == [company["id"]]
    assert await list_ids(client, owner, COMPANIES, archived="true", q="archivable") == [
        company["id"]
    ]
    read = await read_ok(client, owner, url)
    assert read["archived_at"] is not None
    assert read["version"] == 2
    assert_problem(await client.patch(url, json={"city": "X"}, headers=owner.headers), 409)
    again = await client.delete(url, headers=owner.headers)
    assert again.status_code == 204

    restored = await client.post(f"{url}/restore", headers=owner.headers)
    assert restored.status_code == 200, restored.text
    assert restored.json()["archived_at"] is None
    assert restored.json()["version"] == 3
    assert sorted(await list_ids(client, owner, COMPANIES)) == sorted([company["id"], other["id"]])
    assert await list_ids(client, owner, COMPANIES, archived="true") == []
    patched = await client.patch(url, json={"city": "X"}, headers=owner.headers)
    assert patched.status_code == 200


async def test_restoring_a_live_company_changes_nothing(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Restore on a company that is not archived answers it unchanged."""
    company = await create_company(client, owner)
    restored = await client.post(f"{url_of(company)}/restore", headers=owner.headers)
    assert restored.status_code == 200
    assert restored.json() == company


async def test_archive_or_restore_unknown_company_is_404(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Archiving or restoring an id that matches nothing is 404."""
    assert_problem(await client.delete(f"{COMPANIES}/{SOME_ID}", headers=owner.headers), 404)
    response = await client.post(f"{COMPANIES}/{SOME_ID}/restore", headers=owner.headers)
    assert_problem(response, 404)


# --- History -------------------------------------------------------------------------------


async def test_history_lists_every_write_newest_first_with_changed_fields(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Create, two PATCHes, archive and restore each leave one event, newest first, naming
    the actor and each changed field before and after."""
    company = await create_company(client, owner, name="Hist", city="Berlin")
    url = url_of(company)
    admin = await make_staff("full_access")
    await client.patch(url, json={"name": "Hist Two", "tags": ["x"]}, headers=owner.headers)
    await client.patch(url, json={"city": None}, headers=admin.headers)
    await client.delete(url, headers=owner.headers)
    await client.post(f"{url}/restore", headers=admin.headers)

    history = await read_ok(client, owner, f"{url}/history")
    events = history["items"]
    assert history["next_cursor"] is None
    assert [e["action"] for e in events] == [
        "restored",
        "archived",
        "updated",
        "updated",
        "created",
    ]
    assert [e["actor_id"] for e in events] == [admin.id, owner.id, admin.id, owner.id, owner.id]
    times = [e["occurred_at"] for e in events]
    assert times == sorted(times, reverse=True)
    assert events[3]["changes"] == {
        "name": {"before": "Hist", "after": "Hist Two"},
        "tags": {"before": [], "after": ["x"]},
    }
    assert events[2]["changes"] == {"city": {"before": "Berlin", "after": None}}
    assert set(events[1]["changes"]) == {"archived_at"}
    assert events[1]["changes"]["archived_at"]["before"] is None
    assert events[0]["changes"]["archived_at"]["after"] is None
    created = events[4]["changes"]
    assert created["name"] == {"before": None, "after": "Hist"}
    assert created["owner_id"] == {"before": None, "after": owner.id}


async def test_history_pages_walk_every_event_once(client: httpx.AsyncClient, owner: Staff) -> None:
    """History pages of two visit all events once, newest first."""
    company = await create_company(client, owner, name="Paged")
    for city in ("A", "B", "C", "D"):
        await client.patch(url_of(company), json={"city": city}, headers=owner.headers)
    pages = await walk(client, f"{url_of(company)}/history", owner.headers, {"limit": 2})
    assert [len(p) for p in pages] == [2, 2, 1]
    every = [e for page in pages for e in page]
    full = await read_ok(client, owner, f"{url_of(company)}/history")
    assert every == [e["id"] for e in full["items"]]


async def test_history_of_unknown_company_is_404(client: httpx.AsyncClient, owner: Staff) -> None:
    """History of an id that matches nothing is 404."""
    response = await client.get(f"{COMPANIES}/{SOME_ID}/history", headers=owner.headers)
    assert_problem(response, 404)


# --- The company's contacts and renames ----------------------------------------------------


async def test_company_contacts_lists_its_live_contacts_by_name(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """GET /companies/{id}/contacts lists that company's live contacts, by name; other
    companies' and archived contacts are left out."""
    acme = await create_company(client, owner, name="Acme")
    other = await create_company(client, owner, name="Other")
    zed = await create_contact(client, owner, last_name="Zed", company_id=acme["id"])
    amy = await create_contact(client, owner, last_name="Amy", company_id=acme["id"])
    gone = await create_contact(client, owner, last_name="Gone", company_id=acme["id"])
    await create_contact(client, owner, last_name="Elsewhere", company_id=other["id"])
    await create_contact(client, owner, last_name="Nowhere")
    await client.delete(f"{CONTACTS}/{gone['id']}", headers=owner.headers)

    url = f"{url_of(acme)}/contacts"
    assert await list_ids(client, owner, url) == [amy["id"], zed["id"]]
    assert await list_ids(client, owner, url, sort="-name") == [zed["id"], amy["id"]]
    assert await list_ids(client, owner, url, archived="true") == [gone["id"]]
    assert await list_ids(client, owner, url, q="zed") == [zed["id"]]
    assert_problem(await client.get(f"{COMPANIES}/{SOME_ID}/contacts", headers=owner.headers), 404)


async def test_renaming_a_company_updates_its_contacts_search(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """After a rename, q=<new name> finds the company's contacts and the old name no
    longer does; the contacts' own versions are untouched."""
    company = await create_company(client, owner, name="Initech")
    contact = await create_contact(client, owner, last_name="Lumbergh", company_id=company["id"])
    assert await list_ids(client, owner, CONTACTS, q="initech") == [contact["id"]]
    renamed = await client.patch(url_of(company), json={"name": "Globex"}, headers=owner.headers)
    assert renamed.status_code == 200
    assert await list_ids(client, owner, CONTACTS, q="globex") == [contact["id"]]
    assert await list_ids(client, owner, CONTACTS, q="initech") == []
    read = await read_ok(client, owner, f"{CONTACTS}/{contact['id']}")
    assert read["version"] == 1


async def test_rename_reaches_contacts_the_renamer_cannot_see(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """An own-scope user renaming their company updates the search of every contact of
    it, also those owned by others, which that user cannot read."""
    seller = await make_staff("own_scope")
    company = await create_company(client, seller, name="Hooli")
    contact = await create_contact(client, owner, last_name="Belson", company_id=company["id"])
    response = await client.patch(url_of(company), json={"name": "Raviga"}, headers=seller.headers)
    assert response.status_code == 200
    assert await list_ids(client, owner, CONTACTS, q="raviga") == [contact["id"]]


# --- Lists: sort and pages -----------------------------------------------------------------

SORTS = ["name", "-name", "created_at", "-created_at", "updated_at", "-updated_at"]


def sort_key(item: dict[str, Any], field: str) -> Any:
    value = item["name"].lower() if field == "name" else datetime.fromisoformat(item[field])
    return (value, uuid.UUID(item["id"]))


@pytest.mark.parametrize("sort", SORTS)
async def test_pages_walk_every_company_once_in_sort_order(
    client: httpx.AsyncClient, owner: Staff, sort: str
) -> None:
    """Pages of two, in each sort, visit every company exactly once in order (ties in the
    sort key broken by id); a full last page ends with a null cursor."""
    names = ["beta", "Alpha", "alpha", "Gamma", "delta", "Beta", "epsilon", "Zeta"]
    companies = [await create_company(client, owner, name=name) for name in names]
    for company in companies[1::3]:
        await client.patch(url_of(company), json={"city": "Touched"}, headers=owner.headers)
    current = [await read_ok(client, owner, url_of(c)) for c in companies]

    pages = await walk(client, COMPANIES, owner.headers, {"limit": 2, "sort": sort})
    assert [len(page) for page in pages] == [2, 2, 2, 2]
    walked = [item for page in pages for item in page]
    field = sort.removeprefix("-")
    expected = sorted(current, key=lambda c: sort_key(c, field), reverse=sort.startswith("-"))
    assert walked == [c["id"] for c in expected]


async def test_default_sort_is_most_recently_updated_first(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Without sort, the most recently changed company comes first."""
    first, second = await create_company(client, owner), await create_company(client, owner)
    assert await list_ids(client, owner, COMPANIES) == [second["id"], first["id"]]
    await client.patch(url_of(first), json={"city": "X"}, headers=owner.headers)
    assert await list_ids(client, owner, COMPANIES) == [first["id"], second["id"]]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 201}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"sort": "domain"}, "sort"),
        ({"sort": "--name"}, "sort"),
        ({"cursor": "x" * 1001}, "cursor"),
    ],
)
async def test_bad_page_parameters_are_422_naming_them(
    client: httpx.AsyncClient, owner: Staff, params: dict[str, Any], field: str
) -> None:
    """Limits outside 1..200, unknown sorts and overlong cursors are 422 naming them."""
    await create_company(client, owner)
    assert_problem(await client.get(COMPANIES, params=params, headers=owner.headers), 422, field)


async def test_a_foreign_cursor_is_400_naming_it(client: httpx.AsyncClient, owner: Staff) -> None:
    """A cursor the API did not issue is a malformed request: 400 naming `cursor`."""
    response = await client.get(COMPANIES, params={"cursor": "garbage"}, headers=owner.headers)
    assert_problem(response, 400, "cursor")


async def test_limit_of_200_is_allowed(client: httpx.AsyncClient, owner: Staff) -> None:
    """The largest page size, 200, is accepted."""
    response = await client.get(COMPANIES, params={"limit": 200}, headers=owner.headers)
    assert response.status_code == 200


async def test_cursor_of_another_sort_is_400(client: httpx.AsyncClient, owner: Staff) -> None:
    """A cursor issued for one sort is refused for another, naming cursor."""
    for _ in range(3):
        await create_company(client, owner)
    first = await client.get(COMPANIES, params={"limit": 1, "sort": "name"}, headers=owner.headers)
    cursor = first.json()["next_cursor"]
    assert cursor
    response = await client.get(
        COMPANIES,
        params={"limit": 1, "sort": "created_at", "cursor": cursor},
        headers=owner.headers,
    )
    assert_problem(response, 400, "cursor")


# --- Lists: filters ------------------------------------------------------------------------


async def test_filters_by_owner_team_country_city_industry_size_and_tags(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """Each filter narrows the list to the companies that match it; repeated tags must all
    match; the city matches whatever its case."""
    team = await make_team("Alpha")
    seller = await make_staff("salesperson", team=team)
    acme = await create_company(
        client,
        owner,
        name="Acme",
        country="DE",
        city="Berlin",
        industry="Retail",
        size_band="1-10",
        tags=["vip", "north"],
        owner_id=seller.id,
    )
    globex = await create_company(
        client, owner, name="Globex", country="US", city="berlin", tags=["vip"]
    )
    initech = await create_company(
        client, owner, name="Initech", country="DE", city="Munich", industry="Software"
    )

    async def ids(**params: Any) -> set[str]:
        return set(await list_ids(client, owner, COMPANIES, **params))

    assert await ids(owner_id=seller.id) == {acme["id"]}
    assert await ids(owner_id=owner.id) == {globex["id"], initech["id"]}
    assert await ids(team_id=str(team.id)) == {acme["id"]}
    assert await ids(country="DE") == {acme["id"], initech["id"]}
    assert await ids(country="de") == {acme["id"], initech["id"]}
    assert await ids(city="BERLIN") == {acme["id"], globex["id"]}
    assert await ids(industry="Software") == {initech["id"]}
    assert await ids(size_band="1-10") == {acme["id"]}
    assert await ids(tag="VIP") == {acme["id"], globex["id"]}
    assert await ids(tag=["vip", "north"]) == {acme["id"]}
    assert await ids(tag=["vip", "south"]) == set()
    assert await ids(country="DE", city="munich") == {initech["id"]}


async def test_filters_by_created_and_updated_time(client: httpx.AsyncClient, owner: Staff) -> None:
    """created_after/updated_after include their bound, *_before exclude it."""
    first, second, third = [await create_company(client, owner) for _ in range(3)]
    touched = await client.patch(url_of(first), json={"city": "X"}, headers=owner.headers)
    first_updated = touched.json()["updated_at"]

    async def ids(**params: Any) -> list[str]:
        return await list_ids(client, owner, COMPANIES, sort="created_at", **params)

    assert await ids(created_after=second["created_at"]) == [second["id"], third["id"]]
    assert await ids(created_before=second["created_at"]) == [first["id"]]
    assert await ids(created_after=first["created_at"], created_before=third["created_at"]) == [
        first["id"],
        second["id"],
    ]
    assert await ids(updated_after=first_updated) == [first["id"]]
    assert await ids(updated_before=first_updated) == [second["id"], third["id"]]
    assert await ids(created_after="2000-01-01T00:00:00+02:00") == [
        first["id"],
        second["id"],
        third["id"],
    ]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"created_after": "yesterday"}, "created_after"),
        ({"created_after": "2026-01-01"}, "created_after"),
        ({"created_before": "2026-01-01T00:00:00"}, "created_before"),
        ({"updated_after": "0.5"}, "updated_after"),
        ({"updated_before": "2026-13-01T00:00:00Z"}, "updated_before"),
        ({"owner_id": "me"}, "owner_id"),
        ({"team_id": "alpha"}, "team_id"),
        ({"country": "XX"}, "country"),
        ({"size_band": "huge"}, "size_band"),
        ({"archived": "maybe"}, "archived"),
        ({"q": ""}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"custom_field": "nocolon"}, "custom_field.0"),
        ({"custom_field": "unknown:1"}, "custom_field.0"),
        ({"tag": [f"t{i}" for i in range(21)]}, "tag"),
    ],
)
async def test_bad_filters_are_422_naming_them(
    client: httpx.AsyncClient, owner: Staff, params: dict[str, Any], field: str
) -> None:
    """A filter value that cannot be read is 422 naming the parameter."""
    assert_problem(await client.get(COMPANIES, params=params, headers=owner.headers), 422, field)


async def test_filter_by_custom_field_equality(client: httpx.AsyncClient, owner: Staff) -> None:
    """custom_field=key:value matches companies whose value equals it, read as the field's
    type (a number matches whether written 40 or 40.0); several must all match."""
    await define_field(
        client, owner, "company", "tier", "single_choice", choices=["gold", "silver"]
    )
    await define_field(client, owner, "company", "employees", "number")
    await define_field(client, owner, "company", "listed", "boolean")
    gold = await create_company(
        client, owner, custom_fields={"tier": "gold", "employees": 40.0, "listed": True}
    )
    silver = await create_company(
        client, owner, custom_fields={"tier": "silver", "employees": 40, "listed": False}
    )
    await create_company(client, owner)

    async def ids(*conditions: str) -> set[str]:
        return set(await list_ids(client, owner, COMPANIES, custom_field=list(conditions)))

    assert await ids("tier:gold") == {gold["id"]}
    assert await ids("employees:40") == {gold["id"], silver["id"]}
    assert await ids("employees:40.0") == {gold["id"], silver["id"]}
    assert await ids("employees:41") == set()
    assert await ids("listed:true") == {gold["id"]}
    assert await ids("listed:false") == {silver["id"]}
    assert await ids("tier:silver", "employees:40") == {silver["id"]}
    assert await ids("tier:gold", "listed:false") == set()
    assert_problem(
        await client.get(
            COMPANIES, params={"custom_field": "employees:many"}, headers=owner.headers
        ),
        422,
        "custom_field.0",
    )


# --- Search --------------------------------------------------------------------------------


async def test_search_finds_companies_by_name_domain_city_and_phone(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """q matches part of the name, domain, city or phone, whatever the case."""
    acme = await create_company(
        client, owner, name="Acme Rockets", domain="acme.example", city="Springfield"
    )
    phoned = await create_company(client, owner, name="Initech", phone="+1 650 253 0000")
    await create_company(client, owner, name="Unrelated Ltd")

    async def found(q: str) -> list[str]:
        return await list_ids(client, owner, COMPANIES, q=q)

    assert await found("ROCKET") == [acme["id"]]
    assert await found("acme.exa") == [acme["id"]]
    assert await found("springf") == [acme["id"]]
    assert await found("6502530000") == [phoned["id"]]
    assert await found("+16502530000") == [phoned["id"]]
    assert await found("zzzz") == []


@pytest.mark.parametrize("q", ["%", "_", "\\"])
async def test_search_wildcards_match_literally(
    client: httpx.AsyncClient, owner: Staff, q: str
) -> None:
    """Characters that are wildcards in SQL match only themselves."""
    await create_company(client, owner, name="Plain Name")
    literal = await create_company(client, owner, name=f"Odd {q} Name")
    assert await list_ids(client, owner, COMPANIES, q=q) == [literal["id"]]


async def test_search_tolerates_typos_on_postgresql(
    client: httpx.AsyncClient, owner: Staff, database: Database
) -> None:
    """On PostgreSQL a misspelt word still finds the company; SQLite matches substrings
    only."""
    rockets = await create_company(client, owner, name="Acme Rockets")
    await create_company(client, owner, name="Bakery Miller")
    expected = [rockets["id"]] if is_postgres(database) else []
    assert await list_ids(client, owner, COMPANIES, q="rockts") == expected
    assert await list_ids(client, owner, COMPANIES, q="rocket") == [rockets["id"]]


# --- Owner and team ------------------------------------------------------------------------


async def test_all_scope_hands_a_company_to_anyone_and_the_team_follows(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """An Owner may reassign to any active user; the company's team becomes theirs."""
    alpha, bravo = await make_team("Alpha"), await make_team("Bravo")
    first = await make_staff("salesperson", team=alpha)
    second = await make_staff("manager", team=bravo)
    loner = await make_staff("salesperson")
    company = await create_company(client, owner, owner_id=first.id)
    assert (company["owner_id"], company["team_id"]) == (first.id, str(alpha.id))
    for staff, team_id in ((second, str(bravo.id)), (loner, None)):
        response = await client.patch(
            url_of(company), json={"owner_id": staff.id}, headers=owner.headers
        )
        assert response.status_code == 200, response.text
        assert (response.json()["owner_id"], response.json()["team_id"]) == (staff.id, team_id)
    history = await read_ok(client, owner, f"{url_of(company)}/history")
    assert history["items"][0]["changes"]["owner_id"] == {"before": second.id, "after": loner.id}


async def test_nobody_hands_a_company_to_an_inactive_user(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Reassigning to a deactivated user is 422 naming owner_id."""
    retired = await make_staff("salesperson", is_active=False)
    company = await create_company(client, owner)
    response = await client.patch(
        url_of(company), json={"owner_id": retired.id}, headers=owner.headers
    )
    assert_problem(response, 422, "owner_id")
    response = await client.post(
        COMPANIES, json={"name": "X", "owner_id": retired.id}, headers=owner.headers
    )
    assert_problem(response, 422, "owner_id")


@pytest.mark.parametrize("role", ["manager", "salesperson"])
async def test_own_scope_may_not_hand_companies_to_others(
    client: httpx.AsyncClient, make_staff: MakeStaff, make_team: MakeTeam, role: str
) -> None:
    """Roles that write only their own companies (Manager, Salesperson) get 403 naming
    owner_id when creating for, or handing a company to, someone else, even a teammate;
    naming themselves is fine."""
    team = await make_team("Alpha")
    actor = await make_staff(role, team=team)
    teammate = await make_staff("salesperson", team=team)
    response = await client.post(
        COMPANIES, json={"name": "X", "owner_id": teammate.id}, headers=actor.headers
    )
    assert_problem(response, 403, "owner_id")
    company = await create_company(client, actor, owner_id=actor.id)
    response = await client.patch(
        url_of(company), json={"owner_id": teammate.id}, headers=actor.headers
    )
    assert_problem(response, 403, "owner_id")
    assert (await read_ok(client, actor, url_of(company)))["owner_id"] == actor.id


async def test_team_scope_hands_companies_only_within_the_team(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """A Senior manager reassigns a team company to a teammate, not to someone of
    another team (422 naming owner_id, nothing changes)."""
    alpha, bravo = await make_team("Alpha"), await make_team("Bravo")
    lead = await make_staff("senior_manager", team=alpha)
    first = await make_staff("salesperson", team=alpha)
    second = await make_staff("salesperson", team=alpha)
    outsider = await make_staff("salesperson", team=bravo)
    company = await create_company(client, first)
    moved = await client.patch(url_of(company), json={"owner_id": second.id}, headers=lead.headers)
    assert moved.status_code == 200, moved.text
    assert (moved.json()["owner_id"], moved.json()["team_id"]) == (second.id, str(alpha.id))
    refused = await client.patch(
        url_of(company), json={"owner_id": outsider.id}, headers=lead.headers
    )
    assert_problem(refused, 422, "owner_id")
    created = await client.post(
        COMPANIES, json={"name": "X", "owner_id": outsider.id}, headers=lead.headers
    )
    assert_problem(created, 422, "owner_id")
    assert (await read_ok(client, owner, url_of(company)))["owner_id"] == second.id


async def test_storekeeper_reads_but_writes_nothing(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A Storekeeper lists and reads every company but gets 403 on every write."""
    keeper = await make_staff("storekeeper")
    company = await create_company(client, owner)
    url = url_of(company)
    assert await list_ids(client, keeper, COMPANIES) == [company["id"]]
    await read_ok(client, keeper, url)
    assert_problem(await client.post(COMPANIES, json={"name": "X"}, headers=keeper.headers), 403)
    assert_problem(await client.patch(url, json={"city": "X"}, headers=keeper.headers), 403)
    assert_problem(await client.delete(url, headers=keeper.headers), 403)
    assert_problem(await client.post(f"{url}/restore", headers=keeper.headers), 403)
    assert await read_ok(client, owner, url) == company


# --- The directory: every template reads all companies, changes only what its role writes -

DEALS = f"{API}/deals"


@pytest.mark.parametrize("role", ["manager", "salesperson"])
async def test_manager_and_salesperson_read_colleagues_companies_but_change_only_their_own(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    role: str,
) -> None:
    """A Manager or Salesperson reads a colleague's company, of their team or another:
    the company, its history, contacts and timeline answer 200, and it is listed and
    found by name. Changing it (PATCH, archive, restore) is 403 and changes nothing.
    Their own company they still change. The colleague's deal with that company (and its
    contact) stays out of sight: not on the timeline, 404 itself."""
    alpha, bravo = await make_team("Alpha"), await make_team("Bravo")
    actor = await make_staff(role, team=alpha)
    colleagues = [
        await make_staff("salesperson", team=alpha),
        await make_staff("salesperson", team=bravo),
    ]
    for colleague in colleagues:
        token = uuid.uuid4().hex[:10]
        theirs = await create_company(client, colleague, name=f"Directory {token}")
        contact = await create_contact(client, colleague, company_id=theirs["id"])
        url = url_of(theirs)
        deal = await client.post(
            DEALS,
            json={"title": "Theirs", "contact_id": contact["id"], "company_id": theirs["id"]},
            headers=colleague.headers,
        )
        assert deal.status_code == 201, deal.text

        assert await read_ok(client, actor, url) == theirs
        await read_ok(client, actor, f"{url}/history")
        assert (await read_ok(client, actor, f"{url}/timeline"))["items"] == []
        assert (await read_ok(client, colleague, f"{url}/timeline"))["items"] != []
        deal_url = f"{DEALS}/{deal.json()['id']}"
        assert_problem(await client.get(deal_url, headers=actor.headers), 404)
        assert await list_ids(client, actor, f"{url}/contacts") == [contact["id"]]
        assert theirs["id"] in await list_ids(client, actor, COMPANIES)
        assert await list_ids(client, actor, COMPANIES, q=token) == [theirs["id"]]

        assert_problem(await client.patch(url, json={"city": "X"}, headers=actor.headers), 403)
        assert_problem(await client.delete(url, headers=actor.headers), 403)
        assert await read_ok(client, owner, url) == theirs
        assert (await client.delete(url, headers=colleague.headers)).status_code == 204
        assert_problem(await client.post(f"{url}/restore", headers=actor.headers), 403)
        assert (await read_ok(client, owner, url))["archived_at"] is not None

    own = await create_company(client, actor)
    changed = await client.patch(url_of(own), json={"city": "Mine"}, headers=actor.headers)
    assert changed.status_code == 200, changed.text
    assert (await client.delete(url_of(own), headers=actor.headers)).status_code == 204
    restored = await client.post(f"{url_of(own)}/restore", headers=actor.headers)
    assert restored.status_code == 200, restored.text


async def test_senior_manager_changes_the_teams_companies_but_not_another_teams(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """A Senior manager reads every company, and changes (PATCH, archive, restore) their
    own and their team members'; another team's company reads but is 403 to change and
    stays as it was."""
    alpha, bravo = await make_team("Alpha"), await make_team("Bravo")
    lead = await make_staff("senior_manager", team=alpha)
    member = await make_staff("salesperson", team=alpha)
    outsider = await make_staff("salesperson", team=bravo)
    mine = await create_company(client, lead)
    team_company = await create_company(client, member)
    foreign = await create_company(client, outsider)
    assert set(await list_ids(client, lead, COMPANIES)) == {
        mine["id"],
        team_company["id"],
        foreign["id"],
    }
    for company in (mine, team_company):
        url = url_of(company)
        changed = await client.patch(url, json={"city": "Led"}, headers=lead.headers)
        assert changed.status_code == 200, changed.text
        assert (await client.delete(url, headers=lead.headers)).status_code == 204
        restored = await client.post(f"{url}/restore", headers=lead.headers)
        assert restored.status_code == 200, restored.text

    url = url_of(foreign)
    assert await read_ok(client, lead, url) == foreign
    assert_problem(await client.patch(url, json={"city": "Led"}, headers=lead.headers), 403)
    assert_problem(await client.delete(url, headers=lead.headers), 403)
    assert await read_ok(client, owner, url) == foreign
    assert (await client.delete(url, headers=outsider.headers)).status_code == 204
    assert_problem(await client.post(f"{url}/restore", headers=lead.headers), 403)
    assert (await read_ok(client, owner, url))["archived_at"] is not None


# --- Record scope matrix -------------------------------------------------------------------
# Columns: the templates, then three custom roles. Companies read/write: owner all/all,
# senior_manager all/team, manager and salesperson all/own, storekeeper all/none;
# own_scope own/own and team_scope team/team (one level for reading and writing, as roles
# had before access levels per kind), read_all_write_own all/own. Rows: whose company the
# actor tries. Unread is 404; read but beyond the write level is 403.
MATRIX_ROLES = [*SCOPE_ROLES, "own_scope", "team_scope", "read_all_write_own"]
Row = tuple[int, int, int, int, int, int, int, int]
READ: dict[str, Row] = {
    "own": (200, 200, 200, 200, 200, 200, 200, 200),
    "teammate": (200, 200, 200, 200, 200, 404, 200, 200),
    "stranger": (200, 200, 200, 200, 200, 404, 404, 200),
}


def _write(ok: int) -> dict[str, Row]:
    return {
        "own": (ok, ok, ok, ok, 403, ok, ok, ok),
        "teammate": (ok, ok, 403, 403, 403, 404, ok, 403),
        "stranger": (ok, 403, 403, 403, 403, 404, 404, 403),
    }


STATUS: dict[str, dict[str, Row]] = {
    "get": READ,
    "patch": _write(200),
    "archive": _write(204),
    "restore": _write(200),
    "history": READ,
    "contacts": READ,
}
# Which companies each role finds in the list and in search results.
EVERYONE = {"own", "teammate", "stranger"}
LISTED: dict[str, set[str]] = {
    "owner": EVERYONE,
    "senior_manager": EVERYONE,
    "manager": EVERYONE,
    "salesperson": EVERYONE,
    "storekeeper": EVERYONE,
    "own_scope": {"own"},
    "team_scope": {"own", "teammate"},
    "read_all_write_own": EVERYONE,
}


async def company_call(
    client: httpx.AsyncClient,
    operation: str,
    actor: Staff,
    owner: Staff,
    company: dict[str, Any],
) -> httpx.Response:
    url = url_of(company)
    if operation == "get":
        return await client.get(url, headers=actor.headers)
    if operation == "patch":
        return await client.patch(url, json={"city": "Changed"}, headers=actor.headers)
    if operation == "archive":
        return await client.delete(url, headers=actor.headers)
    if operation == "restore":
        assert (await client.delete(url, headers=owner.headers)).status_code == 204
        return await client.post(f"{url}/restore", headers=actor.headers)
    if operation == "history":
        return await client.get(f"{url}/history", headers=actor.headers)
    return await client.get(f"{url}/contacts", headers=actor.headers)


@pytest.mark.parametrize("role", MATRIX_ROLES)
@pytest.mark.parametrize("operation", list(STATUS))
async def test_scope_on_single_companies(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    role: str,
    operation: str,
) -> None:
    """Each role gets exactly the rules' status on its own, a teammate's and another
    team's company: a company it cannot read is 404 (never 403); one it reads beyond its
    write level is 403 (every template reads the whole directory: a Salesperson or
    Manager changes only their own, a Senior manager their team's, a Storekeeper none);
    a refused call changes nothing."""
    world = await build_scope_world(client, owner, make_staff, make_team, role)
    column = MATRIX_ROLES.index(role)
    for whose in WHOSE:
        company = world.companies[whose]
        response = await company_call(client, operation, world.actor, owner, company)
        expected = STATUS[operation][whose][column]
        assert response.status_code == expected, (whose, response.text)
        if expected >= 400:
            assert_problem(response, expected)
            after = await read_ok(client, owner, url_of(company))
            if operation == "restore":
                assert after["archived_at"] is not None
            else:
                assert after == company
        if operation == "contacts" and expected == 200:
            # Each company's one contact has the company's owner, so whoever reads the
            # company here reads that contact too.
            assert [c["id"] for c in response.json()["items"]] == [world.contacts[whose]["id"]]


@pytest.mark.parametrize("role", MATRIX_ROLES)
async def test_scope_on_company_lists_and_search(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam, role: str
) -> None:
    """Lists, search and archived lists show each role exactly the companies it reads
    (every template: all of them; own and team scope: its own, its team's): others'
    companies are never listed, not even as search hits."""
    world = await build_scope_world(client, owner, make_staff, make_team, role)
    expected = {world.companies[whose]["id"] for whose in LISTED[role]}
    actor = world.actor
    assert set(await list_ids(client, actor, COMPANIES)) == expected
    assert set(await list_ids(client, actor, COMPANIES, q="scopeco")) == expected
    assert set(await list_ids(client, actor, COMPANIES, q="stranger")) == (
        expected & {world.companies["stranger"]["id"]}
    )
    filtered = await list_ids(client, actor, COMPANIES, owner_id=world.stranger.id)
    assert set(filtered) == expected & {world.companies["stranger"]["id"]}
    for company in world.companies.values():
        await client.delete(url_of(company), headers=owner.headers)
    assert set(await list_ids(client, actor, COMPANIES, archived="true")) == expected


async def test_user_who_owns_nothing_sees_nothing(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """An own-scope user who owns nothing lists no company and gets 404 on every company
    route of someone else's company."""
    seller = await make_staff("own_scope")
    company = await create_company(client, owner, name="Hidden")
    await create_contact(client, owner, company_id=company["id"])
    assert await list_ids(client, seller, COMPANIES) == []
    assert await list_ids(client, seller, COMPANIES, q="hidden") == []
    assert await list_ids(client, seller, COMPANIES, archived="true") == []
    url = url_of(company)
    for response in (
        await client.get(url, headers=seller.headers),
        await client.get(f"{url}/history", headers=seller.headers),
        await client.get(f"{url}/contacts", headers=seller.headers),
        await client.patch(url, json={"city": "X"}, headers=seller.headers),
        await client.delete(url, headers=seller.headers),
        await client.post(f"{url}/restore", headers=seller.headers),
    ):
        assert_problem(response, 404)
