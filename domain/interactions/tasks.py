"""Tasks and reminders: what someone has to do for a customer, and by when."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID, uuid4

from domain import changes
from domain.access.levels import RecordKind
from domain.access.roles import Permission, require
from domain.audit import AuditAction
from domain.clock import to_utc, utcnow
from domain.commands import UNSET, Unset
from domain.errors import FieldError, FieldErrorCode, NotFound, PermissionDenied, ValidationFailed
from domain.pagination import Page, PageRequest
from domain.records import OwnedKind, normalize_tags, related_records
from domain.text import clean_name

if TYPE_CHECKING:
    from collections.abc import Collection

    from domain.access.principal import Principal
    from domain.interactions.next_activity import NextActivity
    from domain.uow import UnitOfWork

TASKS: OwnedKind[Task] = OwnedKind(
    RecordKind.TASKS,
    "Task",
    Permission.TASKS_READ,
    Permission.TASKS_WRITE,
    lambda uow: uow.tasks,
    # The assignee works the task: they change it though they do not own it.
    responsible=lambda task: frozenset({task.assignee_id}),
)


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELED = "canceled"


@dataclass
class Task:
    title: str
    owner_id: UUID
    assignee_id: UUID
    team_id: UUID | None
    description: str = ""
    due_at: datetime | None = None
    remind_at: datetime | None = None
    priority: Priority = Priority.NORMAL
    status: TaskStatus = TaskStatus.OPEN
    contact_id: UUID | None = None
    company_id: UUID | None = None
    deal_id: UUID | None = None
    request_id: UUID | None = None
    labels: list[str] = field(default_factory=list)
    completed_at: datetime | None = None
    reminder_acknowledged_at: datetime | None = None
    id: UUID = field(default_factory=uuid4)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    version: int = 1

    @property
    def at(self) -> datetime:
        """Where a timeline puts it: its due time, else when it was created."""
        return self.due_at or self.created_at

    def snapshot(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "description": self.description,
            "due_at": self.due_at.isoformat() if self.due_at else None,
            "remind_at": self.remind_at.isoformat() if self.remind_at else None,
            "priority": self.priority.value,
            "status": self.status.value,
            "assignee_id": str(self.assignee_id),
            "contact_id": str(self.contact_id) if self.contact_id else None,
            "company_id": str(self.company_id) if self.company_id else None,
            "deal_id": str(self.deal_id) if self.deal_id else None,
            "request_id": str(self.request_id) if self.request_id else None,
            "labels": list(self.labels),
            "owner_id": str(self.owner_id),
            "team_id": str(self.team_id) if self.team_id else None,
        }


@dataclass(frozen=True, kw_only=True)
class TaskChanges:
    """A task's fields as a create or a change gives them (checked when applied): UNSET
    ones stay as they are, on a create their defaults. `status: done` completes it."""

    title: str | Unset | None = UNSET
    description: str | Unset | None = UNSET
    due_at: datetime | Unset | None = UNSET
    remind_at: datetime | Unset | None = UNSET
    priority: Priority | Unset | None = UNSET
    status: TaskStatus | Unset | None = UNSET
    assignee_id: UUID | Unset | None = UNSET
    contact_id: UUID | Unset | None = UNSET
    company_id: UUID | Unset | None = UNSET
    deal_id: UUID | Unset | None = UNSET
    request_id: UUID | Unset | None = UNSET
    labels: tuple[str, ...] | Unset | None = UNSET


@dataclass(frozen=True)
class TaskFilter:
    assignee_id: UUID | None = None
    status: TaskStatus | None = None
    contact_id: UUID | None = None
    company_id: UUID | None = None
    deal_id: UUID | None = None
    request_id: UUID | None = None
    label: str | None = None
    due_after: datetime | None = None
    due_before: datetime | None = None
    overdue: bool = False
    at_after: datetime | None = None
    at_before: datetime | None = None
    # Keyset boundary for merged feeds: only items strictly before (at, id).
    before_key: tuple[datetime, UUID] | None = None


class TaskRepository(Protocol):
    async def get(self, task_id: UUID, visible_to: Principal | None = None) -> Task | None: ...
    async def find_page(
        self, principal: Principal, filters: TaskFilter, page: PageRequest
    ) -> Page[Task]: ...
    async def add(self, task: Task) -> None: ...
    async def update(self, task: Task, expected_version: int) -> None: ...
    async def next_for_deals(
        self, deal_ids: Collection[UUID], principal: Principal
    ) -> dict[UUID, NextActivity]:
        """Per deal, its open task due first, among those the principal may read."""
        ...

    async def assigned(
        self, user_id: UUID, due_before: datetime, due_after: datetime | None
    ) -> list[Task]:
        """Open tasks of the user due before `due_before` (and from `due_after`)."""
        ...

    async def due_reminders(self, user_id: UUID, now: datetime) -> list[Task]: ...


async def _check_assignee(uow: UnitOfWork, principal: Principal, assignee_id: UUID) -> UUID | None:
    """Tasks go to oneself, or to a colleague in one's scope who ranks below: nobody
    hands work upwards or outside their reach. Returns the assignee's team."""
    if assignee_id == principal.user_id:
        return principal.team_id
    user = await uow.users.get(assignee_id, visible_to=principal)
    if user is None or not user.is_active:
        raise ValidationFailed.on(
            "assignee_id", "no such active user in your scope", FieldErrorCode.NOT_FOUND
        )
    if user.role.rank >= principal.rank:
        raise PermissionDenied(
            f"{user.full_name} does not rank below you.",
            [
                FieldError(
                    "assignee_id",
                    "you can assign only to people ranked below you",
                    FieldErrorCode.NOT_ALLOWED,
                )
            ],
        )
    return user.team_id


async def apply_changes(
    uow: UnitOfWork, principal: Principal, task: Task, given: TaskChanges
) -> None:
    """Sets the fields given on `task`, each checked; UNSET ones stay as they are."""
    if given.title is not UNSET:
        task.title = clean_name(given.title or "", "title")
    if given.description is not UNSET:
        task.description = (given.description or "").strip()
    if given.due_at is not UNSET:
        task.due_at = to_utc(given.due_at)
    if given.remind_at is not UNSET:
        task.remind_at = to_utc(given.remind_at)
        task.reminder_acknowledged_at = None
    if given.priority is not UNSET and given.priority is not None:
        task.priority = given.priority
    if given.labels is not UNSET:
        task.labels = normalize_tags(given.labels or (), "labels")
    if given.contact_id is not UNSET and given.contact_id != task.contact_id:
        if given.contact_id and not await uow.contacts.get(given.contact_id, visible_to=principal):
            raise ValidationFailed.on(
                "contact_id", "no such contact in your scope", FieldErrorCode.NOT_FOUND
            )
        task.contact_id = given.contact_id
    if given.company_id is not UNSET and given.company_id != task.company_id:
        if given.company_id and not await uow.companies.get(given.company_id, visible_to=principal):
            raise ValidationFailed.on(
                "company_id", "no such company in your scope", FieldErrorCode.NOT_FOUND
            )
        task.company_id = given.company_id
    related = await related_records(
        uow, principal, task.deal_id, task.request_id, given.deal_id, given.request_id
    )
    task.deal_id, task.request_id = related.deal_id, related.request_id
    task.contact_id = task.contact_id or related.contact_id
    task.company_id = task.company_id or related.company_id
    if given.assignee_id and given.assignee_id != task.assignee_id:
        task.team_id = await _check_assignee(uow, principal, given.assignee_id)
        task.assignee_id = given.assignee_id
    if given.status and given.status is not task.status:
        task.status = given.status
        task.completed_at = utcnow() if given.status is TaskStatus.DONE else None
    if task.remind_at and task.due_at and task.remind_at > task.due_at:
        raise ValidationFailed.on(
            "remind_at", "must not be after due_at", FieldErrorCode.OUT_OF_RANGE
        )


async def create_task(uow: UnitOfWork, principal: Principal, new: TaskChanges) -> Task:
    require(principal, Permission.TASKS_WRITE)
    assignee_id = new.assignee_id or principal.user_id
    task = Task(
        title="",
        owner_id=principal.user_id,
        assignee_id=assignee_id,
        team_id=await _check_assignee(uow, principal, assignee_id),
    )
    await apply_changes(uow, principal, task, replace(new, assignee_id=UNSET))
    await uow.tasks.add(task)
    await changes.record(uow, principal, AuditAction.CREATED, RecordKind.TASKS, [(task, {})])
    return task


async def get_task(uow: UnitOfWork, principal: Principal, task_id: UUID) -> Task:
    return await TASKS.get(uow, principal, task_id)


async def task_to_change(uow: UnitOfWork, principal: Principal, task_id: UUID) -> Task:
    return await TASKS.to_change(uow, principal, task_id)


async def list_tasks(
    uow: UnitOfWork, principal: Principal, filters: TaskFilter, page: PageRequest
) -> Page[Task]:
    require(principal, Permission.TASKS_READ)
    return await uow.tasks.find_page(principal, filters, page)


async def update_task(
    uow: UnitOfWork,
    principal: Principal,
    task_id: UUID,
    given: TaskChanges,
    expected_version: int | None,
) -> Task:
    async def change(task: Task) -> None:
        await apply_changes(uow, principal, task, given)

    return await TASKS.update(uow, principal, task_id, expected_version, change)


async def my_reminders(uow: UnitOfWork, principal: Principal) -> list[Task]:
    """Reminders that are due and not yet acknowledged, for open tasks assigned to me."""
    require(principal, Permission.TASKS_READ)
    return await uow.tasks.due_reminders(principal.user_id, utcnow())


async def acknowledge_reminder(uow: UnitOfWork, principal: Principal, task_id: UUID) -> Task:
    require(principal, Permission.TASKS_READ)
    task = await uow.tasks.get(task_id, visible_to=principal)
    if task is None or task.assignee_id != principal.user_id:
        raise NotFound("Reminder not found.")
    if task.reminder_acknowledged_at is None:
        task.reminder_acknowledged_at = utcnow()
        await uow.tasks.update(task, task.version)
    return task
