"""Duplicates across owners (issue 15): on create and in `/duplicates`, matches are looked
for in the whole database. A match the caller may read is shown in full under `items`;
one they may not read is reported under `elsewhere` with its owner and why it matches,
nothing else (no id, no name, no e-mail). The caller may ask that owner to check (a task
to the owner about their own contact); creating anyway stays possible and its audit
entry records how many probable duplicates there were.

Hidden matches happen for roles reading contacts at own or team level (`own_scope`,
`team_scope`); every template reads the whole directory, so a Storekeeper sees any match
in full, as it would on the contact itself, and may not check or create at all; a role
without contacts access learns nothing, not even that a match exists."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import httpx
import pytest

from auth.sessions import sign_in_as
from auth.tokens import TokenSettings
from domain.access.levels import AccessLevel
from domain.access.roles import Permission, Role
from domain.access.users import User
from persistence.database import Database
from persistence.uow import SqlUnitOfWork
from tests.conftest import MakeStaff, MakeTeam, Staff
from tests.helpers import (
    API,
    CONTACTS,
    assert_problem,
    create_company,
    create_contact,
    custom_role,
    read_ok,
    store_role,
)

CHECK = f"{CONTACTS}/duplicates"
TASKS = f"{API}/tasks"
AUDIT = f"{API}/audit-events"
SECRET_EMAIL = "jonas.weber@acme.example"
SECRET_PHONE = "+49301234567"


def duplicates_url(contact: dict[str, Any]) -> str:
    return f"{CONTACTS}/{contact['id']}/duplicates"


def ask_url(contact: dict[str, Any]) -> str:
    return f"{CONTACTS}/{contact['id']}/duplicates/ask"


def elsewhere_of(owner: Staff, *reasons: str) -> dict[str, Any]:
    """An `elsewhere` entry as it must read: the owner and the reasons, nothing else."""
    return {"owner": {"id": owner.id, "full_name": owner.user.full_name}, "reasons": [*reasons]}


def assert_nothing_of(response: httpx.Response, contact: dict[str, Any]) -> None:
    """None of the contact's own fields appear anywhere in the answer."""
    text = response.text
    for secret in (
        contact["id"],
        contact["last_name"],
        contact["first_name"],
        *(e["email"] for e in contact["emails"]),
        *(p["phone"] for p in contact["phones"]),
    ):
        if secret:
            assert secret not in text, (secret, text)


async def secret_contact(
    client: httpx.AsyncClient, owner_of: Staff, **fields: Any
) -> dict[str, Any]:
    """A contact of `owner_of` with the e-mail and phone every test looks for."""
    body = {
        "first_name": "Jonas",
        "last_name": "Weber",
        "emails": [{"email": SECRET_EMAIL}],
        "phones": [{"phone": SECRET_PHONE}],
        "city": "Potsdam",
        **fields,
    }
    return await create_contact(client, owner_of, **body)


async def staff_in_role(
    database: Database, token_settings: TokenSettings, password_hash: str, role: Role
) -> Staff:
    """A user of a custom role, signed in."""
    await store_role(database, role)
    async with SqlUnitOfWork(database.sessions()) as uow:
        stored = await uow.roles.get(role.id)
        assert stored is not None
        user = User(
            email=f"custom-{uuid.uuid4().hex[:8]}@example.com",
            full_name="Custom Person",
            role=stored,
            team_id=None,
            password_hash=password_hash,
        )
        await uow.users.add(user)
        token = await sign_in_as(uow, token_settings, user)
        await uow.commit()
    return Staff(user, token)


# --- Found, without private fields -------------------------------------------------------


async def test_a_match_the_caller_cannot_read_is_reported_by_owner_and_reason_only(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """Two own-scope reps of different teams hold the same customer. Each one's
    /duplicates lists the other's contact under `elsewhere` as exactly {owner: {id,
    full_name}, reasons}; no id, name, e-mail, phone or city of it appears anywhere in the
    answer. The Owner, who reads both, gets each in `items` in full, `elsewhere` empty."""
    anna = await make_staff("own_scope", team=await make_team("North"))
    ben = await make_staff("own_scope", team=await make_team("South"))
    annas = await secret_contact(client, anna)
    bens = await secret_contact(client, ben, first_name="J.", city="Köln")

    response = await client.get(duplicates_url(bens), headers=ben.headers)
    assert response.status_code == 200, response.text
    assert response.json() == {"items": [], "elsewhere": [elsewhere_of(anna, "email", "phone")]}
    assert_nothing_of(response, annas)
    assert "Potsdam" not in response.text

    response = await client.get(duplicates_url(annas), headers=anna.headers)
    assert response.json() == {"items": [], "elsewhere": [elsewhere_of(ben, "email", "phone")]}
    assert_nothing_of(response, bens)

    seen = await read_ok(client, owner, duplicates_url(bens))
    assert seen["elsewhere"] == []
    assert [(i["contact"]["id"], i["reasons"]) for i in seen["items"]] == [
        (annas["id"], ["email", "phone"])
    ]
    assert seen["items"][0]["contact"]["city"] == "Potsdam"


async def test_readable_matches_stay_in_items_and_hidden_ones_go_elsewhere(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """A team-scope lead reads the team's matches in full and is told of another team's
    only by owner; the Salesperson template reads the whole directory, so for them every
    match is in `items` (and `elsewhere` stays empty)."""
    north, south = await make_team("North"), await make_team("South")
    lead = await make_staff("team_scope", team=north)
    teammate = await make_staff("own_scope", team=north)
    stranger = await make_staff("own_scope", team=south)
    leads = await secret_contact(client, lead)
    teammates = await secret_contact(client, teammate, first_name="Jo")
    strangers = await secret_contact(client, stranger, first_name="Jon")

    found = await read_ok(client, lead, duplicates_url(leads))
    assert [i["contact"]["id"] for i in found["items"]] == [teammates["id"]]
    assert found["elsewhere"] == [elsewhere_of(stranger, "email", "phone")]

    seller = await make_staff("salesperson", team=south)
    sellers = await secret_contact(client, seller)
    found = await read_ok(client, seller, duplicates_url(sellers))
    assert {i["contact"]["id"] for i in found["items"]} == {
        leads["id"],
        teammates["id"],
        strangers["id"],
    }
    assert found["elsewhere"] == []


async def test_a_close_name_at_the_company_is_found_across_owners(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A close name at a company the caller reads matches a contact there they do not
    read, reason `name_at_company`; an archived contact is never a match."""
    anna, ben = await make_staff("own_scope"), await make_staff("own_scope")
    company = await create_company(client, owner, name="Acme", owner_id=ben.id)
    annas = await create_contact(
        client, owner, first_name="Jonas", last_name="Weber", company_id=company["id"],
        owner_id=anna.id,
    )  # fmt: skip
    archived = await create_contact(
        client, owner, first_name="Jonas", last_name="Weber", company_id=company["id"],
        owner_id=anna.id,
    )  # fmt: skip
    gone = await client.delete(f"{CONTACTS}/{archived['id']}", headers=owner.headers)
    assert gone.status_code == 204, gone.text

    params = {"first_name": "Jonas", "last_name": "Webber", "company_id": company["id"]}
    response = await client.get(CHECK, params=params, headers=ben.headers)
    assert response.status_code == 200, response.text
    assert response.json() == {"items": [], "elsewhere": [elsewhere_of(anna, "name_at_company")]}
    assert_nothing_of(response, annas)


# --- Before creating ---------------------------------------------------------------------


async def test_the_check_before_creating_looks_in_the_whole_database(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """`GET /contacts/duplicates` takes what a form holds so far: an e-mail in any case, a
    local phone number read in `country`. It answers like a contact's duplicates: hidden
    matches by owner only, readable ones in full; nothing matching, nothing listed."""
    anna, ben = await make_staff("own_scope"), await make_staff("own_scope")
    annas = await secret_contact(client, anna)
    own = await create_contact(client, ben, first_name="Mine", phones=[{"phone": SECRET_PHONE}])

    by_email = await client.get(CHECK, params={"email": SECRET_EMAIL.upper()}, headers=ben.headers)
    assert by_email.status_code == 200, by_email.text
    assert by_email.json() == {"items": [], "elsewhere": [elsewhere_of(anna, "email")]}
    assert_nothing_of(by_email, annas)

    by_phone = await client.get(
        CHECK, params={"phone": "030 1234567", "country": "DE"}, headers=ben.headers
    )
    assert by_phone.status_code == 200, by_phone.text
    assert by_phone.json()["elsewhere"] == [elsewhere_of(anna, "phone")]
    assert [(i["contact"]["id"], i["reasons"]) for i in by_phone.json()["items"]] == [
        (own["id"], ["phone"])
    ]
    assert annas["id"] not in by_phone.text and "Potsdam" not in by_phone.text

    both = await client.get(
        CHECK,
        params=[("email", "other@example.com"), ("email", SECRET_EMAIL), ("phone", SECRET_PHONE)],
        headers=ben.headers,
    )
    assert both.json()["elsewhere"] == [elsewhere_of(anna, "email", "phone")]

    assert await read_ok(client, ben, f"{CHECK}?email=nobody@example.com") == {
        "items": [],
        "elsewhere": [],
    }
    assert await read_ok(client, ben, CHECK) == {"items": [], "elsewhere": []}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"email": "not-an-address"}, "email.0"),
        ({"phone": "12"}, "phone.0"),
        ({"phone": "030 1234567"}, "phone.0"),  # local, without a country
        ({"country": "Germany"}, "country"),
        ({"company_id": "not-a-uuid"}, "company_id"),
        ({"company_id": str(uuid.uuid4())}, "company_id"),
        ({"first_name": "x" * 201}, "first_name"),
        ({"email": [f"p{n}@example.com" for n in range(11)]}, "email"),
    ],
    ids=["email", "phone", "local-phone", "country", "company-id", "unknown-company",
         "long-name", "too-many-emails"],
)  # fmt: skip
async def test_the_check_refuses_bad_input_naming_the_field(
    client: httpx.AsyncClient, owner: Staff, params: dict[str, Any], field: str
) -> None:
    """Every refused input is a 422 problem naming the query field (list items by index);
    a company must be one the caller reads, as on create."""
    response = await client.get(CHECK, params=params, headers=owner.headers)
    assert_problem(response, 422, field)


async def test_the_check_does_not_take_a_company_the_caller_cannot_read(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Naming a company out of sight is refused like an unknown one, so the check is no
    way to learn of companies or of who works there."""
    ben = await make_staff("own_scope")
    hidden = await create_company(client, owner, name="Hidden GmbH")
    await create_contact(client, owner, first_name="Jonas", last_name="Weber",
                         company_id=hidden["id"])  # fmt: skip
    params = {"first_name": "Jonas", "last_name": "Weber", "company_id": hidden["id"]}
    response = await client.get(CHECK, params=params, headers=ben.headers)
    assert_problem(response, 422, "company_id")
    assert "Jonas" not in response.text and "Hidden" not in response.text


# --- Creating anyway -----------------------------------------------------------------------


async def test_creating_a_probable_duplicate_stays_possible_and_is_recorded(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A create matching contacts the creator cannot read is a 201 all the same; its
    `created` audit entry gains `possible_duplicates` (how many probable duplicates
    existed anywhere, readable or not). A create without matches has no such entry."""
    anna, ben = await make_staff("own_scope"), await make_staff("own_scope")
    await secret_contact(client, anna)
    await secret_contact(client, owner, first_name="Jo")
    bens = await secret_contact(client, ben)

    history = await read_ok(client, ben, f"{CONTACTS}/{bens['id']}/history")
    created = history["items"][-1]
    assert created["action"] == "created"
    assert created["changes"]["possible_duplicates"] == {"before": None, "after": 2}
    assert created["changes"]["last_name"] == {"before": None, "after": "Weber"}

    lone = await create_contact(client, ben, emails=[{"email": "lone@example.com"}])
    history = await read_ok(client, ben, f"{CONTACTS}/{lone['id']}/history")
    assert "possible_duplicates" not in history["items"][-1]["changes"]


# --- Asking the owner ----------------------------------------------------------------------


async def test_asking_the_owner_gives_them_a_task_about_their_contact(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """`POST .../duplicates/ask` with the owner of a hidden match: 202 with no body. The
    owner gets one open task, assigned to and owned by them, about their own matching
    contact, titled neutrally with the asker's name; the asker cannot read it and learns
    nothing of the contact. The task's creation is audited with the asker as actor.
    Asking again while it is open adds no second task."""
    anna = await make_staff("own_scope", team=await make_team("North"))
    ben = await make_staff("own_scope", team=await make_team("South"))
    annas = await secret_contact(client, anna)
    bens = await secret_contact(client, ben)

    response = await client.post(ask_url(bens), json={"owner_id": anna.id}, headers=ben.headers)
    assert response.status_code == 202, response.text
    assert response.content == b""

    tasks = (await read_ok(client, anna, TASKS))["items"]
    assert len(tasks) == 1
    task = tasks[0]
    assert task["title"] == (
        f"{ben.user.full_name} may have the same customer as your contact: please check"
    )
    assert task["contact_id"] == annas["id"]
    assert task["assignee_id"] == task["owner_id"] == anna.id
    assert task["status"] == "open"
    assert bens["id"] not in json.dumps(task)

    assert (await read_ok(client, ben, TASKS))["items"] == []
    hidden = await client.get(f"{TASKS}/{task['id']}", headers=ben.headers)
    assert_problem(hidden, 404)
    timeline = await read_ok(client, anna, f"{CONTACTS}/{annas['id']}/timeline")
    assert task["id"] in [item["id"] for item in timeline["items"]]

    trail = await read_ok(client, owner, f"{AUDIT}?entity_type=task&entity_id={task['id']}")
    [event] = trail["items"]
    assert event["action"] == "created"
    assert event["actor"]["id"] == ben.id
    assert event["changes"]["asked_from_contact_id"]["after"] == bens["id"]

    # Asking again while that task is open adds nothing; once it is done, asking again
    # gives a new task.
    again = await client.post(ask_url(bens), json={"owner_id": anna.id}, headers=ben.headers)
    assert again.status_code == 202, again.text
    assert [t["id"] for t in (await read_ok(client, anna, TASKS))["items"]] == [task["id"]]
    done = await client.patch(
        f"{TASKS}/{task['id']}",
        json={"status": "done"},
        headers={**anna.headers, "If-Match": f'"{task["version"]}"'},
    )
    assert done.status_code == 200, done.text
    later = await client.post(ask_url(bens), json={"owner_id": anna.id}, headers=ben.headers)
    assert later.status_code == 202, later.text
    assert len((await read_ok(client, anna, TASKS))["items"]) == 2


async def test_asking_is_refused_unless_the_owner_has_a_hidden_match(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Only the owner of a match out of the caller's sight can be asked, else 422 naming
    `owner_id` (an unknown user, someone with no match, oneself, the owner of a match
    the caller reads, a missing body); a contact the caller cannot read is a 404. Nobody
    gets a task from a refused ask."""
    anna, ben, carl = [await make_staff("own_scope") for _ in range(3)]
    await secret_contact(client, anna)
    bens = await secret_contact(client, ben)
    await secret_contact(client, ben, first_name="Twin")  # readable to ben

    for owner_id in (str(uuid.uuid4()), carl.id, ben.id, owner.id):
        response = await client.post(
            ask_url(bens), json={"owner_id": owner_id}, headers=ben.headers
        )
        assert_problem(response, 422, "owner_id")
    assert_problem(await client.post(ask_url(bens), json={}, headers=ben.headers), 422, "owner_id")
    assert_problem(
        await client.post(ask_url(bens), json={"owner_id": "x"}, headers=ben.headers),
        422,
        "owner_id",
    )
    out_of_sight = await client.post(ask_url(bens), json={"owner_id": ben.id}, headers=carl.headers)
    assert_problem(out_of_sight, 404)
    assert (await read_ok(client, owner, TASKS))["items"] == []


async def test_an_inactive_owner_cannot_be_asked(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """The owner of a hidden match who no longer works here is still named, but asking
    them is a 422 on `owner_id` saying to ask an administrator."""
    anna, ben = await make_staff("own_scope"), await make_staff("own_scope")
    await secret_contact(client, anna)
    bens = await secret_contact(client, ben)
    gone = await client.patch(
        f"{API}/users/{anna.id}", json={"is_active": False}, headers=owner.headers
    )
    assert gone.status_code == 200, gone.text
    found = await read_ok(client, ben, duplicates_url(bens))
    assert found["elsewhere"] == [elsewhere_of(anna, "email", "phone")]
    response = await client.post(ask_url(bens), json={"owner_id": anna.id}, headers=ben.headers)
    assert_problem(response, 422, "owner_id")


# --- Storekeeper and outsiders --------------------------------------------------------------


async def test_a_storekeeper_learns_nothing_it_does_not_read_anyway(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """The Storekeeper reads the whole directory (all/none), so a contact's duplicates
    show it exactly what GET /contacts/{id} shows it, and `elsewhere` stays empty; it
    creates nothing, so the check before creating is a 403, and with nothing hidden from
    it there is no owner to ask (422)."""
    keeper = await make_staff("storekeeper")
    anna = await make_staff("own_scope")
    annas = await secret_contact(client, anna)
    others = await secret_contact(client, owner)

    found = await read_ok(client, keeper, duplicates_url(others))
    assert found["elsewhere"] == []
    assert [i["contact"] for i in found["items"]] == [
        await read_ok(client, keeper, f"{CONTACTS}/{annas['id']}")
    ]

    check = await client.get(CHECK, params={"email": SECRET_EMAIL}, headers=keeper.headers)
    assert_problem(check, 403)
    assert anna.user.full_name not in check.text
    ask = await client.post(ask_url(others), json={"owner_id": anna.id}, headers=keeper.headers)
    assert_problem(ask, 422, "owner_id")


async def test_a_role_without_contacts_access_learns_nothing(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    database: Database,
    token_settings: TokenSettings,
    password_hash: str,
) -> None:
    """A role that reads no contacts (deals only) gets 403 on the check, on a contact's
    duplicates and on asking, with neither the owner's name nor anything of the contact
    in the answer: not even that a match exists."""
    outsider = await staff_in_role(
        database,
        token_settings,
        password_hash,
        custom_role(
            "Deals only", 15, AccessLevel.OWN, Permission.DEALS_READ, Permission.DEALS_WRITE
        ),
    )
    anna = await make_staff("own_scope")
    annas = await secret_contact(client, anna)

    responses = [
        await client.get(CHECK, params={"email": SECRET_EMAIL}, headers=outsider.headers),
        await client.get(duplicates_url(annas), headers=outsider.headers),
        await client.post(ask_url(annas), json={"owner_id": anna.id}, headers=outsider.headers),
    ]
    for response in responses:
        assert_problem(response, 403)
        assert anna.user.full_name not in response.text
        assert anna.id not in response.text
        assert_nothing_of(response, annas)


async def test_an_own_scope_rep_cannot_read_a_hidden_match_through_its_owner_or_the_task(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Being told of a match (and asking about it) opens nothing: the hidden contact
    stays 404 to the rep, its owner's contact list stays out of reach, and search by the
    shared e-mail finds only the rep's own contact."""
    anna, ben = await make_staff("own_scope"), await make_staff("own_scope")
    annas = await secret_contact(client, anna)
    bens = await secret_contact(client, ben)
    asked = await client.post(ask_url(bens), json={"owner_id": anna.id}, headers=ben.headers)
    assert asked.status_code == 202, asked.text

    assert_problem(await client.get(f"{CONTACTS}/{annas['id']}", headers=ben.headers), 404)
    listed = await read_ok(client, ben, f"{CONTACTS}?owner_id={anna.id}")
    assert listed["items"] == []
    searched = await read_ok(client, ben, f"{CONTACTS}?q={SECRET_EMAIL}")
    assert [c["id"] for c in searched["items"]] == [bens["id"]]


# --- Concurrency ---------------------------------------------------------------------------


async def test_two_users_racing_to_create_one_email_get_two_flagged_records(
    client: httpx.AsyncClient, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """Two own-scope reps create a contact with the same e-mail at the same moment, five
    times over: every create is a 201 (never a 500), and afterwards each contact's
    /duplicates reports the other, under `elsewhere` by its owner."""
    anna = await make_staff("own_scope", team=await make_team("North"))
    ben = await make_staff("own_scope", team=await make_team("South"))
    for round_ in range(5):
        email = f"race-{round_}@example.com"
        body = {"last_name": f"Racer {round_}", "emails": [{"email": email}]}
        responses = await asyncio.wait_for(
            asyncio.gather(
                client.post(CONTACTS, json=body, headers=anna.headers),
                client.post(CONTACTS, json=body, headers=ben.headers),
            ),
            timeout=60,
        )
        assert [r.status_code for r in responses] == [201, 201], [r.text for r in responses]
        annas, bens = (r.json() for r in responses)
        assert annas["id"] != bens["id"]
        found = await read_ok(client, anna, duplicates_url(annas))
        assert found == {"items": [], "elsewhere": [elsewhere_of(ben, "email")]}
        found = await read_ok(client, ben, duplicates_url(bens))
        assert found == {"items": [], "elsewhere": [elsewhere_of(anna, "email")]}
