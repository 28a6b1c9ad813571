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
from typing import Any

from sqlalchemy import ForeignKey, String, bindparam, exists, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.elements import ColumnElement

from domain.access.auth_sessions import (
    MAX_CLIENT_ADDRESS,
    MAX_USER_AGENT,
    AuthSession,
    SessionState,
)
from persistence.base import Base
from persistence.database import Database
from persistence.mapping import RowMapping
from persistence.refresh_tokens import RefreshTokenRow
from persistence.user_rows import UserRow


class AuthSessionRow(Base):
    __tablename__ = "auth_sessions"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(UserRow.id, ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    user_agent: Mapped[str | None] = mapped_column(String(MAX_USER_AGENT))
    client_address: Mapped[str | None] = mapped_column(String(MAX_CLIENT_ADDRESS))
    last_used_at: Mapped[datetime]


AUTH_SESSION_ROWS = RowMapping(AuthSession, AuthSessionRow.__table__)


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
        # The session's sign-in time stands for its last use until a refresh moves it.
        values = AUTH_SESSION_ROWS.new_row_values(auth_session)
        values["last_used_at"] = values["last_used_at"] or auth_session.created_at
        self.session.add(AuthSessionRow(**values))
        await self.session.flush()

    async def get(self, session_id: uuid.UUID) -> AuthSession | None:
        row = await self.session.get(AuthSessionRow, session_id)
        return AUTH_SESSION_ROWS.record_of(row) if row else None

    async def list_live_of(
        self, user_id: uuid.UUID, now: datetime, current: uuid.UUID | None
    ) -> list[AuthSession]:
        usable: ColumnElement[bool] = exists().where(
            RefreshTokenRow.family_id == AuthSessionRow.id,
            RefreshTokenRow.used_at.is_(None),
            RefreshTokenRow.revoked_at.is_(None),
            RefreshTokenRow.expires_at > now,
        )
        if current is not None:
            usable = or_(usable, AuthSessionRow.id == current)
        rows = await self.session.scalars(
            select(AuthSessionRow)
            .where(AuthSessionRow.user_id == user_id, AuthSessionRow.revoked_at.is_(None), usable)
            .order_by(AuthSessionRow.created_at.desc(), AuthSessionRow.id.desc())
        )
        return [AUTH_SESSION_ROWS.record_of(row) for row in rows]

    async def touch(self, session_id: uuid.UUID, now: datetime) -> None:
        await self.session.execute(
            update(AuthSessionRow).where(AuthSessionRow.id == session_id).values(last_used_at=now)
        )

    async def end(self, session_id: uuid.UUID, now: datetime) -> bool:
        ended: Any = await self.session.execute(
            update(AuthSessionRow)
            .where(AuthSessionRow.id == session_id, AuthSessionRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        await self.session.execute(
            update(RefreshTokenRow)
            .where(RefreshTokenRow.family_id == session_id, RefreshTokenRow.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        return bool(ended.rowcount)

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

    async def end_all_of_but(
        self, user_id: uuid.UUID, keep: uuid.UUID | None, now: datetime
    ) -> list[uuid.UUID]:
        live = [AuthSessionRow.user_id == user_id, AuthSessionRow.revoked_at.is_(None)]
        if keep is not None:
            live.append(AuthSessionRow.id != keep)
        ended = list(await self.session.scalars(select(AuthSessionRow.id).where(*live)))
        if ended:
            await self.session.execute(
                update(AuthSessionRow)
                .where(AuthSessionRow.id.in_(ended), AuthSessionRow.revoked_at.is_(None))
                .values(revoked_at=now)
            )
            await self.session.execute(
                update(RefreshTokenRow)
                .where(RefreshTokenRow.family_id.in_(ended), RefreshTokenRow.revoked_at.is_(None))
                .values(revoked_at=now)
            )
        return ended

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
            # A read only: it must not queue behind a writer (an import) on SQLite.
            async with self.database.read_sessions() as session:
                return await SqlAuthSessionRepository(session).live(session_id)
        row = await pool.fetchrow(_LIVE_ASYNCPG, session_id)
        return SessionState(row[0], row[1]) if row else None
