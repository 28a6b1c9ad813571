"""Lead distribution: inbound leads (imported; later web-form and API-key ones) go round
the team's rotation, the members listed for it, skipping the paused; a contact a user
types in stays theirs."""

from __future__ import annotations

import asyncio
import json
from collections import Counter

import httpx

from api.cli.worker import drain
from persistence.database import Database
from tests.conftest import MakeStaff, MakeTeam, Staff
from tests.helpers import API, assert_problem, create_contact, list_ids, patch_user

CONTACTS = f"{API}/contacts"


def rotation_url(team_id: object, user_id: object | None = None) -> str:
    url = f"{API}/teams/{team_id}/rotation"
    return f"{url}/{user_id}" if user_id is not None else url


async def distribute_leads(client: httpx.AsyncClient, admin: Staff, team_id: object) -> None:
    switched = await client.put(
        f"{API}/teams/{team_id}/distribution",
        json={"requests": False, "leads": True},
        headers=admin.headers,
    )
    assert switched.status_code == 200, switched.text


async def put_member(
    client: httpx.AsyncClient, admin: Staff, team_id: object, member: Staff, paused: bool = False
) -> httpx.Response:
    return await client.put(
        rotation_url(team_id, member.id), json={"paused": paused}, headers=admin.headers
    )


async def upload(client: httpx.AsyncClient, importer: Staff, prefix: str, rows: int) -> str:
    text = "First,Last\n" + "".join(f"{prefix}{i},Lead\n" for i in range(rows))
    response = await client.post(
        f"{API}/imports",
        files={"file": ("leads.csv", text.encode(), "text/csv")},
        data={"mapping": json.dumps({"First": "first_name", "Last": "last_name"})},
        headers=importer.headers,
    )
    assert response.status_code == 202, response.text
    return str(response.json()["id"])


async def owners_of(client: httpx.AsyncClient, owner: Staff, prefix: str) -> Counter[str]:
    response = await client.get(CONTACTS, params={"limit": 200}, headers=owner.headers)
    assert response.status_code == 200, response.text
    return Counter(
        c["owner_id"] for c in response.json()["items"] if c["first_name"].startswith(prefix)
    )


async def test_a_hand_made_contact_stays_with_its_creator(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """With lead distribution on and a rotation listed, a lead typed in by a rep, by the
    Senior manager or by a Full-access admin of the team (one at a time, in a batch)
    stays with its creator, who reads it."""
    north = await make_team("North")
    senior = await make_staff("senior_manager", team=north)
    admin = await make_staff("full_access", team=north)
    reps = [await make_staff("salesperson", team=north) for _ in range(2)]
    await distribute_leads(client, senior, north.id)
    for rep in reps:
        assert (await put_member(client, senior, north.id, rep)).status_code == 200
    for creator in (reps[0], senior, admin, reps[1]):
        made = await create_contact(client, creator, first_name="Typed")
        assert made["owner_id"] == creator.id
        read = await client.get(f"{CONTACTS}/{made['id']}", headers=creator.headers)
        assert read.status_code == 200, read.text
    batch = await client.post(
        f"{CONTACTS}/batch",
        json={"items": [{"first_name": f"Batch{i}"} for i in range(3)]},
        headers=reps[0].headers,
    )
    assert batch.status_code == 200, batch.text
    assert {c["owner_id"] for c in batch.json()["items"]} == {reps[0].id}


async def test_imported_leads_go_round_the_listed_unpaused_members(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    database: Database,
) -> None:
    """Imported leads of a team distributing leads go in turn to the members on its
    rotation who are not paused: never to the importer, the Senior manager or a member
    not listed; a paused member gets none until resumed; a contact imported as a
    customer stays with the importer."""
    north = await make_team("North")
    senior = await make_staff("senior_manager", team=north)
    importer = await make_staff("advanced_access", team=north)
    listed = [await make_staff("salesperson", team=north) for _ in range(3)]
    unlisted = await make_staff("salesperson", team=north)
    await distribute_leads(client, senior, north.id)
    for member in listed:
        assert (await put_member(client, senior, north.id, member)).status_code == 200
    paused = await put_member(client, senior, north.id, listed[2], paused=True)
    assert paused.status_code == 200, paused.text
    assert {(m["user_id"], m["paused"]) for m in paused.json()["members"]} == {
        (listed[0].id, False), (listed[1].id, False), (listed[2].id, True),
    }  # fmt: skip

    await upload(client, importer, "First", 6)
    await drain(database)
    assert await owners_of(client, owner, "First") == {listed[0].id: 3, listed[1].id: 3}

    assert (await put_member(client, senior, north.id, listed[2])).status_code == 200
    await upload(client, importer, "Second", 6)
    await drain(database)
    assert await owners_of(client, owner, "Second") == dict.fromkeys((m.id for m in listed), 2)
    others = {senior.id, importer.id, unlisted.id}
    assert not others & set(await owners_of(client, owner, ""))

    response = await client.post(
        f"{API}/imports",
        files={"file": ("c.csv", b"First,Stage\nKept,customer\n", "text/csv")},
        data={"mapping": json.dumps({"First": "first_name", "Stage": "lifecycle_stage"})},
        headers=importer.headers,
    )
    assert response.status_code == 202, response.text
    await drain(database)
    assert await owners_of(client, owner, "Kept") == {importer.id: 1}


async def test_concurrent_imports_take_turns(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    database: Database,
) -> None:
    """Two imports run by two workers at once share one turn: 12 leads over 3 free
    members give each exactly 4, nobody a second lead while another waits for one."""
    north = await make_team("North")
    importer = await make_staff("advanced_access", team=north)
    members = [await make_staff("salesperson", team=north) for _ in range(3)]
    await distribute_leads(client, owner, north.id)
    for member in members:
        assert (await put_member(client, owner, north.id, member)).status_code == 200
    await upload(client, importer, "Left", 6)
    await upload(client, importer, "Right", 6)
    ran = await asyncio.gather(drain(database), drain(database))
    assert sum(ran) == 2
    assert await owners_of(client, owner, "") == dict.fromkeys((m.id for m in members), 4)


async def test_the_rotation_is_kept_by_the_teams_administrators(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """A Salesperson cannot change the rotation (403), a Senior manager not another
    team's (403); only a member of the team who may own contacts can be listed (422
    naming user_id); taking someone off works once (204, then 404)."""
    north, south = await make_team("North"), await make_team("South")
    senior = await make_staff("senior_manager", team=north)
    rep = await make_staff("salesperson", team=north)
    keeper = await make_staff("storekeeper", team=north)
    stranger = await make_staff("salesperson", team=south)
    assert_problem(await put_member(client, rep, north.id, rep), 403)
    assert_problem(await put_member(client, senior, south.id, stranger), 403)
    assert_problem(await put_member(client, senior, north.id, stranger), 422, "user_id")
    assert_problem(await put_member(client, senior, north.id, keeper), 422, "user_id")
    assert (await put_member(client, senior, north.id, rep)).status_code == 200
    listing = await client.get(rotation_url(north.id), headers=rep.headers)
    assert listing.status_code == 200, listing.text
    assert listing.json() == {
        "team_id": str(north.id),
        "members": [{"user_id": rep.id, "full_name": rep.user.full_name, "paused": False}],
    }
    removed = await client.delete(rotation_url(north.id, rep.id), headers=senior.headers)
    assert removed.status_code == 204, removed.text
    assert_problem(await client.delete(rotation_url(north.id, rep.id), headers=senior.headers), 404)
    assert await list_ids(client, rep, CONTACTS) == []


async def test_a_member_who_moves_teams_leaves_the_old_rotation(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """A rep on North's rotation who moves to South is off it, and stays off when moved
    back: a returning member is listed again on purpose, not by a leftover."""
    north, south = await make_team("North"), await make_team("South")
    rep = await make_staff("salesperson", team=north)
    assert (await put_member(client, owner, north.id, rep)).status_code == 200
    for team in (south, north):
        moved = await patch_user(client, owner, rep.id, {"team_id": str(team.id)})
        assert moved.status_code == 200, moved.text
    listing = await client.get(rotation_url(north.id), headers=owner.headers)
    assert listing.json()["members"] == []
