"""Customer requests: questions, complaints and tickets from any channel, handled from
registration to resolution along an explicit status graph."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID, uuid4

from domain.access.levels import RecordKind
from domain.access.roles import Permission, require
from domain.access.users import User, UserFilter
from domain.clock import utcnow
from domain.commands import UNSET, Unset
from domain.errors import (
    Conflict,
    FieldError,
    FieldErrorCode,
    PermissionDenied,
    ValidationFailed,
)
from domain.events import RequestCreated
from domain.funnel.distribution import next_assignee
from domain.pagination import MAX_PAGE_SIZE, Page, PageRequest
from domain.records import OwnedKind
from domain.text import clean_name

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork

REQUESTS: OwnedKind[CustomerRequest] = OwnedKind(
    RecordKind.REQUESTS,
    "Request",
    Permission.REQUESTS_READ,
    Permission.REQUESTS_WRITE,
    lambda uow: uow.requests,
    # The assignee works the request: they change it though they do not own it.
    responsible=lambda request: _responsible(request),
)


class RequestStatus(StrEnum):
    NEW = "new"
    OPEN = "open"
    PENDING = "pending"  # waiting for the customer
    RESOLVED = "resolved"
    CLOSED = "closed"


class RequestPriority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class RequestChannel(StrEnum):
    EMAIL = "email"
    CALL = "call"
    CHAT = "chat"
    SOCIAL = "social"
    WEB_FORM = "web_form"
    IN_PERSON = "in_person"
    OTHER = "other"


S = RequestStatus
# Where a request may go from each status. Closed is final except for reopening, and
# reopening always goes to open.
TRANSITIONS: dict[RequestStatus, frozenset[RequestStatus]] = {
    S.NEW: frozenset({S.OPEN, S.PENDING, S.RESOLVED, S.CLOSED}),
    S.OPEN: frozenset({S.PENDING, S.RESOLVED, S.CLOSED}),
    S.PENDING: frozenset({S.OPEN, S.RESOLVED, S.CLOSED}),
    S.RESOLVED: frozenset({S.OPEN, S.CLOSED}),
    S.CLOSED: frozenset({S.OPEN}),
}

DEFAULT_RESPONSE_TIMES: dict[RequestPriority, timedelta] = {
    RequestPriority.URGENT: timedelta(hours=4),
    RequestPriority.HIGH: timedelta(hours=24),
    RequestPriority.NORMAL: timedelta(days=3),
    RequestPriority.LOW: timedelta(days=7),
}


@dataclass
class CustomerRequest:
    contact_id: UUID
    channel: RequestChannel
    subject: str
    owner_id: UUID
    team_id: UUID | None
    description: str = ""
    status: RequestStatus = RequestStatus.NEW
    priority: RequestPriority = RequestPriority.NORMAL
    assignee_id: UUID | None = None
    due_by: datetime | None = None
    resolution: str = ""
    resolved_at: datetime | None = None
    closed_at: datetime | None = None
    id: UUID = field(default_factory=uuid4)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    version: int = 1

    def snapshot(self) -> dict[str, Any]:
        return {
            "contact_id": str(self.contact_id),
            "channel": self.channel.value,
            "subject": self.subject,
            "description": self.description,
            "status": self.status.value,
            "priority": self.priority.value,
            "assignee_id": str(self.assignee_id) if self.assignee_id else None,
            "due_by": self.due_by.isoformat() if self.due_by else None,
            "resolution": self.resolution,
            "owner_id": str(self.owner_id),
            "team_id": str(self.team_id) if self.team_id else None,
        }


@dataclass(frozen=True, kw_only=True)
class NewRequest:
    """A request as it is registered; the UNSET fields take their defaults."""

    contact_id: UUID
    channel: RequestChannel
    subject: str
    description: str | Unset | None = UNSET
    priority: RequestPriority | Unset | None = UNSET
    assignee_id: UUID | Unset | None = UNSET


@dataclass(frozen=True, kw_only=True)
class RequestChanges:
    """A request's fields as a change gives them (checked when applied): UNSET ones stay
    as they are; `status` moves along the graph."""

    subject: str | Unset | None = UNSET
    description: str | Unset | None = UNSET
    priority: RequestPriority | Unset | None = UNSET
    assignee_id: UUID | Unset | None = UNSET
    status: RequestStatus | Unset | None = UNSET
    resolution: str | Unset | None = UNSET


@dataclass(frozen=True)
class StatusChange:
    """One move of a request, shown on the contact's timeline."""

    request_id: UUID
    contact_id: UUID
    from_status: RequestStatus | None
    to_status: RequestStatus
    by: UUID
    at: datetime = field(default_factory=utcnow)
    id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True)
class RequestFilter:
    status: RequestStatus | None = None
    priority: RequestPriority | None = None
    assignee_id: UUID | None = None
    team_id: UUID | None = None
    contact_id: UUID | None = None
    overdue: bool = False


class RequestRepository(Protocol):
    async def get(
        self, request_id: UUID, visible_to: Principal | None = None
    ) -> CustomerRequest | None: ...
    async def find_page(
        self, principal: Principal, filters: RequestFilter, page: PageRequest
    ) -> Page[CustomerRequest]: ...
    async def add(self, request: CustomerRequest) -> None: ...
    async def update(self, request: CustomerRequest, expected_version: int) -> None: ...
    async def add_change(self, change: StatusChange) -> None: ...
    async def changes(self, request_id: UUID) -> list[StatusChange]:
        """The request's status changes, newest first."""
        ...

    async def response_times(self) -> dict[RequestPriority, timedelta]: ...

    async def set_response_times(self, times: dict[RequestPriority, timedelta]) -> None: ...


def allowed_moves(status: RequestStatus) -> list[str]:
    """Where a request may go next, in the workflow's order (new to closed)."""
    return [s.value for s in RequestStatus if s in TRANSITIONS[status]]


def check_move(current: RequestStatus, target: RequestStatus) -> None:
    if target is current:
        return
    if target not in TRANSITIONS[current]:
        allowed = ", ".join(allowed_moves(current))
        raise Conflict(
            f"A {current.value} request cannot become {target.value}; it can become: {allowed}.",
            [FieldError("status", f"allowed: {allowed}", FieldErrorCode.INVALID_CHOICE)],
        )


def _works_on_requests(user: User) -> bool:
    return user.is_active and user.role.permissions >= {Permission.REQUESTS_WRITE}


def _may_assign_to(principal: Principal, user: User) -> bool:
    """Yourself, or someone ranked below you (who must work on requests)."""
    return user.id == principal.user_id or user.role.rank < principal.rank


async def _check_assignee(uow: UnitOfWork, principal: Principal, user_id: UUID) -> None:
    user = await uow.users.get(user_id, visible_to=principal)
    if user is None or not user.is_active:
        raise ValidationFailed.on(
            "assignee_id", "no such active user in your scope", FieldErrorCode.NOT_FOUND
        )
    if not _works_on_requests(user):
        raise ValidationFailed.on(
            "assignee_id", "this user cannot work on requests", FieldErrorCode.NOT_ALLOWED
        )
    if not _may_assign_to(principal, user):
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


async def _move(
    uow: UnitOfWork, principal: Principal, request: CustomerRequest, target: RequestStatus
) -> None:
    check_move(request.status, target)
    if target is request.status:
        return
    now = utcnow()
    if target is RequestStatus.RESOLVED:
        if not request.resolution:
            raise ValidationFailed.on(
                "resolution", "say how the request was resolved", FieldErrorCode.REQUIRED
            )
        request.resolved_at = now
    if target is RequestStatus.CLOSED:
        request.closed_at = now
    if target is RequestStatus.OPEN:
        request.resolved_at = request.closed_at = None
    await uow.requests.add_change(
        StatusChange(request.id, request.contact_id, request.status, target, principal.user_id, now)
    )
    request.status = target


async def register_request(
    uow: UnitOfWork, principal: Principal, new: NewRequest
) -> CustomerRequest:
    """A new request: due by its priority's response time; without an assignee it goes
    round-robin to the team when the team distributes requests, else to whoever
    registered it (who logged it has it until they hand it over)."""
    require(principal, Permission.REQUESTS_WRITE)
    if await uow.contacts.get(new.contact_id, visible_to=principal) is None:
        raise ValidationFailed.on(
            "contact_id", "no such contact in your scope", FieldErrorCode.NOT_FOUND
        )
    priority = new.priority or RequestPriority.NORMAL
    request = CustomerRequest(
        contact_id=new.contact_id,
        channel=new.channel,
        subject=clean_name(new.subject, "subject"),
        description=(new.description or "").strip(),
        priority=priority,
        owner_id=principal.user_id,
        team_id=principal.team_id,
    )
    times = await uow.requests.response_times()
    request.due_by = request.created_at + times[priority]
    if new.assignee_id:
        await _check_assignee(uow, principal, new.assignee_id)
        request.assignee_id = new.assignee_id
    elif principal.team_id is not None:
        request.assignee_id = await next_assignee(
            uow, principal.team_id, "requests", Permission.REQUESTS_WRITE
        )
    if request.assignee_id is None:
        request.assignee_id = principal.user_id
    await uow.requests.add(request)
    await uow.requests.add_change(
        StatusChange(request.id, request.contact_id, None, request.status, principal.user_id)
    )
    if await uow.emit(RequestCreated.of(principal, request)):
        return await uow.requests.get(request.id) or request
    return request


async def get_request(uow: UnitOfWork, principal: Principal, request_id: UUID) -> CustomerRequest:
    return await REQUESTS.get(uow, principal, request_id)


def _responsible(request: CustomerRequest) -> frozenset[UUID]:
    return frozenset() if request.assignee_id is None else frozenset({request.assignee_id})


async def request_to_change(
    uow: UnitOfWork, principal: Principal, request_id: UUID
) -> CustomerRequest:
    return await REQUESTS.to_change(uow, principal, request_id)


async def request_history(
    uow: UnitOfWork, principal: Principal, request_id: UUID
) -> list[StatusChange]:
    """Every status the request went through, newest first (404 outside your scope)."""
    request = await get_request(uow, principal, request_id)
    return await uow.requests.changes(request.id)


async def assignable_users(uow: UnitOfWork, principal: Principal) -> list[User]:
    """Whom the principal may hand a request to: active users in their scope who work on
    requests, ranked below them, and themselves; by name."""
    require(principal, Permission.REQUESTS_WRITE)
    found: list[User] = []
    cursor: str | None = None
    while True:
        page = await uow.users.find_page(
            principal,
            UserFilter(is_active=True),
            PageRequest(limit=MAX_PAGE_SIZE, cursor=cursor, sort="-created_at"),
        )
        found += [u for u in page.items if _works_on_requests(u) and _may_assign_to(principal, u)]
        if page.next_cursor is None:
            return sorted(found, key=lambda u: (u.full_name.casefold(), str(u.id)))
        cursor = page.next_cursor


async def list_requests(
    uow: UnitOfWork, principal: Principal, filters: RequestFilter, page: PageRequest
) -> Page[CustomerRequest]:
    require(principal, Permission.REQUESTS_READ)
    return await uow.requests.find_page(principal, filters, page)


async def update_request(
    uow: UnitOfWork,
    principal: Principal,
    request_id: UUID,
    given: RequestChanges,
    expected_version: int | None,
) -> CustomerRequest:
    """Changes fields and moves the status along the graph (409 for a move it lacks)."""

    async def change(request: CustomerRequest) -> None:
        if given.subject is not UNSET:
            request.subject = clean_name(given.subject or "", "subject")
        if given.description is not UNSET:
            request.description = (given.description or "").strip()
        if given.resolution is not UNSET:
            request.resolution = (given.resolution or "").strip()
        if given.priority and given.priority is not request.priority:
            request.priority = given.priority
            times = await uow.requests.response_times()
            request.due_by = request.created_at + times[given.priority]
        if given.assignee_id is not UNSET and given.assignee_id != request.assignee_id:
            if given.assignee_id is not None:
                await _check_assignee(uow, principal, given.assignee_id)
            request.assignee_id = given.assignee_id
        if given.status:
            await _move(uow, principal, request, given.status)

    return await REQUESTS.update(uow, principal, request_id, expected_version, change)


async def get_response_times(
    uow: UnitOfWork, principal: Principal
) -> dict[RequestPriority, timedelta]:
    require(principal, Permission.REQUESTS_READ)
    return await uow.requests.response_times()


async def set_response_times(
    uow: UnitOfWork, principal: Principal, times: dict[RequestPriority, timedelta]
) -> dict[RequestPriority, timedelta]:
    require(principal, Permission.SETTINGS_MANAGE)
    for priority, time in times.items():
        if time <= timedelta(0) or time > timedelta(days=90):
            raise ValidationFailed.on(priority.value, "between one minute and 90 days")
    merged = {**await uow.requests.response_times(), **times}
    await uow.requests.set_response_times(merged)
    return merged
