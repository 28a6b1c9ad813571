"""Role templates, access levels, the no-escalation rules and record scope, without a
database."""

from __future__ import annotations

import itertools
import uuid

import pytest

from domain.access.levels import (
    AccessLevel,
    AccessMatrix,
    Action,
    EntityAccess,
    RecordKind,
    parse_access,
)
from domain.access.principal import Principal
from domain.access.roles import (
    RECORD_PERMISSION_SET,
    ROLE_TEMPLATES,
    TEMPLATES_BY_KEY,
    Permission,
    Role,
    RoleTemplate,
    check_grants_agree,
    check_may_grant,
    check_may_manage_role,
    legacy_access,
)
from domain.access.scope import (
    Visibility,
    can_archive,
    can_change,
    can_see,
    check_may_archive,
    visibility,
)
from domain.errors import PermissionDenied, ValidationFailed

P = Permission
L = AccessLevel
K = RecordKind
WRITE_PERMISSIONS = {p for p in Permission if not p.value.endswith(":read")}
DIRECTORY = (K.CONTACTS, K.COMPANIES)
WORK = (K.DEALS, K.INTERACTIONS, K.TASKS, K.REQUESTS)

# The issue's table, written out by hand: key -> (name, rank, directory
# read/write/archive, work read/write/archive), where the directory is contacts and
# companies and the work is deals, interactions, tasks and requests. No template archives
# less than it writes.
EXPECTED_TEMPLATES = {
    "owner": ("Owner", 100, (L.ALL, L.ALL, L.ALL), (L.ALL, L.ALL, L.ALL)),
    "full_access": ("Full access", 90, (L.ALL, L.ALL, L.ALL), (L.ALL, L.ALL, L.ALL)),
    "advanced_access": ("Advanced access", 70, (L.ALL, L.ALL, L.ALL), (L.ALL, L.ALL, L.ALL)),
    "senior_manager": ("Senior manager", 50, (L.ALL, L.TEAM, L.TEAM), (L.TEAM, L.TEAM, L.TEAM)),
    "manager": ("Manager", 30, (L.ALL, L.OWN, L.OWN), (L.OWN, L.OWN, L.OWN)),
    "salesperson": ("Salesperson", 20, (L.ALL, L.OWN, L.OWN), (L.OWN, L.OWN, L.OWN)),
    "storekeeper": ("Storekeeper", 10, (L.ALL, L.NONE, L.NONE), (L.NONE, L.NONE, L.NONE)),
}


def principal_of(
    template: RoleTemplate | Role,
    team_id: uuid.UUID | None = None,
    user_id: uuid.UUID | None = None,
) -> Principal:
    return Principal(
        user_id=user_id or uuid.uuid4(),
        role_id=template.id,
        rank=template.rank,
        permissions=template.permissions,
        access=template.access,
        team_id=team_id,
    )


def role_of(template: RoleTemplate) -> Role:
    return Role(
        id=template.id,
        name=template.name,
        rank=template.rank,
        access=template.access,
        grants=template.grants,
        description=template.description,
        template_key=template.key,
    )


def custom_role(
    rank: int,
    scope: AccessLevel = L.OWN,
    permissions: frozenset[Permission] = frozenset({P.CONTACTS_READ}),
) -> Role:
    """A role with `scope` for reading and writing each kind `permissions` name."""
    return Role(
        id=uuid.uuid4(),
        name=f"Custom {rank}",
        rank=rank,
        access=legacy_access(scope, permissions),
        grants=permissions - RECORD_PERMISSION_SET,
        description="",
        template_key=None,
    )


# --- Template sanity -------------------------------------------------------------------


def test_templates_are_the_seven_of_the_issue() -> None:
    """Exactly the seven templates exist, with the issue's names, ranks and access levels:
    the same levels for both directory kinds and for all four kinds of work, archiving as
    far as writing."""
    for key, (name, rank, directory, work) in EXPECTED_TEMPLATES.items():
        template = TEMPLATES_BY_KEY[key]
        assert (template.name, template.rank) == (name, rank)
        for kind in DIRECTORY:
            assert template.access[kind] == EntityAccess(*directory), (key, kind)
            assert template.access.level(kind, Action.ARCHIVE) is directory[2], (key, kind)
        for kind in WORK:
            assert template.access[kind] == EntityAccess(*work), (key, kind)
            assert template.access.level(kind, Action.ARCHIVE) is work[2], (key, kind)
    assert [t.key for t in ROLE_TEMPLATES] == list(EXPECTED_TEMPLATES)


def test_everyone_who_works_with_customers_reads_the_whole_directory() -> None:
    """Every template reads all contacts and all companies: one customer database."""
    for template in ROLE_TEMPLATES:
        for kind in DIRECTORY:
            assert template.access.level(kind, Action.READ) is L.ALL, template.key


def test_template_ranks_strictly_decrease_and_are_distinct() -> None:
    """Templates are listed from the highest rank down, no two sharing a rank."""
    ranks = [t.rank for t in ROLE_TEMPLATES]
    assert len(set(ranks)) == len(ranks)
    assert all(a > b for a, b in itertools.pairwise(ranks))


def test_template_ids_are_stable_and_distinct() -> None:
    """Each template has a distinct id that does not change between calls."""
    ids = [t.id for t in ROLE_TEMPLATES]
    assert len(set(ids)) == len(ids)
    assert [t.id for t in ROLE_TEMPLATES] == ids


def test_owner_and_full_access_hold_every_permission() -> None:
    """Owner (and Full access) hold every Permission there is."""
    assert TEMPLATES_BY_KEY["owner"].permissions == frozenset(Permission)
    assert TEMPLATES_BY_KEY["full_access"].permissions == frozenset(Permission)


def test_advanced_access_administers_neither_users_nor_roles() -> None:
    """Advanced access reaches all records but has neither users:manage nor roles:manage."""
    advanced = TEMPLATES_BY_KEY["advanced_access"]
    assert advanced.access == AccessMatrix.uniform(L.ALL, L.ALL)
    assert P.USERS_MANAGE not in advanced.permissions
    assert P.ROLES_MANAGE not in advanced.permissions


def test_senior_manager_manages_users_of_a_team_but_not_roles() -> None:
    """Senior manager has users:manage, works at team level, and has no roles:manage."""
    senior = TEMPLATES_BY_KEY["senior_manager"]
    assert senior.access.widest(Action.WRITE) is L.TEAM
    assert P.USERS_MANAGE in senior.permissions
    assert P.ROLES_MANAGE not in senior.permissions


@pytest.mark.parametrize("key", ["manager", "salesperson"])
def test_manager_and_salesperson_see_their_own_and_administer_nothing(key: str) -> None:
    """Manager and Salesperson change only their own records and administer nothing."""
    template = TEMPLATES_BY_KEY[key]
    assert template.access.widest(Action.WRITE) is L.OWN
    assert not template.permissions & {P.USERS_MANAGE, P.ROLES_MANAGE}


def test_storekeeper_reads_contacts_and_companies_only() -> None:
    """Storekeeper holds exactly contacts:read and companies:read, so no write permission."""
    storekeeper = TEMPLATES_BY_KEY["storekeeper"]
    assert storekeeper.permissions == {P.CONTACTS_READ, P.COMPANIES_READ}
    assert not storekeeper.permissions & WRITE_PERMISSIONS


def test_lower_templates_hold_no_permission_a_higher_template_lacks_within_its_line() -> None:
    """Senior manager > Manager > Salesperson: each holds what the one below holds."""
    senior, manager, sales = (
        TEMPLATES_BY_KEY[k].permissions for k in ("senior_manager", "manager", "salesperson")
    )
    assert sales <= manager <= senior


# --- check_may_grant -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("granter", "grantee", "allowed"),
    [
        # rank, permissions and scope must all fit under the granter
        ("owner", "owner", False),
        ("owner", "full_access", True),
        ("owner", "storekeeper", True),
        ("full_access", "full_access", False),
        ("full_access", "owner", False),
        ("full_access", "advanced_access", True),
        ("full_access", "storekeeper", True),
        ("advanced_access", "senior_manager", False),  # users:manage not held
        ("advanced_access", "manager", True),
        ("advanced_access", "storekeeper", True),
        ("senior_manager", "senior_manager", False),
        ("senior_manager", "owner", False),
        ("senior_manager", "full_access", False),
        ("senior_manager", "advanced_access", False),
        ("senior_manager", "manager", True),
        ("senior_manager", "salesperson", True),
        ("senior_manager", "storekeeper", True),  # reads the directory, as the lead does
        ("manager", "manager", False),
        ("manager", "salesperson", True),
        ("manager", "storekeeper", True),
        ("salesperson", "storekeeper", True),
        ("storekeeper", "salesperson", False),
        ("storekeeper", "storekeeper", False),
    ],
)
def test_check_may_grant_between_templates(granter: str, grantee: str, allowed: bool) -> None:
    """A template is grantable only when it ranks below, holds nothing more and reaches no
    further, kind by kind."""
    principal = principal_of(TEMPLATES_BY_KEY[granter])
    role = role_of(TEMPLATES_BY_KEY[grantee])
    if allowed:
        check_may_grant(principal, role)
    else:
        with pytest.raises(PermissionDenied):
            check_may_grant(principal, role)


def test_check_may_grant_refuses_an_equal_rank() -> None:
    """A role of exactly the caller's rank is refused, naming the field given."""
    principal = principal_of(TEMPLATES_BY_KEY["full_access"])
    with pytest.raises(PermissionDenied) as caught:
        check_may_grant(principal, custom_role(90), field_name="rank")
    assert [e.field for e in caught.value.errors] == ["rank"]


def test_check_may_grant_refuses_a_permission_the_caller_lacks() -> None:
    """A lower role with one permission the caller lacks is refused, naming it."""
    principal = principal_of(TEMPLATES_BY_KEY["advanced_access"])
    role = custom_role(5, permissions=frozenset({P.CONTACTS_READ, P.USERS_MANAGE}))
    with pytest.raises(PermissionDenied) as caught:
        check_may_grant(principal, role)
    assert "users:manage" in caught.value.detail
    assert [e.field for e in caught.value.errors] == ["role_id"]


def test_shaping_a_role_names_each_level_that_reaches_too_far() -> None:
    """A Senior manager shaping a role that writes (and so archives) all contacts and
    reads all deals is refused on exactly those three levels, each named as a field; one
    writing all contacts but archiving only the team's, on the write level alone."""
    principal = principal_of(TEMPLATES_BY_KEY["senior_manager"])
    role = custom_role(5)
    role.access = AccessMatrix.of(
        {K.CONTACTS: EntityAccess(L.ALL, L.ALL), K.DEALS: EntityAccess(L.ALL, L.TEAM)}
    )
    with pytest.raises(PermissionDenied) as caught:
        check_may_grant(principal, role, field_name="rank")
    assert [e.field for e in caught.value.errors] == [
        "access.contacts.write",
        "access.contacts.archive",
        "access.deals.read",
    ]
    role.access = AccessMatrix.of({K.CONTACTS: EntityAccess(L.ALL, L.ALL, L.TEAM)})
    with pytest.raises(PermissionDenied) as caught:
        check_may_grant(principal, role, field_name="rank")
    assert [e.field for e in caught.value.errors] == ["access.contacts.write"]


def test_shaping_a_role_archiving_further_than_oneself_is_refused() -> None:
    """A caller who writes their own contacts but archives none may grant a role writing
    own contacts only if it archives none too: archiving own is refused, named
    `access.contacts.archive` (a role's archive level is compared like read and write)."""
    principal = Principal(
        user_id=uuid.uuid4(),
        role_id=uuid.uuid4(),
        rank=60,
        permissions=frozenset({P.CONTACTS_READ, P.CONTACTS_WRITE}),
        access=AccessMatrix.of({K.CONTACTS: EntityAccess(L.ALL, L.OWN, L.NONE)}),
        team_id=None,
    )
    role = custom_role(10)
    role.access = AccessMatrix.of({K.CONTACTS: EntityAccess(L.ALL, L.OWN)})
    with pytest.raises(PermissionDenied) as caught:
        check_may_grant(principal, role, field_name="rank")
    assert [e.field for e in caught.value.errors] == ["access.contacts.archive"]
    role.access = AccessMatrix.of({K.CONTACTS: EntityAccess(L.ALL, L.OWN, L.NONE)})
    check_may_grant(principal, role, field_name="rank")


@pytest.mark.parametrize(
    ("own", "granted", "allowed"),
    [
        (L.OWN, L.OWN, True),
        (L.OWN, L.TEAM, False),
        (L.OWN, L.ALL, False),
        (L.TEAM, L.OWN, True),
        (L.TEAM, L.TEAM, True),
        (L.TEAM, L.ALL, False),
        (L.ALL, L.ALL, True),
    ],
)
def test_check_may_grant_refuses_a_wider_level(
    own: AccessLevel, granted: AccessLevel, allowed: bool
) -> None:
    """A role never reads further than its granter: none < own < team < all."""
    access = AccessMatrix.of({K.CONTACTS: EntityAccess(own, L.NONE)})
    principal = Principal(
        user_id=uuid.uuid4(),
        role_id=uuid.uuid4(),
        rank=60,
        permissions=frozenset({P.CONTACTS_READ}),
        access=access,
        team_id=None,
    )
    role = custom_role(10, scope=granted)
    if allowed:
        check_may_grant(principal, role)
    else:
        with pytest.raises(PermissionDenied):
            check_may_grant(principal, role)


def test_check_may_grant_accepts_a_role_with_no_permissions() -> None:
    """An empty role below the caller is grantable by anyone with a rank above it."""
    principal = principal_of(TEMPLATES_BY_KEY["storekeeper"])
    check_may_grant(principal, custom_role(9, scope=L.OWN, permissions=frozenset()))


# --- check_may_manage_role -------------------------------------------------------------


def test_check_may_manage_role_allows_a_lower_custom_role() -> None:
    """An Owner may edit a custom role ranked below them."""
    check_may_manage_role(principal_of(TEMPLATES_BY_KEY["owner"]), custom_role(50))


@pytest.mark.parametrize("key", [t.key for t in ROLE_TEMPLATES])
def test_check_may_manage_role_refuses_every_template(key: str) -> None:
    """No template can be edited or deleted, not even by an Owner."""
    with pytest.raises(PermissionDenied):
        check_may_manage_role(
            principal_of(TEMPLATES_BY_KEY["owner"]), role_of(TEMPLATES_BY_KEY[key])
        )


@pytest.mark.parametrize("rank", [90, 95])
def test_check_may_manage_role_refuses_a_custom_role_not_below(rank: int) -> None:
    """Full access cannot manage a custom role of rank equal to or above 90."""
    with pytest.raises(PermissionDenied):
        check_may_manage_role(principal_of(TEMPLATES_BY_KEY["full_access"]), custom_role(rank))


@pytest.mark.parametrize("key", ["advanced_access", "senior_manager", "manager", "storekeeper"])
def test_check_may_manage_role_needs_roles_manage(key: str) -> None:
    """Without roles:manage, even a custom role far below is out of reach."""
    with pytest.raises(PermissionDenied) as caught:
        check_may_manage_role(principal_of(TEMPLATES_BY_KEY[key]), custom_role(1))
    assert "roles:manage" in caught.value.detail


# --- Access levels -------------------------------------------------------------------


def test_the_access_claim_round_trips_and_refuses_anything_else() -> None:
    """`compact` and `from_compact` are inverses, three letters per kind (read, write,
    archive), an archive level narrower than write included; the two-letter form from
    before the archive level (tokens and queued imports of then) reads as archive =
    write; a claim missing a kind, with an unknown letter, or four letters per kind is a
    ValueError."""
    for template in ROLE_TEMPLATES:
        assert AccessMatrix.from_compact(template.access.compact()) == template.access
    assert TEMPLATES_BY_KEY["salesperson"].access.compact() == (
        "contacts:aoo,companies:aoo,deals:ooo,interactions:ooo,tasks:ooo,requests:ooo"
    )
    narrower = AccessMatrix.of(
        {
            K.CONTACTS: EntityAccess(L.ALL, L.OWN, L.NONE),
            K.COMPANIES: EntityAccess(L.ALL, L.TEAM, L.OWN),
            K.DEALS: EntityAccess(L.TEAM, L.TEAM),
        }
    )
    claim = narrower.compact()
    assert claim == "contacts:aon,companies:ato,deals:ttt,interactions:nnn,tasks:nnn,requests:nnn"
    assert AccessMatrix.from_compact(claim) == narrower
    assert AccessMatrix.from_compact(claim).level(K.CONTACTS, Action.ARCHIVE) is L.NONE
    older = AccessMatrix.from_compact(
        "contacts:ao,companies:ao,deals:oo,interactions:oo,tasks:oo,requests:oo"
    )
    assert older == TEMPLATES_BY_KEY["salesperson"].access
    for bad in ("", "contacts:aaa", "contacts:aax,companies:aaa,deals:aaa,interactions:aaa,"
                "tasks:aaa,requests:aaa", "planets:aaa",
                "contacts:aooo,companies:aoo,deals:ooo,interactions:ooo,tasks:ooo,"
                "requests:ooo"):  # fmt: skip
        with pytest.raises((ValueError, KeyError)):
            AccessMatrix.from_compact(bad)


def test_archive_follows_write_unless_given() -> None:
    """An entity's archive level, not given, is its write level; given, it is kept. The
    matrix as JSON always shows it."""
    assert EntityAccess(L.ALL, L.OWN).archive is L.OWN
    assert EntityAccess(L.ALL, L.OWN) == EntityAccess(L.ALL, L.OWN, L.OWN)
    assert EntityAccess(L.ALL, L.OWN, L.NONE).level(Action.ARCHIVE) is L.NONE
    assert EntityAccess(L.ALL, L.OWN, L.NONE) != EntityAccess(L.ALL, L.OWN)
    matrix = AccessMatrix.of({K.CONTACTS: EntityAccess(L.ALL, L.TEAM, L.OWN)})
    assert matrix.as_dict()["contacts"] == {"read": "all", "write": "team", "archive": "own"}
    assert matrix.as_dict()["deals"] == {"read": "none", "write": "none", "archive": "none"}
    assert matrix.widest(Action.ARCHIVE) is L.OWN


def test_parse_access_refuses_write_wider_than_read_and_unknown_values() -> None:
    """Write reaching further than read, an unknown level and an unknown kind are each
    named as a field; kinds left out get none."""
    with pytest.raises(ValidationFailed) as caught:
        parse_access(
            {
                "contacts": {"read": "own", "write": "all"},
                "deals": {"read": "galaxy", "write": "none"},
                "planets": {"read": "all", "write": "all"},
            }
        )
    assert [e.field for e in caught.value.errors] == [
        "access.contacts.write",
        "access.deals.read",
        "access.planets",
    ]
    parsed = parse_access({"tasks": {"read": "team", "write": "own"}})
    assert parsed[K.TASKS] == EntityAccess(L.TEAM, L.OWN)
    assert parsed[K.CONTACTS] == EntityAccess(L.NONE, L.NONE)


def test_parse_access_takes_archive_as_far_as_write_and_no_further() -> None:
    """Archive left out is as far as write; narrower is kept; wider than write is refused
    naming `access.<kind>.archive`, an unknown archive level too. The JSON form (archive
    always shown) parses back to the same matrix."""
    parsed = parse_access(
        {
            "contacts": {"read": "all", "write": "team"},
            "deals": {"read": "team", "write": "team", "archive": "own"},
            "tasks": {"read": "own", "write": "own", "archive": "none"},
            "requests": {"read": "all", "write": "all", "archive": "all"},
        }
    )
    assert parsed[K.CONTACTS] == EntityAccess(L.ALL, L.TEAM, L.TEAM)
    assert parsed[K.DEALS] == EntityAccess(L.TEAM, L.TEAM, L.OWN)
    assert parsed[K.TASKS] == EntityAccess(L.OWN, L.OWN, L.NONE)
    assert parsed[K.REQUESTS] == EntityAccess(L.ALL, L.ALL, L.ALL)
    assert parsed[K.INTERACTIONS] == parsed[K.COMPANIES] == EntityAccess(L.NONE, L.NONE, L.NONE)
    assert parse_access(parsed.as_dict()) == parsed

    with pytest.raises(ValidationFailed) as caught:
        parse_access(
            {
                "contacts": {"read": "all", "write": "own", "archive": "team"},
                "companies": {"read": "all", "write": "none", "archive": "own"},
                "deals": {"read": "own", "write": "own", "archive": "forever"},
                "tasks": {"read": "own", "write": "own", "archive": "own"},
            }
        )
    assert [e.field for e in caught.value.errors] == [
        "access.contacts.archive",
        "access.companies.archive",
        "access.deals.archive",
    ]


def test_archiving_needs_no_permission_of_its_own() -> None:
    """A role writing its own contacts and archiving none holds contacts:write all the
    same: the record permissions follow read and write only."""
    access = AccessMatrix.of({K.CONTACTS: EntityAccess(L.ALL, L.OWN, L.NONE)})
    role = custom_role(5)
    role.access = access
    assert role.permissions & RECORD_PERMISSION_SET == {P.CONTACTS_READ, P.CONTACTS_WRITE}
    assert not any(p.value.endswith(":archive") for p in Permission)


def test_record_permissions_follow_from_the_levels() -> None:
    """A role reading contacts at any level holds contacts:read; writing them,
    contacts:write; a level of none holds neither."""
    store = TEMPLATES_BY_KEY["storekeeper"]
    assert store.permissions == {P.CONTACTS_READ, P.COMPANIES_READ}
    sales = TEMPLATES_BY_KEY["salesperson"]
    assert {P.CONTACTS_WRITE, P.DEALS_READ, P.DEALS_WRITE} <= sales.permissions


def test_listed_record_permissions_must_agree_with_the_levels() -> None:
    """Sending back a role's permissions with its access is fine; listing a record
    permission the levels do not give is refused."""
    access = AccessMatrix.of({K.CONTACTS: EntityAccess(L.ALL, L.NONE)})
    assert check_grants_agree(access, frozenset({P.CONTACTS_READ, P.REPORTS_READ})) == {
        P.REPORTS_READ
    }
    with pytest.raises(ValidationFailed):
        check_grants_agree(access, frozenset({P.CONTACTS_WRITE}))


def test_a_role_of_one_scope_keeps_exactly_what_it_had() -> None:
    """An old custom role (team scope, reading and writing contacts, reading deals) keeps
    team for contacts both ways, team for reading deals, and none elsewhere."""
    access = legacy_access("team", frozenset({P.CONTACTS_READ, P.CONTACTS_WRITE, P.DEALS_READ}))
    assert access[K.CONTACTS] == EntityAccess(L.TEAM, L.TEAM)
    assert access[K.DEALS] == EntityAccess(L.TEAM, L.NONE)
    assert access[K.TASKS] == EntityAccess(L.NONE, L.NONE)


# --- Record scope ----------------------------------------------------------------------


def scoped(
    level: AccessLevel, team_id: uuid.UUID | None, write: AccessLevel | None = None
) -> Principal:
    return Principal(
        user_id=uuid.uuid4(),
        role_id=uuid.uuid4(),
        rank=30,
        permissions=frozenset(),
        access=AccessMatrix.uniform(level, write or level),
        team_id=team_id,
    )


def test_visibility_all_sees_everything() -> None:
    """Level all yields everything=True."""
    principal = scoped(L.ALL, uuid.uuid4())
    assert visibility(principal, K.CONTACTS) == Visibility(
        everything=True, team_id=None, user_id=principal.user_id
    )


def test_visibility_team_sees_the_team() -> None:
    """Level team with a team yields that team and the user."""
    team = uuid.uuid4()
    principal = scoped(L.TEAM, team)
    assert visibility(principal, K.DEALS) == Visibility(
        everything=False, team_id=team, user_id=principal.user_id
    )


def test_visibility_team_without_a_team_falls_back_to_own() -> None:
    """Level team but no team: only the user's own records, no team at all."""
    principal = scoped(L.TEAM, None)
    assert visibility(principal, K.DEALS) == Visibility(
        everything=False, team_id=None, user_id=principal.user_id
    )


def test_visibility_own_ignores_the_team() -> None:
    """Level own never widens to the team, even when the user has one."""
    principal = scoped(L.OWN, uuid.uuid4())
    assert visibility(principal, K.TASKS) == Visibility(
        everything=False, team_id=None, user_id=principal.user_id
    )


def test_visibility_none_sees_nothing_not_even_its_own() -> None:
    """Level none sees nothing."""
    principal = scoped(L.NONE, uuid.uuid4())
    assert visibility(principal, K.TASKS).nothing
    assert not can_see(principal, K.TASKS, principal.user_id, None)


def test_can_see_with_level_all() -> None:
    """Level all sees records of other owners and other teams, and unowned ones."""
    principal = scoped(L.ALL, uuid.uuid4())
    assert can_see(principal, K.CONTACTS, uuid.uuid4(), uuid.uuid4())
    assert can_see(principal, K.CONTACTS, None, None)


def test_can_see_with_level_team() -> None:
    """Level team sees the team's records and its own, nothing of other teams."""
    team = uuid.uuid4()
    principal = scoped(L.TEAM, team)
    assert can_see(principal, K.DEALS, uuid.uuid4(), team)
    assert can_see(principal, K.DEALS, principal.user_id, uuid.uuid4())
    assert not can_see(principal, K.DEALS, uuid.uuid4(), uuid.uuid4())
    assert not can_see(principal, K.DEALS, uuid.uuid4(), None)


def test_can_see_with_level_team_and_no_team() -> None:
    """Team level without a team sees no teamless record of others, only its own."""
    principal = scoped(L.TEAM, None)
    assert not can_see(principal, K.DEALS, uuid.uuid4(), None)
    assert not can_see(principal, K.DEALS, uuid.uuid4(), uuid.uuid4())
    assert can_see(principal, K.DEALS, principal.user_id, None)


def test_can_see_with_level_own() -> None:
    """Level own sees what it owns or is responsible for; not its team's other records."""
    team = uuid.uuid4()
    principal = scoped(L.OWN, team)
    assert can_see(principal, K.TASKS, principal.user_id, None)
    assert can_see(principal, K.TASKS, uuid.uuid4(), None, frozenset({principal.user_id}))
    assert not can_see(principal, K.TASKS, uuid.uuid4(), team)
    assert not can_see(principal, K.TASKS, uuid.uuid4(), None, frozenset({uuid.uuid4()}))


def test_archiving_reaches_no_further_than_the_archive_level() -> None:
    """A role writing its team's records and archiving its own: a teammate's record is
    changed but not archived (403 from check_may_archive); its own is both. Being the
    record's assignee or participant counts for changing, not for archiving."""
    team = uuid.uuid4()
    principal = Principal(
        user_id=uuid.uuid4(),
        role_id=uuid.uuid4(),
        rank=30,
        permissions=frozenset(),
        access=AccessMatrix.of({kind: EntityAccess(L.TEAM, L.TEAM, L.OWN) for kind in K}),
        team_id=team,
    )
    teammate = uuid.uuid4()
    assert visibility(principal, K.CONTACTS, Action.ARCHIVE) == Visibility(
        everything=False, team_id=None, user_id=principal.user_id
    )
    assert can_change(principal, K.CONTACTS, teammate, team)
    assert not can_archive(principal, K.CONTACTS, teammate, team)
    with pytest.raises(PermissionDenied) as caught:
        check_may_archive(principal, K.CONTACTS, teammate, team)
    assert "your own contacts" in caught.value.detail
    assert can_archive(principal, K.CONTACTS, principal.user_id, team)
    check_may_archive(principal, K.CONTACTS, principal.user_id, team)

    stranger = uuid.uuid4()
    mine = frozenset({principal.user_id})
    assert can_change(principal, K.TASKS, stranger, uuid.uuid4(), mine)
    assert not can_archive(principal, K.TASKS, stranger, uuid.uuid4())


def test_archive_level_none_archives_nothing_not_even_ones_own() -> None:
    """Writing own and archiving none: one's own record is changed, never archived."""
    principal = Principal(
        user_id=uuid.uuid4(),
        role_id=uuid.uuid4(),
        rank=30,
        permissions=frozenset(),
        access=AccessMatrix.of({K.CONTACTS: EntityAccess(L.ALL, L.OWN, L.NONE)}),
        team_id=None,
    )
    assert visibility(principal, K.CONTACTS, Action.ARCHIVE).nothing
    assert can_change(principal, K.CONTACTS, principal.user_id, None)
    assert not can_archive(principal, K.CONTACTS, principal.user_id, None)
    with pytest.raises(PermissionDenied) as caught:
        check_may_archive(principal, K.CONTACTS, principal.user_id, None)
    assert "no contacts" in caught.value.detail


def test_reading_all_and_writing_own_sets_read_and_write_apart() -> None:
    """ "Read all, write own": a colleague's record is seen but not changed; one's own is
    both."""
    principal = scoped(L.ALL, uuid.uuid4(), write=L.OWN)
    colleague = uuid.uuid4()
    assert can_see(principal, K.CONTACTS, colleague, None)
    assert not can_change(principal, K.CONTACTS, colleague, None)
    assert can_change(principal, K.CONTACTS, principal.user_id, None)
