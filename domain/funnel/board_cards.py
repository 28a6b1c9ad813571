"""What a board card shows beside the deal itself: who it is with (its company, else its
contact) and the next thing planned on it (the earliest open task with a due time, or
planned interaction), each only as far as the caller may read it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from uuid import UUID

from domain.access.roles import Permission
from domain.clock import utcnow
from domain.interactions.next_activity import NextActivity

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.funnel.deals import Deal
    from domain.uow import UnitOfWork


@dataclass(frozen=True)
class CardFacts:
    company_name: str | None = None
    contact_name: str | None = None
    next_activity: NextActivity | None = None


async def card_facts(
    uow: UnitOfWork, principal: Principal, deals: Collection[Deal]
) -> dict[UUID, CardFacts]:
    """Per deal, the names of its company and contact the principal may read, and its
    next activity among the tasks and interactions the principal may read."""
    if not deals:
        return {}
    ids = [d.id for d in deals]
    companies = contacts = tasks = planned = {}
    if principal.has(Permission.COMPANIES_READ):
        companies = await uow.companies.names(
            {d.company_id for d in deals if d.company_id}, principal
        )
    if principal.has(Permission.CONTACTS_READ):
        contacts = await uow.contacts.names(
            {d.contact_id for d in deals if d.contact_id}, principal
        )
    if principal.has(Permission.TASKS_READ):
        tasks = await uow.tasks.next_for_deals(ids, principal)
    if principal.has(Permission.INTERACTIONS_READ):
        planned = await uow.interactions.next_for_deals(ids, principal)
    now = utcnow()
    facts: dict[UUID, CardFacts] = {}
    for deal in deals:
        candidates = [a for a in (tasks.get(deal.id), planned.get(deal.id)) if a is not None]
        first = min(candidates, key=lambda a: (a.due, a.id)) if candidates else None
        contact = contacts.get(deal.contact_id) if deal.contact_id else None
        facts[deal.id] = CardFacts(
            company_name=companies.get(deal.company_id) if deal.company_id else None,
            contact_name=contact.name if contact else None,
            next_activity=replace(first, overdue=first.due < now) if first else None,
        )
    return facts
