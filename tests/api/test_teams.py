"""/api/v1/teams: CRUD by administrators with scope `all`, names unique, no orphans."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from tests.conftest import MakeStaff, MakeTeam, Staff
from tests.helpers import (
    assert_created,
    assert_one_wins,
    assert_problem,
    patch_user,
    post_at_once,
    read_ok,
    walk,
)

TEAMS = "/api/v1/teams"
TEAM_FIELDS = {"id", "name", "description", "created_at", "updated_at", "version"}


async def read_team(client: httpx.AsyncClient, staff: Staff, team_id: str) -> dict[str, Any]:
    """GET /teams/{team_id} as `staff`, asserting 200."""
    return await read_ok(client, staff, f"{TEAMS}/{team_id}")


@pytest.mark.parametrize("actor", ["owner", "full_access"])
async def test_team_crud(client: httpx.AsyncClient, make_staff: MakeStaff, actor: str) -> None:
    """An Owner or Full access creates, reads, lists, renames and deletes a team."""
    staff = await make_staff(actor)
    created = await client.post(
        TEAMS,
        json={"name": "  North   region ", "description": " Up north "},
        headers=staff.headers,
    )
    body = assert_created(created, TEAMS, TEAM_FIELDS)
    assert body["name"] == "North region"
    assert body["description"] == "Up north"
    assert body["version"] == 1
    url = f"{TEAMS}/{body['id']}"

    read = await client.get(url, headers=staff.headers)
    assert read.status_code == 200
    assert read.json() == body
    assert read.headers["etag"] == '"1"'

    listed = await client.get(TEAMS, headers=staff.headers)
    assert listed.status_code == 200
    assert listed.json() == {"items": [body], "next_cursor": None}

    renamed = await client.patch(
        url, json={"name": "North"}, headers={**staff.headers, "If-Match": '"1"'}
    )
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["name"] == "North"
    assert renamed.json()["description"] == "Up north"
    assert renamed.headers["etag"] == '"2"'

    stale = await client.patch(
        url, json={"name": "Stale"}, headers={**staff.headers, "If-Match": '"1"'}
    )
    assert_problem(stale, 412)
    stale_delete = await client.delete(url, headers={**staff.headers, "If-Match": '"1"'})
    assert_problem(stale_delete, 412)

    deleted = await client.delete(url, headers={**staff.headers, "If-Match": '"2"'})
    assert deleted.status_code == 204
    assert_problem(await client.get(url, headers=staff.headers), 404)
    assert (await client.get(TEAMS, headers=staff.headers)).json()["items"] == []


async def test_teams_list_sorted_by_name_and_paged(
    client: httpx.AsyncClient, owner: Staff, make_team: MakeTeam
) -> None:
    """Teams list by name by default; pages of two visit each team once."""
    names = ["Delta", "alpha", "Charlie", "Bravo", "Echo"]
    for name in names:
        await make_team(name)
    pages = await walk(client, TEAMS, owner.headers, {"limit": 2}, key="name")
    seen = [name for page in pages for name in page]
    assert len(pages) == 3
    assert sorted(seen) == sorted(names)
    assert len(seen) == len(set(seen))
    # The database's own collation orders the names; ascending either way.
    descending = await client.get(TEAMS, params={"sort": "-name"}, headers=owner.headers)
    assert [t["name"] for t in descending.json()["items"]] == list(reversed(seen))


async def test_teams_bad_sort_and_cursor_are_refused(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Unknown sort field on /teams is a 422 naming it; a bad cursor a 400 naming it."""
    assert_problem(
        await client.get(TEAMS, params={"sort": "description"}, headers=owner.headers),
        422,
        "sort",
    )
    assert_problem(
        await client.get(TEAMS, params={"cursor": "garbage"}, headers=owner.headers),
        400,
        "cursor",
    )


@pytest.mark.parametrize(
    "actor", ["advanced_access", "senior_manager", "manager", "salesperson", "storekeeper"]
)
async def test_only_all_scope_user_administrators_shape_teams(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
    actor: str,
) -> None:
    """Without users:manage or without scope `all` (a Senior manager), create, rename and
    delete are 403 and nothing changes; reading is allowed."""
    team = await make_team("North")
    staff = await make_staff(actor, team=team)
    url = f"{TEAMS}/{team.id}"
    assert_problem(await client.post(TEAMS, json={"name": "Mine"}, headers=staff.headers), 403)
    assert_problem(await client.patch(url, json={"name": "Mine"}, headers=staff.headers), 403)
    assert_problem(
        await client.delete(f"{TEAMS}/{(await make_team('Empty')).id}", headers=staff.headers), 403
    )
    assert (await client.get(url, headers=staff.headers)).status_code == 200
    assert (await client.get(TEAMS, headers=staff.headers)).status_code == 200
    assert (await read_team(client, owner, str(team.id)))["name"] == "North"
    names = {t["name"] for t in (await client.get(TEAMS, headers=owner.headers)).json()["items"]}
    assert names == {"North", "Empty"}


@pytest.mark.parametrize("name", ["North", "north", "  NORTH  "])
async def test_duplicate_team_name_is_409(
    client: httpx.AsyncClient, owner: Staff, make_team: MakeTeam, name: str
) -> None:
    """A team name in use, in any case, is 409 naming `name`."""
    await make_team("North")
    response = await client.post(TEAMS, json={"name": name}, headers=owner.headers)
    assert_problem(response, 409, "name")


async def test_concurrent_creates_of_one_name_give_one_team_and_409s(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Three creates racing with one name: one 201, the others 409 naming `name`."""
    responses = await post_at_once(client, owner, TEAMS, {"name": "Race"})
    assert_one_wins(responses, 201, 409, "name")
    assert len((await client.get(TEAMS, headers=owner.headers)).json()["items"]) == 1


async def test_renaming_onto_a_taken_name_is_409(
    client: httpx.AsyncClient, owner: Staff, make_team: MakeTeam
) -> None:
    """Renaming to another team's name is 409; to its own in another case is fine."""
    north = await make_team("North")
    await make_team("South")
    url = f"{TEAMS}/{north.id}"
    assert_problem(await client.patch(url, json={"name": "SOUTH"}, headers=owner.headers), 409)
    same = await client.patch(url, json={"name": "NORTH"}, headers=owner.headers)
    assert same.status_code == 200
    assert same.json()["name"] == "NORTH"


async def test_team_with_members_cannot_be_deleted(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """A team with a member (active or not) is 409 on delete; once empty it deletes."""
    team = await make_team("North")
    member = await make_staff("salesperson", team=team, is_active=False)
    url = f"{TEAMS}/{team.id}"
    assert_problem(await client.delete(url, headers=owner.headers), 409)
    assert (await client.get(url, headers=owner.headers)).status_code == 200

    moved = await patch_user(client, owner, member.id, {"team_id": None})
    assert moved.status_code == 200, moved.text
    assert moved.json()["team_id"] is None
    assert (await client.delete(url, headers=owner.headers)).status_code == 204


async def test_unknown_team_is_404(client: httpx.AsyncClient, owner: Staff) -> None:
    """GET, PATCH and DELETE of an unknown team id are 404."""
    url = f"{TEAMS}/{uuid.uuid4()}"
    assert_problem(await client.get(url, headers=owner.headers), 404)
    assert_problem(await client.patch(url, json={"name": "X"}, headers=owner.headers), 404)
    assert_problem(await client.delete(url, headers=owner.headers), 404)


async def test_malformed_team_id_is_404(client: httpx.AsyncClient, owner: Staff) -> None:
    """A path id that is no UUID matches no route (404), not a server error."""
    assert_problem(await client.get(f"{TEAMS}/not-a-uuid", headers=owner.headers), 404)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({}, "name"),
        ({"name": "X", "id": str(uuid.uuid4())}, "id"),
        ({"name": "X", "version": 3}, "version"),
        ({"name": "x" * 201}, "name"),
    ],
)
async def test_invalid_team_is_422(
    client: httpx.AsyncClient, owner: Staff, body: dict[str, Any], field: str
) -> None:
    """Blank or missing names and unknown fields are 422 naming the field."""
    assert_problem(await client.post(TEAMS, json=body, headers=owner.headers), 422, field)
    assert (await client.get(TEAMS, headers=owner.headers)).json()["items"] == []


async def test_unknown_field_on_team_patch_is_422(
    client: httpx.AsyncClient, owner: Staff, make_team: MakeTeam
) -> None:
    """PATCH refuses `version` in the body instead of ignoring it."""
    team = await make_team("North")
    response = await client.patch(
        f"{TEAMS}/{team.id}", json={"version": 9, "name": "South"}, headers=owner.headers
    )
    assert_problem(response, 422, "version")
    assert (await read_team(client, owner, str(team.id)))["name"] == "North"
