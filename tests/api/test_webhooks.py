"""Webhooks (issue 18): subscriptions over HTTP, and deliveries made by the worker's step
to a real HTTP receiver this test starts on 127.0.0.1 (the test settings allow it).

Deliveries are driven by calling the worker's functions directly; retries are reached by
passing a later `now`, not by waiting."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx
import pytest
from standardwebhooks import Webhook as Verifier
from standardwebhooks.webhooks import WebhookVerificationError

from api.cli import webhooks as sender
from api.settings import Settings
from domain.access.levels import AccessLevel, AccessMatrix
from domain.access.roles import Permission, Role
from domain.clock import utcnow
from domain.integrations import webhooks
from domain.integrations.webhooks import UrlPolicy
from persistence.database import Database
from persistence.uow import SqlUnitOfWork
from tests.conftest import MakeStaff, Staff
from tests.helpers import API, assert_problem, assert_unauthenticated, if_match
from tests.scoped_roles import SCOPED_ROLES

WEBHOOKS = f"{API}/webhooks"
CONTACTS = f"{API}/contacts"
DEALS = f"{API}/deals"
LOCAL = UrlPolicy(allow_http=True, allowed=("127.0.0.1",))


# --- A receiver ----------------------------------------------------------------------


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes

    @property
    def event(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.body)
        return data


@dataclass
class Receiver:
    """A small HTTP/1.1 server: answers each request with the next of `answers` (200 when
    none is left), or never while `hang` is set."""

    port: int = 0
    answers: list[int] = field(default_factory=list)
    hang: bool = False
    received: list[Received] = field(default_factory=list)
    release: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")[1:]
            headers = {}
            for line in lines:
                name, _, value = line.partition(":")
                if name:
                    headers[name.strip().lower()] = value.strip()
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            self.received.append(Received(headers, body))
            if self.hang:
                await self.release.wait()
                return
            status = self.answers.pop(0) if self.answers else 200
            text = b"thanks" if status < 300 else b"broken"
            writer.write(
                f"HTTP/1.1 {status} X\r\ncontent-length: {len(text)}\r\n"
                "connection: close\r\n\r\n".encode()
                + text
            )
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    server_side = Receiver()
    server = await asyncio.start_server(server_side.handle, "127.0.0.1", 0)
    server_side.port = server.sockets[0].getsockname()[1]
    yield server_side
    server_side.release.set()
    server.close()
    await server.wait_closed()


# --- Helpers -------------------------------------------------------------------------


async def subscribe(
    client: httpx.AsyncClient, staff: Staff, url: str, types: list[str] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"url": url}
    if types is not None:
        body["event_types"] = types
    response = await client.post(WEBHOOKS, json=body, headers=staff.headers)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def make_contact(client: httpx.AsyncClient, staff: Staff, **body: Any) -> dict[str, Any]:
    response = await client.post(
        CONTACTS, json={"last_name": "Lovelace", **body}, headers=staff.headers
    )
    assert response.status_code == 201, response.text
    made: dict[str, Any] = response.json()
    return made


async def deliver(database: Database, policy: UrlPolicy = LOCAL, **kwargs: Any) -> int:
    result = await sender.deliver_webhooks_once(database, policy, **kwargs)
    return result.sent


async def tasks_titled(client: httpx.AsyncClient, staff: Staff, title: str) -> list[dict[str, Any]]:
    answer = await client.get(
        f"{API}/tasks", params={"assignee_id": staff.id, "limit": 100}, headers=staff.headers
    )
    assert answer.status_code == 200, answer.text
    return [t for t in answer.json()["items"] if t["title"] == title]


async def log_of(client: httpx.AsyncClient, staff: Staff, hook_id: str) -> list[dict[str, Any]]:
    response = await client.get(f"{WEBHOOKS}/{hook_id}/deliveries", headers=staff.headers)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


# An own-scope administrator: manages webhooks, reads only their own records.
OWN_ADMIN = Role(
    id=uuid.uuid5(uuid.NAMESPACE_URL, "crm-tests/own_admin"),
    name="Own admin",
    rank=40,
    access=AccessMatrix.uniform(AccessLevel.OWN, AccessLevel.OWN),
    grants=frozenset({Permission.USERS_READ, Permission.SETTINGS_MANAGE}),
    description="",
    template_key=None,
)


@pytest.fixture
async def own_admin(make_staff: MakeStaff, monkeypatch: pytest.MonkeyPatch) -> Staff:
    monkeypatch.setitem(SCOPED_ROLES, "own_admin", OWN_ADMIN)
    return await make_staff("own_admin")


# --- Managing subscriptions ------------------------------------------------------------


async def test_create_shows_the_secret_once_and_the_crud_works(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    created = await subscribe(client, owner, "https://93.184.215.14/hooks", ["deal.*"])
    assert created["secret"].startswith("whsec_")
    assert created["event_types"] == ["deal.*"] and created["active"] is True
    assert created["owner_id"] == owner.id
    hook = f"{WEBHOOKS}/{created['id']}"

    got = await client.get(hook, headers=owner.headers)
    assert got.status_code == 200 and "secret" not in got.json()
    listed = await client.get(WEBHOOKS, headers=owner.headers)
    assert [item["id"] for item in listed.json()["items"]] == [created["id"]]

    stale = await client.patch(hook, json={"active": False}, headers=if_match(owner, 7))
    assert_problem(stale, 412)
    inside = await client.patch(hook, json={"url": "https://10.0.0.1/"}, headers=owner.headers)
    assert_problem(inside, 422, "url")
    typo = await client.patch(hook, json={"event_types": ["deal.wonn"]}, headers=owner.headers)
    assert_problem(typo, 422, "event_types.0")
    changed = await client.patch(
        hook, json={"active": False, "event_types": ["*"]}, headers=if_match(owner, 1)
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["active"] is False and changed.json()["version"] == 2

    gone = await client.delete(hook, headers=if_match(owner, 2))
    assert gone.status_code == 204
    assert_problem(await client.get(hook, headers=owner.headers), 404)


async def test_bad_input_names_the_field(client: httpx.AsyncClient, owner: Staff) -> None:
    url = "https://93.184.215.14/hooks"
    bad_type = await client.post(
        WEBHOOKS,
        json={"url": url, "event_types": ["deal.*", "deal.exploded"]},
        headers=owner.headers,
    )
    assert_problem(bad_type, 422, "event_types.1")
    bad_entity = await client.post(
        WEBHOOKS, json={"url": url, "event_types": ["planet.*"]}, headers=owner.headers
    )
    assert_problem(bad_entity, 422, "event_types.0")
    not_a_url = await client.post(WEBHOOKS, json={"url": "ftp://x.example"}, headers=owner.headers)
    assert_problem(not_a_url, 422, "url")


async def test_who_may_manage_webhooks(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    assert_unauthenticated(await client.get(WEBHOOKS))
    seller = await make_staff("salesperson")
    refused = await client.post(
        WEBHOOKS, json={"url": "https://93.184.215.14/h"}, headers=seller.headers
    )
    assert_problem(refused, 403)
    # Another administrator neither sees nor redirects the owner's webhook.
    created = await subscribe(client, owner, "https://93.184.215.14/hooks")
    other = await make_staff("full_access")
    assert_problem(await client.get(f"{WEBHOOKS}/{created['id']}", headers=other.headers), 404)
    listed = await client.get(WEBHOOKS, headers=other.headers)
    assert listed.json()["items"] == []


# --- SSRF ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/hooks",
        "http://169.254.169.254/latest/meta-data",
        "http://localhost:8080/hooks",
        "http://[::1]/hooks",
        "http://[fd00:ec2::254]/hooks",
        "http://[::ffff:127.0.0.2]/hooks",
        "http://192.168.1.10/hooks",
        "http://0.0.0.0/hooks",
    ],
)
async def test_internal_addresses_are_refused_at_creation(
    client: httpx.AsyncClient, owner: Staff, url: str
) -> None:
    response = await client.post(WEBHOOKS, json={"url": url}, headers=owner.headers)
    assert_problem(response, 422, "url")


async def test_loopback_is_refused_unless_the_settings_allow_it(
    client: httpx.AsyncClient, owner: Staff, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    allowed = await client.post(
        WEBHOOKS, json={"url": "http://127.0.0.1:9/hooks"}, headers=owner.headers
    )
    assert allowed.status_code == 201, allowed.text
    monkeypatch.setattr(settings, "webhook_allowed_hosts", [])
    refused = await client.post(
        WEBHOOKS, json={"url": "http://127.0.0.1:9/hooks"}, headers=owner.headers
    )
    assert_problem(refused, 422, "url")
    monkeypatch.setattr(settings, "webhook_allow_http", False)
    plain = await client.post(
        WEBHOOKS, json={"url": "http://93.184.215.14/"}, headers=owner.headers
    )
    assert_problem(plain, 422, "url")


async def test_a_name_resolving_inside_is_refused_at_creation_and_at_delivery(
    client: httpx.AsyncClient,
    owner: Staff,
    database: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    answers = {"inside.example": ["10.1.2.3"], "rebinding.example": ["93.184.215.14"]}

    async def resolve(host: str, port: int) -> list[str]:
        return answers[host]

    monkeypatch.setattr(webhooks, "resolve_host", resolve)
    inside = await client.post(
        WEBHOOKS, json={"url": "https://inside.example/hooks"}, headers=owner.headers
    )
    assert_problem(inside, 422, "url")

    created = await subscribe(client, owner, "https://rebinding.example/hooks")
    await make_contact(client, owner)
    # The name now points at the metadata service: the attempt never connects.
    answers["rebinding.example"] = ["169.254.169.254"]
    assert await deliver(database) == 1
    [entry] = await log_of(client, owner, created["id"])
    assert entry["status"] == "pending" and entry["last_status_code"] is None
    assert entry["last_error"].startswith("refused: ") and "169.254.169.254" in entry["last_error"]


# --- Deliveries ----------------------------------------------------------------------


async def test_deliveries_are_signed_with_the_subscription_secret(
    client: httpx.AsyncClient, owner: Staff, database: Database, receiver: Receiver
) -> None:
    created = await subscribe(client, owner, receiver.url, ["contact.created"])
    contact = await make_contact(client, owner, first_name="Ada")
    assert await deliver(database) == 1
    [got] = receiver.received
    event = Verifier(created["secret"]).verify(got.body, got.headers)
    assert event["type"] == "contact.created"
    assert event["entity_id"] == contact["id"]
    assert event["data"]["first_name"] == "Ada"
    assert got.headers["webhook-id"].startswith("msg_")
    with pytest.raises(WebhookVerificationError):
        Verifier(webhooks.new_secret()).verify(got.body, got.headers)
    [entry] = await log_of(client, owner, created["id"])
    assert entry["status"] == "succeeded" and entry["last_status_code"] == 200
    assert entry["last_response"] == "thanks" and entry["last_duration_ms"] >= 0
    assert entry["message_id"] == got.headers["webhook-id"]
    # Nothing new: nothing sent again.
    assert await deliver(database) == 0


async def test_a_failing_receiver_gets_retries_with_the_same_id_until_it_answers(
    client: httpx.AsyncClient, owner: Staff, database: Database, receiver: Receiver
) -> None:
    created = await subscribe(client, owner, receiver.url)
    await make_contact(client, owner)
    receiver.answers = [500, 500, 200]
    start = utcnow()
    assert await deliver(database, now=start) == 1
    # Not due again before its backoff.
    assert await deliver(database, now=start + timedelta(seconds=1)) == 0
    assert await deliver(database, now=start + timedelta(hours=1)) == 1
    [entry] = await log_of(client, owner, created["id"])
    assert entry["status"] == "pending" and entry["attempts"] == 2
    assert entry["last_status_code"] == 500 and entry["last_response"] == "broken"
    assert await deliver(database, now=start + timedelta(days=1)) == 1
    assert len(receiver.received) == 3
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1
    for got in receiver.received:
        Verifier(created["secret"]).verify(got.body, got.headers)
    [entry] = await log_of(client, owner, created["id"])
    assert entry["status"] == "succeeded" and entry["attempts"] == 3


async def test_a_receiver_failing_past_the_schedule_disables_the_webhook(
    client: httpx.AsyncClient, owner: Staff, database: Database, receiver: Receiver
) -> None:
    created = await subscribe(client, owner, receiver.url)
    await make_contact(client, owner)
    receiver.answers = [503] * webhooks.MAX_ATTEMPTS
    start = utcnow()
    for day in range(webhooks.MAX_ATTEMPTS):
        assert await deliver(database, now=start + timedelta(days=day)) == 1
    assert len(receiver.received) == webhooks.MAX_ATTEMPTS
    [entry] = await log_of(client, owner, created["id"])
    assert entry["status"] == "failed" and entry["next_attempt_at"] is None
    hook = (await client.get(f"{WEBHOOKS}/{created['id']}", headers=owner.headers)).json()
    assert hook["active"] is False and "HTTP 503" in hook["disabled_reason"]
    # Its creator is told, by a task of theirs that says why and what to do.
    [told] = await tasks_titled(client, owner, "Webhook to 127.0.0.1 was turned off")
    assert told["assignee_id"] == owner.id and told["priority"] == "high"
    assert hook["disabled_reason"] in told["description"]

    # Redelivery: same message id, a fresh schedule (once the webhook is on again).
    on = await client.patch(
        f"{WEBHOOKS}/{created['id']}",
        json={"active": True},
        headers=if_match(owner, hook["version"]),
    )
    assert on.status_code == 200 and on.json()["disabled_reason"] is None
    again = await client.post(
        f"{WEBHOOKS}/{created['id']}/deliveries/{entry['id']}/redeliver", headers=owner.headers
    )
    assert again.status_code == 202 and again.json()["status"] == "pending"
    assert await deliver(database, now=utcnow() + timedelta(seconds=1)) == 1
    assert receiver.received[-1].headers["webhook-id"] == entry["message_id"]
    [entry] = await log_of(client, owner, created["id"])
    assert entry["status"] == "succeeded" and entry["attempts"] == 1


async def test_a_hanging_receiver_is_timed_out(
    client: httpx.AsyncClient, owner: Staff, database: Database, receiver: Receiver
) -> None:
    created = await subscribe(client, owner, receiver.url)
    await make_contact(client, owner)
    receiver.hang = True
    assert await asyncio.wait_for(deliver(database, timeout_seconds=0.3), timeout=10) == 1
    [entry] = await log_of(client, owner, created["id"])
    assert entry["status"] == "pending" and entry["last_error"] == "timed out after 0.3 s"
    assert entry["last_duration_ms"] < 5000


async def test_a_deal_subscription_gets_no_contact_events(
    client: httpx.AsyncClient, owner: Staff, database: Database, receiver: Receiver
) -> None:
    await subscribe(client, owner, receiver.url, ["deal.*"])
    await make_contact(client, owner)
    deal = await client.post(DEALS, json={"title": "Big one"}, headers=owner.headers)
    assert deal.status_code == 201, deal.text
    assert await deliver(database) == 1
    assert [r.event["type"] for r in receiver.received] == ["deal.created"]


async def test_an_own_scope_creator_never_receives_another_owners_record(
    client: httpx.AsyncClient,
    owner: Staff,
    own_admin: Staff,
    database: Database,
    receiver: Receiver,
) -> None:
    created = await subscribe(client, own_admin, receiver.url, ["contact.*"])
    await make_contact(client, owner, last_name="NotYours")
    mine = await make_contact(client, owner, last_name="Yours", owner_id=own_admin.id)
    await deliver(database)
    assert [r.event["data"]["last_name"] for r in receiver.received] == ["Yours"]

    # Handed to someone else: a tombstone without data, and nothing after it.
    moved = await client.patch(
        f"{CONTACTS}/{mine['id']}",
        json={"owner_id": owner.id, "title": "Secret title"},
        headers=if_match(owner, mine["version"]),
    )
    assert moved.status_code == 200, moved.text
    await client.patch(
        f"{CONTACTS}/{mine['id']}",
        json={"title": "Even more secret"},
        headers=if_match(owner, moved.json()["version"]),
    )
    await deliver(database)
    events = [r.event for r in receiver.received]
    assert [e["type"] for e in events] == ["contact.created", "contact.out_of_scope"]
    assert events[1]["data"] is None and events[1]["tombstone"] is True
    for got in receiver.received:
        assert b"NotYours" not in got.body and b"Secret" not in got.body
        Verifier(created["secret"]).verify(got.body, got.headers)


async def test_two_workers_send_each_delivery_once(
    client: httpx.AsyncClient, owner: Staff, database: Database, receiver: Receiver
) -> None:
    await subscribe(client, owner, receiver.url)
    for n in range(5):
        await make_contact(client, owner, last_name=f"C{n}")
    collected = await asyncio.gather(sender.collect_all(database), sender.collect_all(database))
    assert sum(collected) == 5
    sent = await asyncio.gather(sender.send_due(database, LOCAL), sender.send_due(database, LOCAL))
    assert sum(sent) == 5
    ids = [r.headers["webhook-id"] for r in receiver.received]
    assert len(ids) == 5 and len(set(ids)) == 5


async def test_a_delivery_connects_to_the_address_checked_keeping_the_name(
    client: httpx.AsyncClient,
    owner: Staff,
    database: Database,
    receiver: Receiver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The name is looked up once per attempt and checked; the POST goes to that address
    with the name in `Host` (and, over https, in the TLS server name)."""
    looked_up: list[str] = []

    async def resolve(host: str, port: int) -> list[str]:
        looked_up.append(host)
        return ["127.0.0.1"]

    monkeypatch.setattr(webhooks, "resolve_host", resolve)
    url = f"http://receiver.test:{receiver.port}/hooks"
    created = await subscribe(client, owner, url)
    await make_contact(client, owner)
    assert await deliver(database) == 1
    [got] = receiver.received
    assert got.headers["host"] == f"receiver.test:{receiver.port}"
    assert looked_up == ["receiver.test", "receiver.test"]
    Verifier(created["secret"]).verify(got.body, got.headers)


async def test_an_api_keys_webhook_sends_what_its_integration_reads_until_revoked(
    client: httpx.AsyncClient, owner: Staff, database: Database, receiver: Receiver
) -> None:
    roles = (await client.get(f"{API}/roles", headers=owner.headers)).json()["items"]
    role = next(r["id"] for r in roles if r["template_key"] == "advanced_access")
    made = await client.post(
        f"{API}/api-keys", json={"name": "Hooks", "role_id": role}, headers=owner.headers
    )
    assert made.status_code == 201, made.text
    key = {"Authorization": f"Bearer {made.json()['key']}"}
    response = await client.post(WEBHOOKS, json={"url": receiver.url}, headers=key)
    assert response.status_code == 201, response.text
    assert response.json()["owner_id"] == made.json()["id"]
    await make_contact(client, owner, last_name="Seen")
    assert await deliver(database) == 1

    revoked = await client.post(
        f"{API}/api-keys/{made.json()['id']}/revoke", headers=if_match(owner, 1)
    )
    assert revoked.status_code == 200, revoked.text
    await make_contact(client, owner, last_name="Unseen")
    assert await deliver(database) == 0
    assert [r.event["data"]["last_name"] for r in receiver.received] == ["Seen"]
    async with SqlUnitOfWork(database.sessions()) as uow:
        hook = await uow.webhooks.get(uuid.UUID(response.json()["id"]))
    assert hook is not None and hook.active is False
    assert "revoked" in (hook.disabled_reason or "")
    # A key answers to no one's "My day": the person who created the key is told.
    [told] = await tasks_titled(client, owner, "Webhook to 127.0.0.1 was turned off")
    assert told["assignee_id"] == owner.id and "revoked" in told["description"]


async def test_everything_since_a_time_is_sent_again_with_its_ids(
    client: httpx.AsyncClient, owner: Staff, database: Database, receiver: Receiver
) -> None:
    created = await subscribe(client, owner, receiver.url)
    await make_contact(client, owner, last_name="Early")
    await deliver(database)
    middle = utcnow()
    await make_contact(client, owner, last_name="Late")
    await deliver(database)
    first_ids = [r.headers["webhook-id"] for r in receiver.received]
    assert len(first_ids) == 2

    url = f"{WEBHOOKS}/{created['id']}/redeliver"
    future = await client.post(url, json={"since": "2999-01-01T00:00:00Z"}, headers=owner.headers)
    assert_problem(future, 422, "since")
    again = await client.post(url, json={"since": middle.isoformat()}, headers=owner.headers)
    assert again.status_code == 202, again.text
    assert again.json() == {"deliveries": 1}
    assert await deliver(database, now=utcnow() + timedelta(seconds=1)) == 1
    assert receiver.received[-1].headers["webhook-id"] == first_ids[1]
    assert receiver.received[-1].event["data"]["last_name"] == "Late"
