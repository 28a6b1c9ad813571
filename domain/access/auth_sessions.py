"""Sign-in sessions: one per sign-in, lasting through every refresh of it.

An access token names its session and the user's security version when it was issued.
A request is let in only while that session is live (not ended, its user active) and
the version is still the user's, so access ends on the next request (ARCHITECTURE §3):
- signing out, or presenting a refresh token that was already rotated, ends the session;
- a password change or deactivation ends every session of the user;
- a change of the claims a token carries (role, team, a role's permissions, rank or
  scope) raises the security version: old access tokens are refused, and a refresh
  issues one with the new claims without signing in again.

The refresh tokens of a session are its family: ending the session revokes them.

A user sees their own live sign-ins (the client and address each began from, when it was
last refreshed) and ends any of them: one, or every one but the sign-in asking (issue
14). Ending one is audited as `session_ended` (domain/audit.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol
from uuid import UUID, uuid4

from domain import audit
from domain.clock import utcnow
from domain.errors import NotFound

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork

# What is kept of a client's User-Agent header and address: enough to name a browser and
# system, and the longest IPv6 text with a zone; the rest is cut off.
MAX_USER_AGENT = 300
MAX_CLIENT_ADDRESS = 64


def _clip(value: str | None, limit: int) -> str | None:
    """The value without control characters, cut to `limit`; None when nothing is left."""
    if value is None:
        return None
    kept = "".join(c for c in value if c.isprintable()).strip()[:limit]
    return kept or None


def clip_user_agent(user_agent: str | None) -> str | None:
    return _clip(user_agent, MAX_USER_AGENT)


def clip_client_address(address: str | None) -> str | None:
    return _clip(address, MAX_CLIENT_ADDRESS)


@dataclass
class AuthSession:
    user_id: UUID
    created_at: datetime
    id: UUID = field(default_factory=uuid4)
    revoked_at: datetime | None = None
    # The client it began from, as it said (User-Agent) and as the server saw it.
    user_agent: str | None = None
    client_address: str | None = None
    # When it last refreshed its access (its sign-in at first); a request does not move
    # it, so the check on every request stays a read.
    last_used_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.last_used_at is None:
            self.last_used_at = self.created_at


@dataclass(frozen=True)
class SessionState:
    """A live session as a request sees it: whose it is, and the version of that
    user's claims that its access tokens must carry."""

    user_id: UUID
    security_version: int


class AuthSessionRepository(Protocol):
    async def add(self, session: AuthSession) -> None: ...
    async def end(self, session_id: UUID, now: datetime) -> bool:
        """Ends the session and revokes its refresh tokens; whether it was live."""
        ...

    async def end_all_of(self, user_id: UUID, now: datetime) -> None:
        """Ends every session of the user and revokes their refresh tokens."""
        ...

    async def end_all_of_but(self, user_id: UUID, keep: UUID | None, now: datetime) -> list[UUID]:
        """Ends every session of the user but `keep` (all of them when None) and revokes
        their refresh tokens; the ids of the sessions it ended."""
        ...

    async def get(self, session_id: UUID) -> AuthSession | None: ...

    async def list_live_of(
        self, user_id: UUID, now: datetime, current: UUID | None
    ) -> list[AuthSession]:
        """The user's sessions that can still be used, newest first: not ended, and holding
        an unexpired refresh token (or `current`, the one asking, which just was used)."""
        ...

    async def touch(self, session_id: UUID, now: datetime) -> None:
        """Records that the session refreshed its access at `now`."""
        ...

    async def claims_changed(self, user_id: UUID) -> None:
        """Raises the user's security version: tokens with the old claims are refused."""
        ...

    async def claims_changed_for_role(self, role_id: UUID) -> None:
        """Raises the security version of every holder of the role."""
        ...

    async def live(self, session_id: UUID) -> SessionState | None:
        """The session's state, or None when it is ended, unknown or its user inactive."""
        ...


class SessionStateReader(Protocol):
    """Reads a session's state for the check on every request, outside any unit of work."""

    async def live(self, session_id: UUID) -> SessionState | None: ...


# --- A user's own sign-ins -------------------------------------------------------------


@dataclass(frozen=True)
class MySession:
    session: AuthSession
    # The sign-in asking.
    current: bool


async def my_sessions(uow: UnitOfWork, principal: Principal) -> list[MySession]:
    """The caller's live sign-ins, newest first, the caller's own marked."""
    sessions = await uow.auth_sessions.list_live_of(
        principal.user_id, utcnow(), principal.session_id
    )
    return [MySession(s, s.id == principal.session_id) for s in sessions]


async def end_my_session(uow: UnitOfWork, principal: Principal, session_id: UUID) -> None:
    """Ends one of the caller's live sign-ins, the caller's own too (that signs this
    client out). Another user's, an unknown or an ended one is not found."""
    session = await uow.auth_sessions.get(session_id)
    if session is None or session.user_id != principal.user_id or session.revoked_at is not None:
        raise NotFound("You have no live sign-in with this id.")
    await uow.auth_sessions.end(session_id, utcnow())
    await audit.record_sessions_ended(uow, principal, [session_id])


async def end_my_sessions(uow: UnitOfWork, principal: Principal, except_current: bool) -> None:
    """Ends every sign-in of the caller; with `except_current`, all but the one asking
    ("sign out everywhere else")."""
    keep = principal.session_id if except_current else None
    ended = await uow.auth_sessions.end_all_of_but(principal.user_id, keep, utcnow())
    await audit.record_sessions_ended(uow, principal, ended)
