"""A page of a customer's timeline in one query: each source's newest keys (along its own
index, in its own scope), merged, and only the rows of the page's items read in full."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Select, and_, literal, select, true, union
from sqlalchemy.ext.asyncio import AsyncSession

from domain.interactions import InteractionFilter
from domain.principal import Principal
from domain.tasks import TaskFilter
from domain.timeline import ItemType, TimelineItem, TimelineQuery
from persistence.base import prefixed, unprefixed
from persistence.deals import (
    DealRow,
    StageChangeRow,
    change_to_domain,
    deal_to_domain,
    stage_change_selection,
)
from persistence.interactions import (
    InteractionRow,
    interaction_of,
    interaction_selection,
    participants_of,
)
from persistence.requests import (
    RequestChangeRow,
    RequestRow,
    request_to_domain,
    status_change_of,
    status_change_selection,
)
from persistence.tasks import TaskRow, task_selection, task_to_domain

INTERACTIONS = InteractionRow.__table__
TASKS = TaskRow.__table__
REQUEST_CHANGES = RequestChangeRow.__table__
REQUESTS = RequestRow.__table__
STAGE_CHANGES = StageChangeRow.__table__
DEALS = DealRow.__table__


def _keys(kind: ItemType, statement: Select[Any], at: Any, item_id: Any, limit: int) -> Any:
    """The newest `limit` (type, at, id) of a source."""
    return (
        statement.with_only_columns(
            literal(kind.value).label("type"), at.label("at"), item_id.label("id")
        )
        .order_by(at.desc(), item_id.desc())
        .limit(limit)
        .subquery()
    )


class SqlTimelineRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _sources(self, principal: Principal, query: TimelineQuery) -> list[Any]:
        contact_id, company_id, limit = query.contact_id, query.company_id, query.limit
        sources = []
        if ItemType.INTERACTION in query.types:
            statement, branches = interaction_selection(
                principal,
                InteractionFilter(
                    contact_id=contact_id,
                    company_id=company_id,
                    channel=query.channel,
                    after=query.after,
                    before=query.before,
                    before_key=query.before_key,
                ),
            )
            for branch in branches or [true()]:
                part = statement.where(branch)
                at, key = InteractionRow.at, InteractionRow.id
                sources.append(_keys(ItemType.INTERACTION, part, at, key, limit))
        if ItemType.TASK in query.types:
            statement = task_selection(
                self.session,
                principal,
                TaskFilter(
                    contact_id=contact_id,
                    company_id=company_id,
                    at_after=query.after,
                    at_before=query.before,
                    before_key=query.before_key,
                ),
            )
            sources.append(_keys(ItemType.TASK, statement, TaskRow.at, TaskRow.id, limit))
        window = (query.before_key, query.after, query.before)
        if ItemType.REQUEST in query.types:
            statement = status_change_selection(principal, contact_id, company_id, *window)
            at, key = RequestChangeRow.at, RequestChangeRow.id
            sources.append(_keys(ItemType.REQUEST, statement, at, key, limit))
        if ItemType.DEAL in query.types:
            statement = stage_change_selection(principal, contact_id, company_id, *window)
            at, key = StageChangeRow.at, StageChangeRow.id
            sources.append(_keys(ItemType.DEAL, statement, at, key, limit))
        return sources

    async def items(self, principal: Principal, query: TimelineQuery) -> list[TimelineItem]:
        sources = self._sources(principal, query)
        if not sources:
            return []
        # UNION, not ALL: an interaction can be about a contact twice (as its contact and as
        # a participant). Each source's page is a subquery: SQLite takes no ORDER BY / LIMIT
        # in the members of a UNION.
        merged = union(*(select(s.c.type, s.c.at, s.c.id) for s in sources)).subquery()
        page = (
            select(merged.c.type, merged.c.at, merged.c.id)
            .order_by(merged.c.at.desc(), merged.c.id.desc())
            .limit(query.limit)
            .subquery()
        )

        def of(kind: ItemType, table: Any) -> ColumnElement[bool]:
            return and_(page.c.type == kind.value, table.c.id == page.c.id)

        joined: Any = page
        columns: list[Any] = [page.c.type]
        if ItemType.INTERACTION in query.types:
            joined = joined.outerjoin(INTERACTIONS, of(ItemType.INTERACTION, INTERACTIONS))
            columns += prefixed(INTERACTIONS, "i_")
        if ItemType.TASK in query.types:
            joined = joined.outerjoin(TASKS, of(ItemType.TASK, TASKS))
            columns += prefixed(TASKS, "t_")
        if ItemType.REQUEST in query.types:
            joined = joined.outerjoin(REQUEST_CHANGES, of(ItemType.REQUEST, REQUEST_CHANGES))
            joined = joined.outerjoin(REQUESTS, REQUESTS.c.id == REQUEST_CHANGES.c.request_id)
            columns += [*prefixed(REQUEST_CHANGES, "rc_"), *prefixed(REQUESTS, "r_")]
        if ItemType.DEAL in query.types:
            joined = joined.outerjoin(STAGE_CHANGES, of(ItemType.DEAL, STAGE_CHANGES))
            joined = joined.outerjoin(DEALS, DEALS.c.id == STAGE_CHANGES.c.deal_id)
            columns += [*prefixed(STAGE_CHANGES, "sc_"), *prefixed(DEALS, "d_")]
        rows = (
            await self.session.execute(
                select(*columns).select_from(joined).order_by(page.c.at.desc(), page.c.id.desc())
            )
        ).all()
        interaction_ids = [
            row._mapping["i_id"] for row in rows if row.type == ItemType.INTERACTION.value
        ]
        contacts, users = await participants_of(self.session, interaction_ids)
        items = []
        for row in rows:
            kind = ItemType(row.type)
            if kind is ItemType.INTERACTION:
                fields = unprefixed(row, INTERACTIONS, "i_")
                interaction = interaction_of(fields, contacts[fields.id], users[fields.id])
                items.append(
                    TimelineItem(kind, interaction.at, interaction.id, interaction=interaction)
                )
            elif kind is ItemType.TASK:
                task = task_to_domain(unprefixed(row, TASKS, "t_"))
                items.append(TimelineItem(kind, task.at, task.id, task=task))
            elif kind is ItemType.REQUEST:
                change = status_change_of(unprefixed(row, REQUEST_CHANGES, "rc_"))
                request = request_to_domain(unprefixed(row, REQUESTS, "r_"))
                items.append(
                    TimelineItem(kind, change.at, change.id, request=request, change=change)
                )
            else:
                moved = change_to_domain(unprefixed(row, STAGE_CHANGES, "sc_"))
                deal = deal_to_domain(unprefixed(row, DEALS, "d_"))
                items.append(TimelineItem(kind, moved.at, moved.id, deal=deal, stage_change=moved))
        return items
