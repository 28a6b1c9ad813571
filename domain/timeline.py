"""A customer's timeline: everything that happened or is planned with a contact or a
company, newest first, in one feed. Interactions (notes included) are on it today;
tasks, requests and deal stage changes join as those records arrive, each item typed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING
from uuid import UUID

from domain.companies import get_company
from domain.contacts import get_contact
from domain.interactions import Channel, Interaction, InteractionFilter
from domain.pagination import Page, PageRequest
from domain.roles import Permission

if TYPE_CHECKING:
    from domain.principal import Principal
    from domain.uow import UnitOfWork


class ItemType(StrEnum):
    INTERACTION = "interaction"


@dataclass(frozen=True)
class TimelineItem:
    type: ItemType
    at: datetime
    interaction: Interaction | None = None


@dataclass(frozen=True)
class TimelineFilter:
    types: frozenset[ItemType] = frozenset(ItemType)
    channel: Channel | None = None
    after: datetime | None = None
    before: datetime | None = None


async def _interactions(
    uow: UnitOfWork,
    principal: Principal,
    filters: TimelineFilter,
    page: PageRequest,
    contact_id: UUID | None = None,
    company_id: UUID | None = None,
) -> Page[TimelineItem]:
    # Items the caller may not see are left out, not shown half.
    if ItemType.INTERACTION not in filters.types or not principal.has(Permission.INTERACTIONS_READ):
        return Page(items=[], next_cursor=None)
    found = await uow.interactions.find_page(
        principal,
        InteractionFilter(
            contact_id=contact_id,
            company_id=company_id,
            channel=filters.channel,
            after=filters.after,
            before=filters.before,
        ),
        PageRequest(limit=page.limit, cursor=page.cursor, sort="-at"),
    )
    items = [TimelineItem(ItemType.INTERACTION, i.at, interaction=i) for i in found.items]
    return Page(items=items, next_cursor=found.next_cursor)


async def contact_timeline(
    uow: UnitOfWork,
    principal: Principal,
    contact_id: UUID,
    filters: TimelineFilter,
    page: PageRequest,
) -> Page[TimelineItem]:
    contact = await get_contact(uow, principal, contact_id)
    return await _interactions(uow, principal, filters, page, contact_id=contact.id)


async def company_timeline(
    uow: UnitOfWork,
    principal: Principal,
    company_id: UUID,
    filters: TimelineFilter,
    page: PageRequest,
) -> Page[TimelineItem]:
    company = await get_company(uow, principal, company_id)
    return await _interactions(uow, principal, filters, page, company_id=company.id)
