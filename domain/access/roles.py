"""Roles: permissions, ranks, record access, the seeded templates and the no-escalation rules.

Every permission and access level a template holds is written down here and nowhere else;
migrations keep their own frozen copies, and `GET /api/v1/roles` lists them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from domain import audit
from domain.access.levels import AccessLevel, AccessMatrix, Action, EntityAccess, RecordKind
from domain.audit import AuditAction
from domain.concurrency import check_version
from domain.errors import (
    Conflict,
    FieldError,
    FieldErrorCode,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from domain.text import clean_name

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork


class Permission(StrEnum):
    CONTACTS_READ = "contacts:read"
    CONTACTS_WRITE = "contacts:write"
    COMPANIES_READ = "companies:read"
    COMPANIES_WRITE = "companies:write"
    INTERACTIONS_READ = "interactions:read"
    INTERACTIONS_WRITE = "interactions:write"
    TASKS_READ = "tasks:read"
    TASKS_WRITE = "tasks:write"
    REQUESTS_READ = "requests:read"
    REQUESTS_WRITE = "requests:write"
    DEALS_READ = "deals:read"
    DEALS_WRITE = "deals:write"
    PIPELINES_MANAGE = "pipelines:manage"
    AUTOMATION_MANAGE = "automation:manage"
    CUSTOM_FIELDS_MANAGE = "custom_fields:manage"
    REPORTS_READ = "reports:read"
    DATA_IMPORT = "data:import"
    DATA_EXPORT = "data:export"
    AUDIT_READ = "audit:read"
    USERS_READ = "users:read"
    USERS_MANAGE = "users:manage"
    ROLES_MANAGE = "roles:manage"
    SETTINGS_MANAGE = "settings:manage"


# The permissions to read and to write each kind of record follow from the role's access
# levels (held when the level is not none); a role stores only the others, its grants.
# Archiving needs no permission of its own: it is writing, as far as the archive level.
_PERMITTING = (Action.READ, Action.WRITE)
RECORD_PERMISSIONS: dict[RecordKind, dict[Action, Permission]] = {
    kind: {action: Permission(f"{kind.value}:{action.value}") for action in _PERMITTING}
    for kind in RecordKind
}
RECORD_PERMISSION_SET = frozenset(p for pair in RECORD_PERMISSIONS.values() for p in pair.values())


def record_permissions(access: AccessMatrix) -> frozenset[Permission]:
    return frozenset(
        permission
        for kind, by_action in RECORD_PERMISSIONS.items()
        for action, permission in by_action.items()
        if access.level(kind, action) is not AccessLevel.NONE
    )


ENTITY = "role"

MIN_RANK = 1
MAX_RANK = 100


def legacy_access(scope: str, permissions: frozenset[Permission]) -> AccessMatrix:
    """The access a role had when it had one record scope (`own`, `team` or `all`) for
    reading and writing alike: that scope for each kind its permissions name."""
    level = AccessLevel(scope)
    return AccessMatrix.of(
        {
            kind: EntityAccess(
                level if by_action[Action.READ] in permissions else AccessLevel.NONE,
                level
                if {by_action[Action.READ], by_action[Action.WRITE]} <= permissions
                else AccessLevel.NONE,
            )
            for kind, by_action in RECORD_PERMISSIONS.items()
        }
    )


P = Permission
L = AccessLevel
_GRANTS = frozenset(Permission) - RECORD_PERMISSION_SET
_DIRECTORY = (RecordKind.CONTACTS, RecordKind.COMPANIES)
_WORK = (RecordKind.DEALS, RecordKind.INTERACTIONS, RecordKind.TASKS, RecordKind.REQUESTS)


def _customer_work(directory_write: AccessLevel, work: AccessLevel) -> AccessMatrix:
    """Everyone who works with customers reads the whole directory of contacts and
    companies; what they change, and which deals, requests, tasks and interactions they
    work, is `directory_write` and `work`."""
    levels = {kind: EntityAccess(L.ALL, directory_write) for kind in _DIRECTORY}
    levels.update({kind: EntityAccess(work, work) for kind in _WORK})
    return AccessMatrix.of(levels)


_EVERYTHING = AccessMatrix.uniform(L.ALL, L.ALL)


@dataclass(frozen=True)
class RoleTemplate:
    key: str
    name: str
    rank: int
    access: AccessMatrix
    grants: frozenset[Permission]
    description: str

    @property
    def permissions(self) -> frozenset[Permission]:
        return self.grants | record_permissions(self.access)

    @property
    def id(self) -> uuid.UUID:
        """Stable across installations, so seeds, tests and docs can name a template."""
        return uuid.uuid5(_TEMPLATE_NAMESPACE, self.key)


_TEMPLATE_NAMESPACE = uuid.UUID("6f1c7f53-2f0a-4c43-9a38-6a1d7b1e0c11")

ROLE_TEMPLATES: tuple[RoleTemplate, ...] = (
    RoleTemplate(
        "owner", "Owner", 100, _EVERYTHING, _GRANTS,
        "Runs the business: everything, including other administrators.",
    ),
    RoleTemplate(
        "full_access", "Full access", 90, _EVERYTHING, _GRANTS,
        "Every permission on every record; cannot manage Owners.",
    ),
    RoleTemplate(
        "advanced_access", "Advanced access", 70, _EVERYTHING,
        frozenset({P.USERS_READ, P.REPORTS_READ, P.DATA_EXPORT, P.DATA_IMPORT, P.PIPELINES_MANAGE,
                   P.CUSTOM_FIELDS_MANAGE, P.AUDIT_READ, P.SETTINGS_MANAGE}),
        "Works with all customer data and the funnel set-up; no user or role administration.",
    ),
    RoleTemplate(
        "senior_manager", "Senior manager", 50, _customer_work(L.TEAM, L.TEAM),
        frozenset({P.USERS_READ, P.REPORTS_READ, P.DATA_EXPORT, P.USERS_MANAGE}),
        "Leads a team: reads the whole directory, works the team's customers and deals, adds"
        " Managers and Salespeople to it.",
    ),
    RoleTemplate(
        "manager", "Manager", 30, _customer_work(L.OWN, L.OWN),
        frozenset({P.USERS_READ, P.REPORTS_READ}),
        "Reads the whole directory; works their own customers and deals, with reports on them.",
    ),
    RoleTemplate(
        "salesperson", "Salesperson", 20, _customer_work(L.OWN, L.OWN), frozenset({P.USERS_READ}),
        "Reads the whole directory; works their own customers and deals.",
    ),
    RoleTemplate(
        "storekeeper", "Storekeeper", 10,
        AccessMatrix.of({kind: EntityAccess(L.ALL, L.NONE) for kind in _DIRECTORY}), frozenset(),
        "Reads the catalogue of contacts and companies; changes nothing.",
    ),
)  # fmt: skip

OWNER_TEMPLATE = ROLE_TEMPLATES[0]
TEMPLATES_BY_KEY = {template.key: template for template in ROLE_TEMPLATES}


@dataclass
class Role:
    id: uuid.UUID
    name: str
    rank: int
    access: AccessMatrix
    grants: frozenset[Permission]
    description: str
    template_key: str | None
    version: int = 1

    @property
    def permissions(self) -> frozenset[Permission]:
        """What the role may do: its grants and the record permissions its access implies."""
        return self.grants | record_permissions(self.access)

    @property
    def is_template(self) -> bool:
        return self.template_key is not None

    @property
    def is_owner(self) -> bool:
        return self.template_key == OWNER_TEMPLATE.key

    def snapshot(self) -> dict[str, object]:
        """The audited fields, as JSON values."""
        return {
            "name": self.name,
            "rank": self.rank,
            "access": self.access.as_dict(),
            "permissions": sorted(p.value for p in self.permissions),
            "description": self.description,
        }


def parse_permissions(values: list[str], field_name: str = "permissions") -> frozenset[Permission]:
    known = {p.value for p in Permission}
    unknown = [
        FieldError(f"{field_name}.{i}", f"unknown permission {v!r}", FieldErrorCode.INVALID_CHOICE)
        for i, v in enumerate(values)
        if v not in known
    ]
    if unknown:
        raise ValidationFailed("Unknown permissions.", unknown)
    return frozenset(Permission(v) for v in values)


# --- Permission and escalation rules ---------------------------------------------------


def require(principal: Principal, permission: Permission) -> None:
    if not principal.has(permission):
        raise PermissionDenied(f"This needs the {permission.value!r} permission.")


def check_may_grant(principal: Principal, role: Role, field_name: str = "role_id") -> None:
    """No escalation: a role may be granted (to a user, or shaped into a custom role) only
    when it ranks strictly below the caller, holds no permission the caller lacks and
    reaches, kind by kind and for reading and writing each, no further than the caller.

    Shaping a role (`field_name` "rank") names the access levels that reach too far."""
    if role.rank >= principal.rank:
        raise PermissionDenied(
            f"Role {role.name!r} (rank {role.rank}) is not below your rank ({principal.rank}).",
            [FieldError(field_name, "rank not below your own", FieldErrorCode.NOT_ALLOWED)],
        )
    missing = sorted(p.value for p in role.grants - principal.permissions)
    if missing:
        raise PermissionDenied(
            f"Role {role.name!r} holds permissions you do not hold: {', '.join(missing)}.",
            [
                FieldError(
                    "permissions" if field_name == "rank" else field_name,
                    "grants permissions you do not hold",
                    FieldErrorCode.NOT_ALLOWED,
                )
            ],
        )
    wider = role.access.exceeding(principal.access)
    if wider:
        described = ", ".join(
            f"{action.value} {kind.value} ({role.access.level(kind, action).value},"
            f" you {principal.access.level(kind, action).value})"
            for kind, action in wider
        )
        errors = (
            [
                FieldError(
                    f"access.{kind.value}.{action.value}",
                    "reaches further than your own access",
                    FieldErrorCode.NOT_ALLOWED,
                )
                for kind, action in wider
            ]
            if field_name == "rank"
            else [
                FieldError(
                    field_name, "reaches further than your own access", FieldErrorCode.NOT_ALLOWED
                )
            ]
        )
        raise PermissionDenied(f"Role {role.name!r} reaches further than you: {described}.", errors)


def check_grants_agree(
    access: AccessMatrix, permissions: frozenset[Permission], field_name: str = "permissions"
) -> frozenset[Permission]:
    """The grants among `permissions`. Record permissions follow from the access levels;
    listing one is allowed (a role read back and sent again lists them) only where it
    agrees with `access`."""
    implied = record_permissions(access)
    contradicting = sorted(p.value for p in (permissions & RECORD_PERMISSION_SET) - implied)
    if contradicting:
        raise ValidationFailed(
            "Record permissions follow from the access levels.",
            [
                FieldError(
                    field_name,
                    f"{value} contradicts the access levels; set them in access",
                    FieldErrorCode.NOT_ALLOWED,
                )
                for value in contradicting
            ],
        )
    return permissions - RECORD_PERMISSION_SET


def check_may_manage_role(principal: Principal, role: Role) -> None:
    """Editing or deleting an existing role: only roles below the caller, never a template."""
    require(principal, Permission.ROLES_MANAGE)
    if role.rank >= principal.rank:
        raise PermissionDenied(f"Role {role.name!r} is not below your rank.")
    if role.is_template:
        raise PermissionDenied(
            f"{role.name!r} is a template; create a custom role to change permissions."
        )


def validate_rank(rank: int) -> None:
    if not MIN_RANK <= rank <= MAX_RANK:
        raise ValidationFailed.on(
            "rank",
            f"rank must be between {MIN_RANK} and {MAX_RANK}",
            FieldErrorCode.OUT_OF_RANGE,
            min=MIN_RANK,
            max=MAX_RANK,
        )


def not_found(kind: str) -> NotFound:
    return NotFound(f"{kind} not found.")


# --- Role administration ------------------------------------------------------------


class RoleRepository(Protocol):
    async def get(self, role_id: uuid.UUID) -> Role | None: ...
    async def get_by_name(self, name: str) -> Role | None: ...
    async def all(self) -> list[Role]: ...
    async def add(self, role: Role) -> None: ...
    async def update(self, role: Role, expected_version: int) -> None: ...
    async def delete(self, role: Role) -> None: ...
    async def holders(self, role_id: uuid.UUID) -> list[uuid.UUID]:
        """Ids of the users who hold the role."""
        ...


@dataclass(frozen=True)
class RoleDraft:
    name: str
    rank: int
    access: AccessMatrix
    permissions: frozenset[Permission]
    description: str = ""


@dataclass(frozen=True)
class RoleChanges:
    name: str | None = None
    rank: int | None = None
    access: AccessMatrix | None = None
    permissions: frozenset[Permission] | None = None
    description: str | None = None


async def _check_role_name_free(uow: UnitOfWork, name: str, role_id: uuid.UUID | None) -> None:
    existing = await uow.roles.get_by_name(name)
    if existing is not None and existing.id != role_id:
        raise Conflict(
            f"A role named {name!r} exists already.",
            [FieldError("name", "already taken", FieldErrorCode.DUPLICATE)],
        )


async def list_roles(uow: UnitOfWork, principal: Principal) -> list[Role]:
    return await uow.roles.all()


async def get_role(uow: UnitOfWork, principal: Principal, role_id: uuid.UUID) -> Role:
    role = await uow.roles.get(role_id)
    if role is None:
        raise not_found("Role")
    return role


async def create_role(uow: UnitOfWork, principal: Principal, draft: RoleDraft) -> Role:
    require(principal, Permission.ROLES_MANAGE)
    validate_rank(draft.rank)
    role = Role(
        id=uuid.uuid4(),
        name=clean_name(draft.name),
        rank=draft.rank,
        access=draft.access,
        grants=check_grants_agree(draft.access, draft.permissions),
        description=draft.description.strip(),
        template_key=None,
    )
    check_may_grant(principal, role, field_name="rank")
    await _check_role_name_free(uow, role.name, None)
    await uow.roles.add(role)
    await audit.record(uow, principal, AuditAction.CREATED, ENTITY, role.id, {}, role.snapshot())
    return role


async def update_role(
    uow: UnitOfWork,
    principal: Principal,
    role_id: uuid.UUID,
    changes: RoleChanges,
    expected_version: int | None,
) -> Role:
    role = await get_role(uow, principal, role_id)
    check_may_manage_role(principal, role)
    check_version(role.version, expected_version)
    loaded_version = role.version
    before = role.snapshot()
    if changes.name is not None:
        role.name = clean_name(changes.name)
        await _check_role_name_free(uow, role.name, role.id)
    if changes.rank is not None:
        validate_rank(changes.rank)
        role.rank = changes.rank
    if changes.access is not None:
        role.access = changes.access
    if changes.permissions is not None:
        role.grants = check_grants_agree(role.access, changes.permissions)
    if changes.description is not None:
        role.description = changes.description.strip()
    check_may_grant(principal, role, field_name="rank")
    await uow.roles.update(role, loaded_version)
    await audit.record(
        uow, principal, AuditAction.UPDATED, ENTITY, role.id, before, role.snapshot()
    )
    # Holders' access tokens carry the old claims: refused from now, renewed by a refresh.
    await uow.auth_sessions.claims_changed_for_role(role.id)
    return role


async def delete_role(
    uow: UnitOfWork, principal: Principal, role_id: uuid.UUID, expected_version: int | None
) -> None:
    role = await get_role(uow, principal, role_id)
    check_may_manage_role(principal, role)
    check_version(role.version, expected_version)
    if await uow.roles.holders(role.id):
        raise Conflict(f"Users still hold {role.name!r}; give them another role first.")
    await uow.roles.delete(role)
    await audit.record(uow, principal, AuditAction.DELETED, ENTITY, role.id, role.snapshot(), {})
