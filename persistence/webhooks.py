"""Webhook subscriptions and their deliveries (domain/integrations/webhooks.py)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, ClassVar, cast

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    bindparam,
    delete,
    func,
    select,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, Mapped, mapped_column

from domain.clock import to_utc
from domain.integrations.webhooks import (
    MAX_URL,
    DeliveryBacklog,
    DeliveryStatus,
    Webhook,
    WebhookDelivery,
)
from domain.pagination import Page, PageRequest
from persistence.base import Base, JSONDocument
from persistence.pagination import fetch_page
from persistence.user_rows import UserRow
from persistence.versioned import versioned_update


class WebhookRow(Base):
    __tablename__ = "webhook_subscriptions"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(MAX_URL))
    event_types: Mapped[list[str]] = mapped_column(JSONDocument)
    # Kept as given: signing needs the secret itself, not a hash of it.
    secret: Mapped[str] = mapped_column(String(100))
    # The creator: their webhooks go with them.
    owner_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(UserRow.id, ondelete="CASCADE"), index=True
    )
    position: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean)
    disabled_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)


class WebhookDeliveryRow(Base):
    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        # The worker's question: what is due now.
        Index("ix_webhook_deliveries_status_next_attempt_at", "status", "next_attempt_at"),
        # The log: a webhook's deliveries, newest first.
        Index("ix_webhook_deliveries_webhook_id_created_at", "webhook_id", "created_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    webhook_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(WebhookRow.id, ondelete="CASCADE"))
    message_id: Mapped[str] = mapped_column(String(40), unique=True)
    event_type: Mapped[str] = mapped_column(String(60))
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    attempts: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime | None]
    last_attempt_at: Mapped[datetime | None]
    last_status_code: Mapped[int | None] = mapped_column(Integer)
    last_duration_ms: Mapped[int | None] = mapped_column(Integer)
    last_response: Mapped[str | None] = mapped_column(Text)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]


_WEBHOOK_FIELDS = (
    "id",
    "url",
    "event_types",
    "secret",
    "owner_id",
    "position",
    "active",
    "disabled_reason",
    "created_at",
    "updated_at",
    "version",
)
_DELIVERY_FIELDS = (
    "id",
    "webhook_id",
    "message_id",
    "event_type",
    "payload",
    "attempts",
    "next_attempt_at",
    "last_attempt_at",
    "last_status_code",
    "last_duration_ms",
    "last_response",
    "last_error",
    "created_at",
)
# What an attempt changes.
_OUTCOME_FIELDS = (
    "attempts",
    "next_attempt_at",
    "last_attempt_at",
    "last_status_code",
    "last_duration_ms",
    "last_response",
    "last_error",
)


def _webhook(row: WebhookRow) -> Webhook:
    values = {name: getattr(row, name) for name in _WEBHOOK_FIELDS}
    values["event_types"] = list(values["event_types"])
    return Webhook(**values)


def _delivery(row: WebhookDeliveryRow) -> WebhookDelivery:
    values = {name: getattr(row, name) for name in _DELIVERY_FIELDS}
    return WebhookDelivery(status=DeliveryStatus(row.status), **values)


def _delivery_values(delivery: WebhookDelivery) -> dict[str, Any]:
    values = {name: getattr(delivery, name) for name in _DELIVERY_FIELDS}
    values["status"] = delivery.status.value
    return values


class SqlWebhookRepository:
    sorts: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "created_at": WebhookRow.created_at,
    }
    delivery_sorts: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "created_at": WebhookDeliveryRow.created_at,
    }

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, webhook: Webhook) -> None:
        self.session.add(WebhookRow(**{name: getattr(webhook, name) for name in _WEBHOOK_FIELDS}))
        await self.session.flush()

    async def get(self, webhook_id: uuid.UUID) -> Webhook | None:
        row = await self.session.get(WebhookRow, webhook_id, populate_existing=True)
        return _webhook(row) if row else None

    async def find_page(self, owner_id: uuid.UUID, page: PageRequest) -> Page[Webhook]:
        statement = select(WebhookRow).where(WebhookRow.owner_id == owner_id)
        return await fetch_page(self.session, statement, WebhookRow.id, self.sorts, page, _webhook)

    async def update(self, webhook: Webhook, expected_version: int) -> None:
        values = {
            name: getattr(webhook, name)
            for name in ("url", "event_types", "position", "active", "disabled_reason")
        }
        await versioned_update(
            self.session,
            WebhookRow,
            webhook.id,
            expected_version,
            {**values, "updated_at": webhook.updated_at},
        )

    async def delete(self, webhook_id: uuid.UUID) -> None:
        # The deliveries first: SQLite enforces the cascade only with foreign keys on.
        await self.session.execute(
            delete(WebhookDeliveryRow).where(WebhookDeliveryRow.webhook_id == webhook_id)
        )
        await self.session.execute(delete(WebhookRow).where(WebhookRow.id == webhook_id))

    async def set_position(self, webhook_id: uuid.UUID, position: str) -> None:
        await self.session.execute(
            update(WebhookRow).where(WebhookRow.id == webhook_id).values(position=position)
        )

    async def active_ids(self) -> list[uuid.UUID]:
        result = await self.session.scalars(
            select(WebhookRow.id).where(WebhookRow.active.is_(True)).order_by(WebhookRow.id)
        )
        return list(result.all())

    async def lock(self, webhook_id: uuid.UUID) -> Webhook | None:
        # SKIP LOCKED: a webhook another worker is collecting is passed over, not waited
        # for; SQLite serialises writers anyway and ignores the clause.
        row = await self.session.scalar(
            select(WebhookRow)
            .where(WebhookRow.id == webhook_id, WebhookRow.active.is_(True))
            .with_for_update(skip_locked=True)
            .execution_options(populate_existing=True)
        )
        return _webhook(row) if row else None

    async def add_deliveries(self, deliveries: Sequence[WebhookDelivery]) -> None:
        self.session.add_all([WebhookDeliveryRow(**_delivery_values(d)) for d in deliveries])
        await self.session.flush()

    async def claim_due(self, now: datetime, lease: timedelta, limit: int) -> list[WebhookDelivery]:
        rows = (
            await self.session.scalars(
                select(WebhookDeliveryRow)
                .join(WebhookRow, WebhookRow.id == WebhookDeliveryRow.webhook_id)
                .where(
                    WebhookDeliveryRow.status == DeliveryStatus.PENDING.value,
                    WebhookDeliveryRow.next_attempt_at <= now,
                    WebhookRow.active.is_(True),
                )
                .order_by(WebhookDeliveryRow.next_attempt_at, WebhookDeliveryRow.id)
                .limit(limit)
                .with_for_update(of=WebhookDeliveryRow, skip_locked=True)
                .execution_options(populate_existing=True)
            )
        ).all()
        if not rows:
            return []
        # Put off while this worker sends: a worker that dies mid-send leaves the
        # deliveries to be tried again once the lease has passed. One statement for the
        # claim: the rows are locked, so each one's count goes up by exactly one.
        await self.session.execute(
            update(WebhookDeliveryRow)
            .where(WebhookDeliveryRow.id.in_([row.id for row in rows]))
            .values(attempts=WebhookDeliveryRow.attempts + 1, next_attempt_at=now + lease)
            .execution_options(synchronize_session=False)
        )
        claimed = []
        for row in rows:
            delivery = _delivery(row)
            delivery.attempts += 1
            delivery.next_attempt_at = now + lease
            claimed.append(delivery)
        return claimed

    async def finish_attempt(self, delivery: WebhookDelivery, claimed_attempt: int) -> bool:
        values = {name: getattr(delivery, name) for name in _OUTCOME_FIELDS}
        result: Any = await self.session.execute(
            update(WebhookDeliveryRow)
            .where(
                WebhookDeliveryRow.id == delivery.id,
                WebhookDeliveryRow.attempts == claimed_attempt,
                WebhookDeliveryRow.status == DeliveryStatus.PENDING.value,
            )
            .values(**values, status=delivery.status.value)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount)

    async def finish_attempts(self, finished: Sequence[tuple[WebhookDelivery, int]]) -> None:
        if not finished:
            return
        # One statement run for every outcome (executemany): a pass's hundred outcomes
        # were a hundred round trips, most of the worker's time at 200 events a second.
        table = cast(Table, WebhookDeliveryRow.__table__)
        fields = (*_OUTCOME_FIELDS, "status")
        statement = (
            update(table)
            .where(
                table.c.id == bindparam("b_id"),
                table.c.attempts == bindparam("b_claimed"),
                table.c.status == DeliveryStatus.PENDING.value,
            )
            .values({name: bindparam(f"b_{name}") for name in fields})
        )
        await self.session.execute(
            statement,
            [
                {
                    "b_id": delivery.id,
                    "b_claimed": claimed,
                    **{f"b_{name}": getattr(delivery, name) for name in _OUTCOME_FIELDS},
                    "b_status": delivery.status.value,
                }
                for delivery, claimed in finished
            ],
        )

    async def backlog(self) -> DeliveryBacklog:
        pending, oldest = (
            await self.session.execute(
                select(func.count(), func.min(WebhookDeliveryRow.created_at)).where(
                    WebhookDeliveryRow.status == DeliveryStatus.PENDING.value
                )
            )
        ).one()
        return DeliveryBacklog(int(pending), to_utc(oldest))

    async def get_delivery(
        self, webhook_id: uuid.UUID, delivery_id: uuid.UUID
    ) -> WebhookDelivery | None:
        row = await self.session.scalar(
            select(WebhookDeliveryRow)
            .where(
                WebhookDeliveryRow.id == delivery_id, WebhookDeliveryRow.webhook_id == webhook_id
            )
            .execution_options(populate_existing=True)
        )
        return _delivery(row) if row else None

    async def save_delivery(self, delivery: WebhookDelivery) -> None:
        values = {name: getattr(delivery, name) for name in _OUTCOME_FIELDS}
        await self.session.execute(
            update(WebhookDeliveryRow)
            .where(WebhookDeliveryRow.id == delivery.id)
            .values(**values, status=delivery.status.value)
            .execution_options(synchronize_session=False)
        )

    async def redeliver_since(self, webhook_id: uuid.UUID, since: datetime, now: datetime) -> int:
        result: Any = await self.session.execute(
            update(WebhookDeliveryRow)
            .where(
                WebhookDeliveryRow.webhook_id == webhook_id,
                WebhookDeliveryRow.created_at >= since,
            )
            .values(status=DeliveryStatus.PENDING.value, attempts=0, next_attempt_at=now)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount)

    async def deliveries_page(
        self, webhook_id: uuid.UUID, page: PageRequest
    ) -> Page[WebhookDelivery]:
        statement = select(WebhookDeliveryRow).where(WebhookDeliveryRow.webhook_id == webhook_id)
        return await fetch_page(
            self.session,
            statement,
            WebhookDeliveryRow.id,
            self.delivery_sorts,
            page,
            _delivery,
        )
