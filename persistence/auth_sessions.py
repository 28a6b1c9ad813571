"""Sign-in sessions: the table and the repository.

Every authenticated request reads its session's state (`live`) in its own transaction,
one primary-key lookup joined to the user, so a change committed by any process is seen
by the next request of every other. A per-process cache told of changes by PostgreSQL's
LISTEN/NOTIFY was tried first and dropped: under load a notice reached the other process
(and even the same one) after the next request did."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from domain.auth_sessions import AuthSession, SessionState
from persistence.base import Base
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


_LIVE = (
    select(AuthSessionRow.user_id, UserRow.security_version)
    .join(UserRow, UserRow.id == AuthSessionRow.user_id)
    .where(AuthSessionRow.revoked_at.is_(None), UserRow.is_active.is_(True))
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
        row = (await self.session.execute(_LIVE.where(AuthSessionRow.id == session_id))).first()
        return SessionState(row.user_id, row.security_version) if row else None
