"""Keyset pagination: order by (sort column, id) and continue strictly after the last row
seen, so a deep page costs what the first one does. The cursor is opaque to clients."""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Select,
    literal,
    or_,
    select,
    tuple_,
    union,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.types import TypeDecorator

from domain.errors import InvalidCursor, ValidationFailed
from domain.pagination import Page, PageRequest, cursor_id, cursor_moment, cursor_value
from persistence.base import among_ids, dialect_of, read
from persistence.records import Matching
from persistence.templates import Templates

T = TypeVar("T")
Row = TypeVar("Row")


def _encode(page: PageRequest, value: Any, row_id: UUID) -> str:
    if isinstance(value, datetime):
        return page.next_cursor(page.sort, "d", value.isoformat(), str(row_id))
    return page.next_cursor(page.sort, "v", value, str(row_id))


def _decode(page: PageRequest) -> tuple[Any, UUID]:
    cursor_sort, kind, value, row_id = page.cursor_parts(4) or (None, None, None, None)
    if cursor_sort != page.sort:
        # A cursor of the same list under another sort: its own words, not a generic one.
        shown = cursor_sort if isinstance(cursor_sort, str) else "another"
        raise InvalidCursor(f"was issued for sort {shown!r}, not {page.sort!r}")
    if kind == "d":
        value = cursor_moment(value)
    elif kind == "v":
        value = cursor_value(value)
    else:
        raise InvalidCursor()
    return value, cursor_id(row_id)


def _check_value_type(value: Any, column: InstrumentedAttribute[Any]) -> None:
    """Even a cursor of this list can carry a value of another type than the sort
    column's (a time for a name, after a sort changed its column): the database would
    fail on it with a 500. Issued cursors carry the column's type."""
    column_type = column.type
    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl_instance
    try:
        expected = column_type.python_type
    except NotImplementedError:  # pragma: no cover - every sort column has a python type
        return
    if not isinstance(value, expected):
        raise InvalidCursor()


def _sort_column(
    sorts: Mapping[str, InstrumentedAttribute[Any]], page: PageRequest
) -> tuple[InstrumentedAttribute[Any], bool]:
    column = sorts.get(page.sort.removeprefix("-"))
    if column is None:
        allowed = ", ".join(sorted([*sorts, *(f"-{s}" for s in sorts)]))
        raise ValidationFailed.on("sort", f"must be one of {allowed}")
    return column, page.sort.startswith("-")


def _cursor_key(page: PageRequest, column: InstrumentedAttribute[Any]) -> tuple[Any, UUID] | None:
    """The (sort value, id) of the last row the cursor's page showed."""
    if not page.cursor:
        return None
    value, last_id = _decode(page)
    _check_value_type(value, column)
    return value, last_id


def _after(
    key: tuple[Any, UUID],
    column: InstrumentedAttribute[Any],
    id_column: InstrumentedAttribute[UUID],
    descending: bool,
) -> ColumnElement[bool]:
    """Strictly after the row `key` in the page's order."""
    value, last_id = key
    row_key = tuple_(column, id_column)
    after = tuple_(literal(value, column.type), literal(last_id, id_column.type))
    return row_key < after if descending else row_key > after


def _ordered(key_id: Any, key_sort: Any, descending: bool) -> tuple[Any, Any]:
    if descending:
        return key_sort.desc(), key_id.desc()
    return key_sort.asc(), key_id.asc()


async def fetch_page(
    session: AsyncSession,
    statement: Select[Any],
    id_column: InstrumentedAttribute[UUID],
    sorts: Mapping[str, InstrumentedAttribute[Any]],
    page: PageRequest,
    to_domain: Callable[[Row], T],
) -> Page[T]:
    column, descending = _sort_column(sorts, page)
    key = _cursor_key(page, column)
    if key is not None:
        statement = statement.where(_after(key, column, id_column, descending))
    order = (column.desc(), id_column.desc()) if descending else (column.asc(), id_column.asc())
    result = await session.scalars(statement.order_by(*order).limit(page.limit + 1))
    rows: Sequence[Any] = result.all()
    next_cursor = None
    if len(rows) > page.limit:
        rows = rows[: page.limit]
        last = rows[-1]
        next_cursor = _encode(page, getattr(last, column.key), getattr(last, id_column.key))
    return Page(items=[to_domain(row) for row in rows], next_cursor=next_cursor)


# What a page reads of each of its rows: the table's columns, or the table's and more
# beside them (a contact's e-mails and phones, aggregated in the same statement).
Rows = FromClause | tuple[Any, ...]


def _select_rows(rows: Rows) -> Select[Any]:
    return select(*rows) if isinstance(rows, tuple) else select(rows)


async def fetch_keyed_page(
    session: AsyncSession,
    statement: Select[Any],
    id_column: InstrumentedAttribute[UUID],
    sorts: Mapping[str, InstrumentedAttribute[Any]],
    page: PageRequest,
    rows: Rows,
    to_domain: Callable[[Sequence[Any]], Awaitable[list[T]]],
    branches: Sequence[ColumnElement[bool]] | None = None,
    search: Search | None = None,
) -> Page[T]:
    """`fetch_page` for wide rows in large tables: the page's keys (id and sort value) are
    found first, by a query that reads only what its filters need (often just an index),
    and only those rows are read in full (`rows`, joined by id); `to_domain` turns them
    into items, in order.

    `branches` are conditions of which a row meets at least one (the record scope's): each
    is paged on its own and the pages merged, so each can follow its own index in sort
    order, which one OR of them cannot.

    `search` narrows the rows further (see `Search`). A search the trigram index answers
    takes the branches as one OR: that index finds the matches, once for all of them."""
    column, descending = _sort_column(sorts, page)
    key = _cursor_key(page, column)
    limit = page.limit + 1
    parts = _key_parts(statement, id_column, column, descending, branches, key)
    if search is not None:
        if search.recent_first:
            recent = await _recent_matches(session, parts, search, descending, limit)
            if recent is not None:
                result = await read(
                    session,
                    _select_rows(rows)
                    .where(among_ids(dialect_of(session), id_column))
                    .order_by(*_ordered(id_column, column, descending))
                    .limit(limit),
                    {"ids": recent},
                )
                return await _page_of(result.all(), page, column, id_column, to_domain)
        # Matches are found by the search's own (trigram) index: once, for the whole
        # scope. Paged per branch, each branch would read the same index entries again
        # (a Senior manager's phone search read them twice: 16 ms instead of 8).
        scope = None if branches is None else [or_(*branches)]
        parts = _key_parts(statement, id_column, column, descending, scope, key)
        condition = search.matching(search.column)
        parts = [part.where(condition) for part in parts]
    result = await read(session, _rows_of_keys(parts, id_column, column, descending, limit, rows))
    return await _page_of(result.all(), page, column, id_column, to_domain)


Selection = tuple[Select[Any], Sequence[ColumnElement[bool]] | None]

_TEMPLATES = Templates()


async def fetch_templated_page(
    session: AsyncSession,
    shape: Hashable,
    values: Mapping[str, Any],
    selection: Callable[[Mapping[str, Any]], Selection],
    id_column: InstrumentedAttribute[UUID],
    sorts: Mapping[str, InstrumentedAttribute[Any]],
    page: PageRequest,
    rows: Rows,
    to_domain: Callable[[Sequence[Any]], Awaitable[list[T]]],
) -> Page[T]:
    """`fetch_keyed_page` without search, its statement built once per shape (see
    persistence/templates.py). `selection(values)` makes the statement and the scope's
    branches from `values` (the ids and moments of the filters and the caller), or from
    stand-ins for them; `shape` is everything else it depends on."""
    column, descending = _sort_column(sorts, page)
    key = _cursor_key(page, column)
    limit = page.limit + 1

    def build(given: Mapping[str, Any]) -> Select[Any]:
        statement, branches = selection(given)
        after = (given["key_sort"], given["key_id"]) if key is not None else None
        parts = _key_parts(statement, id_column, column, descending, branches, after)
        return _rows_of_keys(parts, id_column, column, descending, limit, rows)

    given = dict(values)
    if key is not None:
        given.update(key_sort=key[0], key_id=key[1])
    if key is not None and not isinstance(key[0], datetime):
        # A name's cursor: text has no stand-in, and each page's would be a new shape.
        result = await read(session, build(given))
    else:
        template = _TEMPLATES.get((shape, page.sort, limit, key is not None), given, build)
        result = await read(session, template.statement, template.params(given))
    return await _page_of(result.all(), page, column, id_column, to_domain)


def _key_parts(
    statement: Select[Any],
    id_column: InstrumentedAttribute[UUID],
    column: InstrumentedAttribute[Any],
    descending: bool,
    branches: Sequence[ColumnElement[bool]] | None,
    key: tuple[Any, UUID] | None,
) -> list[Select[Any]]:
    """The keys (id and sort value) `statement` selects after `key`, one select per
    branch."""
    keys = statement.with_only_columns(id_column.label("key_id"), column.label("key_sort"))
    if key is not None:
        keys = keys.where(_after(key, column, id_column, descending))
    return [keys] if branches is None else [keys.where(branch) for branch in branches]


def _rows_of_keys(
    parts: Sequence[Select[Any]],
    id_column: InstrumentedAttribute[UUID],
    column: InstrumentedAttribute[Any],
    descending: bool,
    limit: int,
    rows: Rows,
) -> Select[Any]:
    """The rows of the first `limit` keys of `parts`, merged, in the page's order."""
    if len(parts) == 1:
        found = parts[0].order_by(*_ordered(id_column, column, descending)).limit(limit).subquery()
    else:
        # Each branch's page as a subquery of its own: SQLite takes no ORDER BY / LIMIT in
        # the members of a UNION. UNION (not ALL): a row in two branches counts once.
        pages = [
            part.order_by(*_ordered(id_column, column, descending)).limit(limit).subquery()
            for part in parts
        ]
        merged = union(*(select(p.c.key_id, p.c.key_sort) for p in pages)).subquery()
        found = (
            select(merged.c.key_id, merged.c.key_sort)
            .order_by(*_ordered(merged.c.key_id, merged.c.key_sort, descending))
            .limit(limit)
            .subquery()
        )
    return (
        _select_rows(rows)
        .join(found, id_column == found.c.key_id)
        .order_by(*_ordered(found.c.key_id, found.c.key_sort, descending))
    )


async def _page_of(
    found_rows: Sequence[Any],
    page: PageRequest,
    column: InstrumentedAttribute[Any],
    id_column: InstrumentedAttribute[UUID],
    to_domain: Callable[[Sequence[Any]], Awaitable[list[T]]],
) -> Page[T]:
    next_cursor = None
    if len(found_rows) > page.limit:
        found_rows = found_rows[: page.limit]
        last = found_rows[-1]
        next_cursor = _encode(page, getattr(last, column.key), getattr(last, id_column.key))
    return Page(items=await to_domain(found_rows), next_cursor=next_cursor)


@dataclass(frozen=True)
class Search:
    """A text search narrowing a keyed page: `matching` builds its condition on the
    search-text column it is given, the table's (`column`) or a subquery's copy of it.

    With `recent_first`, on PostgreSQL the page is first looked for among the first
    `RECENT_ROWS` rows of each branch (in the page's order, along the branch's index):
    when each branch has a page's worth of matches there, those are its first matches,
    and the page is exact. A common word ("smith", in 3% of the contacts) is found so by
    reading a few thousand index entries and rows; asked of the trigram index instead, it
    costs the posting lists of its trigrams (tens of thousands of entries), which the
    planner underrates when it intersects them with an owner's or team's rows. A rarer
    word falls back to the index, having cost a walk over those rows."""

    matching: Matching
    column: InstrumentedAttribute[Any]  # the table's search-text column
    recent_first: bool = False


RECENT_ROWS = 2000


async def _recent_matches(
    session: AsyncSession,
    parts: Sequence[Select[Any]],
    search: Search,
    descending: bool,
    limit: int,
) -> list[Any] | None:
    """The ids of each branch's first `limit` matches among its RECENT_ROWS first rows,
    or None when a branch has fewer there (it may have more beyond) or not on PostgreSQL."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    found = []
    for number, part in enumerate(parts):
        recent = (
            part.add_columns(search.column)
            .order_by(
                *_ordered(part.selected_columns.key_id, part.selected_columns.key_sort, descending)
            )
            .limit(RECENT_ROWS)
            .subquery()
        )
        matching = search.matching(recent.c[search.column.key])
        found.append(
            select(literal(number).label("branch"), recent.c.key_id)
            .where(matching)
            .order_by(*_ordered(recent.c.key_id, recent.c.key_sort, descending))
            .limit(limit)
            .subquery()
        )
    rows = (await read(session, union_all(*(select(f.c.branch, f.c.key_id) for f in found)))).all()
    per_branch = Counter(row.branch for row in rows)
    if any(per_branch[number] < limit for number in range(len(parts))):
        return None
    return [row.key_id for row in rows]


def timeline_window(
    at: InstrumentedAttribute[Any],
    row_id: InstrumentedAttribute[Any],
    before_key: tuple[datetime, UUID] | None,
    after: datetime | None,
    before: datetime | None,
) -> list[ColumnElement[bool]]:
    """What a timeline source keeps: items in [after, before), and for a merged feed's
    next page only those strictly before the last item shown (its (at, id) key)."""
    conditions: list[ColumnElement[bool]] = []
    if before_key is not None:
        moment, last_id = before_key
        conditions.append(
            tuple_(at, row_id) < tuple_(literal(moment, at.type), literal(last_id, row_id.type))
        )
    if after is not None:
        conditions.append(at >= after)
    if before is not None:
        conditions.append(at < before)
    return conditions
