"""My day: my planned interactions and tasks in a window, overdue first; and the
calendar feed that carries them into calendar apps."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol
from uuid import UUID

from domain.access.roles import Permission
from domain.access.users import principal_of
from domain.clock import utcnow
from domain.errors import FieldErrorCode, NotFound, ValidationFailed
from domain.interactions.interactions import Interaction
from domain.interactions.tasks import Task

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork

MAX_WINDOW = timedelta(days=92)
FEED_PAST = timedelta(days=30)
FEED_FUTURE = timedelta(days=365)


class AgendaType(StrEnum):
    INTERACTION = "interaction"
    TASK = "task"


@dataclass(frozen=True)
class Named:
    """A record an agenda item is about, by name, for a caller who may read it."""

    id: UUID
    name: str


@dataclass(frozen=True)
class AgendaItem:
    type: AgendaType
    at: datetime
    overdue: bool
    interaction: Interaction | None = None
    task: Task | None = None
    contact: Named | None = None
    company: Named | None = None
    deal: Named | None = None

    @property
    def about_ids(self) -> tuple[UUID | None, UUID | None, UUID | None]:
        """The ids of the contact, company and deal the item is about."""
        record = self.task or self.interaction
        if record is None:
            return None, None, None
        return record.contact_id, record.company_id, record.deal_id


async def _items(
    uow: UnitOfWork, principal: Principal, start: datetime | None, end: datetime
) -> list[AgendaItem]:
    now = utcnow()
    items: list[AgendaItem] = []
    if principal.has(Permission.INTERACTIONS_READ):
        for i in await uow.interactions.planned_for(principal.user_id, end):
            if i.scheduled_at is not None and (
                start is None or i.scheduled_at >= start or i.scheduled_at < now
            ):
                items.append(
                    AgendaItem(
                        AgendaType.INTERACTION, i.scheduled_at, i.scheduled_at < now, interaction=i
                    )
                )
    if principal.has(Permission.TASKS_READ):
        for t in await uow.tasks.assigned(principal.user_id, end, None):
            if t.due_at is not None and (start is None or t.due_at >= start or t.due_at < now):
                items.append(AgendaItem(AgendaType.TASK, t.due_at, t.due_at < now, task=t))
    return sorted(items, key=lambda item: (not item.overdue, item.at))


async def my_agenda(
    uow: UnitOfWork, principal: Principal, start: datetime, end: datetime
) -> list[AgendaItem]:
    """Planned interactions I own or take part in, and open tasks assigned to me, in
    [start, end); whatever is overdue comes first, whenever it was due."""
    start, end = start.astimezone(UTC), end.astimezone(UTC)
    if end <= start:
        raise ValidationFailed.on("to", "must be after from", FieldErrorCode.OUT_OF_RANGE)
    if end - start > MAX_WINDOW:
        raise ValidationFailed.on(
            "to", "the window may span at most 92 days", FieldErrorCode.OUT_OF_RANGE
        )
    return await _named(uow, principal, await _items(uow, principal, start, end))


async def _named(
    uow: UnitOfWork, principal: Principal, items: list[AgendaItem]
) -> list[AgendaItem]:
    """Each item with the names of the contact, company and deal it is about, each only
    when the caller may read that record (its permission and its scope): an id of a
    record out of reach stays an id. Without a company of its own, an item shows its
    contact's company. One query per kind of record, however many items."""
    about = [item.about_ids for item in items]
    contacts = (
        await uow.contacts.names({c for c, _, _ in about if c}, principal)
        if principal.has(Permission.CONTACTS_READ)
        else {}
    )
    company_of = [
        company or (contacts[c].company_id if c in contacts else None) for c, company, _ in about
    ]
    companies = (
        await uow.companies.names({c for c in company_of if c}, principal)
        if principal.has(Permission.COMPANIES_READ)
        else {}
    )
    deals = (
        await uow.deals.titles({d for _, _, d in about if d}, principal)
        if principal.has(Permission.DEALS_READ)
        else {}
    )
    return [
        replace(
            item,
            contact=Named(c, contacts[c].name) if c in contacts else None,
            company=Named(company, companies[company]) if company in companies else None,
            deal=Named(d, deals[d]) if d in deals else None,
        )
        for item, (c, _, d), company in zip(items, about, company_of, strict=True)
    ]


# --- Calendar feed ------------------------------------------------------------------


class CalendarFeedRepository(Protocol):
    async def user_for(self, token_hash: str) -> UUID | None: ...
    async def set(self, user_id: UUID, token_hash: str) -> None: ...
    async def delete(self, user_id: UUID) -> None: ...


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_feed_token(uow: UnitOfWork, principal: Principal) -> str:
    """A new secret for my calendar feed; any earlier one stops working."""
    token = secrets.token_urlsafe(32)
    await uow.calendar_feeds.set(principal.user_id, _hash(token))
    return token


async def revoke_feed(uow: UnitOfWork, principal: Principal) -> None:
    await uow.calendar_feeds.delete(principal.user_id)


async def feed_items(uow: UnitOfWork, token: str) -> list[AgendaItem]:
    """What the feed behind `token` shows, with the rights its user has now: a month
    back and a year ahead."""
    user_id = await uow.calendar_feeds.user_for(_hash(token))
    user = await uow.users.get(user_id) if user_id else None
    if user is None or not user.is_active:
        raise NotFound("No such calendar feed.")
    now = utcnow()
    items = await _items(uow, principal_of(user), now - FEED_PAST, now + FEED_FUTURE)
    return [item for item in items if item.at >= now - FEED_PAST]
