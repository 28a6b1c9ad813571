"""Users: staff accounts, each with one role and (usually) one team.

The rules here are the no-escalation rules applied to people: a user is created, edited
or given a role only by someone who outranks both the user and the role, nobody raises
their own role, and the last active Owner always stays."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol
from uuid import UUID, uuid4

from domain import audit, changes
from domain.access.levels import AccessLevel
from domain.access.roles import (
    OWNER_TEMPLATE,
    Permission,
    Role,
    check_may_grant,
    require,
)
from domain.audit import AuditAction
from domain.clock import utcnow
from domain.commands import UNSET, Unset, value_or
from domain.concurrency import check_version
from domain.errors import (
    Conflict,
    FieldError,
    FieldErrorCode,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from domain.pagination import Page, PageRequest
from domain.text import clean_name

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork

ENTITY = "user"


class UserKind(StrEnum):
    """A person signs in with a password; an integration is the account an API key acts
    as (domain/access/api_keys.py), never signed in to and managed only as a key."""

    PERSON = "person"
    INTEGRATION = "integration"


@dataclass
class User:
    email: str
    full_name: str
    role: Role
    team_id: UUID | None
    password_hash: str
    is_active: bool = True
    id: UUID = field(default_factory=uuid4)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    last_login_at: datetime | None = None
    version: int = 1
    # The version of the claims in this user's access tokens (domain/access/auth_sessions.py).
    security_version: int = 1
    kind: UserKind = UserKind.PERSON

    def snapshot(self) -> dict[str, object]:
        """The audited fields, as JSON values: never the password's hash. The team is
        audited with the records that follow it (`_move_records`)."""
        return {
            "email": self.email,
            "full_name": self.full_name,
            "role_id": str(self.role.id),
            "role": self.role.name,
            "is_active": self.is_active,
        }


@dataclass(frozen=True)
class NewUser:
    email: str
    full_name: str
    password: str
    role_id: UUID
    team_id: UUID | None = None


@dataclass(frozen=True)
class UserChanges:
    """A user's fields as a change gives them: UNSET ones stay as they are. Null takes
    the user out of their team; on the other fields, which cannot be empty, it too
    leaves them as they are."""

    email: str | Unset | None = UNSET
    full_name: str | Unset | None = UNSET
    password: str | Unset | None = UNSET
    role_id: UUID | Unset | None = UNSET
    team_id: UUID | Unset | None = UNSET
    is_active: bool | Unset | None = UNSET


@dataclass(frozen=True)
class UserFilter:
    team_id: UUID | None = None
    role_id: UUID | None = None
    is_active: bool | None = None
    q: str | None = None


class UserRepository(Protocol):
    async def get(self, user_id: UUID, visible_to: Principal | None = None) -> User | None:
        """With `visible_to`, a user outside that principal's scope is None."""
        ...

    async def get_by_email(self, email: str) -> User | None: ...
    async def full_names(self) -> dict[UUID, str]:
        """Every user's name by id: the staff directory, as exports show owners."""
        ...

    async def find_page(
        self, principal: Principal, filters: UserFilter, page: PageRequest
    ) -> Page[User]: ...
    async def add(self, user: User) -> None: ...
    async def update(self, user: User, expected_version: int) -> None: ...
    async def record_login(self, user_id: UUID, at: datetime) -> None:
        """Sets last_login_at without a new version: signing in is no edit of the record."""
        ...

    async def count_active_owners(self) -> int: ...
    async def count(self) -> int: ...


class PasswordHasher(Protocol):
    async def hash_new(
        self, password: str, user_inputs: Sequence[str], field: str = "password"
    ) -> str:
        """Checks the password policy (ValidationFailed naming `field`), then hashes."""
        ...

    async def verify(self, password: str, hashed: str | None) -> bool: ...


def normalize_email(email: str) -> str:
    cleaned = email.strip().lower()
    if "@" not in cleaned or cleaned.startswith("@") or cleaned.endswith("@"):
        raise ValidationFailed.on(
            "email", "is not a valid e-mail address", FieldErrorCode.INVALID_EMAIL
        )
    return cleaned


async def _role_to_grant(uow: UnitOfWork, principal: Principal | None, role_id: UUID) -> Role:
    role = await uow.roles.get(role_id)
    if role is None:
        raise ValidationFailed.on("role_id", "no such role", FieldErrorCode.NOT_FOUND)
    if principal is not None:
        check_may_grant(principal, role)
    return role


async def check_team_placement(uow: UnitOfWork, principal: Principal, team_id: UUID | None) -> None:
    if team_id is not None and await uow.teams.get(team_id) is None:
        raise ValidationFailed.on("team_id", "no such team", FieldErrorCode.NOT_FOUND)
    if principal.reach is not AccessLevel.ALL and (
        principal.team_id is None or team_id != principal.team_id
    ):
        raise PermissionDenied(
            "You can place users only in your own team.",
            [FieldError("team_id", "not your team", FieldErrorCode.NOT_ALLOWED)],
        )


async def _check_email_free(uow: UnitOfWork, email: str, user_id: UUID | None = None) -> None:
    existing = await uow.users.get_by_email(email)
    if existing is not None and existing.id != user_id:
        raise Conflict(
            "A user with this e-mail exists already.",
            [FieldError("email", "already taken", FieldErrorCode.DUPLICATE)],
        )


async def create_user(
    uow: UnitOfWork, principal: Principal, hasher: PasswordHasher, new: NewUser
) -> User:
    require(principal, Permission.USERS_MANAGE)
    role = await _role_to_grant(uow, principal, new.role_id)
    # A team-scoped administrator adds people to their own team unless told otherwise.
    team_id = new.team_id
    if team_id is None and principal.reach is not AccessLevel.ALL:
        team_id = principal.team_id
    await check_team_placement(uow, principal, team_id)
    email = normalize_email(new.email)
    full_name = clean_name(new.full_name, "full_name")
    await _check_email_free(uow, email)
    password_hash = await hasher.hash_new(new.password, [email, full_name])
    user = User(
        email=email, full_name=full_name, role=role, team_id=team_id, password_hash=password_hash
    )
    await uow.users.add(user)
    after = {**user.snapshot(), "team_id": str(team_id) if team_id else None}
    await audit.record(uow, principal, AuditAction.CREATED, ENTITY, user.id, {}, after)
    return user


async def get_user(uow: UnitOfWork, principal: Principal, user_id: UUID) -> User:
    if user_id != principal.user_id:
        require(principal, Permission.USERS_READ)
    user = await uow.users.get(user_id, visible_to=principal)
    if user is None:
        raise NotFound("User not found.")
    return user


async def list_users(
    uow: UnitOfWork, principal: Principal, filters: UserFilter, page: PageRequest
) -> Page[User]:
    require(principal, Permission.USERS_READ)
    return await uow.users.find_page(principal, filters, page)


async def update_user(
    uow: UnitOfWork,
    principal: Principal,
    hasher: PasswordHasher,
    user_id: UUID,
    changes: UserChanges,
    expected_version: int | None,
) -> User:
    is_self = user_id == principal.user_id
    if not is_self:
        # As for reading: without users:read another user is 403, whatever the id.
        require(principal, Permission.USERS_READ)
    user = await uow.users.get(user_id, visible_to=principal)
    if user is None:
        raise NotFound("User not found.")
    if user.kind is UserKind.INTEGRATION:
        # A password or an e-mail would make it an account someone signs in to.
        raise Conflict(
            f"{user.full_name} is an integration: change it through /api/v1/api-keys/{user.id}."
        )
    check_version(user.version, expected_version)
    loaded_version = user.version

    # None from here on: as it is. Only the team may be cleared.
    email = value_or(changes.email, None)
    full_name = value_or(changes.full_name, None)
    password = value_or(changes.password, None)
    role_id = value_or(changes.role_id, None)
    is_active = value_or(changes.is_active, None)
    team_given = changes.team_id is not UNSET
    team_id = value_or(changes.team_id, None)

    administrative = (
        email is not None
        or password is not None
        or role_id is not None
        or team_given
        or is_active is not None
    )
    if administrative or not is_self:
        require(principal, Permission.USERS_MANAGE)
    if not is_self and user.role.rank >= principal.rank:
        raise PermissionDenied(f"{user.full_name} does not rank below you.")

    # A new password or deactivation ends every sign-in; a new role or team changes the
    # claims access tokens carry, which a refresh then renews (domain/access/auth_sessions.py).
    sign_out = False
    claims_changed = False
    team_before = user.team_id
    before = user.snapshot()
    if full_name is not None:
        user.full_name = clean_name(full_name, "full_name")
    if email is not None:
        user.email = normalize_email(email)
        await _check_email_free(uow, user.email, user.id)
    if password is not None:
        user.password_hash = await hasher.hash_new(password, [user.email, user.full_name])
        sign_out = True
    if role_id is not None and role_id != user.role.id:
        # check_may_grant makes this a demotion when the user is the caller.
        new_role = await _role_to_grant(uow, principal, role_id)
        if user.role.is_owner and not new_role.is_owner and user.is_active:
            await _check_not_last_owner(uow)
        user.role = new_role
        claims_changed = True
    if team_given:
        await check_team_placement(uow, principal, team_id)
        user.team_id = team_id
        claims_changed = True
    if is_active is not None and is_active != user.is_active:
        if not is_active and user.role.is_owner:
            await _check_not_last_owner(uow)
        user.is_active = is_active
        if not is_active:
            sign_out = True

    user.updated_at = utcnow()
    await uow.users.update(user, loaded_version)
    after = user.snapshot()
    if password is not None:
        # That it changed, by whom and when; nothing of the password or its hash.
        after["password"] = "changed"  # noqa: S105 (a marker, not a password)
    await audit.record(uow, principal, AuditAction.UPDATED, ENTITY, user.id, before, after)
    if user.team_id != team_before:
        await _move_records(uow, principal, user, team_before)
    if sign_out:
        await uow.auth_sessions.end_all_of(user.id, utcnow())
    elif claims_changed:
        await uow.auth_sessions.claims_changed(user.id)
        user.security_version += 1
    return user


async def _move_records(
    uow: UnitOfWork, principal: Principal, user: User, team_before: UUID | None
) -> None:
    """Team scope means the owner's current team: the user's records go with them, in
    the same transaction as the move, and one audit entry says how many of each kind."""
    moved = await uow.records.follow_owner(user.id, user.team_id, user.updated_at)
    await changes.publish_moves(uow, principal, moved, team_before)
    # The old team's lead rotation no longer holds them; coming back means being listed
    # again, on purpose.
    await uow.distribution.leave_other_rotations(user.id, user.team_id)
    await audit.record(
        uow,
        principal,
        AuditAction.UPDATED,
        ENTITY,
        user.id,
        {"team_id": str(team_before) if team_before else None},
        {
            "team_id": str(user.team_id) if user.team_id else None,
            "records_moved": {kind: len(ids) for kind, ids in moved.items()},
        },
    )


async def _check_not_last_owner(uow: UnitOfWork) -> None:
    if await uow.users.count_active_owners() <= 1:
        raise Conflict(
            "This is the last active Owner. Add another Owner first, from the server's shell:"
            " crm create-user --role owner ..."
        )


async def bootstrap_owner(
    uow: UnitOfWork, hasher: PasswordHasher, email: str, full_name: str, password: str
) -> User | None:
    """The first account of a new installation: an Owner, made only while there is no
    user at all, so re-running start-up never adds another."""
    if await uow.users.count() > 0:
        return None
    return await create_user_unchecked(
        uow, hasher, NewUser(email, full_name, password, OWNER_TEMPLATE.id)
    )


async def create_user_unchecked(uow: UnitOfWork, hasher: PasswordHasher, new: NewUser) -> User:
    """For the operator's command line (`crm create-user`), which has no principal: whoever
    runs it holds the server and its database already."""
    role = await _role_to_grant(uow, None, new.role_id)
    if new.team_id is not None and await uow.teams.get(new.team_id) is None:
        raise ValidationFailed.on("team_id", "no such team", FieldErrorCode.NOT_FOUND)
    email = normalize_email(new.email)
    await _check_email_free(uow, email)
    user = User(
        email=email,
        full_name=clean_name(new.full_name, "full_name"),
        role=role,
        team_id=new.team_id,
        password_hash=await hasher.hash_new(new.password, [email, new.full_name]),
    )
    await uow.users.add(user)
    return user


def principal_of(user: User) -> Principal:
    """The principal a user acts as, from their current role (for work done on their
    behalf outside a request, such as seeding demo data)."""
    from domain.access.principal import Principal

    return Principal(
        user_id=user.id,
        role_id=user.role.id,
        rank=user.role.rank,
        permissions=user.role.permissions,
        access=user.role.access,
        team_id=user.team_id,
    )
