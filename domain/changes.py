"""Every change to a customer record is an event, stored in the same transaction as the
change (the outbox), and readable in order as the change feed.

A use case that writes a contact, company, deal, interaction, task or request raises
one event per change (domain/events.py); `store`, a handler of every change, adds the
audit trail's event (domain/audit.py) and the change feed's event, which carries the
record's whole state after the change and who could read it before and after. Nothing
else writes either, so a change and its events commit or roll back together.

Following the feed (`read_feed`) is how a client stays in step without re-listing:
webhooks, the mobile app's offline copy, integrations. Each event a reader gets is on a
record they may read, in the order the database committed them; a record that left
their sight (archived, merged away, handed to someone they cannot see) comes as a
tombstone without its data. A reader applies an event when its `version` is above the
one it holds, and drops the record on a tombstone."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum, StrEnum
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID

from domain import audit
from domain.access.levels import RecordKind
from domain.access.scope import can_see, visibility
from domain.audit import AuditAction
from domain.clock import utcnow
from domain.errors import DomainError, FieldError, FieldErrorCode, InvalidCursor, ValidationFailed
from domain.events import Changed, VersionedRecord
from domain.pagination import PageRequest, cursor_moment, cursor_value

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork

# How long events stay readable unless the settings say otherwise.
DEFAULT_RETENTION = timedelta(days=30)
MAX_FEED_PAGE = 1000
DEFAULT_FEED_PAGE = 100

# The entity name each kind's events and audit trail use.
ENTITY_OF: dict[RecordKind, str] = {
    RecordKind.CONTACTS: "contact",
    RecordKind.COMPANIES: "company",
    RecordKind.DEALS: "deal",
    RecordKind.INTERACTIONS: "interaction",
    RecordKind.TASKS: "task",
    RecordKind.REQUESTS: "request",
}
KIND_OF: dict[str, RecordKind] = {entity: kind for kind, entity in ENTITY_OF.items()}

# The fields of a record's state naming the people who read it in lists beside its team
# (persistence/scope.py: the owner; a task's or request's assignee; an interaction's
# participants). The responsible person of a contact or company reads it by id only, so
# not in lists, and not in the feed either.
_READERS: dict[RecordKind, tuple[str, ...]] = {
    RecordKind.CONTACTS: ("owner_id",),
    RecordKind.COMPANIES: ("owner_id",),
    RecordKind.DEALS: ("owner_id",),
    RecordKind.INTERACTIONS: ("owner_id", "user_ids"),
    RecordKind.TASKS: ("owner_id", "assignee_id"),
    RecordKind.REQUESTS: ("owner_id", "assignee_id"),
}

# The event of a record that left a reader's sight: the change itself is not theirs to see.
OUT_OF_SCOPE = "out_of_scope"


class CursorExpired(DomainError):
    """A feed cursor older than the feed keeps: events after it may be gone."""

    status = 410
    code = "cursor-expired"
    title = "Gone"

    def __init__(self) -> None:
        super().__init__(
            "The events after this cursor are no longer kept. Resynchronize: list the"
            " records again, then follow the feed from `after=now` taken before listing.",
            [FieldError("after", "is older than the feed keeps", FieldErrorCode.INVALID)],
        )


@dataclass(frozen=True)
class Audience:
    """Who reads a record in lists: its team's readers (at `team` level) and these
    people (at `own` level and wider)."""

    team_id: UUID | None
    user_ids: frozenset[UUID]

    @classmethod
    def of(cls, kind: RecordKind, state: dict[str, Any]) -> Audience:
        users: set[UUID] = set()
        for name in _READERS[kind]:
            value = state.get(name)
            for item in value if isinstance(value, list) else [value]:
                if item:
                    users.add(UUID(str(item)))
        team = state.get("team_id")
        return cls(UUID(str(team)) if team else None, frozenset(users))

    def sees(self, principal: Principal, kind: RecordKind) -> bool:
        return can_see(principal, kind, None, self.team_id, self.user_ids)


class Change(StrEnum):
    """What happened to a record, as the feed names it: the audit trail's action, or for
    an update the business moment it was, read from the fields it changed."""

    CREATED = "created"
    UPDATED = "updated"
    ARCHIVED = "archived"
    RESTORED = "restored"
    MERGED = "merged"
    # A deal entered another stage: an open one, a won one or a lost one.
    MOVED = "moved"
    WON = "won"
    LOST = "lost"
    # A task or an interaction done.
    COMPLETED = "completed"
    # A customer request resolved, or closed.
    RESOLVED = "resolved"
    CLOSED = "closed"


# The changes each entity's events are named by.
_KEPT = (Change.CREATED, Change.UPDATED)
CHANGES_OF: dict[RecordKind, tuple[Change, ...]] = {
    RecordKind.CONTACTS: (*_KEPT, Change.ARCHIVED, Change.RESTORED, Change.MERGED),
    RecordKind.COMPANIES: (*_KEPT, Change.ARCHIVED, Change.RESTORED),
    RecordKind.DEALS: (*_KEPT, Change.MOVED, Change.WON, Change.LOST),
    RecordKind.INTERACTIONS: (*_KEPT, Change.COMPLETED),
    RecordKind.TASKS: (*_KEPT, Change.COMPLETED),
    RecordKind.REQUESTS: (*_KEPT, Change.RESOLVED, Change.CLOSED),
}


def change_of(
    kind: RecordKind, action: AuditAction, before: dict[str, Any], after: dict[str, Any]
) -> Change:
    """The name of a change: for an update, the moment it was when it moved a deal or
    finished a task, an interaction or a request; otherwise the audit trail's action."""
    if action is not AuditAction.UPDATED:
        return Change(action.value)
    status = after.get("status")
    if kind is RecordKind.DEALS and after.get("stage_id") != before.get("stage_id"):
        return {"won": Change.WON, "lost": Change.LOST}.get(str(status), Change.MOVED)
    if status == before.get("status"):
        return Change.UPDATED
    if kind in (RecordKind.TASKS, RecordKind.INTERACTIONS) and status == "done":
        return Change.COMPLETED
    if kind is RecordKind.REQUESTS and status in ("resolved", "closed"):
        return Change(str(status))
    return Change.UPDATED


@dataclass(frozen=True)
class RecordChanged:
    """One change of one record, as the outbox stores it."""

    kind: RecordKind
    entity_id: UUID
    change: Change
    version: int
    actor_id: UUID | None
    rule_id: UUID | None
    occurred_at: datetime
    # The record's fields after the change, as JSON values.
    state: dict[str, Any]
    audience: Audience
    # Who read it before, where that differs (None: the same, or a new record).
    former_audience: Audience | None

    @property
    def type(self) -> str:
        return f"{ENTITY_OF[self.kind]}.{self.change.value}"


@dataclass(frozen=True)
class FeedPosition:
    """Where an event stands in commit order: its transaction's number from the event
    clock (persistence/changes.py), on both databases, and its number within the table."""

    tx: int
    seq: int


# A JSON document's text, as stored: what a reader gets of a record's state is the text
# the outbox holds, handed on without decoding it (decoding and encoding again a page of a
# thousand states was most of what reading the feed cost).
JSONText = str


@dataclass(frozen=True)
class StoredChange:
    """An event as the feed reads it back: a `RecordChanged` but for the state, which is
    its JSON text, and whether that state is of an archived record."""

    position: FeedPosition
    kind: RecordKind
    entity_id: UUID
    change: Change
    version: int
    actor_id: UUID | None
    rule_id: UUID | None
    occurred_at: datetime
    audience: Audience
    former_audience: Audience | None
    archived: bool
    state: JSONText

    @property
    def type(self) -> str:
        return f"{ENTITY_OF[self.kind]}.{self.change.value}"


@dataclass(frozen=True)
class FeedReader:
    """What the feed may show one caller: the kinds they read, and for each whether they
    read all of it (None) or which team and person their records belong to."""

    kinds: tuple[RecordKind, ...]
    everything: frozenset[RecordKind]
    team_id: dict[RecordKind, UUID | None]
    user_id: UUID


class ChangeRepository(Protocol):
    async def add(self, changes: Sequence[RecordChanged]) -> None:
        """Stores the events in this transaction, in the given order."""
        ...

    async def after(
        self, reader: FeedReader, position: FeedPosition | None, types: frozenset[str], limit: int
    ) -> list[StoredChange]:
        """Up to `limit` events after `position` (from the oldest kept without one) on
        records of the reader's kinds that were or are theirs to read, in commit order,
        of the given types (all without), and only events of finished transactions: none
        committed later can come before them."""
        ...

    async def head(self) -> FeedPosition:
        """The position after which only events not yet readable will come."""
        ...

    async def prune(self, before: datetime) -> int:
        """Deletes the events that occurred before `before`; how many."""
        ...


def state_of(record: object) -> dict[str, Any]:
    """A record's fields as JSON values: the state an event carries."""
    if not dataclasses.is_dataclass(record) or isinstance(record, type):
        raise TypeError(f"not a record: {record!r}")
    return {f.name: _json(getattr(record, f.name)) for f in dataclasses.fields(record)}


def _json(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Enum):
        return _json(value.value)
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_json(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    raise TypeError(f"{type(value).__name__} is not JSON")


async def record(
    uow: UnitOfWork,
    principal: Principal | None,
    action: AuditAction,
    kind: RecordKind,
    changed: Sequence[tuple[VersionedRecord, dict[str, Any]]],
    audited: Sequence[dict[str, Any]] | None = None,
) -> None:
    """Raises the plain change of records of one kind by one action (domain/events.py,
    `Changed`), for a use case whose change sets nothing else going."""
    await uow.emit(
        Changed(principal=principal, action=action, kind=kind, changed=changed, audited=audited)
    )


async def store(uow: UnitOfWork, event: Changed) -> None:
    """Every change's handler: its audit events and its change events."""
    afters = event.audited or [record.snapshot() for record, _ in event.changed]
    await audit.record_all(
        uow,
        event.principal,
        event.action,
        ENTITY_OF[event.kind],
        [
            (record.id, before, after)
            for (record, before), after in zip(event.changed, afters, strict=True)
        ],
    )
    await publish(uow, event.principal, event.action, event.kind, event.changed)


async def publish(
    uow: UnitOfWork,
    principal: Principal | None,
    action: AuditAction,
    kind: RecordKind,
    changed: Sequence[tuple[VersionedRecord, dict[str, Any]]],
) -> None:
    """The change events alone, for changes the audit trail records otherwise."""
    events = []
    at = utcnow()
    for record, before in changed:
        after = record.snapshot()
        if action is AuditAction.UPDATED and after == before:
            continue
        audience = Audience.of(kind, after)
        former = Audience.of(kind, before) if before else None
        events.append(
            RecordChanged(
                kind=kind,
                entity_id=record.id,
                change=change_of(kind, action, before, after),
                version=record.version,
                actor_id=principal.user_id if principal else None,
                rule_id=principal.rule_id if principal else None,
                occurred_at=at,
                state=state_of(record),
                audience=audience,
                former_audience=former if former != audience else None,
            )
        )
    if events:
        await uow.changes.add(events)


async def record_related(
    uow: UnitOfWork,
    principal: Principal,
    changed: dict[str, list[UUID]],
    was: Callable[[dict[str, Any]], dict[str, Any]],
    audited: bool,
) -> None:
    """Records changed in one statement each kind, by ids per kind (`RecordKind`
    value), each with a new version: a change event each (and an audit event when
    `audited`), with `was` telling its audited fields before from those after. Read one
    by one: team moves and merges are rare acts, touching one person's records."""
    loaders = {
        RecordKind.CONTACTS: uow.contacts.get,
        RecordKind.COMPANIES: uow.companies.get,
        RecordKind.DEALS: uow.deals.get,
        RecordKind.INTERACTIONS: uow.interactions.get,
        RecordKind.TASKS: uow.tasks.get,
        RecordKind.REQUESTS: uow.requests.get,
    }
    for kind, load in loaders.items():
        records: list[tuple[VersionedRecord, dict[str, Any]]] = []
        for record_id in changed.get(kind.value, []):
            found: Any = await load(record_id)
            if found is not None:
                records.append((found, was(found.snapshot())))
        if audited:
            await record(uow, principal, AuditAction.UPDATED, kind, records)
        else:
            await publish(uow, principal, AuditAction.UPDATED, kind, records)


async def publish_moves(
    uow: UnitOfWork,
    principal: Principal,
    moved: dict[str, list[UUID]],
    team_before: UUID | None,
) -> None:
    """The records that followed their owner (a task: its assignee) to another team: a
    change event each, as the team decides who reads them (the user's own audit entry
    says how many moved)."""
    team = str(team_before) if team_before else None
    await record_related(uow, principal, moved, lambda after: {**after, "team_id": team}, False)


def feed_reader(principal: Principal) -> FeedReader:
    kinds, everything, teams = [], set(), {}
    for kind in RecordKind:
        seen = visibility(principal, kind)
        if seen.nothing:
            continue
        kinds.append(kind)
        if seen.everything:
            everything.add(kind)
        teams[kind] = seen.team_id
    return FeedReader(tuple(kinds), frozenset(everything), teams, principal.user_id)


@dataclass(frozen=True)
class FeedItem:
    """An event as one reader gets it: `state` only while the record is theirs to read
    and live; `tombstone` when it should leave their copy."""

    cursor: str
    type: str
    entity_type: str
    entity_id: UUID
    version: int
    occurred_at: datetime
    actor_id: UUID | None
    rule_id: UUID | None
    tombstone: bool
    state: JSONText | None


@dataclass(frozen=True)
class Feed:
    items: list[FeedItem]
    # Where to continue from: after the last item, or where this read stopped looking.
    next_cursor: str
    has_more: bool


FEED_TYPES = frozenset(
    f"{ENTITY_OF[kind]}.{change.value}"
    for kind, changes in CHANGES_OF.items()
    for change in changes
) | frozenset(f"{entity}.{OUT_OF_SCOPE}" for entity in ENTITY_OF.values())


def _cursor(page: PageRequest, position: FeedPosition, at: datetime) -> str:
    return page.next_cursor(position.tx, position.seq, at.isoformat())


def _position(page: PageRequest, retention: timedelta) -> FeedPosition | None:
    try:
        parts = page.cursor_parts(3)
        if parts is None:
            return None
        tx, seq, at = cursor_value(parts[0]), cursor_value(parts[1]), cursor_moment(parts[2])
        if not isinstance(tx, int) or not isinstance(seq, int):
            raise InvalidCursor()
    except InvalidCursor as error:
        raise InvalidCursor(field_name="after") from error
    if at < utcnow() - retention:
        raise CursorExpired()
    return FeedPosition(tx, seq)


def _parse_types(types: Sequence[str]) -> frozenset[str]:
    for index, name in enumerate(types):
        if name not in FEED_TYPES:
            raise ValidationFailed.on(
                f"types.{index}", f"no event type {name!r}", FieldErrorCode.INVALID_CHOICE
            )
    return frozenset(types)


async def feed_head(uow: UnitOfWork, page: PageRequest) -> str:
    """The cursor to follow the feed from what is committed now: take it before listing
    the records, so nothing changed while listing is missed."""
    return _cursor(page, await uow.changes.head(), utcnow())


async def read_feed(
    uow: UnitOfWork,
    principal: Principal,
    page: PageRequest,
    types: Sequence[str] = (),
    retention: timedelta = DEFAULT_RETENTION,
) -> Feed:
    """The events after the page's cursor that the caller may see, in commit order. The
    same scope as the lists decides: an event on a record the caller reads now carries
    its state; on one they read before the change but not after, it is a tombstone of
    type `<entity>.out_of_scope` without anything of the change; others are skipped."""
    wanted = _parse_types(types)
    position = _position(page, retention)
    reader = feed_reader(principal)
    if not reader.kinds:
        return Feed([], await feed_head(uow, page), False)
    # Types of out-of-scope tombstones come from the change's own type, which the
    # repository filters by: ask for every type of an entity whose tombstone is wanted.
    stored_types = set(wanted)
    for name in wanted:
        entity, _, action = name.partition(".")
        if action == OUT_OF_SCOPE:
            stored_types |= {t for t in FEED_TYPES if t.startswith(f"{entity}.")}
    # Taken before reading: a transaction committing in between comes after this head,
    # so moving a quiet reader on to it passes nothing by.
    head = await uow.changes.head()
    stored = await uow.changes.after(reader, position, frozenset(stored_types), page.limit + 1)
    has_more = len(stored) > page.limit
    stored = stored[: page.limit]
    items = []
    seen: dict[tuple[RecordKind, Audience], bool] = {}
    for entry in stored:
        item = _as_seen(principal, entry, page, seen)
        if item is not None and (not wanted or item.type in wanted):
            items.append(item)
    if stored:
        last = stored[-1]
        next_cursor = _cursor(page, last.position, last.occurred_at)
    else:
        # Nothing new for this reader: on from the head (past others' events), with the
        # time of this read, so a quiet feed's cursor does not age out.
        if position is not None and (position.tx, position.seq) > (head.tx, head.seq):
            head = position
        next_cursor = _cursor(page, head, utcnow())
    return Feed(items, next_cursor, has_more)


def _sees(
    principal: Principal,
    kind: RecordKind,
    audience: Audience,
    seen: dict[tuple[RecordKind, Audience], bool],
) -> bool:
    """Whether the caller reads a record of `kind` that `audience` reads, remembered in
    `seen` for one read: a page's events share few audiences."""
    found = seen.get((kind, audience))
    if found is None:
        found = seen[kind, audience] = audience.sees(principal, kind)
    return found


def _as_seen(
    principal: Principal,
    entry: StoredChange,
    page: PageRequest,
    seen: dict[tuple[RecordKind, Audience], bool],
) -> FeedItem | None:
    entity = ENTITY_OF[entry.kind]
    if _sees(principal, entry.kind, entry.audience, seen):
        return FeedItem(
            cursor=_cursor(page, entry.position, entry.occurred_at),
            type=entry.type,
            entity_type=entity,
            entity_id=entry.entity_id,
            version=entry.version,
            occurred_at=entry.occurred_at,
            actor_id=entry.actor_id,
            rule_id=entry.rule_id,
            tombstone=entry.archived,
            state=entry.state,
        )
    former = entry.former_audience
    if former is not None and _sees(principal, entry.kind, former, seen):
        return FeedItem(
            cursor=_cursor(page, entry.position, entry.occurred_at),
            type=f"{entity}.{OUT_OF_SCOPE}",
            entity_type=entity,
            entity_id=entry.entity_id,
            version=entry.version,
            occurred_at=entry.occurred_at,
            actor_id=None,
            rule_id=None,
            tombstone=True,
            state=None,
        )
    return None


async def prune(uow: UnitOfWork, retention: timedelta = DEFAULT_RETENTION) -> int:
    """Forgets the events older than the feed keeps; how many."""
    return await uow.changes.prune(utcnow() - retention)
