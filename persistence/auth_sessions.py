"""Sign-in sessions: the table, the repository, and `SessionStates`, which reads a
session's state for every authenticated request.

Every request reads it from the database, a primary-key lookup joined to the user, so a
change committed by any process is seen by the next request of every other. A
per-process cache told of changes by PostgreSQL's LISTEN/NOTIFY was tried first and
dropped: under load a notice reached the other process (and even the same one) after
the next request did. Through SQLAlchemy the lookup cost 17% of a contact list's time;
on a small asyncpg pool of its own, with the statement prepared once per connection,
about 6% (0.25 ms of CPU; bench/README.md)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from domain.auth_sessions import AuthSession, SessionState
from persistence.base import Base
from persistence.database import Database
from persistence.refresh_tokens import RefreshTokenRow
from persistence.users import UserRow


class AuthSessionRow(Base):
    __tablename__ = "auth_sessions"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(UserRow.id, ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


# Built once: this runs on every authenticated request.
_LIVE = (
    select(AuthSessionRow.user_id, UserRow.security_version)
    .join(UserRow, UserRow.id == AuthSessionRow.user_id)
    .where(
        AuthSessionRow.id == bindparam("session_id"),
        AuthSessionRow.revoked_at.is_(None),
        UserRow.is_active.is_(True),
    )
)
_LIVE_ASYNCPG = (
    "SELECT s.user_id, u.security_version FROM auth_sessions s"
    " JOIN users u ON u.id = s.user_id"
    " WHERE s.id = $1 AND s.revoked_at IS NULL AND u.is_active"
)


class SqlAuthSessionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, auth_session: AuthSession) -> None:
        self.session.add(
            AuthSessionRow(
                id=auth_session.id,
                user_id=auth_session.user_id,
                created_at=auth_session.created_at,
                revoked_at=auth_session.revoked_at,
            )
        )
        await self.session.flush()

    async def end(self, session_id: uuid.UUID, now: datetime) -> None:
        await self.session.execute(
            update(AuthSessionRow)
            .where(AuthSessionRow.id == session_id, AuthSessionRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        await self.session.execute(
            update(RefreshTokenRow)
            .where(RefreshTokenRow.family_id == session_id, RefreshTokenRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )

    async def end_all_of(self, user_id: uuid.UUID, now: datetime) -> None:
        await self.session.execute(
            update(AuthSessionRow)
            .where(AuthSessionRow.user_id == user_id, AuthSessionRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        await self.session.execute(
            update(RefreshTokenRow)
            .where(RefreshTokenRow.user_id == user_id, RefreshTokenRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )

    async def claims_changed(self, user_id: uuid.UUID) -> None:
        await self.session.execute(
            update(UserRow)
            .where(UserRow.id == user_id)
            .values(security_version=UserRow.security_version + 1)
        )

    async def claims_changed_for_role(self, role_id: uuid.UUID) -> None:
        await self.session.execute(
            update(UserRow)
            .where(UserRow.role_id == role_id)
            .values(security_version=UserRow.security_version + 1)
        )

    async def live(self, session_id: uuid.UUID) -> SessionState | None:
        row = (await self.session.execute(_LIVE, {"session_id": session_id})).first()
        return SessionState(row[0], row[1]) if row else None


class SessionStates:
    """The live state of sign-in sessions, for the check on every request: on PostgreSQL
    through asyncpg's own pool (`Database.driver_pool`), elsewhere through a session."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def live(self, session_id: uuid.UUID) -> SessionState | None:
        pool = await self.database.driver_pool()
        if pool is None:
            async with self.database.sessions() as session:
                return await SqlAuthSessionRepository(session).live(session_id)
        row = await pool.fetchrow(_LIVE_ASYNCPG, session_id)
        return SessionState(row[0], row[1]) if row else None
