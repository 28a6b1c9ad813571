"""Tasks table and repository."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    ForeignKey,
    Index,
    Integer,
    Select,
    String,
    Text,
    or_,
    select,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, Mapped, mapped_column

from domain.access.levels import RecordKind
from domain.access.principal import Principal
from domain.clock import utcnow
from domain.interactions.next_activity import ActivityKind, NextActivity
from domain.interactions.tasks import Task, TaskFilter, TaskStatus
from domain.pagination import Page, PageRequest
from persistence.base import Base, JSONDocument, first_of_each
from persistence.companies import CompanyRow
from persistence.contacts import ContactRow
from persistence.funnel_rows import DealRow
from persistence.mapping import RowMapping
from persistence.pagination import fetch_keyed_page, timeline_window
from persistence.records import has_tag
from persistence.requests import RequestRow
from persistence.scope import readable
from persistence.user_rows import TeamRow, UserRow
from persistence.versioned import versioned_update


class TaskRow(Base):
    __tablename__ = "tasks"
    __table_args__ = (
        Index("ix_tasks_assignee_id_status_due_at", "assignee_id", "status", "due_at"),
        Index("ix_tasks_contact_id_at", "contact_id", "at", "id"),
        Index("ix_tasks_company_id_at", "company_id", "at", "id"),
        Index("ix_tasks_deal_id_at", "deal_id", "at", "id"),
        Index("ix_tasks_request_id_at", "request_id", "at", "id"),
        Index("ix_tasks_due_at_id", "due_at", "id"),
        Index("ix_tasks_created_at_id", "created_at", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    due_at: Mapped[datetime | None]
    remind_at: Mapped[datetime | None]
    # due_at, else created_at: what timelines order by.
    at: Mapped[datetime]
    priority: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10))
    assignee_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(UserRow.id, ondelete="RESTRICT"))
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(UserRow.id, ondelete="RESTRICT"))
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(TeamRow.id, ondelete="SET NULL"))
    contact_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(ContactRow.id, ondelete="SET NULL")
    )
    company_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(CompanyRow.id, ondelete="SET NULL")
    )
    deal_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(DealRow.id, ondelete="SET NULL"))
    request_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(RequestRow.id, ondelete="SET NULL")
    )
    labels: Mapped[list[str]] = mapped_column(JSONDocument)
    completed_at: Mapped[datetime | None]
    reminder_acknowledged_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)


def scoped_tasks(statement: Any, principal: Principal) -> Any:
    # The assignee is responsible for the task: it is theirs to see, like the creator's.
    return readable(
        statement,
        principal,
        RecordKind.TASKS,
        TaskRow.owner_id,
        TaskRow.team_id,
        responsible=[TaskRow.assignee_id],
    )


# `at` (due, else created) orders the task among a timeline's items.
TASK_ROWS = RowMapping(Task, TaskRow.__table__, derived=lambda task: {"at": task.at})


def task_selection(session: AsyncSession, principal: Principal, filters: TaskFilter) -> Select[Any]:
    """The ids of the tasks `filters` select in the principal's scope."""
    statement: Select[Any] = scoped_tasks(select(TaskRow.id), principal)
    if filters.assignee_id is not None:
        statement = statement.where(TaskRow.assignee_id == filters.assignee_id)
    if filters.status is not None:
        statement = statement.where(TaskRow.status == filters.status.value)
    if filters.contact_id is not None:
        statement = statement.where(TaskRow.contact_id == filters.contact_id)
    if filters.deal_id is not None:
        statement = statement.where(TaskRow.deal_id == filters.deal_id)
    if filters.request_id is not None:
        statement = statement.where(TaskRow.request_id == filters.request_id)
    if filters.company_id is not None:
        # The company's own tasks and those about its contacts.
        statement = statement.where(
            or_(
                TaskRow.company_id == filters.company_id,
                TaskRow.contact_id.in_(
                    select(ContactRow.id).where(ContactRow.company_id == filters.company_id)
                ),
            )
        )
    if filters.label is not None:
        statement = statement.where(has_tag(session, TaskRow.labels, filters.label.strip().lower()))
    if filters.due_after is not None:
        statement = statement.where(TaskRow.due_at >= filters.due_after)
    if filters.due_before is not None:
        statement = statement.where(TaskRow.due_at < filters.due_before)
    statement = statement.where(
        *timeline_window(
            TaskRow.at, TaskRow.id, filters.before_key, filters.at_after, filters.at_before
        )
    )
    if filters.overdue:
        statement = statement.where(
            TaskRow.status == TaskStatus.OPEN.value, TaskRow.due_at < utcnow()
        )
    return statement


async def _tasks_of(rows: Sequence[Any]) -> list[Task]:
    return TASK_ROWS.records_of(rows)


class SqlTaskRepository:
    sorts: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "due_at": TaskRow.at,
        "created_at": TaskRow.created_at,
    }

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def next_for_deals(
        self, deal_ids: Collection[uuid.UUID], principal: Principal
    ) -> dict[uuid.UUID, NextActivity]:
        if not deal_ids:
            return {}
        statement = first_of_each(
            scoped_tasks(
                select(TaskRow.id, TaskRow.deal_id, TaskRow.title, TaskRow.due_at).where(
                    TaskRow.deal_id.in_(list(deal_ids)),
                    TaskRow.status == TaskStatus.OPEN.value,
                    TaskRow.due_at.is_not(None),
                ),
                principal,
            ),
            TaskRow.deal_id,
            TaskRow.due_at,
            TaskRow.id,
        )
        return {
            row.deal_id: NextActivity(ActivityKind.TASK, row.id, row.title, row.due_at)
            for row in await self.session.execute(statement)
        }

    async def get(self, task_id: uuid.UUID, visible_to: Principal | None = None) -> Task | None:
        statement = select(TaskRow).where(TaskRow.id == task_id)
        if visible_to is not None:
            statement = scoped_tasks(statement, visible_to)
        row = await self.session.scalar(statement)
        return TASK_ROWS.record_of(row) if row else None

    async def find_page(
        self, principal: Principal, filters: TaskFilter, page: PageRequest
    ) -> Page[Task]:
        statement = task_selection(self.session, principal, filters)
        return await fetch_keyed_page(
            self.session, statement, TaskRow.id, self.sorts, page, TaskRow.__table__, _tasks_of
        )

    async def add(self, task: Task) -> None:
        self.session.add(TaskRow(**TASK_ROWS.new_row_values(task)))
        await self.session.flush()

    async def update(self, task: Task, expected_version: int) -> None:
        await versioned_update(
            self.session, TaskRow, task.id, expected_version, TASK_ROWS.values(task)
        )
        task.version = expected_version + 1

    async def assigned(
        self, user_id: uuid.UUID, due_before: datetime, due_after: datetime | None
    ) -> list[Task]:
        statement = select(TaskRow).where(
            TaskRow.assignee_id == user_id,
            TaskRow.status == TaskStatus.OPEN.value,
            TaskRow.due_at < due_before,
        )
        if due_after is not None:
            statement = statement.where(TaskRow.due_at >= due_after)
        rows = await self.session.scalars(statement.order_by(TaskRow.due_at, TaskRow.id))
        return [TASK_ROWS.record_of(row) for row in rows]

    async def due_reminders(self, user_id: uuid.UUID, now: datetime) -> list[Task]:
        rows = await self.session.scalars(
            select(TaskRow)
            .where(
                TaskRow.assignee_id == user_id,
                TaskRow.status == TaskStatus.OPEN.value,
                TaskRow.remind_at <= now,
                TaskRow.reminder_acknowledged_at.is_(None),
            )
            .order_by(TaskRow.remind_at, TaskRow.id)
        )
        return [TASK_ROWS.record_of(row) for row in rows]
