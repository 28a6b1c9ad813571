"""Calendar feed secrets, one per user, stored as hashes."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from domain.clock import utcnow
from persistence.base import Base
from persistence.user_rows import UserRow


class CalendarFeedRow(Base):
    __tablename__ = "calendar_feeds"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(UserRow.id, ondelete="CASCADE"), primary_key=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]


class SqlCalendarFeedRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def user_for(self, token_hash: str) -> uuid.UUID | None:
        return await self.session.scalar(
            select(CalendarFeedRow.user_id).where(CalendarFeedRow.token_hash == token_hash)
        )

    async def set(self, user_id: uuid.UUID, token_hash: str) -> None:
        await self.delete(user_id)
        self.session.add(
            CalendarFeedRow(user_id=user_id, token_hash=token_hash, created_at=utcnow())
        )
        await self.session.flush()

    async def delete(self, user_id: uuid.UUID) -> None:
        await self.session.execute(
            delete(CalendarFeedRow).where(CalendarFeedRow.user_id == user_id)
        )
