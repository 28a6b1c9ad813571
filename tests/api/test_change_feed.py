"""The change feed, GET /api/v1/events, over HTTP: a client that follows it rebuilds what
the lists show it, learns nothing of records it may not read, and is told plainly when
its cursor is wrong or too old.

A follower does what the route's description asks of a client: it takes `after=now`
before anything it wants to know of happens, then follows `next_cursor` page by page,
dropping a record on a tombstone and otherwise keeping the event when its `version` is
above the one it holds."""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from api.schemas.changes import ChangeEventRead, ChangeFeedRead, feed_json
from domain.changes import Feed, FeedItem
from domain.clock import utcnow
from domain.funnel.pipelines import DEFAULT_PIPELINE
from persistence.database import Database
from tests.conftest import MakeStaff, MakeTeam, Staff
from tests.helpers import (
    API,
    PROBLEM,
    assert_problem,
    assert_unauthenticated,
    if_match,
)

EVENTS = f"{API}/events"
# The collection of each entity the feed names.
COLLECTION = {
    "contact": f"{API}/contacts",
    "company": f"{API}/companies",
    "deal": f"{API}/deals",
    "interaction": f"{API}/interactions",
    "task": f"{API}/tasks",
    "request": f"{API}/requests",
}
STAGE = {s.name: str(s.id) for s in DEFAULT_PIPELINE.stages}

Event = dict[str, Any]
# What a follower holds: per entity, the latest event of each record it keeps.
Copy = dict[str, dict[str, Event]]


# --- Following the feed ------------------------------------------------------------------


@dataclass
class Follower:
    """A client following the feed as `staff`, from `cursor`, with its copy of the records."""

    staff: Staff
    cursor: str
    copy: Copy = field(default_factory=lambda: {entity: {} for entity in COLLECTION})
    pages: int = 0

    def apply(self, event: Event) -> None:
        held = self.copy[event["entity_type"]]
        if event["tombstone"]:
            held.pop(event["entity_id"], None)
        elif event["version"] > held.get(event["entity_id"], {"version": 0})["version"]:
            held[event["entity_id"]] = event

    def versions(self) -> dict[str, dict[str, int]]:
        return {
            entity: {rid: event["version"] for rid, event in held.items()}
            for entity, held in self.copy.items()
        }


@dataclass
class EventFeed:
    """GET /events as a client calls it."""

    client: httpx.AsyncClient
    database: Database

    async def get(self, staff: Staff, **params: Any) -> httpx.Response:
        """GET /events as `staff` with the given query parameters."""
        return await self.client.get(EVENTS, params=params, headers=staff.headers)

    async def ok(self, staff: Staff, **params: Any) -> dict[str, Any]:
        """GET /events as `staff`, asserting 200 and the page's shape; returns the page."""
        response = await self.get(staff, **params)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        assert set(body) == {"items", "next_cursor", "has_more"}
        return body

    async def head(self, staff: Staff) -> str:
        """The cursor of what is committed now (`after=now`): no events, nothing more."""
        body = await self.ok(staff, after="now")
        assert body["items"] == [] and body["has_more"] is False
        cursor: str = body["next_cursor"]
        return cursor

    async def start(self, staff: Staff) -> Follower:
        """A follower as `staff` from now on."""
        return Follower(staff, await self.head(staff))

    async def follow(self, follower: Follower, limit: int = 3) -> list[Event]:
        """Reads the feed on from the follower's cursor until it says nothing more waits,
        `limit` events a page at most, applying each event; returns the events read."""
        read: list[Event] = []
        for _ in range(500):
            body = await self.ok(follower.staff, after=follower.cursor, limit=limit)
            follower.pages += 1
            assert len(body["items"]) <= limit, body
            for event in body["items"]:
                follower.apply(event)
            read += body["items"]
            follower.cursor = body["next_cursor"]
            if not body["has_more"]:
                return read
        raise AssertionError("the feed does not end")


@pytest.fixture
def events(client: httpx.AsyncClient, database: Database) -> EventFeed:
    return EventFeed(client, database)


async def listed(client: httpx.AsyncClient, staff: Staff) -> dict[str, dict[str, int]]:
    """Every record each list shows `staff` with its default filters, id -> version."""
    found: dict[str, dict[str, int]] = {}
    for entity, url in COLLECTION.items():
        found[entity] = {}
        cursor: str | None = None
        while True:
            params: dict[str, Any] = {"limit": 200, **({"cursor": cursor} if cursor else {})}
            response = await client.get(url, params=params, headers=staff.headers)
            assert response.status_code == 200, response.text
            body = response.json()
            found[entity] |= {item["id"]: item["version"] for item in body["items"]}
            cursor = body["next_cursor"]
            if cursor is None:
                break
    return found


# --- The people and what the Owner does -----------------------------------------------------


@dataclass
class Cast:
    """The Owner (in no team) acts. Team Alpha: a reader who reads only their own records,
    one who reads the team's, and a Salesperson. Team Bravo: a Salesperson, and a stranger
    who reads only their own records and owns none."""

    owner: Staff
    own_reader: Staff
    team_reader: Staff
    alpha_mate: Staff
    bravo_mate: Staff
    stranger: Staff

    def readers(self) -> dict[str, Staff]:
        return {"own": self.own_reader, "team": self.team_reader, "owner": self.owner}


async def make_cast(owner: Staff, make_staff: MakeStaff, make_team: MakeTeam) -> Cast:
    alpha, bravo = await make_team("Alpha"), await make_team("Bravo")
    return Cast(
        owner=owner,
        own_reader=await make_staff("own_scope", team=alpha),
        team_reader=await make_staff("team_scope", team=alpha),
        alpha_mate=await make_staff("salesperson", team=alpha),
        bravo_mate=await make_staff("salesperson", team=bravo),
        stranger=await make_staff("own_scope", team=bravo),
    )


Step = Callable[[], Awaitable[None]]


async def nothing() -> None:
    return None


@dataclass
class Play:
    """Changes records over the API as the Owner (or `by`), calling `after_each` after
    every change; If-Match always carries the record's current version."""

    client: httpx.AsyncClient
    owner: Staff
    after_each: Step = nothing

    async def version(self, entity: str, record_id: str) -> int:
        response = await self.client.get(
            f"{COLLECTION[entity]}/{record_id}", headers=self.owner.headers
        )
        assert response.status_code == 200, response.text
        return int(response.json()["version"])

    async def send(
        self,
        method: str,
        url: str,
        body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        by: Staff | None = None,
    ) -> dict[str, Any]:
        response = await self.client.request(
            method, url, json=body, headers=headers or (by or self.owner).headers
        )
        assert response.status_code in (200, 201, 204), response.text
        await self.after_each()
        return response.json() if response.content else {}

    async def create(self, entity: str, by: Staff | None = None, **body: Any) -> str:
        made = await self.send("POST", COLLECTION[entity], body, by=by)
        return str(made["id"])

    async def change(self, entity: str, record_id: str, **body: Any) -> None:
        headers = if_match(self.owner, await self.version(entity, record_id))
        await self.send("PATCH", f"{COLLECTION[entity]}/{record_id}", body, headers)

    async def archive(self, entity: str, record_id: str) -> None:
        headers = if_match(self.owner, await self.version(entity, record_id))
        await self.send("DELETE", f"{COLLECTION[entity]}/{record_id}", headers=headers)

    async def restore(self, entity: str, record_id: str) -> None:
        headers = if_match(self.owner, await self.version(entity, record_id))
        await self.send("POST", f"{COLLECTION[entity]}/{record_id}/restore", headers=headers)

    async def merge(self, target: str, source: str, *take: str) -> None:
        headers = if_match(self.owner, await self.version("contact", target))
        body = {"source_id": source, "take_from_source": list(take)}
        await self.send("POST", f"{COLLECTION['contact']}/{target}/merge", body, headers)

    async def move(self, deal_id: str, stage: str) -> None:
        body = {"stage_id": STAGE[stage]}
        await self.send("POST", f"{COLLECTION['deal']}/{deal_id}/move", body)

    async def convert(self, contact_id: str) -> None:
        await self.send("POST", f"{COLLECTION['contact']}/{contact_id}/convert", {})


async def create(client: httpx.AsyncClient, staff: Staff, entity: str, **body: Any) -> str:
    """Creates a record of `entity` as `staff`; its id."""
    return await Play(client, staff).create(entity, **body)


async def patch(
    client: httpx.AsyncClient, staff: Staff, entity: str, record_id: str, **body: Any
) -> None:
    """Changes a record as `staff`, at its current version."""
    await Play(client, staff).change(entity, record_id, **body)


async def play_everything(play: Play, cast: Cast) -> None:
    """Records of all six kinds, owned across both teams, created and changed; some handed
    away from the readers and some to them; a contact and a company archived, two contacts
    merged, one contact restored, a deal won (its contact becomes a customer), a lead
    converted."""
    p = play
    own, team = cast.own_reader.id, cast.team_reader.id
    mate, bravo = cast.alpha_mate.id, cast.bravo_mate.id

    co_own = await p.create("company", name="Own Co", owner_id=own)
    co_mate = await p.create("company", name="Mate Co", owner_id=mate)
    co_bravo = await p.create("company", name="Bravo Co", owner_id=bravo)
    await p.change("company", co_own, name="Own Co Renamed")
    await p.change("company", co_mate, owner_id=bravo)
    await p.change("company", co_bravo, owner_id=team)

    k_own = await p.create("contact", last_name="Own", owner_id=own, company_id=co_own)
    k_moved = await p.create("contact", last_name="Moved", owner_id=own)
    k_mate = await p.create("contact", last_name="Mate", owner_id=mate)
    k_bravo = await p.create("contact", last_name="Bravo", owner_id=bravo)
    k_team = await p.create("contact", last_name="Teamlead", owner_id=team)
    k_source = await p.create("contact", last_name="Source", title="CFO", owner_id=own)
    k_buyer = await p.create("contact", last_name="Buyer", owner_id=own)
    k_lead = await p.create("contact", last_name="Lead", owner_id=mate)
    await p.change("contact", k_own, title="CEO")
    await p.change("contact", k_moved, owner_id=bravo)
    await p.change("contact", k_bravo, owner_id=own)
    await p.change("contact", k_team, first_name="Tess")

    d_own = await p.create("deal", title="Own deal", owner_id=own, contact_id=k_own)
    d_mate = await p.create("deal", title="Mate deal", owner_id=mate)
    d_bravo = await p.create("deal", title="Bravo deal", owner_id=bravo)
    d_won = await p.create("deal", title="Won deal", owner_id=own, contact_id=k_buyer)
    await p.change("deal", d_own, title="Own deal, bigger")
    await p.move(d_mate, "Proposal")
    await p.move(d_won, "Won")
    await p.change("deal", d_own, owner_id=bravo)
    await p.change("deal", d_bravo, owner_id=team)
    await p.convert(k_lead)

    i_guest = await p.create(
        "interaction", channel="call", contact_id=k_mate, owner_id=mate, user_ids=[own]
    )
    i_bravo = await p.create("interaction", channel="email", contact_id=k_bravo, owner_id=bravo)
    i_own = await p.create("interaction", channel="call", contact_id=k_own, owner_id=own)
    await p.change("interaction", i_guest, subject="Catch-up")
    await p.change("interaction", i_guest, user_ids=[])
    await p.change("interaction", i_bravo, user_ids=[own])
    await p.change("interaction", i_own, owner_id=bravo)

    t_own = await p.create("task", title="Own task", assignee_id=own)
    t_mate = await p.create("task", title="Mate task", assignee_id=mate)
    t_bravo = await p.create("task", title="Bravo task", assignee_id=bravo)
    await p.change("task", t_own, title="Own task, renamed")
    await p.change("task", t_mate, status="done")
    await p.change("task", t_own, assignee_id=bravo)
    await p.change("task", t_bravo, assignee_id=team)

    request: dict[str, Any] = {"contact_id": k_mate, "channel": "email"}
    r_own = await p.create("request", subject="Own", assignee_id=own, **request)
    r_mate = await p.create("request", subject="Mate", assignee_id=mate, **request)
    r_alpha = await p.create("request", by=cast.alpha_mate, subject="Alpha's", **request)
    r_bravo = await p.create("request", subject="Bravo", assignee_id=bravo, **request)
    await p.change("request", r_own, priority="high")
    await p.change("request", r_own, assignee_id=bravo)
    await p.change("request", r_bravo, assignee_id=own)
    await p.change("request", r_alpha, status="open")
    await p.change("request", r_mate, status="pending")

    await p.archive("contact", k_mate)
    await p.archive("company", co_own)
    await p.merge(k_own, k_source, "title")
    await p.merge(k_team, k_moved)
    await p.restore("contact", k_mate)


# --- What the tests check -------------------------------------------------------------------


async def check_readable(client: httpx.AsyncClient, staff: Staff, event: Event, who: str) -> None:
    """The event is one `staff` may have (test_every_event_is_on_a_record_the_reader_reads)."""
    url = f"{COLLECTION[event['entity_type']]}/{event['entity_id']}"
    got = await client.get(url, headers=staff.headers)
    if event["type"].endswith(".out_of_scope"):
        assert event["tombstone"] is True, (who, event)
        assert event["data"] is None and event["actor_id"] is None, (who, event)
        assert event["rule_id"] is None, (who, event)
        assert got.status_code == 404, (who, event, got.text)
    elif not event["tombstone"]:
        assert got.status_code == 200, (who, event, got.text)
        assert got.json()["version"] == event["version"] == event["data"]["version"], who
        assert event["data"]["id"] == event["entity_id"], who


def b64(raw: bytes) -> str:
    """Base64url without padding, as cursors are written."""
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def edited(cursor: str, change: Callable[[list[Any]], list[Any]]) -> str:
    """`cursor` with its content changed and its signature kept."""
    payload, _, signature = cursor.partition(".")
    parts = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return b64(json.dumps(change(parts), separators=(",", ":")).encode()) + "." + signature


def same(left: Any, right: Any) -> bool:
    """Equal, taking two ISO moments that name the same instant as equal."""
    if isinstance(left, str) and isinstance(right, str) and left != right:
        try:
            return datetime.fromisoformat(left) == datetime.fromisoformat(right)
        except ValueError:
            return False
    return bool(left == right)


# --- 1. Replaying the feed rebuilds the lists ------------------------------------------------


async def test_replaying_the_feed_rebuilds_what_the_lists_show(
    client: httpx.AsyncClient,
    events: EventFeed,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
) -> None:
    """A reader of their own records, a reader of their team's and the Owner each take
    `after=now` before anything exists, then follow the feed three events a page while
    the Owner creates, changes, hands over, archives, merges and restores records of all
    six kinds. Applying the events (tombstone: drop; else keep a higher version) leaves
    each of them exactly the records, at the versions, that the six lists show them with
    their default filters (live records; the task and request lists filter nothing by
    default), and the feed ends with has_more false after more than one page."""
    cast = await make_cast(owner, make_staff, make_team)
    followers = {name: await events.start(s) for name, s in cast.readers().items()}

    await play_everything(Play(client, owner), cast)

    for name, follower in followers.items():
        await events.follow(follower, limit=3)
        assert follower.pages > 1, name
        expected = await listed(client, follower.staff)
        held = follower.versions()
        for entity in COLLECTION:
            assert held[entity] == expected[entity], (name, entity)
        # Caught up: the next read brings nothing and says so.
        rest = await events.ok(follower.staff, after=follower.cursor, limit=3)
        assert rest["items"] == [] and rest["has_more"] is False


# --- 2. The feed leaks nothing ---------------------------------------------------------------


async def test_every_event_is_on_a_record_the_reader_reads(
    client: httpx.AsyncClient,
    events: EventFeed,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
) -> None:
    """After every single change, each reader reads what the feed has for them: every
    event that is not a tombstone is on a record they read (GET answers 200, at the
    event's version), every `out_of_scope` tombstone carries neither data nor actor nor
    rule and its record answers them 404, and a stranger of the other team who reads only
    their own records and owns none gets no event at all."""
    cast = await make_cast(owner, make_staff, make_team)
    followers = {name: await events.start(s) for name, s in cast.readers().items()}
    stranger = await events.start(cast.stranger)
    kinds_seen: set[str] = set()

    async def check() -> None:
        for name, follower in followers.items():
            for event in await events.follow(follower, limit=50):
                kinds_seen.add(event["type"].rpartition(".")[2])
                await check_readable(client, follower.staff, event, name)
        assert await events.follow(stranger, limit=50) == []

    await play_everything(Play(client, owner, check), cast)
    # The walk met each kind of event, so each rule above was put to the test.
    assert {"created", "updated", "archived", "restored", "merged", "out_of_scope"} <= kinds_seen


# --- 3. Types, cursors, retention, limits ----------------------------------------------------


async def test_types_filter_returns_only_those_types(
    client: httpx.AsyncClient, events: EventFeed, owner: Staff
) -> None:
    """`types` (repeated) keeps only events of the types named, in order."""
    start = await events.head(owner)
    contact = await create(client, owner, "contact", last_name="Typeson")
    await create(client, owner, "company", name="Typeco")
    await patch(client, owner, "contact", contact, title="CTO")
    await create(client, owner, "deal", title="Typed deal")

    updates = await events.ok(owner, after=start, types=["contact.updated"])
    assert [e["type"] for e in updates["items"]] == ["contact.updated"]
    created = await events.ok(owner, after=start, types=["company.created", "deal.created"])
    assert [e["type"] for e in created["items"]] == ["company.created", "deal.created"]


async def test_types_filter_can_ask_for_out_of_scope_tombstones(
    client: httpx.AsyncClient,
    events: EventFeed,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
) -> None:
    """`types=contact.out_of_scope` gives a reader the tombstone of a contact handed away
    from them, and nothing of the changes they still see."""
    cast = await make_cast(owner, make_staff, make_team)
    reader = cast.own_reader
    start = await events.head(reader)
    contact = await create(client, owner, "contact", last_name="Leaving", owner_id=reader.id)
    await patch(client, owner, "contact", contact, title="Buyer")
    await patch(client, owner, "contact", contact, owner_id=cast.bravo_mate.id)

    page = await events.ok(reader, after=start, types=["contact.out_of_scope"])
    assert [(e["type"], e["entity_id"]) for e in page["items"]] == [
        ("contact.out_of_scope", contact)
    ]


@pytest.mark.parametrize(
    ("types", "field"),
    [(["contact.exploded"], "types.0"), (["contact.created", "deal"], "types.1")],
)
async def test_an_unknown_type_is_refused_naming_it(
    events: EventFeed, owner: Staff, types: list[str], field: str
) -> None:
    """A type the feed does not have is a 422 naming its place in `types`."""
    assert_problem(await events.get(owner, types=types), 422, field)


async def test_a_cursor_the_feed_did_not_write_is_a_400_naming_after(
    client: httpx.AsyncClient, events: EventFeed, owner: Staff
) -> None:
    """An edited cursor (its position moved, its signature kept), a forged one, garbage,
    and a list's cursor are refused as 400 problems naming `after`."""
    await create(client, owner, "contact", last_name="First")
    await create(client, owner, "contact", last_name="Second")
    page = await events.ok(owner, limit=1)
    cursor = page["items"][0]["cursor"]
    contacts = await client.get(COLLECTION["contact"], params={"limit": 1}, headers=owner.headers)
    list_cursor = contacts.json()["next_cursor"]
    assert list_cursor is not None
    bad = [
        edited(cursor, lambda parts: [parts[0], parts[1] - 1, parts[2]]),
        edited(cursor, lambda parts: [parts[0], parts[1], "2999-01-01T00:00:00+00:00"]),
        # Well-formed, in the feed's own shape, signed by nobody.
        b64(json.dumps([0, 0, datetime.now(UTC).isoformat()]).encode()) + "." + b64(bytes(16)),
        "not a cursor",
        list_cursor,
    ]
    for after in bad:
        response = await events.get(owner, after=after)
        assert response.headers["content-type"] == PROBLEM, after
        assert_problem(response, 400, "after")


async def test_a_cursor_older_than_retention_is_gone(
    events: EventFeed,
    owner: Staff,
    app: FastAPI,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A cursor whose moment is more than the configured retention ago answers 410 with a
    `cursor-expired` problem naming `after`; one just within it still reads."""
    cursor = await events.head(owner)
    kept = timedelta(days=app.state.settings.event_retention_days)

    def later(by: timedelta) -> Callable[[], datetime]:
        return lambda: utcnow() + by

    # Only the feed's own clock moves, and monkeypatch puts it back after the test.
    monkeypatch.setattr("domain.changes.utcnow", later(kept - timedelta(hours=1)))
    assert (await events.get(owner, after=cursor)).status_code == 200
    monkeypatch.setattr("domain.changes.utcnow", later(kept + timedelta(hours=1)))
    response = await events.get(owner, after=cursor)
    assert_problem(response, 410, "after")
    assert response.json()["type"].endswith("/cursor-expired")


async def test_without_after_the_feed_starts_at_the_oldest_event(
    client: httpx.AsyncClient, events: EventFeed, owner: Staff
) -> None:
    """Without `after` the feed starts at the first event kept, and paging on from its
    cursor brings the rest in order."""
    first = await create(client, owner, "contact", last_name="Oldest")
    second = await create(client, owner, "company", name="Next")
    third = await create(client, owner, "deal", title="Newest")

    page = await events.ok(owner, limit=2)
    assert [e["entity_id"] for e in page["items"]] == [first, second]
    assert page["has_more"] is True
    rest = await events.ok(owner, after=page["next_cursor"], limit=2)
    assert [e["entity_id"] for e in rest["items"]] == [third]
    assert rest["has_more"] is False


@pytest.mark.parametrize(("limit", "status"), [(0, 422), (1, 200), (1000, 200), (1001, 422)])
async def test_limit_is_between_1_and_1000(
    events: EventFeed, owner: Staff, limit: int, status: int
) -> None:
    """`limit` takes 1 to 1000; outside, a 422 naming `limit`."""
    response = await events.get(owner, limit=limit)
    if status == 422:
        assert_problem(response, 422, "limit")
    else:
        assert response.status_code == status, response.text


# --- 4. Events carry the record's state ------------------------------------------------------


async def test_an_event_carries_the_record_as_it_became_and_who_changed_it(
    client: httpx.AsyncClient,
    events: EventFeed,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
) -> None:
    """A Salesperson updates their contact: the Owner's feed has the update with the
    Salesperson as actor, no rule, the record's version, and data whose fields equal what
    GET of the contact answers."""
    sales = await make_staff("salesperson", team=await make_team("Alpha"))
    start = await events.head(owner)
    contact = await create(client, sales, "contact", first_name="Ada", last_name="Lovelace")
    await patch(client, sales, "contact", contact, first_name="Augusta", title="Countess")

    page = await events.ok(owner, after=start)
    created, updated = page["items"]
    assert (created["type"], updated["type"]) == ("contact.created", "contact.updated")
    got = await client.get(f"{COLLECTION['contact']}/{contact}", headers=owner.headers)
    record = got.json()
    assert updated["entity_type"] == "contact" and updated["entity_id"] == contact
    assert updated["actor_id"] == created["actor_id"] == sales.id
    assert updated["rule_id"] is None and updated["tombstone"] is False
    assert updated["version"] == updated["data"]["version"] == record["version"] == 2
    for name in ("id", "first_name", "last_name", "title", "owner_id", "team_id"):
        assert updated["data"][name] == record[name], name
    # Every other field the two share is the same too (moments as moments: the event
    # writes them with +00:00, the API with Z).
    for name in set(updated["data"]) & set(record):
        assert same(updated["data"][name], record[name]), name


async def test_a_merge_tells_followers_of_the_records_it_points_elsewhere(
    client: httpx.AsyncClient, events: EventFeed, owner: Staff
) -> None:
    """A deal of a contact merged away now names the target contact: a follower of the
    feed learns it (an event on the deal at a new version), so its copy names the target
    as GET of the deal does."""
    follower = await events.start(owner)
    target = await create(client, owner, "contact", last_name="Target")
    source = await create(client, owner, "contact", last_name="Source")
    deal = await create(client, owner, "deal", title="Repointed", contact_id=source)
    await Play(client, owner).merge(target, source)

    await events.follow(follower)
    got = await client.get(f"{COLLECTION['deal']}/{deal}", headers=owner.headers)
    assert got.json()["contact_id"] == target
    assert follower.copy["deal"][deal]["data"]["contact_id"] == target


async def test_the_page_is_what_its_model_writes(
    client: httpx.AsyncClient,
    events: EventFeed,
    owner: Staff,
    make_staff: MakeStaff,
    make_team: MakeTeam,
) -> None:
    """The route writes the page itself, each event's data spliced in as stored: it is
    what the contract's model (ChangeFeedRead) reads and writes back, field for field and
    in the same order, for events with data, a tombstone with data (archived) and one
    without (out_of_scope)."""
    cast = await make_cast(owner, make_staff, make_team)
    reader = cast.own_reader
    start = await events.head(reader)
    contact = await create(
        client, owner, "contact", first_name="Zoë", last_name='Ørsted "Ø"', owner_id=reader.id
    )
    await patch(client, owner, "contact", contact, title="Directrice générale", tags=["ä", "b"])
    await Play(client, owner).archive("contact", contact)
    await Play(client, owner).restore("contact", contact)
    await patch(client, owner, "contact", contact, owner_id=cast.bravo_mate.id)

    response = await events.get(reader, after=start)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    page = response.json()
    assert [(e["type"], e["tombstone"]) for e in page["items"]] == [
        ("contact.created", False),
        ("contact.updated", False),
        ("contact.archived", True),
        ("contact.restored", False),
        ("contact.out_of_scope", True),
    ]
    assert page["items"][2]["data"]["archived_at"] is not None
    assert page["items"][4]["data"] is None
    model = ChangeFeedRead.model_validate_json(response.content)
    # json.dumps keeps the order of the keys: the same fields, in the same order.
    assert json.dumps(json.loads(model.model_dump_json())) == json.dumps(page)


async def test_with_compact_states_the_page_is_the_models_bytes() -> None:
    """feed_json writes what the model does, byte for byte, when the stored states are
    compact JSON (SQLite and PostgreSQL store them with spaces, which is the only
    difference): times with Z, ids as text, nulls, non-ASCII text as it is."""
    at = datetime(2026, 12, 7, 10, 0, 0, 123450, tzinfo=UTC)
    states: list[dict[str, Any] | None] = [
        {"id": "x", "name": 'Zoë "Ø"\n', "tags": ["a", "ä"], "n": 1, "f": 1.5, "none": None},
        None,
        {"nested": {"deep": [1, {"k": True}]}, "archived_at": at.isoformat()},
    ]
    items = [
        FeedItem(
            cursor=f"cursor-{n}",
            type="contact.out_of_scope" if state is None else "contact.updated",
            entity_type="contact",
            entity_id=uuid.uuid4(),
            version=n + 1,
            occurred_at=at + timedelta(microseconds=n * 7) if n else at.replace(microsecond=0),
            actor_id=None if state is None else uuid.uuid4(),
            rule_id=uuid.uuid4() if n == 2 else None,
            tombstone=state is None or n == 2,
            state=None
            if state is None
            else json.dumps(state, separators=(",", ":"), ensure_ascii=False),
        )
        for n, state in enumerate(states)
    ]
    for feed in (Feed(items, "next", True), Feed([], "next", False)):
        model = ChangeFeedRead(
            items=[
                ChangeEventRead(
                    cursor=i.cursor,
                    type=i.type,
                    entity_type=i.entity_type,
                    entity_id=i.entity_id,
                    version=i.version,
                    occurred_at=i.occurred_at,
                    actor_id=i.actor_id,
                    rule_id=i.rule_id,
                    tombstone=i.tombstone,
                    data=None if i.state is None else json.loads(i.state),
                )
                for i in feed.items
            ],
            next_cursor=feed.next_cursor,
            has_more=feed.has_more,
        )
        assert feed_json(feed) == model.model_dump_json().encode()


# --- 5. Only for signed-in callers -----------------------------------------------------------


async def test_the_feed_needs_a_signed_in_caller(client: httpx.AsyncClient) -> None:
    """Without a bearer token the feed answers 401."""
    assert_unauthenticated(await client.get(EVENTS, params={"after": "now"}))
