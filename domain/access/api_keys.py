"""API keys: how an integration (an ERP, a website's form, telephony) signs in (issue 18).

The design: every key is the credential of an account of its own, a `users` row of kind
`integration` (domain/access/users.py, `UserKind`), and the key's id *is* that account's
id. The integration is named (the account's full name), holds one role and may sit in a
team, exactly as a person does. So everything that already follows the caller works
unchanged for a key: records it creates are owned by it (`owner_id`), the audit trail and
the change feed name it as their actor (`actor_id`, shown with its name), and record
scope (own/team/all) and permissions come from its role through the same `Principal`.
A separate kind of principal would have needed a second answer in every one of those
places (owner columns are foreign keys to users; the trail joins actors to users); a
second-class user row needs only to be kept out of what is about people: it never signs
in with a password (auth/sessions.py), is not listed among users, and is changed only as
a key (PATCH /users refuses it).

The rules are the users' no-escalation rules: whoever holds `users:manage` creates a key
only with a role ranked strictly below their own that holds no permission and reaches no
further than they do (`check_may_grant`), and manages (changes, revokes) only keys within
their reach (404 otherwise) whose role ranks below their own (403 otherwise). A key that
holds `users:manage` is bound by the same rules as anyone, so it never mints a key as
strong as itself.

The secret is made and hashed by auth/api_keys.py and shown once, in the answer to its
creation; here only its public id (for lookup) and hash are kept. A key is checked
against the database on every request (`ApiKeyStateReader`), so revoking it, letting it
expire, or changing its role takes effect on the very next request, in every process.
Its last use (time and client address) is written at most once a minute, so a busy key
does not turn every read into a write."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol
from uuid import UUID

from domain import audit
from domain.access.levels import AccessLevel
from domain.access.roles import Permission, Role, check_may_grant, require
from domain.access.users import User, UserKind, check_team_placement
from domain.audit import AuditAction
from domain.clock import utcnow
from domain.commands import UNSET, Unset
from domain.concurrency import check_version
from domain.errors import (
    Conflict,
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

ENTITY = "api_key"
# An integration's account never signs in with a password: no hash matches this.
NO_PASSWORD = "!api-key"  # noqa: S105 (a marker, not a password)
# Integration accounts need a unique e-mail like any user; this domain is reserved
# (RFC 2606) and never delivers, and the key's public id makes it unique.
ACCOUNT_EMAIL_DOMAIN = "api-keys.invalid"
# A key's last use is written at most this often (and only when a request uses it).
LAST_USED_EVERY = timedelta(minutes=1)
# The most requests a minute a key may be given: far past any integration's need, and a
# bound that keeps a typo from switching the limit off.
MAX_REQUESTS_PER_MINUTE = 100_000


class KeyStatus(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


@dataclass
class ApiKey:
    # The integration the key signs in: its name, role and team.
    account: User
    # The part of the key, after its prefix, that finds it; not secret.
    public_id: str
    secret_hash: str
    created_by: UUID | None
    expires_at: datetime | None = None
    # Its own rate limit; None: the server's default for keys.
    requests_per_minute: int | None = None
    revoked_at: datetime | None = None
    last_used_at: datetime | None = None
    last_used_address: str | None = None
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    version: int = 1

    @property
    def id(self) -> UUID:
        return self.account.id

    @property
    def name(self) -> str:
        return self.account.full_name

    @property
    def role(self) -> Role:
        return self.account.role

    @property
    def team_id(self) -> UUID | None:
        return self.account.team_id

    @property
    def status(self) -> KeyStatus:
        if self.revoked_at is not None:
            return KeyStatus.REVOKED
        if self.expires_at is not None and self.expires_at <= utcnow():
            return KeyStatus.EXPIRED
        return KeyStatus.ACTIVE

    def snapshot(self) -> dict[str, object]:
        """The audited fields, as JSON values: never the secret or its hash."""
        return {
            "name": self.name,
            "role_id": str(self.role.id),
            "role": self.role.name,
            "team_id": str(self.team_id) if self.team_id else None,
            "public_id": self.public_id,
            "expires_at": self.expires_at.isoformat() if self.expires_at else None,
            "requests_per_minute": self.requests_per_minute,
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
        }


@dataclass(frozen=True)
class IssuedSecret:
    """What auth/api_keys.py made for a new key: the key as the integration sends it
    (shown once), and what is stored of it."""

    key: str
    public_id: str
    secret_hash: str


@dataclass(frozen=True)
class NewApiKey:
    name: str
    role_id: UUID
    team_id: UUID | None = None
    expires_at: datetime | None = None
    requests_per_minute: int | None = None


@dataclass(frozen=True)
class ApiKeyChanges:
    """UNSET: as it is. `expires_at: null` makes the key never expire and
    `requests_per_minute: null` gives it the server's default; null on the other fields,
    which cannot be empty, leaves them as they are."""

    name: str | Unset | None = UNSET
    role_id: UUID | Unset | None = UNSET
    expires_at: datetime | Unset | None = UNSET
    requests_per_minute: int | Unset | None = UNSET


@dataclass(frozen=True)
class KeyState:
    """A key as the check on every request sees it: its stored hash, whether it may be
    used, and the role and team its integration acts with now."""

    key_id: UUID
    secret_hash: str
    role: Role
    team_id: UUID | None
    expires_at: datetime | None
    revoked_at: datetime | None
    is_active: bool
    last_used_at: datetime | None
    requests_per_minute: int | None


class ApiKeyRepository(Protocol):
    async def add(self, key: ApiKey) -> None:
        """Stores the key; its account is stored already."""
        ...

    async def get(self, key_id: UUID, visible_to: Principal | None = None) -> ApiKey | None:
        """With `visible_to`, a key outside that principal's reach is None."""
        ...

    async def find_page(self, principal: Principal, page: PageRequest) -> Page[ApiKey]: ...
    async def update(self, key: ApiKey, expected_version: int) -> None:
        """Writes the key and its account's name, role and team; LostUpdate when the key's
        version moved on."""
        ...


class ApiKeyStateReader(Protocol):
    """Reads keys for the check on every request, outside any unit of work."""

    async def state(self, public_id: str) -> KeyState | None: ...
    async def mark_used(self, key_id: UUID, at: datetime, address: str | None) -> None:
        """Records a use, unless one was recorded less than `LAST_USED_EVERY` before."""
        ...


def _check_rate(requests_per_minute: int | None) -> int | None:
    if requests_per_minute is not None and not 1 <= requests_per_minute <= MAX_REQUESTS_PER_MINUTE:
        raise ValidationFailed.on(
            "requests_per_minute",
            f"must be from 1 to {MAX_REQUESTS_PER_MINUTE}",
            FieldErrorCode.OUT_OF_RANGE,
        )
    return requests_per_minute


def _check_expiry(expires_at: datetime | None) -> None:
    if expires_at is not None and expires_at <= utcnow():
        raise ValidationFailed.on(
            "expires_at", "must be in the future", FieldErrorCode.OUT_OF_RANGE
        )


async def _role_to_grant(uow: UnitOfWork, principal: Principal, role_id: UUID) -> Role:
    role = await uow.roles.get(role_id)
    if role is None:
        raise ValidationFailed.on("role_id", "no such role", FieldErrorCode.NOT_FOUND)
    check_may_grant(principal, role)
    return role


async def create_api_key(
    uow: UnitOfWork, principal: Principal, new: NewApiKey, secret: IssuedSecret
) -> ApiKey:
    require(principal, Permission.USERS_MANAGE)
    name = clean_name(new.name, "name")
    role = await _role_to_grant(uow, principal, new.role_id)
    _check_expiry(new.expires_at)
    # As for a person: a team-scoped administrator's integration works in their team.
    team_id = new.team_id
    if team_id is None and principal.reach is not AccessLevel.ALL:
        team_id = principal.team_id
    await check_team_placement(uow, principal, team_id)
    account = User(
        email=f"{secret.public_id}@{ACCOUNT_EMAIL_DOMAIN}",
        full_name=name,
        role=role,
        team_id=team_id,
        password_hash=NO_PASSWORD,
        kind=UserKind.INTEGRATION,
    )
    key = ApiKey(
        account=account,
        public_id=secret.public_id,
        secret_hash=secret.secret_hash,
        created_by=principal.user_id,
        expires_at=new.expires_at,
        requests_per_minute=_check_rate(new.requests_per_minute),
        created_at=account.created_at,
        updated_at=account.created_at,
    )
    await uow.users.add(account)
    await uow.api_keys.add(key)
    await audit.record(uow, principal, AuditAction.CREATED, ENTITY, key.id, {}, key.snapshot())
    return key


async def _visible_key(uow: UnitOfWork, principal: Principal, key_id: UUID) -> ApiKey:
    require(principal, Permission.USERS_MANAGE)
    key = await uow.api_keys.get(key_id, visible_to=principal)
    if key is None:
        raise NotFound("API key not found.")
    return key


def _check_may_manage(principal: Principal, key: ApiKey) -> None:
    """As for users: only keys whose role ranks below the caller's, so a key never
    changes or revokes itself or one as strong as it."""
    if key.role.rank >= principal.rank:
        raise PermissionDenied(f"The API key {key.name!r} does not rank below you.")


async def get_api_key(uow: UnitOfWork, principal: Principal, key_id: UUID) -> ApiKey:
    return await _visible_key(uow, principal, key_id)


async def list_api_keys(uow: UnitOfWork, principal: Principal, page: PageRequest) -> Page[ApiKey]:
    require(principal, Permission.USERS_MANAGE)
    return await uow.api_keys.find_page(principal, page)


async def update_api_key(
    uow: UnitOfWork,
    principal: Principal,
    key_id: UUID,
    changes: ApiKeyChanges,
    expected_version: int | None,
) -> ApiKey:
    key = await _visible_key(uow, principal, key_id)
    check_version(key.version, expected_version)
    _check_may_manage(principal, key)
    if key.revoked_at is not None:
        raise Conflict("This API key is revoked; create a new one.")
    loaded_version = key.version
    before = key.snapshot()
    if isinstance(changes.name, str):
        key.account.full_name = clean_name(changes.name, "name")
    if isinstance(changes.role_id, UUID) and changes.role_id != key.role.id:
        key.account.role = await _role_to_grant(uow, principal, changes.role_id)
    if not isinstance(changes.expires_at, Unset):
        _check_expiry(changes.expires_at)
        key.expires_at = changes.expires_at
    if not isinstance(changes.requests_per_minute, Unset):
        key.requests_per_minute = _check_rate(changes.requests_per_minute)
    key.updated_at = key.account.updated_at = utcnow()
    await uow.api_keys.update(key, loaded_version)
    await audit.record(uow, principal, AuditAction.UPDATED, ENTITY, key.id, before, key.snapshot())
    return key


async def revoke_api_key(
    uow: UnitOfWork, principal: Principal, key_id: UUID, expected_version: int | None
) -> ApiKey:
    """The key answers 401 from the next request on; revoking it again changes nothing.
    Its integration's account stays, as the owner and actor of what it did."""
    key = await _visible_key(uow, principal, key_id)
    check_version(key.version, expected_version)
    _check_may_manage(principal, key)
    if key.revoked_at is not None:
        return key
    loaded_version = key.version
    before = key.snapshot()
    key.revoked_at = key.updated_at = key.account.updated_at = utcnow()
    await uow.api_keys.update(key, loaded_version)
    await audit.record(uow, principal, AuditAction.UPDATED, ENTITY, key.id, before, key.snapshot())
    return key
