"""Keyset pagination: order by (sort column, id) and continue strictly after the last row
seen, so a deep page costs what the first one does. The cursor is opaque to clients."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import Select, literal, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.types import TypeDecorator

from domain.errors import ValidationFailed
from domain.pagination import Page, PageRequest

T = TypeVar("T")
Row = TypeVar("Row")


def _encode(sort: str, value: Any, row_id: UUID) -> str:
    if isinstance(value, datetime):
        token: list[Any] = [sort, "d", value.isoformat(), str(row_id)]
    else:
        token = [sort, "v", value, str(row_id)]
    return base64.urlsafe_b64encode(json.dumps(token).encode()).decode().rstrip("=")


def _decode(cursor: str, sort: str) -> tuple[Any, UUID]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        cursor_sort, kind, value, row_id = json.loads(base64.urlsafe_b64decode(padded))
        if kind == "d":
            value = datetime.fromisoformat(value)
        if not isinstance(row_id, str):  # UUID() fails on other types with AttributeError
            raise TypeError("the row id is not a string")
        parsed_id = UUID(row_id)
    except (ValueError, TypeError) as error:
        raise ValidationFailed.on("cursor", "is not a cursor this API issued") from error
    if cursor_sort != sort:
        raise ValidationFailed.on("cursor", f"was issued for sort {cursor_sort!r}, not {sort!r}")
    return value, parsed_id


def _check_value_type(value: Any, column: InstrumentedAttribute[Any]) -> None:
    """A forged cursor can carry a value of the wrong type for the sort column (a string
    for a timestamp, a list for a name, a naive time): the database would fail on it with a
    500. Issued cursors always carry the column's type, and timestamps with an offset."""
    column_type = column.type
    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl_instance
    try:
        expected = column_type.python_type
    except NotImplementedError:  # pragma: no cover - every sort column has a python type
        return
    naive = isinstance(value, datetime) and value.tzinfo is None
    if not isinstance(value, expected) or naive:
        raise ValidationFailed.on("cursor", "is not a cursor this API issued")


async def fetch_page(
    session: AsyncSession,
    statement: Select[Any],
    id_column: InstrumentedAttribute[UUID],
    sorts: Mapping[str, InstrumentedAttribute[Any]],
    page: PageRequest,
    to_domain: Callable[[Row], T],
) -> Page[T]:
    name = page.sort.removeprefix("-")
    descending = page.sort.startswith("-")
    column = sorts.get(name)
    if column is None:
        allowed = ", ".join(sorted([*sorts, *(f"-{s}" for s in sorts)]))
        raise ValidationFailed.on("sort", f"must be one of {allowed}")
    if page.cursor:
        value, last_id = _decode(page.cursor, page.sort)
        _check_value_type(value, column)
        key = tuple_(column, id_column)
        after = tuple_(literal(value, column.type), literal(last_id, id_column.type))
        statement = statement.where(key < after if descending else key > after)
    order = (column.desc(), id_column.desc()) if descending else (column.asc(), id_column.asc())
    result = await session.scalars(statement.order_by(*order).limit(page.limit + 1))
    rows: Sequence[Any] = result.all()
    next_cursor = None
    if len(rows) > page.limit:
        rows = rows[: page.limit]
        last = rows[-1]
        next_cursor = _encode(page.sort, getattr(last, column.key), getattr(last, id_column.key))
    return Page(items=[to_domain(row) for row in rows], next_cursor=next_cursor)
