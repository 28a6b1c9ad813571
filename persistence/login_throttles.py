"""Failed sign-in counters, one row per account or client address."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import Integer, String, Table, case, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from domain.access.login_throttle import WINDOW
from persistence.base import Base


class LoginThrottleRow(Base):
    __tablename__ = "login_throttles"

    key: Mapped[str] = mapped_column(String(400), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer)
    window_started_at: Mapped[datetime]
    locked_until: Mapped[datetime | None]


class SqlLoginThrottleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def locked_until(self, key: str) -> datetime | None:
        return await self.session.scalar(
            select(LoginThrottleRow.locked_until).where(LoginThrottleRow.key == key)
        )

    async def record_failure(self, key: str, now: datetime) -> int:
        # One upsert, so concurrent failures for one key each count.
        dialect = self.session.get_bind().dialect.name
        insert: Any = postgresql.insert if dialect == "postgresql" else sqlite.insert
        table = cast(Table, LoginThrottleRow.__table__)
        statement = insert(table).values(key=key, failures=1, window_started_at=now)
        window_over = table.c.window_started_at < now - WINDOW
        statement = statement.on_conflict_do_update(
            index_elements=[table.c.key],
            set_={
                "failures": case((window_over, 1), else_=table.c.failures + 1),
                "window_started_at": case((window_over, now), else_=table.c.window_started_at),
            },
        ).returning(table.c.failures)
        return int((await self.session.execute(statement)).scalar_one())

    async def lock(self, key: str, until: datetime) -> None:
        await self.session.execute(
            update(LoginThrottleRow).where(LoginThrottleRow.key == key).values(locked_until=until)
        )

    async def clear(self, key: str) -> None:
        await self.session.execute(delete(LoginThrottleRow).where(LoginThrottleRow.key == key))
