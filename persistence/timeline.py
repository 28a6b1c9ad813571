"""A page of a customer's timeline in one query: each source's newest keys (along its own
index, in its own scope), merged, and only the rows of the page's items read in full."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, literal, select, text, true, union
from sqlalchemy.ext.asyncio import AsyncSession

from domain.access.principal import Principal
from domain.interactions.interactions import InteractionFilter
from domain.interactions.tasks import TaskFilter
from domain.interactions.timeline import ItemType, TimelineItem, TimelineQuery
from persistence.base import dialect_of, prefixed, read, unprefixed
from persistence.deals import DEAL_ROWS, STAGE_CHANGE_ROWS, stage_change_selection
from persistence.funnel_rows import DealRow, StageChangeRow
from persistence.interactions import (
    INTERACTION_ROWS,
    InteractionRow,
    about_contact_in_time_order,
    interaction_selection,
    participants_of,
)
from persistence.requests import (
    REQUEST_ROWS,
    STATUS_CHANGE_ROWS,
    RequestChangeRow,
    RequestRow,
    status_change_selection,
)
from persistence.tasks import TASK_ROWS, TaskRow, task_selection
from persistence.templates import (
    Templates,
    principal_shape,
    principal_values,
    with_principal_values,
)

INTERACTIONS = InteractionRow.__table__
TASKS = TaskRow.__table__
REQUEST_CHANGES = RequestChangeRow.__table__
REQUESTS = RequestRow.__table__
STAGE_CHANGES = StageChangeRow.__table__
DEALS = DealRow.__table__


# Each item type's table, then the tables of its parent record (joined by a column of the
# item's table): a row of a page holds their columns side by side.
_TABLES: tuple[tuple[ItemType, tuple[Any, ...]], ...] = (
    (ItemType.INTERACTION, ((INTERACTIONS, "i_"),)),
    (ItemType.TASK, ((TASKS, "t_"),)),
    (ItemType.REQUEST, ((REQUEST_CHANGES, "rc_"), (REQUESTS, "r_", "request_id"))),
    (ItemType.DEAL, ((STAGE_CHANGES, "sc_"), (DEALS, "d_", "deal_id"))),
)


@cache
def _starts(types: frozenset[ItemType]) -> dict[str, int]:
    """Where each table's columns begin in a row of a page of these item types."""
    starts, at = {}, 1
    for kind, tables in _TABLES:
        if kind in types:
            for table, prefix, *_ in tables:
                starts[prefix] = at
                at += len(table.columns)
    return starts


_TEMPLATES = Templates()


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
            about = InteractionFilter(
                company_id=company_id,
                channel=query.channel,
                after=query.after,
                before=query.before,
                before_key=query.before_key,
            )
            if contact_id is not None:
                for part, at, key in about_contact_in_time_order(principal, contact_id, about):
                    sources.append(_keys(ItemType.INTERACTION, part, at, key, limit))
            else:
                statement, branches = interaction_selection(principal, about)
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

    def _statement(self, principal: Principal, query: TimelineQuery) -> Any:
        """The page's items: their type, then the columns of each table they come from
        (in the order of `_TABLES`, see `_starts`), newest first."""
        sources = self._sources(principal, query)
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
        joined: Any = page
        columns: list[Any] = [page.c.type]
        for kind, tables in _TABLES:
            if kind not in query.types:
                continue
            (item_table, item_prefix), *parents = tables
            on_page = and_(page.c.type == kind.value, item_table.c.id == page.c.id)
            joined = joined.outerjoin(item_table, on_page)
            columns.extend(prefixed(item_table, item_prefix))
            for parent, prefix, key in parents:
                joined = joined.outerjoin(parent, parent.c.id == item_table.c[key])
                columns.extend(prefixed(parent, prefix))
        return select(*columns).select_from(joined).order_by(page.c.at.desc(), page.c.id.desc())

    async def items(self, principal: Principal, query: TimelineQuery) -> list[TimelineItem]:
        if not query.types:
            return []
        # Built once per shape (see persistence/templates.py): which filters are given,
        # not their values, and the caller's role, not who they are.
        moment, last_id = query.before_key or (None, None)
        values = {
            "contact_id": query.contact_id,
            "company_id": query.company_id,
            "after": query.after,
            "before": query.before,
            "key_moment": moment,
            "key_id": last_id,
        }
        given = {
            **principal_values(principal),
            **{name: value for name, value in values.items() if value is not None},
        }
        dialect = dialect_of(self.session)
        shape = (
            dialect,
            principal_shape(principal),
            query.types,
            query.limit,
            query.channel,
            frozenset(given),
        )

        def build(stand_ins: Mapping[str, Any]) -> Any:
            stand_in_principal = with_principal_values(principal, stand_ins)
            stand_in_query = replace(
                query,
                contact_id=stand_ins.get("contact_id"),
                company_id=stand_ins.get("company_id"),
                after=stand_ins.get("after"),
                before=stand_ins.get("before"),
                before_key=(stand_ins["key_moment"], stand_ins["key_id"])
                if query.before_key
                else None,
            )
            return self._statement(stand_in_principal, stand_in_query)

        template = _TEMPLATES.get(shape, given, build)
        if dialect == "postgresql":
            # Connections plan every statement afresh (persistence/database.py): a list's
            # best plan depends on its values. A timeline's does not (each source is read
            # along its contact's or company's index), and planning the merged statement
            # cost 2-3 ms of the 8 PostgreSQL spent on it. As a template its text is the
            # same for each request of a shape, so PostgreSQL may keep one plan for it.
            # The setting lasts to the end of the transaction, whose other statement (the
            # participants, by primary key) plans alike either way.
            await self.session.execute(text("SET LOCAL plan_cache_mode = auto"))
        rows = (await read(self.session, template.statement, template.params(given))).all()
        starts = _starts(query.types)
        interaction = ItemType.INTERACTION.value
        interactions = [
            unprefixed(row, INTERACTIONS, starts["i_"]) if row[0] == interaction else None
            for row in rows
        ]
        contacts, users = await participants_of(
            self.session, [fields.id for fields in interactions if fields is not None]
        )
        items = []
        for row, fields in zip(rows, interactions, strict=True):
            kind = ItemType(row[0])
            if fields is not None:
                made = INTERACTION_ROWS.record_of(
                    fields, contact_ids=contacts[fields.id], user_ids=users[fields.id]
                )
                items.append(TimelineItem(kind, made.at, made.id, interaction=made))
            elif kind is ItemType.TASK:
                task = TASK_ROWS.record_of(unprefixed(row, TASKS, starts["t_"]))
                items.append(TimelineItem(kind, task.at, task.id, task=task))
            elif kind is ItemType.REQUEST:
                change = STATUS_CHANGE_ROWS.record_of(
                    unprefixed(row, REQUEST_CHANGES, starts["rc_"])
                )
                request = REQUEST_ROWS.record_of(unprefixed(row, REQUESTS, starts["r_"]))
                items.append(
                    TimelineItem(kind, change.at, change.id, request=request, change=change)
                )
            else:
                moved = STAGE_CHANGE_ROWS.record_of(unprefixed(row, STAGE_CHANGES, starts["sc_"]))
                deal = DEAL_ROWS.record_of(unprefixed(row, DEALS, starts["d_"]))
                items.append(TimelineItem(kind, moved.at, moved.id, deal=deal, stage_change=moved))
        return items
