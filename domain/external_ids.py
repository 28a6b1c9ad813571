"""External ids (issue 18): contacts, companies and deals known by the ids other systems
give them (`{"erp": "C-10023", "shop": "42"}`), and the upsert an integrator syncs with.

A pair (kind, source, external id) names at most one record: the store's unique key
decides, so two requests racing to claim a new pair cannot both win. The record itself
is created and changed by its kind's own use cases (access, audit, change feed as usual);
this module only looks records up by a pair and keeps their pairs."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Collection, Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar
from uuid import UUID

from domain.access.levels import RecordKind
from domain.errors import (
    Conflict,
    FieldError,
    FieldErrorCode,
    PreconditionFailed,
    ValidationFailed,
)
from domain.pagination import Page

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.records import OwnedKind, OwnedRecord
    from domain.uow import UnitOfWork

MAX_SOURCE = 40
MAX_EXTERNAL_ID = 200
MAX_SOURCES = 20
SOURCE = re.compile(r"[a-z0-9_-]{1,40}")
FIELD = "external_ids"
# How often an upsert that lost the race for a new pair looks again before giving up:
# the winner's record is there to update the second time already.
ATTEMPTS = 3

R = TypeVar("R", bound="OwnedRecord")


class ExternalIdTaken(Conflict):
    """The pair names another record already."""

    def __init__(self, kind: RecordKind, source: str, field: str) -> None:
        super().__init__(
            f"Another {kind.value[:-1]} has this {source} id.",
            [FieldError(field, "already taken by another record", FieldErrorCode.DUPLICATE)],
        )
        self.source = source


class ExternalIdRepository(Protocol):
    async def find(self, kind: RecordKind, source: str, external_id: str) -> UUID | None:
        """The record of `kind` this pair names, whoever may read it."""
        ...

    async def of(
        self, kind: RecordKind, record_ids: Collection[UUID]
    ) -> dict[UUID, dict[str, str]]:
        """The pairs of each of these records that has any, by source."""
        ...

    async def claim(self, kind: RecordKind, record_id: UUID, source: str, external_id: str) -> bool:
        """Gives the record this pair; False (and nothing written, the transaction still
        usable) when another record holds it, committed or not."""
        ...

    async def release(self, kind: RecordKind, record_id: UUID, source: str) -> None:
        """The record no longer has an id from `source`."""
        ...


def check_source(source: str, field: str) -> str:
    if not SOURCE.fullmatch(source):
        raise ValidationFailed.on(
            field,
            f"a source is 1 to {MAX_SOURCE} lowercase letters, digits, '-' or '_'",
            FieldErrorCode.INVALID_FORMAT,
            max_length=MAX_SOURCE,
        )
    return source


def check_external_id(external_id: str, field: str) -> str:
    if not external_id or not external_id.strip():
        raise ValidationFailed.on(field, "must not be blank", FieldErrorCode.REQUIRED)
    if len(external_id) > MAX_EXTERNAL_ID:
        raise ValidationFailed.on(
            field,
            f"must be at most {MAX_EXTERNAL_ID} characters",
            FieldErrorCode.TOO_LONG,
            max_length=MAX_EXTERNAL_ID,
        )
    if not external_id.isprintable():
        raise ValidationFailed.on(
            field, "must be printable characters only", FieldErrorCode.INVALID_FORMAT
        )
    return external_id


def check_external_ids(given: Mapping[str, str | None]) -> dict[str, str | None]:
    """`external_ids` as a body gives them, each source and id checked; 422 naming the
    offending `external_ids.<source>`. A null id removes that source's id."""
    if len(given) > MAX_SOURCES:
        raise ValidationFailed.on(
            FIELD, f"at most {MAX_SOURCES} sources", FieldErrorCode.TOO_MANY, max_length=MAX_SOURCES
        )
    checked: dict[str, str | None] = {}
    for source, external_id in given.items():
        field = f"{FIELD}.{source}"
        check_source(source, field)
        checked[source] = None if external_id is None else check_external_id(external_id, field)
    return checked


def parse_filter(raw: str | None) -> tuple[str, str] | None:
    """`?external_id=erp:C-10023` as (source, id); the id may hold colons itself."""
    if raw is None:
        return None
    source, separator, external_id = raw.partition(":")
    if not separator:
        raise ValidationFailed.on(
            "external_id", "must look like source:id", FieldErrorCode.INVALID_FORMAT
        )
    return check_source(source, "external_id"), check_external_id(external_id, "external_id")


@dataclass(frozen=True)
class PairsChanged:
    """A record's external ids before and after an `assign` that changed them."""

    before: dict[str, str]
    after: dict[str, str]


async def assign(
    uow: UnitOfWork, kind: RecordKind, record_id: UUID, given: Mapping[str, str | None]
) -> PairsChanged | None:
    """Sets the record's ids of the sources given (a null one is removed; sources not
    given keep theirs): 409 naming `external_ids.<source>` when another record has one.
    What changed, or None when the record already had exactly these."""
    checked = check_external_ids(given)
    if not checked:
        return None
    current = (await uow.external_ids.of(kind, [record_id])).get(record_id, {})
    after = dict(current)
    for source, external_id in checked.items():
        if current.get(source) == external_id:
            continue
        if source in current:
            await uow.external_ids.release(kind, record_id, source)
            del after[source]
        if external_id is not None:
            if not await uow.external_ids.claim(kind, record_id, source, external_id):
                raise ExternalIdTaken(kind, source, f"{FIELD}.{source}")
            after[source] = external_id
    if after == current:
        return None
    return PairsChanged(current, dict(sorted(after.items())))


@dataclass(frozen=True)
class Upserted(Generic[R]):
    record: R
    created: bool


async def upsert(
    uow: UnitOfWork,
    of: OwnedKind[R],
    source: str,
    external_id: str,
    external_ids: Mapping[str, str | None],
    expected_version: int | None,
    create: Callable[[], Awaitable[R]],
    update: Callable[[UUID, Mapping[str, str | None]], Awaitable[R]],
) -> Upserted[R]:
    """The record of kind `of` the pair names, updated by `update` (which sets the ids
    given as part of the update); or, when none has it,
    a new one made by `create` holding the pair (and `external_ids`' others).

    The existing record is changed by its kind's update, with its usual answers: 404
    when the caller does not read it, 403 when they read it but may not change it. Not
    a create beside it: the pair is the integrator's key, and a second record under it
    would break the very uniqueness the upsert promises.

    Two upserts of a new pair at once: each creates its record in a savepoint and claims
    the pair; the store's unique key lets one claim win, and the loser's record is undone
    and it tries again, finding the winner's record to update."""
    check_source(source, "source")
    check_external_id(external_id, "external_id")
    given = {**check_external_ids(external_ids)}
    if given.get(source, external_id) != external_id:
        raise ValidationFailed.on(
            f"{FIELD}.{source}", "must be the id the path names", FieldErrorCode.NOT_ALLOWED
        )
    given[source] = external_id
    for _ in range(ATTEMPTS):
        record_id = await uow.external_ids.find(of.kind, source, external_id)
        if record_id is not None:
            return Upserted(await update(record_id, given), created=False)
        if expected_version is not None:
            # If-Match names a version of a record that is not there (RFC 9110 13.1.1).
            raise PreconditionFailed(f"No {of.name.lower()} has this {source} id.")
        try:
            async with uow.savepoint():
                record = await create()
                await assign(uow, of.kind, record.id, given)
            return Upserted(record, created=True)
        except ExternalIdTaken as taken:
            if taken.source != source:
                raise
    raise Conflict(f"The {source} id is being claimed by other requests; try again.")


F = TypeVar("F")


async def filtered_by_external_id(
    uow: UnitOfWork,
    of: OwnedKind[R],
    principal: Principal,
    filters: F,
    pair: tuple[str, str] | None,
    archived: bool,
) -> Page[R] | None:
    """A list filtered by `external_id`: the one record the pair names, when the caller
    reads it and it is live (or archived when `archived` is asked); None when there is
    no such filter and the list is the usual one. It is a lookup by key, so no other
    filter goes with it (422)."""
    if pair is None:
        return None
    defaults = type(filters)()
    others = {
        f.name
        for f in fields(filters)  # type: ignore[arg-type]
        if f.name not in ("external_id", "archived")
        and getattr(filters, f.name) != getattr(defaults, f.name)
    }
    if others:
        raise ValidationFailed.on(
            "external_id",
            f"goes with no other filter (given: {', '.join(sorted(others))})",
            FieldErrorCode.NOT_ALLOWED,
        )
    record_id = await uow.external_ids.find(of.kind, *pair)
    record = None
    if record_id is not None:
        record = await of.store(uow).get(record_id, visible_to=principal)
    if record is None or (getattr(record, "archived_at", None) is not None) != archived:
        return Page(items=[], next_cursor=None)
    return Page(items=[record], next_cursor=None)
