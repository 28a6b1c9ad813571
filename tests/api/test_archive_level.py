"""The archive level (issue 15: "delete/archive follows write unless a role says less").

Besides reading and writing, each kind of record has a level for archiving and restoring
(contacts and companies archive today; merging archives its source). Left out, it is the
write level; it may never reach further than write (422 naming `access.<kind>.archive`),
nor further than the archive level of whoever shapes the role (403). A record the caller
changes but does not archive answers 403 to archive, restore, and to a merge taking it as
the source (naming `source_id`). `GET /access/explain` answers archiving as a third
decision, its rule found like write's, except that an assignee or participant is not
responsible for archiving."""

from __future__ import annotations

from typing import Any

import httpx
from jose import jwt

from domain.access.levels import AccessLevel, AccessMatrix, EntityAccess, RecordKind
from domain.access.roles import Permission
from persistence.database import Database
from tests.conftest import MakeStaff, MakeTeam, Staff
from tests.helpers import (
    API,
    COMPANIES,
    CONTACTS,
    assert_problem,
    create_company,
    create_contact,
    custom_role,
    login_ok,
    patch_user,
    read_ok,
    store_role,
)

ROLES = f"{API}/roles"
EXPLAIN = f"{API}/access/explain"
KINDS = ("contacts", "companies", "deals", "interactions", "tasks", "requests")
NOTHING = {"read": "none", "write": "none", "archive": "none"}

# "Writes own, archives none": the whole directory read, its own contacts and companies
# changed but never archived; its own deals worked (archive left out: as far as write).
WRITES_OWN_ARCHIVES_NONE = {
    "contacts": {"read": "all", "write": "own", "archive": "none"},
    "companies": {"read": "all", "write": "own", "archive": "none"},
    "deals": {"read": "own", "write": "own"},
}
ECHOED = {
    **dict.fromkeys(KINDS, NOTHING),
    "contacts": {"read": "all", "write": "own", "archive": "none"},
    "companies": {"read": "all", "write": "own", "archive": "none"},
    "deals": {"read": "own", "write": "own", "archive": "own"},
}


async def create_role(
    client: httpx.AsyncClient, staff: Staff, name: str, access: dict[str, Any]
) -> dict[str, Any]:
    """POST /roles as `staff` (rank 15, no grants), asserting 201."""
    body = {"name": name, "rank": 15, "access": access, "permissions": []}
    response = await client.post(ROLES, json=body, headers=staff.headers)
    assert response.status_code == 201, response.text
    role: dict[str, Any] = response.json()
    return role


async def holder_of(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    role_id: str,
    team: Any = None,
) -> Staff:
    """A user the Owner gives the role `role_id`, signed in afresh (their token carries it)."""
    staff = await make_staff("salesperson", team=team)
    moved = await patch_user(client, owner, staff.id, {"role_id": role_id})
    assert moved.status_code == 200, moved.text
    tokens = await login_ok(client, staff.user.email)
    return Staff(staff.user, tokens["access_token"])


async def explain(
    client: httpx.AsyncClient, asker: Staff, user: Staff, entity: str, record_id: str
) -> dict[str, Any]:
    response = await client.get(
        EXPLAIN,
        params={"user_id": user.id, "entity": entity, "id": record_id},
        headers=asker.headers,
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


# --- Shaping a role ------------------------------------------------------------------------


async def test_a_role_that_writes_own_and_archives_none_is_echoed_with_its_archive_level(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """POST /roles with contacts and companies written at own and archived at none: 201
    echoing archive none for both, archive own for deals (left out: as far as write) and
    none for the kinds left out; its permissions are the record permissions of read and
    write only (archiving has none of its own). GET answers the same, and its holder
    signs in with that access, the `acc` claim spelling read, write and archive."""
    role = await create_role(client, owner, "Keeps everything", WRITES_OWN_ARCHIVES_NONE)
    assert role["access"] == ECHOED
    assert set(role["permissions"]) == {
        "contacts:read",
        "contacts:write",
        "companies:read",
        "companies:write",
        "deals:read",
        "deals:write",
    }
    assert await read_ok(client, owner, f"{ROLES}/{role['id']}") == role

    holder = await holder_of(client, owner, make_staff, role["id"])
    me = await read_ok(client, holder, f"{API}/auth/me")
    assert me["access"] == ECHOED
    assert jwt.get_unverified_claims(holder.token)["acc"] == (
        "contacts:aon,companies:aon,deals:ooo,interactions:nnn,tasks:nnn,requests:nnn"
    )


async def test_archive_given_as_null_follows_write(client: httpx.AsyncClient, owner: Staff) -> None:
    """`archive: null` is the same as leaving it out: as far as write."""
    role = await create_role(
        client,
        owner,
        "Null archive",
        {"contacts": {"read": "all", "write": "own", "archive": None}},
    )
    assert role["access"]["contacts"] == {"read": "all", "write": "own", "archive": "own"}


async def test_archive_wider_than_write_is_422_naming_the_archive_level(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A role archiving contacts further than it writes them is 422 naming
    `access.contacts.archive` (and only that), on create and on PATCH; nothing is
    created, nothing changes."""
    wider = {"contacts": {"read": "all", "write": "own", "archive": "all"}}
    body = {"name": "Archivist", "rank": 15, "access": wider, "permissions": []}
    response = await client.post(ROLES, json=body, headers=owner.headers)
    assert_problem(response, 422, "access.contacts.archive")
    assert [e["field"] for e in response.json()["errors"]] == ["access.contacts.archive"]
    assert len((await client.get(ROLES, headers=owner.headers)).json()["items"]) == 7

    role = await create_role(client, owner, "Keeps everything", WRITES_OWN_ARCHIVES_NONE)
    url = f"{ROLES}/{role['id']}"
    for access in (wider, {"contacts": {"read": "all", "write": "none", "archive": "own"}}):
        patched = await client.patch(url, json={"access": access}, headers=owner.headers)
        assert_problem(patched, 422, "access.contacts.archive")
        assert [e["field"] for e in patched.json()["errors"]] == ["access.contacts.archive"]
    assert await read_ok(client, owner, url) == role


async def test_a_role_archiving_further_than_its_creator_is_403_naming_the_archive_level(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, database: Database
) -> None:
    """A role administrator who writes their own contacts but archives none shapes no
    role archiving contacts: one writing own contacts with archive left out (so own) is
    403 naming exactly `access.contacts.archive`; with archive none it is 201; a PATCH
    raising its archive level to own is 403 again and changes nothing."""
    creator_role = custom_role(
        "Careful role admin",
        60,
        "own",
        Permission.ROLES_MANAGE,
        access=AccessMatrix.of(
            {RecordKind.CONTACTS: EntityAccess(AccessLevel.ALL, AccessLevel.OWN, AccessLevel.NONE)}
        ),
    )
    await store_role(database, creator_role)
    creator = await holder_of(client, owner, make_staff, str(creator_role.id))

    archives_own = {"contacts": {"read": "all", "write": "own"}}
    body = {"name": "Too far", "rank": 15, "access": archives_own, "permissions": []}
    refused = await client.post(ROLES, json=body, headers=creator.headers)
    assert_problem(refused, 403, "access.contacts.archive")
    assert [e["field"] for e in refused.json()["errors"]] == ["access.contacts.archive"]

    keeps = {"contacts": {"read": "all", "write": "own", "archive": "none"}}
    made = await create_role(client, creator, "As far", keeps)
    url = f"{ROLES}/{made['id']}"
    widened = await client.patch(url, json={"access": archives_own}, headers=creator.headers)
    assert_problem(widened, 403, "access.contacts.archive")
    assert [e["field"] for e in widened.json()["errors"]] == ["access.contacts.archive"]
    assert await read_ok(client, creator, url) == made


# --- Archiving, restoring, merging ------------------------------------------------------


async def test_a_holder_changes_their_own_records_but_neither_archives_nor_restores_them(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Writing own and archiving none: the holder creates and PATCHes their own contact
    and company (200), but archiving either is 403 and leaves it live; once the Owner
    archives them, restoring is 403 and leaves them archived."""
    role = await create_role(client, owner, "Keeps everything", WRITES_OWN_ARCHIVES_NONE)
    holder = await holder_of(client, owner, make_staff, role["id"])
    for collection, record, change in (
        (CONTACTS, await create_contact(client, holder), {"title": "Buyer"}),
        (COMPANIES, await create_company(client, holder), {"industry": "Retail"}),
    ):
        url = f"{collection}/{record['id']}"
        patched = await client.patch(url, json=change, headers=holder.headers)
        assert patched.status_code == 200, patched.text
        version = patched.json()["version"]

        assert_problem(await client.delete(url, headers=holder.headers), 403)
        kept = await read_ok(client, holder, url)
        assert (kept["archived_at"], kept["version"]) == (None, version)

        archived = await client.delete(url, headers=owner.headers)
        assert archived.status_code == 204, archived.text
        assert_problem(await client.post(f"{url}/restore", headers=holder.headers), 403)
        assert (await read_ok(client, holder, url))["archived_at"] is not None


async def test_a_salesperson_archives_and_restores_their_own_records(
    client: httpx.AsyncClient, make_staff: MakeStaff
) -> None:
    """The templates archive as far as they write: a Salesperson archives (204) and
    restores (200) their own contact and company."""
    rep = await make_staff("salesperson")
    for collection, record in (
        (CONTACTS, await create_contact(client, rep)),
        (COMPANIES, await create_company(client, rep)),
    ):
        url = f"{collection}/{record['id']}"
        archived = await client.delete(url, headers=rep.headers)
        assert archived.status_code == 204, archived.text
        restored = await client.post(f"{url}/restore", headers=rep.headers)
        assert restored.status_code == 200, restored.text
        assert restored.json()["archived_at"] is None


async def test_merging_ones_own_duplicate_needs_the_archive_level(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Merging archives the source: a holder who writes their own contacts but archives
    none merging their own duplicate into their own contact gets 403 naming `source_id`;
    both contacts stay as they were. A Salesperson merges theirs (200, source archived)."""
    role = await create_role(client, owner, "Keeps everything", WRITES_OWN_ARCHIVES_NONE)
    holder = await holder_of(client, owner, make_staff, role["id"])
    target = await create_contact(client, holder, last_name="Twin", first_name="Ann")
    source = await create_contact(client, holder, last_name="Twin", first_name="Anne")
    refused = await client.post(
        f"{CONTACTS}/{target['id']}/merge", json={"source_id": source["id"]}, headers=holder.headers
    )
    assert_problem(refused, 403, "source_id")
    assert await read_ok(client, holder, f"{CONTACTS}/{target['id']}") == target
    assert await read_ok(client, holder, f"{CONTACTS}/{source['id']}") == source

    rep = await make_staff("salesperson")
    kept = await create_contact(client, rep, last_name="Twin", first_name="Bob")
    folded = await create_contact(client, rep, last_name="Twin", first_name="Bobby")
    merged = await client.post(
        f"{CONTACTS}/{kept['id']}/merge", json={"source_id": folded["id"]}, headers=rep.headers
    )
    assert merged.status_code == 200, merged.text
    assert (await read_ok(client, rep, f"{CONTACTS}/{folded['id']}"))["archived_at"] is not None


async def test_archiving_reaches_only_as_far_as_the_archive_level(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """A role writing its team's contacts but archiving its own: a teammate's contact is
    changed (200) but not archived (403, still live); the holder's own is archived
    (204)."""
    north = await make_team("North")
    role = await create_role(
        client,
        owner,
        "Team writer",
        {"contacts": {"read": "all", "write": "team", "archive": "own"}},
    )
    holder = await holder_of(client, owner, make_staff, role["id"], team=north)
    teammate = await make_staff("salesperson", team=north)
    theirs = await create_contact(client, teammate)
    mine = await create_contact(client, holder)

    url = f"{CONTACTS}/{theirs['id']}"
    patched = await client.patch(url, json={"title": "Buyer"}, headers=holder.headers)
    assert patched.status_code == 200, patched.text
    assert_problem(await client.delete(url, headers=holder.headers), 403)
    assert (await read_ok(client, holder, url))["archived_at"] is None
    archived = await client.delete(f"{CONTACTS}/{mine['id']}", headers=holder.headers)
    assert archived.status_code == 204, archived.text


# --- Explain -------------------------------------------------------------------------------


async def test_explain_reports_archiving_with_its_rule(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, make_team: MakeTeam
) -> None:
    """`archive` is a third decision: for their own contact, the "writes own, archives
    none" holder may write (`owner`) but not archive (`no_access`, level none); a
    Salesperson archives their own (`owner`, level own) but not a colleague's
    (`out_of_reach`); a role writing the team's and archiving its own archives a
    teammate's contact not (`out_of_reach`, level own) while writing it by `team`; the
    Owner archives by `all`; a deactivated user's is `inactive`."""
    north = await make_team("North")
    keeper_role = await create_role(client, owner, "Keeps everything", WRITES_OWN_ARCHIVES_NONE)
    keeper = await holder_of(client, owner, make_staff, keeper_role["id"], team=north)
    kept = await create_contact(client, keeper)
    decided = await explain(client, owner, keeper, "contacts", kept["id"])
    assert decided["write"] == {"allowed": True, "rule": "owner", "level": "own"}
    assert decided["archive"] == {"allowed": False, "rule": "no_access", "level": "none"}

    rep = await make_staff("salesperson", team=north)
    mine = await create_contact(client, rep)
    own = await explain(client, owner, rep, "contacts", mine["id"])
    assert own["archive"] == {"allowed": True, "rule": "owner", "level": "own"}
    colleague = await explain(client, owner, rep, "contacts", kept["id"])
    assert colleague["archive"] == {"allowed": False, "rule": "out_of_reach", "level": "own"}

    writer_role = await create_role(
        client,
        owner,
        "Team writer",
        {"contacts": {"read": "all", "write": "team", "archive": "own"}},
    )
    writer = await holder_of(client, owner, make_staff, writer_role["id"], team=north)
    teams = await explain(client, owner, writer, "contacts", mine["id"])
    assert teams["write"] == {"allowed": True, "rule": "team", "level": "team"}
    assert teams["archive"] == {"allowed": False, "rule": "out_of_reach", "level": "own"}

    everything = await explain(client, owner, owner, "contacts", mine["id"])
    assert everything["archive"] == {"allowed": True, "rule": "all", "level": "all"}

    gone = await make_staff("salesperson", is_active=False)
    inactive = await explain(client, owner, gone, "contacts", mine["id"])
    assert inactive["archive"] == {"allowed": False, "rule": "inactive", "level": "own"}


async def test_explain_names_no_access_when_the_archive_level_is_none(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """At archive level none the archive rule is `no_access`, the first rule that applies,
    whether or not the user may write the record: a Storekeeper (contacts all/none/none)
    gets `no_access` for writing and archiving a contact alike; the "writes own, archives
    none" holder, for a colleague's contact, `out_of_reach` for writing and `no_access`
    for archiving."""
    contact = await create_contact(client, owner)
    keeper = await make_staff("storekeeper")
    decided = await explain(client, owner, keeper, "contacts", contact["id"])
    assert decided["write"] == {"allowed": False, "rule": "no_access", "level": "none"}
    assert decided["archive"] == {"allowed": False, "rule": "no_access", "level": "none"}

    role = await create_role(client, owner, "Keeps everything", WRITES_OWN_ARCHIVES_NONE)
    holder = await holder_of(client, owner, make_staff, role["id"])
    theirs = await explain(client, owner, holder, "contacts", contact["id"])
    assert theirs["write"] == {"allowed": False, "rule": "out_of_reach", "level": "own"}
    assert theirs["archive"] == {"allowed": False, "rule": "no_access", "level": "none"}
