"""Stored first responses of POST requests sent with an Idempotency-Key."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Integer, String, delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from domain.clock import utcnow
from persistence.base import Base, JSONDocument, unique_as_conflict

KEEP_FOR = timedelta(hours=24)


class IdempotencyRow(Base):
    __tablename__ = "idempotency_keys"

    user_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    body: Mapped[Any] = mapped_column(JSONDocument)
    headers: Mapped[dict[str, str]] = mapped_column(JSONDocument)
    created_at: Mapped[datetime] = mapped_column(index=True)


@dataclass(frozen=True)
class StoredResponse:
    fingerprint: str
    status_code: int
    body: Any
    headers: dict[str, str]


class SqlIdempotencyStore:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def find(self, user_id: uuid.UUID, key: str) -> StoredResponse | None:
        row = await self.session.scalar(
            select(IdempotencyRow).where(
                IdempotencyRow.user_id == user_id,
                IdempotencyRow.key == key,
                IdempotencyRow.created_at > utcnow() - KEEP_FOR,
            )
        )
        if row is None:
            return None
        return StoredResponse(row.fingerprint, row.status_code, row.body, dict(row.headers))

    async def save(self, user_id: uuid.UUID, key: str, response: StoredResponse) -> None:
        """In the request's own transaction: the response is kept exactly when the write
        lands. A concurrent request with the same key loses on the primary key (409)."""
        await self.session.execute(
            delete(IdempotencyRow).where(
                IdempotencyRow.user_id == user_id,
                IdempotencyRow.key == key,
                IdempotencyRow.created_at <= utcnow() - KEEP_FOR,
            )
        )
        self.session.add(
            IdempotencyRow(
                user_id=user_id,
                key=key,
                fingerprint=response.fingerprint,
                status_code=response.status_code,
                body=response.body,
                headers=response.headers,
                created_at=utcnow(),
            )
        )
        with unique_as_conflict(
            "pk_idempotency_keys",
            "idempotency_keys.user_id, idempotency_keys.key",
            "Idempotency-Key",
            "Another request with this Idempotency-Key is running; retry to get its answer.",
        ):
            await self.session.flush()
