"""Query pieces shared by lists of owned records: the common filters and search."""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from sqlalchemy import (
    Index,
    Select,
    String,
    Text,
    and_,
    cast,
    exists,
    func,
    literal_column,
    or_,
    select,
    true,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, Mapped, mapped_column

from domain.access.principal import Principal
from domain.pagination import Page, PageRequest
from domain.records import RecordFilter
from persistence.base import POSTGRESQL_ONLY, Base, dialect_of
from persistence.templates import principal_shape, principal_values, with_principal_values

S = TypeVar("S", bound=Select[Any])
T = TypeVar("T")

# Typo correction: vocabulary words sharing trigrams with a query word (at least
# TYPO_SIMILARITY, persistence/database.py) are candidates, checked by edit distance;
# the closest few become alternatives of the query word.
MAX_CANDIDATES = 200
MAX_CORRECTIONS = 5
# A query word typo tolerance applies to: four or more letters and nothing else.
_CORRECTABLE = re.compile(r"[^\W\d_]{4,}")
_LETTERS = re.compile(r"[^\W\d_]+")
# A word the trigram index is asked for: three or more letters or digits.
_INDEX_WORD = re.compile(r"[^\W_]{3,}")

# Digits with the separators people write phone numbers with, and an optional leading +.
_PHONE_LIKE = re.compile(r"\+?[\d\s().\-/]+")


# A word of a record's search text: three or more letters (digits and punctuation split
# words, so an e-mail address gives its name and domain words, a phone none).
_WORD = re.compile(r"[^\W\d_]{3,}")
MAX_WORD_LENGTH = 64


class SearchWordRow(Base):
    """Every distinct word of the search texts of contacts and companies: the small
    vocabulary a typo'd query word is corrected against before the records are searched.
    Words are only ever added; one no record holds any more corrects a query into a
    search that finds nothing extra."""

    __tablename__ = "search_words"
    __table_args__ = (
        Index(
            "ix_search_words_word_trgm",
            "word",
            postgresql_using="gin",
            postgresql_ops={"word": "gin_trgm_ops"},
            info=POSTGRESQL_ONLY,
        ),
    )

    word: Mapped[str] = mapped_column(String(MAX_WORD_LENGTH), primary_key=True)


def search_words(search_text: str) -> set[str]:
    return {w for w in _WORD.findall(search_text) if len(w) <= MAX_WORD_LENGTH}


async def remember_search_words(session: AsyncSession, search_texts: Iterable[str]) -> None:
    """Adds the words of `search_texts` the vocabulary lacks. Sorted, so two writers adding
    the same new words wait for each other instead of deadlocking."""
    words = sorted(set().union(*(search_words(t) for t in search_texts)))
    if not words:
        return
    insert = postgresql_insert if is_postgres(session) else sqlite_insert
    await session.execute(
        insert(SearchWordRow).values([{"word": w} for w in words]).on_conflict_do_nothing()
    )


def is_postgres(session: AsyncSession) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def has_tag(session: AsyncSession, tags: InstrumentedAttribute[Any], tag: str) -> Any:
    """The JSON tag list holds `tag`: JSONB containment (GIN-indexed) on PostgreSQL, a
    json_each scan on SQLite."""
    if is_postgres(session):
        return type_coerce(tags, JSONB).contains([tag])
    each = func.json_each(tags).table_valued("value")
    return exists(select(literal_column("1")).select_from(each).where(each.c.value == tag))


def is_single_word(q: str | None) -> bool:
    """A query of one word of letters: a name, perhaps a common one."""
    return q is not None and _LETTERS.fullmatch(_needle(q)) is not None


def _needle(q: str) -> str:
    return " ".join(q.lower().split())


def _index_words(needle: str) -> list[str]:
    """The words of `needle` the trigram index is asked for, each on its own: the
    trigrams a space or punctuation adds around a word inside a longer needle (" e ",
    "ng ", "l.m") are among the commonest there are, and reading their index entries
    costs far more than the words' own.

    In the order written (up to six): the index steps through the words' entries in that
    order, cheaply past a common word (a domain's "com", a legal form's "gmbh") once rarer
    ones came first, and names, addresses and e-mails put the specific before the
    generic."""
    return list(dict.fromkeys(_INDEX_WORD.findall(needle)))[:6]


def _contains(session: AsyncSession, search_text: Any, needle: str) -> Any:
    """The search text contains `needle`. On PostgreSQL the trigram index finds the
    records holding its words, and only those are checked for the needle itself."""
    plain = search_text.contains(needle, autoescape=True)
    if not is_postgres(session):
        return plain
    words = _index_words(needle)
    if not words or words == [needle]:
        return plain
    return and_(
        *(search_text.contains(word, autoescape=True) for word in words),
        func.strpos(search_text, needle) > 0,
    )


Matching = Callable[[Any], Any]
"""A search's condition, on the search-text column it is given: the table's, or a
subquery's copy of it."""


def contains_search(session: AsyncSession, q: str) -> Matching:
    """Substring match on the lower-cased search text (served by a trigram index on
    PostgreSQL). A query written like a phone number ("+49 30 1234-5678") also matches by
    its digits, as phones are stored in E.164, and so does the number as said at home or
    dialled abroad (see `_phone_digits`)."""
    needle = _needle(q)
    needles = [needle]
    if _PHONE_LIKE.fullmatch(needle):
        needles += [d for d in _phone_digits(needle) if d != needle]

    def matching(search_text: Any) -> Any:
        return or_(*(_contains(session, search_text, n) for n in needles))

    return matching


def _phone_digits(needle: str) -> list[str]:
    """The digits an E.164 number holds for a phone-like query. The international prefix
    00 stands for the + ("0046 8 123 456"); outside it, a leading 0 is most countries'
    trunk prefix, which E.164 drops ("08 123 456" is +46 8 123 456): the digits after it
    match the stored number's end, whatever the country."""
    digits = re.sub(r"\D", "", needle)
    if len(digits) < 3:
        return []
    if digits.startswith("00"):
        return [digits[2:]]
    if digits.startswith("0") and len(digits) >= 5:
        return [digits, digits[1:]]
    return [digits]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (insertions, deletions, substitutions and swaps
    of neighbours, each one edit), or `limit + 1` once it is certain to exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, other in enumerate(b, start=1):
            cost = 0 if char == other else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


async def corrections(session: AsyncSession, term: str) -> list[str]:
    """The vocabulary's words `term` is most likely a typo of: those the fewest edits away
    (one for words of up to four letters, two for longer ones), among the words sharing
    trigrams with it. None when `term` is a word of the vocabulary itself."""
    candidates = (
        await session.scalars(
            select(SearchWordRow.word)
            .where(SearchWordRow.word.op("%")(term))
            .order_by(func.similarity(SearchWordRow.word, term).desc(), SearchWordRow.word)
            .limit(MAX_CANDIDATES)
        )
    ).all()
    if term in candidates:
        return []
    limit = 1 if len(term) <= 4 else 2
    distances = {word: edit_distance(term, word, limit) for word in candidates}
    best = min(distances.values(), default=limit + 1)
    if best > limit:
        return []
    return [word for word, distance in distances.items() if distance == best][:MAX_CORRECTIONS]


async def typo_tolerant_search(session: AsyncSession, q: str) -> Matching:
    """What `q` finds when nothing contains it (PostgreSQL): the records containing each
    of its words, in any order, a word of four or more letters also as any of its likeliest
    corrections from the vocabulary of search words ("jonh smtih" finds John Smith)."""
    groups = []
    for term in _needle(q).split():
        alternatives = [term]
        if _CORRECTABLE.fullmatch(term):
            alternatives += await corrections(session, term)
        groups.append(alternatives)

    def matching(search_text: Any) -> Any:
        return and_(
            *(or_(*(_contains(session, search_text, a) for a in group)) for group in groups)
        )

    return matching


async def search_page(
    session: AsyncSession,
    q: str,
    page: PageRequest,
    fetch: Callable[[Matching], Awaitable[Page[T]]],
    exists_where: Callable[[Matching], Awaitable[bool]],
) -> Page[T]:
    """The page of records (scoped and filtered by `fetch`, which narrows them by the
    search it is given) that `q` finds: those whose search text contains it. When none
    does, PostgreSQL falls back to `typo_tolerant_search`.

    The fallback runs only then, so its near misses are never mixed, newest first, into
    exact matches. Whether anything contains `q` is a question about the whole list, not
    one page: a first page answers it (it is empty only when nothing matches); later pages
    ask `exists_where`, so every page of a search answers alike."""
    found = contains_search(session, q)
    if not is_postgres(session):
        return await fetch(found)
    if page.cursor is None:
        known = _in_vocabulary(q)

        def guarded(search_text: Any) -> Any:
            return found(search_text) if known is None else and_(known, found(search_text))

        result = await fetch(guarded)
        if result.items:
            return result
    elif await exists_where(found):
        return await fetch(found)
    return await fetch(await typo_tolerant_search(session, q))


def _in_vocabulary(q: str) -> Any:
    """None, or a condition false when no record can contain `q`: a word of three or more
    letters lies within one word of a search text, and so within a word of the vocabulary
    (which holds every word ever written, up to MAX_WORD_LENGTH letters). It needs no
    row: PostgreSQL decides it once, before the records' scan, and skips the scan when it
    is false, so a misspelt name costs a look into the small vocabulary instead of one
    into all the records, and a name that is there costs no round trip of its own."""
    needle = _needle(q)
    if not is_single_word(needle) or not 3 <= len(needle) <= MAX_WORD_LENGTH:
        return None
    return (
        select(SearchWordRow.word)
        .where(SearchWordRow.word.contains(needle, autoescape=True))
        .exists()
    )


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


# The filters' ids and moments: a list's statement template (persistence/templates.py)
# binds them per request; the filters' other values are part of its shape.
RECORD_FILTER_VALUES = (
    "owner_id",
    "team_id",
    "created_after",
    "created_before",
    "updated_after",
    "updated_before",
)
F = TypeVar("F", bound=RecordFilter)


def template_values(
    principal: Principal, filters: RecordFilter, fields: Sequence[str] = RECORD_FILTER_VALUES
) -> dict[str, Any]:
    """The values a list's template binds, by name: the caller's ids and the filters'
    `fields` that are given."""
    values = {f"filter_{name}": getattr(filters, name) for name in fields}
    given = {name: value for name, value in values.items() if value is not None}
    return {**principal_values(principal), **given}


def with_template_values(
    principal: Principal,
    filters: F,
    values: Mapping[str, Any],
    fields: Sequence[str] = RECORD_FILTER_VALUES,
) -> tuple[Principal, F]:
    """The caller and the filters holding `values` (the request's or stand-ins)."""
    given: dict[str, Any] = {name: values.get(f"filter_{name}") for name in fields}
    return with_principal_values(principal, values), replace(filters, **given)


def template_shape(
    session: AsyncSession,
    principal: Principal,
    filters: RecordFilter,
    values: Mapping[str, Any],
    fields: Sequence[str] = RECORD_FILTER_VALUES,
) -> Hashable:
    """What a list's statement depends on besides `values`: the database, the caller's
    role, the filters' other values, and which values are given."""
    unset: dict[str, Any] = dict.fromkeys(fields)
    return (
        dialect_of(session),
        principal_shape(principal),
        replace(filters, **unset),
        frozenset(values),
    )


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
