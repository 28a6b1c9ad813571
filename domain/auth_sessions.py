"""Sign-in sessions: one per sign-in, lasting through every refresh of it.

An access token names its session and the user's security version when it was issued.
A request is let in only while that session is live (not ended, its user active) and
the version is still the user's, so access ends on the next request (ARCHITECTURE §3):
- signing out, or presenting a refresh token that was already rotated, ends the session;
- a password change or deactivation ends every session of the user;
- a change of the claims a token carries (role, team, a role's permissions, rank or
  scope) raises the security version: old access tokens are refused, and a refresh
  issues one with the new claims without signing in again.

The refresh tokens of a session are its family: ending the session revokes them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol
from uuid import UUID, uuid4


@dataclass
class AuthSession:
    user_id: UUID
    created_at: datetime
    id: UUID = field(default_factory=uuid4)
    revoked_at: datetime | None = None


@dataclass(frozen=True)
class SessionState:
    """A live session as a request sees it: whose it is, and the version of that
    user's claims that its access tokens must carry."""

    user_id: UUID
    security_version: int


class AuthSessionRepository(Protocol):
    async def add(self, session: AuthSession) -> None: ...
    async def end(self, session_id: UUID, now: datetime) -> None:
        """Ends the session and revokes its refresh tokens."""
        ...

    async def end_all_of(self, user_id: UUID, now: datetime) -> None:
        """Ends every session of the user and revokes their refresh tokens."""
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
