"""/api/v1/roles: the seeded templates, custom roles, and escalation through roles."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from jose import jwt

from auth.sessions import sign_in_as
from auth.tokens import TokenSettings
from domain.access.levels import AccessLevel
from domain.access.roles import ROLE_TEMPLATES, TEMPLATES_BY_KEY, Permission, Role
from domain.access.teams import Team
from domain.access.users import User
from persistence.database import Database
from persistence.uow import SqlUnitOfWork
from tests.conftest import MakeStaff, MakeTeam, Staff
from tests.helpers import (
    assert_created,
    assert_one_wins,
    assert_problem,
    assert_unauthenticated,
    custom_role,
    login_ok,
    me,
    patch_user,
    post_at_once,
    read_ok,
    refresh,
    role_id,
)

ROLES = "/api/v1/roles"
ROLE_FIELDS = {
    "id",
    "name",
    "rank",
    "access",
    "permissions",
    "description",
    "is_template",
    "template_key",
    "version",
}
KINDS = ("contacts", "companies", "deals", "interactions", "tasks", "requests")
DIRECTORY = ("contacts", "companies")
WORK = ("deals", "interactions", "tasks", "requests")


Levels = tuple[str, str] | tuple[str, str, str]


def access_json(
    levels: dict[str, Levels] | None = None, **by_kind: Levels
) -> dict[str, dict[str, str]]:
    """A whole access matrix as the API writes it: (read, write) or (read, write,
    archive) for the kinds given, archive as far as write when left out (the API's
    default), none everywhere for every other kind."""
    given = {**(levels or {}), **by_kind}

    def entry(kind: str) -> dict[str, str]:
        read, write, *archive = given.get(kind, ("none", "none"))
        return {"read": read, "write": write, "archive": archive[0] if archive else write}

    return {kind: entry(kind) for kind in KINDS}


def uniform(read: str, write: str, archive: str | None = None) -> dict[str, dict[str, str]]:
    """The same levels for every kind of record (archive: as far as write unless given)."""
    return access_json(dict.fromkeys(KINDS, (read, write, archive or write)))


def customer_work(directory_write: str, work: str) -> dict[str, dict[str, str]]:
    """The issue's shape for customer-facing templates: the whole directory read, written
    and archived at `directory_write`; deals, interactions, tasks and requests read,
    written and archived at `work`."""
    return access_json(
        {
            **dict.fromkeys(DIRECTORY, ("all", directory_write, directory_write)),
            **dict.fromkeys(WORK, (work, work, work)),
        }
    )


# The issue's table, by hand: name -> (rank, access). No template archives less than it
# writes (issue 15: archiving follows write unless a role says less).
TEMPLATE_TABLE = {
    "Owner": (100, uniform("all", "all", "all")),
    "Full access": (90, uniform("all", "all", "all")),
    "Advanced access": (70, uniform("all", "all", "all")),
    "Senior manager": (50, customer_work("team", "team")),
    "Manager": (30, customer_work("own", "own")),
    "Salesperson": (20, customer_work("own", "own")),
    "Storekeeper": (10, access_json(dict.fromkeys(DIRECTORY, ("all", "none", "none")))),
}


def legacy_access_json(scope: str, permissions: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """What a role of one old-style `scope` holding `permissions` reaches now: `scope`
    for reading each kind it has `<kind>:read` for, and for writing (and so archiving)
    each kind it has both `<kind>:read` and `<kind>:write` for; none elsewhere."""
    levels: dict[str, Levels] = {}
    for kind in KINDS:
        reads = f"{kind}:read" in permissions
        writes = reads and f"{kind}:write" in permissions
        levels[kind] = (scope if reads else "none", scope if writes else "none")
    return access_json(levels)


def role_body(
    name: str = "Intern",
    rank: int = 5,
    scope: str = "own",
    permissions: tuple[str, ...] = ("contacts:read",),
    access: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A POST /roles body. Its `access` is `access` if given, else the old-style `scope`
    and the record permissions among `permissions` translated (legacy_access_json);
    `permissions` is sent as given: record permissions that agree with the access are
    accepted, the rest are grants."""
    return {
        "name": name,
        "rank": rank,
        "access": access if access is not None else legacy_access_json(scope, permissions),
        "permissions": list(permissions),
        **extra,
    }


def role_admin(
    name: str = "Role admin", rank: int = 80, scope: AccessLevel = AccessLevel.ALL
) -> Role:
    """A custom role holding only roles:manage and reading contacts at `scope`, writing
    no record."""
    return custom_role(name, rank, scope, Permission.ROLES_MANAGE, Permission.CONTACTS_READ)


MakeHolder = Callable[[Role, Team | None], Awaitable[Staff]]


@pytest.fixture
def make_holder(
    database: Database, token_settings: TokenSettings, password_hash: str
) -> MakeHolder:
    """A user (password PASSWORD) holding a custom role, stored first when new."""

    async def make(role: Role, team: Team | None = None) -> Staff:
        async with SqlUnitOfWork(database.sessions()) as uow:
            if await uow.roles.get(role.id) is None:
                await uow.roles.add(role)
            user = User(
                email=f"holder-{uuid.uuid4().hex[:8]}@example.com",
                full_name="Holder Person",
                role=role,
                team_id=team.id if team else None,
                password_hash=password_hash,
            )
            await uow.users.add(user)
            token = await sign_in_as(uow, token_settings, user)
            await uow.commit()
        return Staff(user, token)

    return make


async def create_role(client: httpx.AsyncClient, staff: Staff, **kwargs: Any) -> dict[str, Any]:
    response = await client.post(ROLES, json=role_body(**kwargs), headers=staff.headers)
    assert response.status_code == 201, response.text
    role: dict[str, Any] = response.json()
    return role


async def read_role(client: httpx.AsyncClient, staff: Staff, role_id: str) -> dict[str, Any]:
    """GET /roles/{role_id} as `staff`, asserting 200."""
    return await read_ok(client, staff, f"{ROLES}/{role_id}")


# --- Templates -------------------------------------------------------------------------


@pytest.mark.parametrize("viewer", ["owner", "senior_manager", "storekeeper"])
async def test_list_has_the_seven_templates(
    client: httpx.AsyncClient, make_staff: MakeStaff, viewer: str
) -> None:
    """Any signed-in user lists the seven templates, highest rank first, as templates,
    each with the issue's access levels (archive as far as write) and the permissions
    they imply."""
    staff = await make_staff(viewer)
    response = await client.get(ROLES, headers=staff.headers)
    assert response.status_code == 200
    items = response.json()["items"]
    assert {item["name"]: (item["rank"], item["access"]) for item in items} == TEMPLATE_TABLE
    assert [item["rank"] for item in items] == [100, 90, 70, 50, 30, 20, 10]
    for item in items:
        assert set(item) == ROLE_FIELDS
        assert item["is_template"] is True
        template = TEMPLATES_BY_KEY[item["template_key"]]
        assert item["id"] == str(template.id)
        assert set(item["permissions"]) == {p.value for p in template.permissions}


async def test_listed_template_permissions_follow_the_issue(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Owner holds everything; Advanced access lacks users:manage and roles:manage; Senior
    manager has users:manage; Storekeeper reads contacts and companies only."""
    items = (await client.get(ROLES, headers=owner.headers)).json()["items"]
    by_name = {item["name"]: set(item["permissions"]) for item in items}
    assert by_name["Owner"] == {p.value for p in Permission}
    assert by_name["Full access"] == {p.value for p in Permission}
    assert not by_name["Advanced access"] & {"users:manage", "roles:manage"}
    assert "users:manage" in by_name["Senior manager"]
    assert "roles:manage" not in by_name["Senior manager"]
    assert not by_name["Manager"] & {"users:manage", "roles:manage"}
    assert by_name["Storekeeper"] == {"contacts:read", "companies:read"}


async def test_get_one_role_and_unknown_role(client: httpx.AsyncClient, owner: Staff) -> None:
    """GET /roles/{id} answers the role with its ETag; an unknown id is 404."""
    response = await client.get(f"{ROLES}/{role_id('manager')}", headers=owner.headers)
    assert response.status_code == 200
    assert response.json()["name"] == "Manager"
    assert response.headers["etag"] == f'"{response.json()["version"]}"'
    assert_problem(await client.get(f"{ROLES}/{uuid.uuid4()}", headers=owner.headers), 404)


@pytest.mark.parametrize("key", [t.key for t in ROLE_TEMPLATES])
async def test_templates_cannot_be_edited_or_deleted(
    client: httpx.AsyncClient, owner: Staff, key: str
) -> None:
    """Even an Owner gets 403 editing or deleting a template, which stays unchanged."""
    url = f"{ROLES}/{role_id(key)}"
    before = await read_role(client, owner, role_id(key))
    response = await client.patch(url, json={"description": "changed"}, headers=owner.headers)
    assert_problem(response, 403)
    assert_problem(await client.delete(url, headers=owner.headers), 403)
    assert await read_role(client, owner, role_id(key)) == before


# --- Custom roles ----------------------------------------------------------------------


async def test_owner_creates_a_custom_role(client: httpx.AsyncClient, owner: Staff) -> None:
    """201 with Location, ETag "1" and the role; it is listed as no template."""
    response = await client.post(
        ROLES,
        json=role_body(
            "  Field   agent ",
            rank=25,
            permissions=("contacts:read", "contacts:write"),
            description="Visits customers",
        ),
        headers=owner.headers,
    )
    body = assert_created(response, ROLES, ROLE_FIELDS)
    assert body["name"] == "Field agent"
    assert body["rank"] == 25
    assert body["access"] == access_json(contacts=("own", "own"))
    assert set(body["permissions"]) == {"contacts:read", "contacts:write"}
    assert body["description"] == "Visits customers"
    assert body["is_template"] is False
    assert body["template_key"] is None
    assert body["version"] == 1

    items = (await client.get(ROLES, headers=owner.headers)).json()["items"]
    assert len(items) == 8
    listed = next(item for item in items if item["id"] == body["id"])
    assert listed == body


async def test_a_read_all_write_own_role_is_created_and_read_back(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A custom role that reads every record of every kind and writes its own, with one
    grant: 201 echoing the access; its permissions are the grant and every record
    permission the levels imply; GET answers the same, and a user given the role signs in
    with that access and those permissions."""
    read_all_write_own = uniform("all", "own")
    response = await client.post(
        ROLES,
        json={
            "name": "Read all, write own",
            "rank": 25,
            "access": read_all_write_own,
            "permissions": ["reports:read"],
        },
        headers=owner.headers,
    )
    body = assert_created(response, ROLES, ROLE_FIELDS)
    assert body["access"] == read_all_write_own
    effective = {f"{kind}:{action}" for kind in KINDS for action in ("read", "write")}
    assert set(body["permissions"]) == effective | {"reports:read"}
    assert await read_role(client, owner, body["id"]) == body

    holder = await make_staff("salesperson")
    moved = await patch_user(client, owner, holder.id, {"role_id": body["id"]})
    assert moved.status_code == 200, moved.text
    signed_in = await me(client, (await login_ok(client, holder.user.email))["access_token"])
    assert signed_in.status_code == 200, signed_in.text
    assert signed_in.json()["access"] == read_all_write_own
    assert set(signed_in.json()["permissions"]) == effective | {"reports:read"}


async def test_a_role_read_back_can_be_sent_again(client: httpx.AsyncClient, owner: Staff) -> None:
    """The record permissions a role lists agree with its access, so its body read back
    (access and permissions) is accepted again as a new role and as a PATCH."""
    first = await create_role(
        client, owner, name="Original", access=uniform("all", "own"), permissions=("data:export",)
    )
    again = await client.post(
        ROLES,
        json={
            "name": "Copy",
            "rank": first["rank"],
            "access": first["access"],
            "permissions": first["permissions"],
        },
        headers=owner.headers,
    )
    assert again.status_code == 201, again.text
    assert again.json()["access"] == first["access"]
    assert again.json()["permissions"] == first["permissions"]
    patched = await client.patch(
        f"{ROLES}/{first['id']}",
        json={"access": first["access"], "permissions": first["permissions"]},
        headers=owner.headers,
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["permissions"] == first["permissions"]


@pytest.mark.parametrize(
    ("access", "permissions"),
    [
        pytest.param(access_json(contacts=("all", "none")), ["contacts:write"], id="write-none"),
        pytest.param(
            access_json(contacts=("all", "own")), ["contacts:read", "deals:read"], id="read-none"
        ),
        pytest.param(access_json(), ["companies:read", "reports:read"], id="no-access"),
    ],
)
async def test_a_record_permission_contradicting_access_is_422(
    client: httpx.AsyncClient, owner: Staff, access: dict[str, Any], permissions: list[str]
) -> None:
    """Listing a record permission (`contacts:write`, ...) whose level in `access` is none
    is 422 naming `permissions`: record permissions follow from the access levels. Nothing
    is created."""
    response = await client.post(
        ROLES,
        json={"name": "Contradiction", "rank": 5, "access": access, "permissions": permissions},
        headers=owner.headers,
    )
    assert_problem(response, 422, "permissions")
    assert len((await client.get(ROLES, headers=owner.headers)).json()["items"]) == 7


async def test_write_wider_than_read_is_422_naming_the_write_level(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A role writing contacts further than it reads them is 422 naming
    `access.contacts.write` (and only that), on create and on PATCH."""
    body = role_body(access=access_json(contacts=("own", "all"), companies=("all", "all")))
    response = await client.post(ROLES, json=body, headers=owner.headers)
    assert_problem(response, 422, "access.contacts.write")
    assert [error["field"] for error in response.json()["errors"]] == ["access.contacts.write"]

    role = await create_role(client, owner)
    patched = await client.patch(
        f"{ROLES}/{role['id']}",
        json={"access": access_json(contacts=("team", "all"))},
        headers=owner.headers,
    )
    assert_problem(patched, 422, "access.contacts.write")
    assert await read_role(client, owner, role["id"]) == role


async def test_patching_grants_or_access_keeps_the_other(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """PATCH `permissions` alone replaces the grants and keeps the access levels; PATCH
    `access` alone replaces every level (a kind left out: none) and keeps the grants."""
    role = await create_role(
        client, owner, access=access_json(contacts=("all", "own")), permissions=("reports:read",)
    )
    url = f"{ROLES}/{role['id']}"
    grants = await client.patch(url, json={"permissions": ["data:export"]}, headers=owner.headers)
    assert grants.status_code == 200, grants.text
    assert grants.json()["access"] == access_json(contacts=("all", "own"))
    assert set(grants.json()["permissions"]) == {"contacts:read", "contacts:write", "data:export"}

    levels = await client.patch(
        url, json={"access": {"deals": {"read": "team", "write": "own"}}}, headers=owner.headers
    )
    assert levels.status_code == 200, levels.text
    assert levels.json()["access"] == access_json(deals=("team", "own"))
    assert set(levels.json()["permissions"]) == {"deals:read", "deals:write", "data:export"}


async def test_edit_a_custom_role_with_if_match(client: httpx.AsyncClient, owner: Staff) -> None:
    """PATCH changes only what is sent; the ETag increments; a stale If-Match is 412."""
    role = await create_role(client, owner, name="Intern", rank=5)
    url = f"{ROLES}/{role['id']}"
    reads_both = access_json(contacts=("own", "none"), companies=("own", "none"))
    response = await client.patch(
        url,
        json={"rank": 6, "access": reads_both},
        headers={**owner.headers, "If-Match": '"1"'},
    )
    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"2"'
    body = response.json()
    assert body["rank"] == 6
    assert body["name"] == "Intern"
    assert body["access"] == reads_both
    assert set(body["permissions"]) == {"contacts:read", "companies:read"}

    stale = await client.patch(
        url, json={"name": "Stale"}, headers={**owner.headers, "If-Match": '"1"'}
    )
    assert_problem(stale, 412)
    assert (await read_role(client, owner, role["id"]))["name"] == "Intern"


async def test_delete_a_custom_role(client: httpx.AsyncClient, owner: Staff) -> None:
    """DELETE answers 204 and the role is gone; a stale If-Match is 412 first."""
    role = await create_role(client, owner)
    url = f"{ROLES}/{role['id']}"
    stale = await client.delete(url, headers={**owner.headers, "If-Match": '"7"'})
    assert_problem(stale, 412)
    response = await client.delete(url, headers={**owner.headers, "If-Match": '"1"'})
    assert response.status_code == 204
    assert_problem(await client.get(url, headers=owner.headers), 404)
    assert_problem(await client.delete(url, headers=owner.headers), 404)


async def test_delete_or_patch_unknown_role_is_404(client: httpx.AsyncClient, owner: Staff) -> None:
    """An unknown role id is 404 for PATCH and DELETE."""
    url = f"{ROLES}/{uuid.uuid4()}"
    assert_problem(await client.patch(url, json={"rank": 3}, headers=owner.headers), 404)
    assert_problem(await client.delete(url, headers=owner.headers), 404)


async def test_role_held_by_a_user_cannot_be_deleted(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Deleting a role someone holds is 409; once nobody holds it, 204."""
    role = await create_role(client, owner)
    holder = await make_staff("salesperson")
    moved = await patch_user(client, owner, holder.id, {"role_id": role["id"]})
    assert moved.status_code == 200, moved.text
    url = f"{ROLES}/{role['id']}"
    assert_problem(await client.delete(url, headers=owner.headers), 409)
    assert (await client.get(url, headers=owner.headers)).status_code == 200

    back = await patch_user(client, owner, holder.id, {"role_id": role_id("salesperson")})
    assert back.status_code == 200
    assert (await client.delete(url, headers=owner.headers)).status_code == 204


async def test_role_held_by_an_inactive_user_cannot_be_deleted(
    client: httpx.AsyncClient, owner: Staff, make_holder: MakeHolder
) -> None:
    """A deactivated holder still holds the role: 409."""
    role = custom_role("Dormant", 5, AccessLevel.OWN, Permission.CONTACTS_READ)
    holder = await make_holder(role, None)
    deactivated = await patch_user(client, owner, holder.id, {"is_active": False})
    assert deactivated.status_code == 200
    assert_problem(await client.delete(f"{ROLES}/{role.id}", headers=owner.headers), 409)


@pytest.mark.parametrize("name", ["Intern", "INTERN", " intern ", "manager", "Owner"])
async def test_role_names_are_unique_regardless_of_case(
    client: httpx.AsyncClient, owner: Staff, name: str
) -> None:
    """A name in use (a template's too), in any case, is 409 naming `name`."""
    await create_role(client, owner, name="Intern")
    response = await client.post(ROLES, json=role_body(name), headers=owner.headers)
    assert_problem(response, 409, "name")


async def test_concurrent_creates_of_one_name_give_one_role_and_409s(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Three creates racing with one role name: one 201, the others 409 naming `name`."""
    responses = await post_at_once(client, owner, ROLES, role_body("Race"))
    assert_one_wins(responses, 201, 409, "name")
    assert len((await client.get(ROLES, headers=owner.headers)).json()["items"]) == 8


async def test_a_role_administrator_cannot_edit_their_own_role(
    client: httpx.AsyncClient, make_holder: MakeHolder
) -> None:
    """A custom role's holder, even with roles:manage, cannot edit or delete it (rank not
    below their own): 403."""
    role = role_admin()
    admin = await make_holder(role, None)
    url = f"{ROLES}/{role.id}"
    widened = await client.patch(
        url, json={"permissions": [p.value for p in Permission]}, headers=admin.headers
    )
    assert_problem(widened, 403)
    assert_problem(await client.delete(url, headers=admin.headers), 403)
    assert (await client.get(url, headers=admin.headers)).json()["version"] == 1


async def test_renaming_onto_a_taken_name_is_409(client: httpx.AsyncClient, owner: Staff) -> None:
    """Renaming a custom role to another role's name is 409; to its own, in another case,
    is fine."""
    first = await create_role(client, owner, name="Intern")
    await create_role(client, owner, name="Trainee")
    url = f"{ROLES}/{first['id']}"
    assert_problem(await client.patch(url, json={"name": "trainee"}, headers=owner.headers), 409)
    renamed = await client.patch(url, json={"name": "INTERN"}, headers=owner.headers)
    assert renamed.status_code == 200
    assert renamed.json()["name"] == "INTERN"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (role_body(rank=0), "rank"),
        (role_body(rank=101), "rank"),
        (role_body(access={"contacts": {"read": "everything"}}), "access.contacts.read"),
        (role_body(access={"widgets": {"read": "all"}}), "access.widgets"),
        (role_body(access={"contacts": {"read": "own", "scope": "all"}}), "access.contacts.scope"),
        (role_body(access={"contacts": {"read": "own", "write": "team"}}), "access.contacts.write"),
        (
            role_body(access={"contacts": {"read": "all", "write": "own", "archive": "team"}}),
            "access.contacts.archive",
        ),
        (
            role_body(access={"contacts": {"read": "own", "write": "own", "archive": "mine"}}),
            "access.contacts.archive",
        ),
        ({**role_body(), "scope": "own"}, "scope"),
        (role_body(permissions=("contacts:read", "root:all")), "permissions.1"),
        (role_body(name=""), "name"),
        (role_body(name="   "), "name"),
        (role_body(id=str(uuid.uuid4())), "id"),
        (role_body(version=1), "version"),
        (role_body(is_template=True), "is_template"),
        ({"name": "Missing"}, "rank"),
        ({"name": "Missing", "rank": 5, "permissions": []}, "access"),
    ],
)
async def test_invalid_role_is_422_naming_the_field(
    client: httpx.AsyncClient, owner: Staff, body: dict[str, Any], field: str
) -> None:
    """Out-of-range ranks, unknown access levels, record kinds or permissions, write wider
    than read, archive wider than write, blank names, unknown fields (the old `scope`
    among them) and a missing `access` are 422 naming the field; nothing is created."""
    assert_problem(await client.post(ROLES, json=body, headers=owner.headers), 422, field)
    assert len((await client.get(ROLES, headers=owner.headers)).json()["items"]) == 7


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"rank": 0}, "rank"),
        ({"version": 2}, "version"),
        ({"template_key": "owner"}, "template_key"),
        ({"permissions": ["nope"]}, "permissions.0"),
        ({"access": {"contacts": {"read": "own", "write": "all"}}}, "access.contacts.write"),
        (
            {"access": {"contacts": {"read": "all", "write": "none", "archive": "own"}}},
            "access.contacts.archive",
        ),
        ({"access": {"deals": {"read": "some"}}}, "access.deals.read"),
        ({"permissions": ["contacts:read", "contacts:write"]}, "permissions"),
        ({"scope": "all"}, "scope"),
    ],
)
async def test_invalid_role_patch_is_422(
    client: httpx.AsyncClient, owner: Staff, body: dict[str, Any], field: str
) -> None:
    """PATCH refuses invalid values, write wider than read, archive wider than write,
    record permissions the role's access does not give (it reads contacts at own, writes
    none) and fields that cannot be edited, the old `scope` among them."""
    role = await create_role(client, owner)
    response = await client.patch(f"{ROLES}/{role['id']}", json=body, headers=owner.headers)
    assert_problem(response, 422, field)
    assert (await read_role(client, owner, role["id"]))["version"] == 1


@pytest.mark.parametrize(
    ("change", "permissions", "access"),
    [
        pytest.param(
            {"permissions": ["reports:read"]},
            {"contacts:read", "reports:read"},
            access_json(contacts=("own", "none")),
            id="grants",
        ),
        pytest.param(
            {"access": access_json(contacts=("all", "own", "none"), companies=("all", "none"))},
            {"contacts:read", "contacts:write", "companies:read"},
            access_json(contacts=("all", "own", "none"), companies=("all", "none")),
            id="access",
        ),
    ],
)
async def test_editing_a_role_refuses_its_holders_old_access_tokens(
    client: httpx.AsyncClient,
    owner: Staff,
    make_staff: MakeStaff,
    make_holder: MakeHolder,
    change: dict[str, Any],
    permissions: set[str],
    access: dict[str, Any],
) -> None:
    """After a role edit, of its grants or of its `access` alone, its holders' access
    tokens answer 401 on the next request, and a refresh (no new sign-in) gives one
    carrying the new permissions and access levels (`acc` claim: read, write and archive
    letters per kind, an archive level narrower than write included); others' tokens
    still work."""
    role = custom_role("Scout", 15, AccessLevel.OWN, Permission.CONTACTS_READ)
    holder = await make_holder(role, None)
    bystander = await make_staff("salesperson")
    signed_in = await login_ok(client, holder.user.email)
    bystander_tokens = await login_ok(client, bystander.user.email)

    edit = await client.patch(f"{ROLES}/{role.id}", json=change, headers=owner.headers)
    assert edit.status_code == 200, edit.text
    assert edit.json()["access"] == access

    assert_unauthenticated(await me(client, signed_in["access_token"]))
    assert (await me(client, bystander_tokens["access_token"])).status_code == 200
    rotated = await refresh(client, signed_in["refresh_token"])
    assert rotated.status_code == 200, rotated.text
    renewed = await me(client, rotated.json()["access_token"])
    assert set(renewed.json()["permissions"]) == permissions
    assert renewed.json()["access"] == access
    claims = jwt.get_unverified_claims(rotated.json()["access_token"])
    assert claims["acc"] == ",".join(
        f"{kind}:" + "".join(access[kind][action][0] for action in ("read", "write", "archive"))
        for kind in KINDS
    )


# --- Escalation through roles ----------------------------------------------------------


@pytest.mark.parametrize(
    "actor", ["advanced_access", "senior_manager", "manager", "salesperson", "storekeeper"]
)
async def test_without_roles_manage_no_role_is_created_edited_or_deleted(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff, actor: str
) -> None:
    """Roles lacking roles:manage get 403 on create, edit and delete of a role far below."""
    staff = await make_staff(actor)
    role = await create_role(client, owner, rank=1, permissions=())
    assert_problem(await client.post(ROLES, json=role_body("Mine"), headers=staff.headers), 403)
    url = f"{ROLES}/{role['id']}"
    assert_problem(await client.patch(url, json={"name": "X"}, headers=staff.headers), 403)
    assert_problem(await client.delete(url, headers=staff.headers), 403)
    assert (await read_role(client, owner, role["id"]))["version"] == 1


@pytest.mark.parametrize("rank", [90, 91, 100])
async def test_full_access_cannot_create_a_role_not_below_itself(
    client: httpx.AsyncClient, make_staff: MakeStaff, rank: int
) -> None:
    """Full access (90) creating a role of rank 90 or more is 403 naming `rank`."""
    full = await make_staff("full_access")
    response = await client.post(ROLES, json=role_body(rank=rank), headers=full.headers)
    assert_problem(response, 403, "rank")
    assert (
        await client.post(ROLES, json=role_body(rank=89), headers=full.headers)
    ).status_code == 201


async def test_owner_cannot_create_a_second_owner_level_role(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Rank 100 is not below an Owner's 100: 403."""
    response = await client.post(
        ROLES, json=role_body(rank=100, scope="all"), headers=owner.headers
    )
    assert_problem(response, 403, "rank")


async def test_custom_role_with_a_permission_the_creator_lacks_is_refused(
    client: httpx.AsyncClient, make_holder: MakeHolder
) -> None:
    """A role administrator without users:manage cannot create or widen a role to hold
    it: 403 naming `permissions`."""
    admin = await make_holder(role_admin(), None)
    refused = await client.post(
        ROLES,
        json=role_body(permissions=("contacts:read", "users:manage")),
        headers=admin.headers,
    )
    assert_problem(refused, 403, "permissions")
    assert "users:manage" in refused.json()["detail"]
    allowed = await client.post(ROLES, json=role_body(), headers=admin.headers)
    assert allowed.status_code == 201, allowed.text

    url = f"{ROLES}/{allowed.json()['id']}"
    widened = await client.patch(
        url,
        json={"permissions": ["contacts:read", "roles:manage", "users:manage"]},
        headers=admin.headers,
    )
    assert_problem(widened, 403, "permissions")
    assert (await client.get(url, headers=admin.headers)).json()["version"] == 1


async def test_custom_role_writing_what_the_creator_cannot_is_refused(
    client: httpx.AsyncClient, make_holder: MakeHolder
) -> None:
    """A role administrator who reads every contact and writes none cannot create or edit
    a role that writes contacts (even its own ones): 403 naming `access.contacts.write`,
    and the role keeps its access."""
    admin = await make_holder(role_admin(), None)
    refused = await client.post(
        ROLES,
        json=role_body(permissions=("contacts:read", "contacts:write")),
        headers=admin.headers,
    )
    assert_problem(refused, 403, "access.contacts.write")
    allowed = await client.post(ROLES, json=role_body(scope="all"), headers=admin.headers)
    assert allowed.status_code == 201, allowed.text

    url = f"{ROLES}/{allowed.json()['id']}"
    widened = await client.patch(
        url, json={"access": access_json(contacts=("all", "own"))}, headers=admin.headers
    )
    assert_problem(widened, 403, "access.contacts.write")
    assert (await client.get(url, headers=admin.headers)).json()["access"] == access_json(
        contacts=("all", "none")
    )


async def test_custom_role_reading_wider_is_refused(
    client: httpx.AsyncClient, make_holder: MakeHolder
) -> None:
    """A role administrator reading contacts of their team cannot create or edit a role
    that reads every contact: 403 naming `access.contacts.read`."""
    admin = await make_holder(role_admin("Team role admin", 60, AccessLevel.TEAM), None)
    refused = await client.post(ROLES, json=role_body(scope="all"), headers=admin.headers)
    assert_problem(refused, 403, "access.contacts.read")
    allowed = await client.post(ROLES, json=role_body(scope="team"), headers=admin.headers)
    assert allowed.status_code == 201, allowed.text
    url = f"{ROLES}/{allowed.json()['id']}"
    widened = await client.patch(
        url, json={"access": access_json(contacts=("all", "none"))}, headers=admin.headers
    )
    assert_problem(widened, 403, "access.contacts.read")
    assert (await client.get(url, headers=admin.headers)).json()["access"] == access_json(
        contacts=("team", "none")
    )


def lead_role_admin() -> Role:
    """A custom role with a Senior manager's rank, access and grants, plus roles:manage
    (the template itself has no roles:manage, so it shapes no role at all)."""
    senior = TEMPLATES_BY_KEY["senior_manager"]
    return custom_role(
        "Lead role admin",
        senior.rank,
        "team",
        *senior.grants,
        Permission.ROLES_MANAGE,
        access=senior.access,
    )


@pytest.mark.parametrize(
    ("access", "fields"),
    [
        # Archive left out follows write: all, further than the lead's team as well.
        pytest.param(
            customer_work("team", "team") | {"contacts": {"read": "all", "write": "all"}},
            {"access.contacts.write", "access.contacts.archive"},
            id="contacts-write-all",
        ),
        pytest.param(
            customer_work("team", "team")
            | {"contacts": {"read": "all", "write": "all", "archive": "team"}},
            {"access.contacts.write"},
            id="contacts-write-all-archive-team",
        ),
        pytest.param(
            customer_work("team", "team") | {"deals": {"read": "all", "write": "team"}},
            {"access.deals.read"},
            id="deals-read-all",
        ),
        pytest.param(
            uniform("all", "all"),
            {
                *(
                    f"access.{kind}.{action}"
                    for kind in DIRECTORY
                    for action in ("write", "archive")
                ),
                *(
                    f"access.{kind}.{action}"
                    for kind in WORK
                    for action in ("read", "write", "archive")
                ),
            },
            id="everything",
        ),
    ],
)
async def test_a_senior_manager_shapes_no_role_reaching_further(
    client: httpx.AsyncClient,
    make_holder: MakeHolder,
    make_team: MakeTeam,
    access: dict[str, Any],
    fields: set[str],
) -> None:
    """Someone with a Senior manager's access (and roles:manage) creating or editing a role
    that reaches further for some kind and action (archive among them: left out, it is
    as far as write) gets 403 naming exactly those `access.<kind>.<action>` fields; a
    role reaching as far as they do is fine."""
    admin = await make_holder(lead_role_admin(), await make_team("North"))
    refused = await client.post(
        ROLES, json=role_body("Too far", 40, permissions=(), access=access), headers=admin.headers
    )
    assert_problem(refused, 403)
    assert {error["field"] for error in refused.json()["errors"]} == fields

    as_far = customer_work("team", "team")
    allowed = await client.post(
        ROLES, json=role_body("As far", 40, permissions=(), access=as_far), headers=admin.headers
    )
    assert allowed.status_code == 201, allowed.text
    url = f"{ROLES}/{allowed.json()['id']}"
    widened = await client.patch(url, json={"access": access}, headers=admin.headers)
    assert_problem(widened, 403)
    assert {error["field"] for error in widened.json()["errors"]} == fields
    assert (await read_role(client, admin, allowed.json()["id"]))["access"] == as_far


async def test_a_custom_role_cannot_be_raised_to_or_above_the_editor(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """Full access may edit a role below it, but not raise its rank to 90 or more."""
    full = await make_staff("full_access")
    role = await create_role(client, owner, rank=50)
    url = f"{ROLES}/{role['id']}"
    for rank in (90, 99):
        assert_problem(await client.patch(url, json={"rank": rank}, headers=full.headers), 403)
    assert (await read_role(client, owner, role["id"]))["rank"] == 50
    ok = await client.patch(url, json={"rank": 89}, headers=full.headers)
    assert ok.status_code == 200


async def test_a_custom_role_ranked_above_the_editor_is_out_of_reach(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """A custom role of rank 95 (made by an Owner) cannot be edited or deleted by Full
    access (90), nor one of rank 90."""
    full = await make_staff("full_access")
    for rank in (95, 90):
        role = await create_role(client, owner, name=f"High {rank}", rank=rank, scope="all")
        url = f"{ROLES}/{role['id']}"
        assert_problem(await client.patch(url, json={"rank": 10}, headers=full.headers), 403)
        assert_problem(await client.delete(url, headers=full.headers), 403)
        assert (await read_role(client, owner, role["id"]))["rank"] == rank
