"""Customer requests, their status changes, and the response times per priority."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any, ClassVar

from sqlalchemy import (
    ForeignKey,
    Index,
    Integer,
    Select,
    String,
    Text,
    delete,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, Mapped, mapped_column

from domain.access.levels import RecordKind
from domain.access.principal import Principal
from domain.clock import utcnow
from domain.interactions.requests import (
    DEFAULT_RESPONSE_TIMES,
    CustomerRequest,
    RequestFilter,
    RequestPriority,
    RequestStatus,
    StatusChange,
)
from domain.pagination import Page, PageRequest
from persistence.base import Base
from persistence.contacts import ContactRow
from persistence.mapping import RowMapping
from persistence.pagination import fetch_page, timeline_window
from persistence.scope import readable
from persistence.user_rows import TeamRow, UserRow
from persistence.versioned import versioned_update

OPEN_STATUSES = (RequestStatus.NEW.value, RequestStatus.OPEN.value, RequestStatus.PENDING.value)


class RequestRow(Base):
    __tablename__ = "requests"
    __table_args__ = (
        Index("ix_requests_status_due_by", "status", "due_by", "id"),
        Index("ix_requests_assignee_id_status", "assignee_id", "status"),
        Index("ix_requests_created_at_id", "created_at", "id"),
        Index("ix_requests_due_by_id", "due_by", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    contact_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(ContactRow.id, ondelete="CASCADE"), index=True
    )
    channel: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10))
    priority: Mapped[str] = mapped_column(String(10))
    assignee_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(UserRow.id, ondelete="SET NULL")
    )
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(UserRow.id, ondelete="RESTRICT"))
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(TeamRow.id, ondelete="SET NULL"))
    due_by: Mapped[datetime]
    resolution: Mapped[str] = mapped_column(Text)
    resolved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)


class RequestChangeRow(Base):
    __tablename__ = "request_status_changes"
    __table_args__ = (Index("ix_request_status_changes_contact_at", "contact_id", "at", "id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    request_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(RequestRow.id, ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(ContactRow.id, ondelete="CASCADE"))
    from_status: Mapped[str | None] = mapped_column(String(10))
    to_status: Mapped[str] = mapped_column(String(10))
    by: Mapped[uuid.UUID | None]
    at: Mapped[datetime]


class ResponseTimeRow(Base):
    __tablename__ = "request_response_times"

    priority: Mapped[str] = mapped_column(String(10), primary_key=True)
    minutes: Mapped[int] = mapped_column(Integer)


def scoped_requests(statement: Any, principal: Principal) -> Any:
    return readable(
        statement,
        principal,
        RecordKind.REQUESTS,
        RequestRow.owner_id,
        RequestRow.team_id,
        responsible=[RequestRow.assignee_id],
    )


REQUEST_ROWS = RowMapping(CustomerRequest, RequestRow.__table__)
STATUS_CHANGE_ROWS = RowMapping(StatusChange, RequestChangeRow.__table__)


def status_change_selection(
    principal: Principal,
    contact_id: uuid.UUID | None,
    company_id: uuid.UUID | None,
    before_key: tuple[datetime, uuid.UUID] | None,
    after: datetime | None,
    before: datetime | None,
) -> Select[Any]:
    """Status changes of visible requests about the contact (or the company's contacts),
    strictly before the keyset boundary: their ids, from the changes joined to their
    requests."""
    if contact_id is not None:
        about: Any = RequestChangeRow.contact_id == contact_id
    else:
        about = RequestChangeRow.contact_id.in_(
            select(ContactRow.id).where(ContactRow.company_id == company_id)
        )
    statement: Select[Any] = scoped_requests(
        select(RequestChangeRow.id).join(RequestRow, RequestRow.id == RequestChangeRow.request_id),
        principal,
    ).where(about)
    statement = statement.where(
        *timeline_window(RequestChangeRow.at, RequestChangeRow.id, before_key, after, before)
    )
    return statement


class SqlRequestRepository:
    sorts: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "due_by": RequestRow.due_by,
        "created_at": RequestRow.created_at,
    }

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(
        self, request_id: uuid.UUID, visible_to: Principal | None = None
    ) -> CustomerRequest | None:
        statement = select(RequestRow).where(RequestRow.id == request_id)
        if visible_to is not None:
            statement = scoped_requests(statement, visible_to)
        row = await self.session.scalar(statement)
        return REQUEST_ROWS.record_of(row) if row else None

    async def find_page(
        self, principal: Principal, filters: RequestFilter, page: PageRequest
    ) -> Page[CustomerRequest]:
        statement = scoped_requests(select(RequestRow), principal)
        if filters.status is not None:
            statement = statement.where(RequestRow.status == filters.status.value)
        if filters.priority is not None:
            statement = statement.where(RequestRow.priority == filters.priority.value)
        if filters.assignee_id is not None:
            statement = statement.where(RequestRow.assignee_id == filters.assignee_id)
        if filters.team_id is not None:
            statement = statement.where(RequestRow.team_id == filters.team_id)
        if filters.contact_id is not None:
            statement = statement.where(RequestRow.contact_id == filters.contact_id)
        if filters.overdue:
            statement = statement.where(
                RequestRow.status.in_(OPEN_STATUSES), RequestRow.due_by < utcnow()
            )
        return await fetch_page(
            self.session, statement, RequestRow.id, self.sorts, page, REQUEST_ROWS.record_of
        )

    async def add(self, request: CustomerRequest) -> None:
        self.session.add(RequestRow(**REQUEST_ROWS.new_row_values(request)))
        await self.session.flush()

    async def update(self, request: CustomerRequest, expected_version: int) -> None:
        await versioned_update(
            self.session, RequestRow, request.id, expected_version, REQUEST_ROWS.values(request)
        )
        request.version = expected_version + 1

    async def add_change(self, change: StatusChange) -> None:
        self.session.add(RequestChangeRow(**STATUS_CHANGE_ROWS.new_row_values(change)))
        await self.session.flush()

    async def changes(self, request_id: uuid.UUID) -> list[StatusChange]:
        rows = await self.session.scalars(
            select(RequestChangeRow)
            .where(RequestChangeRow.request_id == request_id)
            .order_by(RequestChangeRow.at.desc(), RequestChangeRow.id.desc())
        )
        return [STATUS_CHANGE_ROWS.record_of(row) for row in rows]

    async def response_times(self) -> dict[RequestPriority, timedelta]:
        rows = await self.session.scalars(select(ResponseTimeRow))
        stored = {RequestPriority(r.priority): timedelta(minutes=r.minutes) for r in rows}
        return {**DEFAULT_RESPONSE_TIMES, **stored}

    async def set_response_times(self, times: dict[RequestPriority, timedelta]) -> None:
        await self.session.execute(delete(ResponseTimeRow))
        self.session.add_all(
            [
                ResponseTimeRow(priority=p.value, minutes=int(t.total_seconds() // 60))
                for p, t in times.items()
            ]
        )
        await self.session.flush()
