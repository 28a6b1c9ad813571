"""Query pieces shared by lists of owned records: the common filters and search."""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar

from sqlalchemy import (
    Select,
    Text,
    cast,
    exists,
    func,
    literal_column,
    or_,
    select,
    text,
    true,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from domain.records import RecordFilter

S = TypeVar("S", bound=Select[Any])

# pg_trgm's word similarity at which a word still counts as a (typo'd) match: "jonh"
# finds "john" (0.4), while short unrelated words stay out.
WORD_SIMILARITY = 0.4

# Digits with the separators people write phone numbers with, and an optional leading +.
_PHONE_LIKE = re.compile(r"\+?[\d\s().\-/]+")


def is_postgres(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def has_tag(session: AsyncSession, tags: InstrumentedAttribute[Any], tag: str) -> Any:
    """The JSON tag list holds `tag`: JSONB containment (GIN-indexed) on PostgreSQL, a
    json_each scan on SQLite."""
    if is_postgres(session):
        return type_coerce(tags, JSONB).contains([tag])
    each = func.json_each(tags).table_valued("value")
    return exists(select(literal_column("1")).select_from(each).where(each.c.value == tag))


def matches_search(session: AsyncSession, search_text: InstrumentedAttribute[Any], q: str) -> Any:
    """Substring match on the lower-cased search text; on PostgreSQL also a typo-tolerant
    word match, both served by one trigram index. A query written like a phone number
    ("+49 30 1234-5678") also matches by its digits, as phones are stored in E.164."""
    needle = " ".join(q.lower().split())
    conditions = [search_text.contains(needle, autoescape=True)]
    digits = re.sub(r"\D", "", needle)
    if len(digits) >= 3 and digits != needle and _PHONE_LIKE.fullmatch(needle):
        conditions.append(search_text.contains(digits, autoescape=True))
    if is_postgres(session):
        conditions.append(search_text.op("%>")(needle))
    return or_(*conditions)


async def prepare_search(session: AsyncSession) -> None:
    """The typo tolerance above, for this transaction only."""
    if is_postgres(session):
        await session.execute(
            text(f"SET LOCAL pg_trgm.word_similarity_threshold = {WORD_SIMILARITY}")
        )


def apply_record_filter(
    session: AsyncSession, statement: S, model: Any, filters: RecordFilter
) -> S:
    """Narrows `statement` over `model` (an owned-record table) by the common filters."""
    conditions: list[Any] = [
        model.archived_at.is_not(None) if filters.archived else model.archived_at.is_(None)
    ]
    if filters.owner_id is not None:
        conditions.append(model.owner_id == filters.owner_id)
    if filters.team_id is not None:
        conditions.append(model.team_id == filters.team_id)
    for tag in filters.tags:
        conditions.append(has_tag(session, model.tags, tag.strip().lower()))
    if filters.country is not None:
        conditions.append(model.country == filters.country)
    if filters.city is not None:
        conditions.append(func.lower(model.city) == filters.city.strip().lower())
    if filters.created_after is not None:
        conditions.append(model.created_at >= filters.created_after)
    if filters.created_before is not None:
        conditions.append(model.created_at < filters.created_before)
    if filters.updated_after is not None:
        conditions.append(model.updated_at >= filters.updated_after)
    if filters.updated_before is not None:
        conditions.append(model.updated_at < filters.updated_before)
    for key, value in filters.custom_fields:
        conditions.append(_custom_field_equals(session, model, key, value))
    if filters.q:
        conditions.append(matches_search(session, model.search_text, filters.q))
    return statement.where(true(), *conditions)


def _custom_field_equals(session: AsyncSession, model: Any, key: str, value: Any) -> Any:
    """The stored JSON value equals `value` (already of the field's type), compared as
    JSON text, which both databases render alike, booleans on SQLite aside."""
    if isinstance(value, bool) and not is_postgres(session):
        # SQLite's json_extract reads true/false as 1/0 (so JSON text "1"); json_type
        # tells a boolean from a number.
        path = f'$."{key}"'
        return func.json_type(model.custom_fields, path) == ("true" if value else "false")
    stored = cast(model.custom_fields[key], Text)
    return stored == json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
