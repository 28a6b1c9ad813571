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


def _needle(q: str) -> str:
    return " ".join(q.lower().split())


def contains_search(search_text: InstrumentedAttribute[Any], q: str) -> Any:
    """Substring match on the lower-cased search text (served by a trigram index on
    PostgreSQL). A query written like a phone number ("+49 30 1234-5678") also matches by
    its digits, as phones are stored in E.164."""
    needle = _needle(q)
    conditions = [search_text.contains(needle, autoescape=True)]
    digits = re.sub(r"\D", "", needle)
    if len(digits) >= 3 and digits != needle and _PHONE_LIKE.fullmatch(needle):
        conditions.append(search_text.contains(digits, autoescape=True))
    return or_(*conditions)


async def apply_search(
    session: AsyncSession, statement: S, search_text: InstrumentedAttribute[Any], q: str
) -> S:
    """Narrows `statement` (scoped and filtered, not yet paged) to what `q` finds: the
    records whose search text contains it. When none does, PostgreSQL falls back to a
    typo-tolerant word match ("jonh" finds John).

    The fallback runs only then because a word-similarity match costs a trigram scan over
    every record sharing a few letters with `q` (for a common surname, tens of thousands
    at a million contacts: ~250 ms instead of ~10 in the benchmark), and its near misses
    ("schneider" also found Schröder and Schäfer) would be mixed, newest first, into the
    exact matches. Whether anything contains `q` is asked of the whole list, not of one
    page, so every page of a search answers alike."""
    found = statement.where(contains_search(search_text, q))
    if not is_postgres(session) or await session.scalar(select(found.exists())):
        return found
    await session.execute(text(f"SET LOCAL pg_trgm.word_similarity_threshold = {WORD_SIMILARITY}"))
    return statement.where(search_text.op("%>")(_needle(q)))


def apply_record_filter(
    session: AsyncSession, statement: S, model: Any, filters: RecordFilter
) -> S:
    """Narrows `statement` over `model` (an owned-record table) by the common filters,
    search aside: `apply_search` does that once every other filter is in place."""
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
