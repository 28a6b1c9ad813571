"""Role templates, the no-escalation rules and record scope, without a database."""

from __future__ import annotations

import itertools
import uuid

import pytest

from domain.errors import PermissionDenied
from domain.principal import Principal
from domain.roles import (
    ROLE_TEMPLATES,
    TEMPLATES_BY_KEY,
    Permission,
    RecordScope,
    Role,
    RoleTemplate,
    check_may_grant,
    check_may_manage_role,
)
from domain.scope import Visibility, can_see, visibility

P = Permission
WRITE_PERMISSIONS = {p for p in Permission if not p.value.endswith(":read")}

# The issue's table, written out by hand: key -> (name, rank, scope).
EXPECTED_TEMPLATES = {
    "owner": ("Owner", 100, RecordScope.ALL),
    "full_access": ("Full access", 90, RecordScope.ALL),
    "advanced_access": ("Advanced access", 70, RecordScope.ALL),
    "senior_manager": ("Senior manager", 50, RecordScope.TEAM),
    "manager": ("Manager", 30, RecordScope.OWN),
    "salesperson": ("Salesperson", 20, RecordScope.OWN),
    "storekeeper": ("Storekeeper", 10, RecordScope.ALL),
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
        scope=template.scope,
        team_id=team_id,
    )


def role_of(template: RoleTemplate) -> Role:
    return Role(
        id=template.id,
        name=template.name,
        rank=template.rank,
        scope=template.scope,
        permissions=template.permissions,
        description=template.description,
        template_key=template.key,
    )


def custom_role(
    rank: int,
    scope: RecordScope = RecordScope.OWN,
    permissions: frozenset[Permission] = frozenset({P.CONTACTS_READ}),
) -> Role:
    return Role(
        id=uuid.uuid4(),
        name=f"Custom {rank}",
        rank=rank,
        scope=scope,
        permissions=permissions,
        description="",
        template_key=None,
    )


# --- Template sanity -------------------------------------------------------------------


def test_templates_are_the_seven_of_the_issue() -> None:
    """Exactly the seven templates exist, with the issue's names, ranks and scopes."""
    assert {t.key: (t.name, t.rank, t.scope) for t in ROLE_TEMPLATES} == EXPECTED_TEMPLATES
    assert set(TEMPLATES_BY_KEY) == set(EXPECTED_TEMPLATES)


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
    """Advanced access has scope all but neither users:manage nor roles:manage."""
    advanced = TEMPLATES_BY_KEY["advanced_access"]
    assert advanced.scope is RecordScope.ALL
    assert P.USERS_MANAGE not in advanced.permissions
    assert P.ROLES_MANAGE not in advanced.permissions


def test_senior_manager_manages_users_of_a_team_but_not_roles() -> None:
    """Senior manager has users:manage with team scope, and no roles:manage."""
    senior = TEMPLATES_BY_KEY["senior_manager"]
    assert senior.scope is RecordScope.TEAM
    assert P.USERS_MANAGE in senior.permissions
    assert P.ROLES_MANAGE not in senior.permissions


@pytest.mark.parametrize("key", ["manager", "salesperson"])
def test_manager_and_salesperson_see_their_own_and_administer_nothing(key: str) -> None:
    """Manager and Salesperson see their own records and hold no administration permission."""
    template = TEMPLATES_BY_KEY[key]
    assert template.scope is RecordScope.OWN
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
        ("senior_manager", "storekeeper", False),  # scope all is wider than team
        ("manager", "manager", False),
        ("manager", "salesperson", True),
        ("manager", "storekeeper", False),  # scope all is wider than own
        ("salesperson", "storekeeper", False),
        ("storekeeper", "storekeeper", False),
    ],
)
def test_check_may_grant_between_templates(granter: str, grantee: str, allowed: bool) -> None:
    """A template is grantable only when it ranks below, holds nothing more, sees no wider."""
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


@pytest.mark.parametrize(
    ("own", "granted", "allowed"),
    [
        (RecordScope.OWN, RecordScope.OWN, True),
        (RecordScope.OWN, RecordScope.TEAM, False),
        (RecordScope.OWN, RecordScope.ALL, False),
        (RecordScope.TEAM, RecordScope.OWN, True),
        (RecordScope.TEAM, RecordScope.TEAM, True),
        (RecordScope.TEAM, RecordScope.ALL, False),
        (RecordScope.ALL, RecordScope.ALL, True),
    ],
)
def test_check_may_grant_refuses_a_wider_scope(
    own: RecordScope, granted: RecordScope, allowed: bool
) -> None:
    """A role never sees wider than its granter: own < team < all."""
    principal = Principal(
        user_id=uuid.uuid4(),
        role_id=uuid.uuid4(),
        rank=60,
        permissions=frozenset({P.CONTACTS_READ}),
        scope=own,
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
    check_may_grant(principal, custom_role(9, scope=RecordScope.OWN, permissions=frozenset()))


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


# --- Record scope ----------------------------------------------------------------------


def scoped(scope: RecordScope, team_id: uuid.UUID | None) -> Principal:
    return Principal(
        user_id=uuid.uuid4(),
        role_id=uuid.uuid4(),
        rank=30,
        permissions=frozenset(),
        scope=scope,
        team_id=team_id,
    )


def test_visibility_all_sees_everything() -> None:
    """Scope all yields everything=True."""
    principal = scoped(RecordScope.ALL, uuid.uuid4())
    assert visibility(principal) == Visibility(
        everything=True, team_id=None, user_id=principal.user_id
    )


def test_visibility_team_sees_the_team() -> None:
    """Scope team with a team yields that team and the user."""
    team = uuid.uuid4()
    principal = scoped(RecordScope.TEAM, team)
    assert visibility(principal) == Visibility(
        everything=False, team_id=team, user_id=principal.user_id
    )


def test_visibility_team_without_a_team_falls_back_to_own() -> None:
    """Scope team but no team: only the user's own records, no team at all."""
    principal = scoped(RecordScope.TEAM, None)
    assert visibility(principal) == Visibility(
        everything=False, team_id=None, user_id=principal.user_id
    )


def test_visibility_own_ignores_the_team() -> None:
    """Scope own never widens to the team, even when the user has one."""
    principal = scoped(RecordScope.OWN, uuid.uuid4())
    assert visibility(principal) == Visibility(
        everything=False, team_id=None, user_id=principal.user_id
    )


def test_can_see_with_scope_all() -> None:
    """Scope all sees records of other owners and other teams, and unowned ones."""
    principal = scoped(RecordScope.ALL, uuid.uuid4())
    assert can_see(principal, uuid.uuid4(), uuid.uuid4())
    assert can_see(principal, None, None)


def test_can_see_with_scope_team() -> None:
    """Scope team sees the team's records and its own, nothing of other teams."""
    team = uuid.uuid4()
    principal = scoped(RecordScope.TEAM, team)
    assert can_see(principal, uuid.uuid4(), team)
    assert can_see(principal, principal.user_id, uuid.uuid4())
    assert not can_see(principal, uuid.uuid4(), uuid.uuid4())
    assert not can_see(principal, uuid.uuid4(), None)


def test_can_see_with_scope_team_and_no_team() -> None:
    """Team scope without a team sees no teamless record of others, only its own."""
    principal = scoped(RecordScope.TEAM, None)
    assert not can_see(principal, uuid.uuid4(), None)
    assert not can_see(principal, uuid.uuid4(), uuid.uuid4())
    assert can_see(principal, principal.user_id, None)


def test_can_see_with_scope_own() -> None:
    """Scope own sees what it owns or is responsible for; not its team's other records."""
    team = uuid.uuid4()
    principal = scoped(RecordScope.OWN, team)
    assert can_see(principal, principal.user_id, None)
    assert can_see(principal, uuid.uuid4(), None, frozenset({principal.user_id}))
    assert not can_see(principal, uuid.uuid4(), team)
    assert not can_see(principal, uuid.uuid4(), None, frozenset({uuid.uuid4()}))
