"""Declarative base, the naming convention every constraint follows (so alembic can name
and drop them on both databases), and column types that behave the same on SQLite and
PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from types import SimpleNamespace
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    ColumnElement,
    DateTime,
    Dialect,
    Executable,
    FromClause,
    Label,
    MetaData,
    Result,
    Row,
    Select,
    any_,
    bindparam,
    func,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

from domain.errors import Conflict, FieldError, FieldErrorCode

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps are stored in UTC and always come back timezone-aware. SQLite keeps no
    offset, so values are converted to UTC before they are written."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given; the CRM stores only aware UTC timestamps")
        return value.astimezone(UTC)

    def result_processor(self, dialect: Dialect, coltype: object) -> Any:
        # asyncpg reads timestamptz as aware UTC datetimes already: no per-value call (a
        # page of a timeline holds over a thousand timestamps).
        if dialect.name == "postgresql" and dialect.driver == "asyncpg":
            return None
        return super().result_processor(dialect, coltype)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


JSONDocument = JSON().with_variant(JSONB(), "postgresql")

# Marks an index that only PostgreSQL gets (GIN over trigrams or JSONB): on SQLite it would
# be a useless B-tree. Migrations create it on PostgreSQL alone; env.py skips it elsewhere.
POSTGRESQL_ONLY = {"postgresql_only": True}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime}


async def read(
    session: AsyncSession, statement: Executable, params: dict[str, Any] | None = None
) -> Result[Any]:
    """Runs a plain select (of tables' columns, not ORM entities) on the session's
    connection, in its transaction. The session's own `execute` passes every row through
    the ORM's loading as well, which costs a third more for a page of wide rows."""
    connection = await session.connection()
    return await connection.execute(statement, params)


def dialect_of(session: AsyncSession) -> str:
    """The session's database: "postgresql" or "sqlite"."""
    return session.get_bind().dialect.name


def among_ids(dialect: str, column: Any, name: str = "ids") -> ColumnElement[bool]:
    """`column IN ids`, for the ids of a page's rows, bound at execution as the parameter
    `name` (a list). On PostgreSQL one array parameter (`= ANY($1)`): an IN list is
    rendered anew for every statement, a bound parameter per id, which for a page costs
    more than the query."""
    if dialect == "postgresql":
        condition: ColumnElement[bool] = column == any_(bindparam(name, type_=ARRAY(column.type)))
        return condition
    within: ColumnElement[bool] = column.in_(bindparam(name, expanding=True))
    return within


@cache
def first_of_each(statement: Select[Any], group: Any, *order: Any) -> Select[Any]:
    """The first row of `statement` (by `order`) for each value of `group`, chosen by the
    database: only those rows come back, however many each group has."""
    ranked = statement.add_columns(
        func.row_number().over(partition_by=group, order_by=order).label("rank_in_group")
    ).subquery()
    return select(*(c for c in ranked.c if c.key != "rank_in_group")).where(
        ranked.c.rank_in_group == 1
    )


def prefixed(table: FromClause, prefix: str) -> tuple[Label[Any], ...]:
    """The table's columns, named with `prefix`: several tables joined in one plain (not
    ORM) select, each read back with `unprefixed`. Made once: building a statement's parts
    anew is much of what a request spends on one."""
    return tuple(column.label(f"{prefix}{column.key}") for column in table.columns)


@cache
def column_keys(table: FromClause) -> tuple[str, ...]:
    return tuple(column.key for column in table.columns)


def unprefixed(row: Row[Any], table: FromClause, start: int) -> SimpleNamespace:
    """The part of `row` that `prefixed(table, ...)` selected, from position `start` on:
    read by position, as looking a row's values up by name costs more than the rest."""
    keys = column_keys(table)
    return SimpleNamespace(**dict(zip(keys, row[start : start + len(keys)], strict=True)))


@contextmanager
def unique_as_conflict(constraint: str, columns: str, field: str, detail: str) -> Iterator[None]:
    """Two requests can both pass a use case's "is it taken?" check and then race to
    insert; the loser breaks the unique constraint. That is the same 409 as the check's,
    not a 500. PostgreSQL names the constraint, SQLite the columns."""
    try:
        yield
    except IntegrityError as error:
        text = str(error.orig)
        if constraint in text or f"UNIQUE constraint failed: {columns}" in text:
            raise Conflict(
                detail, [FieldError(field, "already taken", FieldErrorCode.DUPLICATE)]
            ) from error
        raise


async def insert_ignoring_conflicts(
    session: AsyncSession, model: Any, values: dict[str, Any], unique_columns: list[str]
) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING on either database; True when the row went in.

    A claim: of two transactions inserting the same key, exactly one gets True. On
    PostgreSQL the second waits for the first to commit (or roll back, and then wins);
    SQLite runs one writing transaction at a time anyway."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = model.__table__
    statement = (
        insert(table)
        .values(**values)
        .on_conflict_do_nothing(index_elements=unique_columns)
        .returning(*table.primary_key.columns)
    )
    return (await session.execute(statement)).first() is not None
