"""A customer's timeline: everything that happened or is planned with a contact or a
company, newest first, in one feed: interactions (notes included), tasks, request
status changes and deal stage changes, each item typed.

Each source is read newest first from a shared keyset boundary (at, id) and the
sources are merged (by the repository, in one query where it can), so a page costs the
same however deep it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol
from uuid import UUID

from domain.access.roles import Permission
from domain.contacts.companies import get_company
from domain.contacts.contacts import check_contact_visible
from domain.funnel.deals import Deal, StageChange
from domain.interactions.interactions import Channel, Interaction
from domain.interactions.requests import CustomerRequest, StatusChange
from domain.interactions.tasks import Task
from domain.pagination import Page, PageRequest, cursor_id, cursor_moment

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork


class ItemType(StrEnum):
    INTERACTION = "interaction"
    TASK = "task"
    REQUEST = "request"  # a customer request registered or moved to another status
    DEAL = "deal"  # a deal created in or moved to a stage


@dataclass(frozen=True)
class TimelineItem:
    type: ItemType
    at: datetime
    id: UUID
    interaction: Interaction | None = None
    task: Task | None = None
    request: CustomerRequest | None = None
    change: StatusChange | None = None
    deal: Deal | None = None
    stage_change: StageChange | None = None


@dataclass(frozen=True)
class TimelineFilter:
    types: frozenset[ItemType] = frozenset(ItemType)
    channel: Channel | None = None
    after: datetime | None = None
    before: datetime | None = None


@dataclass(frozen=True)
class TimelineQuery:
    """What a page of a timeline reads: the newest `limit` items of the given types about
    the contact (or the company and its contacts), strictly before `before_key`."""

    types: frozenset[ItemType]
    limit: int
    contact_id: UUID | None = None
    company_id: UUID | None = None
    channel: Channel | None = None
    after: datetime | None = None
    before: datetime | None = None
    before_key: tuple[datetime, UUID] | None = None


class TimelineRepository(Protocol):
    async def items(self, principal: Principal, query: TimelineQuery) -> list[TimelineItem]:
        """The newest `query.limit` items the principal sees (each source in its own
        scope), newest first: by `at`, then `id`, descending."""
        ...


# Who may see which kind of item. Items the caller may not see are left out, not shown half.
READ_PERMISSION = {
    ItemType.INTERACTION: Permission.INTERACTIONS_READ,
    ItemType.TASK: Permission.TASKS_READ,
    ItemType.REQUEST: Permission.REQUESTS_READ,
    ItemType.DEAL: Permission.DEALS_READ,
}


def _decode(page: PageRequest) -> tuple[datetime, UUID] | None:
    parts = page.cursor_parts(2)
    return None if parts is None else (cursor_moment(parts[0]), cursor_id(parts[1]))


async def _feed(
    uow: UnitOfWork,
    principal: Principal,
    filters: TimelineFilter,
    page: PageRequest,
    contact_id: UUID | None = None,
    company_id: UUID | None = None,
) -> Page[TimelineItem]:
    # A channel is an interaction's: filtering by one leaves the other kinds out.
    types = frozenset(
        kind
        for kind in filters.types
        if principal.has(READ_PERMISSION[kind])
        and (filters.channel is None or kind is ItemType.INTERACTION)
    )
    items = await uow.timeline.items(
        principal,
        TimelineQuery(
            types=types,
            limit=page.limit + 1,
            contact_id=contact_id,
            company_id=company_id,
            channel=filters.channel,
            after=filters.after,
            before=filters.before,
            before_key=_decode(page),
        ),
    )
    shown = items[: page.limit]
    more = len(items) > page.limit
    return Page(
        items=shown,
        next_cursor=page.next_cursor(shown[-1].at.isoformat(), str(shown[-1].id))
        if more and shown
        else None,
    )


async def contact_timeline(
    uow: UnitOfWork,
    principal: Principal,
    contact_id: UUID,
    filters: TimelineFilter,
    page: PageRequest,
) -> Page[TimelineItem]:
    await check_contact_visible(uow, principal, contact_id)
    return await _feed(uow, principal, filters, page, contact_id=contact_id)


async def company_timeline(
    uow: UnitOfWork,
    principal: Principal,
    company_id: UUID,
    filters: TimelineFilter,
    page: PageRequest,
) -> Page[TimelineItem]:
    company = await get_company(uow, principal, company_id)
    return await _feed(uow, principal, filters, page, company_id=company.id)
