"""Webhooks: a subscription tells a URL of the change feed's events, signed, as the
Standard Webhooks specification describes (issue 18).

The source is the outbox (domain/changes.py): each subscription keeps its own position in
the feed and reads it with `read_feed` *as its creator*, a person or an API key's
integration, with the role they hold at the time of reading. So a webhook never carries
more than its creator may read now: records outside that scope are skipped, a record that
left it comes as an `<entity>.out_of_scope` tombstone without its data, and a creator
who is deactivated (or a key revoked or expired) stops the webhook.

Who manages webhooks: holders of `settings:manage`, the permission for the company's
set-up (request channels, interaction outcomes) that administrators hold and
salespeople do not. A webhook sends customer data out of the CRM to a server of the
caller's choice, an act of configuring the company's integrations rather than of working
records; the data it may carry stays bounded by the creator's own read scope. Each
webhook is managed by its creator alone (others' answer 404): another administrator
redirecting it would send the creator's scope, which may be wider than their own, to a
URL of their choosing.

Deliveries are made by the worker (api/cli/webhooks.py): each new matching event becomes
a `WebhookDelivery` with a message id (`msg_...`) that every attempt repeats, so a
receiver drops duplicates; a failed attempt is retried on `RETRY_DELAYS` with jitter for
about three days, after which the delivery has failed and the subscription is disabled,
with the reason recorded. Deliveries are sent concurrently and retried apart, so they may
arrive out of order: a receiver applies an event when its `version` is above the one it
holds, as a follower of the feed does.

URLs are checked against server-side request forgery (`check_url`): a host that is or
resolves to a loopback, private, link-local, unique-local, multicast, unspecified or
cloud-metadata address is refused, at creation and again before every attempt (a name
may resolve elsewhere later: DNS rebinding), unless the settings allow it."""

from __future__ import annotations

import asyncio
import base64
import ipaddress
import json
import logging
import random
import secrets
import socket
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit
from uuid import UUID, uuid4

from domain import changes
from domain.access.api_keys import KeyStatus
from domain.access.levels import RecordKind
from domain.access.roles import Permission, require
from domain.access.users import User, UserKind, principal_of
from domain.audit import AuditAction
from domain.clock import utcnow
from domain.commands import UNSET, Unset
from domain.concurrency import check_version
from domain.errors import FieldErrorCode, NotFound, ValidationFailed
from domain.interactions.tasks import Priority, Task
from domain.pagination import Page, PageRequest
from domain.uow import UnitOfWork

if TYPE_CHECKING:
    from domain.access.principal import Principal

log = logging.getLogger("crm.webhooks")

SECRET_PREFIX = "whsec_"  # noqa: S105 (a prefix, not a secret)
MESSAGE_PREFIX = "msg_"
MAX_URL = 2000
MAX_EVENT_TYPES = 50
# What the log keeps of a receiver's answer.
EXCERPT_CHARS = 500
# The waits before each retry after a failed attempt (the first attempt is at once):
# 5 s, 5 min, 30 min, 2 h, 5 h, then every 10 h, about 2.8 days in all; each wait is
# spread by +-20 % so receivers that failed together are not hit together again.
RETRY_DELAYS: tuple[timedelta, ...] = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    *(timedelta(hours=10),) * 6,
)
JITTER = 0.2
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
# Cloud metadata services, named although the ranges below cover the IPv4 one.
METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
# How many feed events one subscription takes into deliveries per pass.
COLLECT_PAGE = 200


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


@dataclass
class Webhook:
    url: str
    event_types: list[str]
    secret: str
    # The creator, a person or an integration: whose read scope bounds what is sent.
    owner_id: UUID
    # Where in the feed the next collection goes on from (a feed cursor, kept server-side).
    position: str
    active: bool = True
    disabled_reason: str | None = None
    id: UUID = field(default_factory=uuid4)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    version: int = 1


@dataclass
class WebhookDelivery:
    webhook_id: UUID
    message_id: str
    event_type: str
    # The JSON body, as sent on every attempt: signatures cover these exact bytes.
    payload: str
    status: DeliveryStatus = DeliveryStatus.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_attempt_at: datetime | None = None
    last_status_code: int | None = None
    last_duration_ms: int | None = None
    last_response: str | None = None
    last_error: str | None = None
    id: UUID = field(default_factory=uuid4)
    created_at: datetime = field(default_factory=utcnow)


@dataclass(frozen=True)
class DeliveryBacklog:
    """Deliveries not yet made (pending: first attempts and retries), for `/metrics`."""

    pending: int
    oldest_created_at: datetime | None


@dataclass(frozen=True)
class NewWebhook:
    url: str
    event_types: tuple[str, ...] = ("*",)
    active: bool = True


@dataclass(frozen=True)
class WebhookChanges:
    url: str | Unset | None = UNSET
    event_types: tuple[str, ...] | Unset | None = UNSET
    active: bool | Unset | None = UNSET


class WebhookRepository(Protocol):
    async def add(self, webhook: Webhook) -> None: ...
    async def get(self, webhook_id: UUID) -> Webhook | None: ...
    async def find_page(self, owner_id: UUID, page: PageRequest) -> Page[Webhook]: ...
    async def update(self, webhook: Webhook, expected_version: int) -> None:
        """LostUpdate when the version moved on."""
        ...

    async def delete(self, webhook_id: UUID) -> None: ...
    async def set_position(self, webhook_id: UUID, position: str) -> None:
        """Moves the webhook on in the feed; not a change its clients see (no version)."""
        ...

    async def active_ids(self) -> list[UUID]: ...
    async def lock(self, webhook_id: UUID) -> Webhook | None:
        """The webhook, locked for this transaction; None when another worker holds it
        (PostgreSQL: SKIP LOCKED) or it is gone or inactive."""
        ...

    async def add_deliveries(self, deliveries: Sequence[WebhookDelivery]) -> None: ...
    async def claim_due(self, now: datetime, lease: timedelta, limit: int) -> list[WebhookDelivery]:
        """Up to `limit` pending deliveries of active webhooks due by `now`, each with
        its attempt counted and its next attempt put off by `lease`, so another worker
        passes over them while this one sends."""
        ...

    async def finish_attempt(self, delivery: WebhookDelivery, claimed_attempt: int) -> bool:
        """Writes the attempt's outcome, if the delivery is still under that claim."""
        ...

    async def finish_attempts(self, finished: Sequence[tuple[WebhookDelivery, int]]) -> None:
        """`finish_attempt` for many (delivery, claimed attempt) at once, where telling
        which were still under their claim is not needed."""
        ...

    async def backlog(self) -> DeliveryBacklog: ...
    async def get_delivery(self, webhook_id: UUID, delivery_id: UUID) -> WebhookDelivery | None: ...
    async def save_delivery(self, delivery: WebhookDelivery) -> None: ...
    async def redeliver_since(self, webhook_id: UUID, since: datetime, now: datetime) -> int:
        """Puts the webhook's deliveries made at or after `since` back to pending, due
        `now`, their schedules from the start; how many."""
        ...

    async def deliveries_page(
        self, webhook_id: UUID, page: PageRequest
    ) -> Page[WebhookDelivery]: ...


class WebhookUnitOfWork(UnitOfWork, Protocol):
    @property
    def webhooks(self) -> WebhookRepository: ...


# --- URLs and server-side request forgery --------------------------------------------


Resolver = Callable[[str, int], Awaitable[list[str]]]


async def resolve_host(host: str, port: int) -> list[str]:
    """The addresses a name resolves to (the system resolver, off the event loop)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


@dataclass(frozen=True)
class UrlPolicy:
    """Where webhooks may point. `allowed`: host names, addresses or networks (CIDR)
    exempt from the address check (a receiver inside the company's own network)."""

    allow_http: bool = False
    allowed: tuple[str, ...] = ()
    resolver: Resolver | None = None

    def _networks(self) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        networks = []
        for entry in self.allowed:
            try:
                networks.append(ipaddress.ip_network(entry.strip("[]"), strict=False))
            except ValueError:
                continue  # a host name: compared by name
        return networks

    def allows_name(self, host: str) -> bool:
        return host.lower().rstrip(".") in {e.lower().rstrip(".") for e in self.allowed}

    def allows_address(self, address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        return any(address in network for network in self._networks())

    async def resolve(self, host: str, port: int) -> list[str]:
        # Looked up at call time, so a test can stand a resolver in for the system's.
        return await (self.resolver or resolve_host)(host, port)


def forbidden(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether an address is one a webhook must not reach: this machine, a private or
    link-local network, a metadata service, multicast, or nothing."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return forbidden(address.ipv4_mapped)
    return (
        address in METADATA_ADDRESSES
        or address.is_loopback
        or address.is_private
        or address.is_link_local
        or address.is_multicast
        or address.is_unspecified
        or address.is_reserved
        or (isinstance(address, ipaddress.IPv6Address) and address.is_site_local)
        or not address.is_global
    )


@dataclass(frozen=True)
class Target:
    """A checked URL: its host and port, and the address to connect to (the one checked,
    so a name resolving elsewhere a moment later is not followed)."""

    url: str
    scheme: str
    host: str
    port: int
    address: str


def _refuse(message: str, field_name: str) -> ValidationFailed:
    return ValidationFailed.on(field_name, message, FieldErrorCode.NOT_ALLOWED)


def parse_url(url: str, policy: UrlPolicy, field_name: str = "url") -> tuple[str, str, int]:
    """The scheme, host and port of a URL a webhook may have, or ValidationFailed."""
    if len(url) > MAX_URL:
        raise _refuse(f"longer than {MAX_URL} characters", field_name)
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as error:
        raise _refuse(f"not a URL: {error}", field_name) from error
    schemes = ("https", "http") if policy.allow_http else ("https",)
    if parts.scheme not in schemes:
        raise _refuse(f"must be an {' or '.join(schemes)} URL", field_name)
    host = parts.hostname
    if not host:
        raise _refuse("names no host", field_name)
    if parts.username or parts.password:
        raise _refuse("must not carry a user name or password", field_name)
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80)


async def check_url(url: str, policy: UrlPolicy, field_name: str = "url") -> Target:
    """The URL's target when a webhook may reach it, or ValidationFailed naming why."""
    scheme, host, port = parse_url(url, policy, field_name)
    try:
        literal: ipaddress.IPv4Address | ipaddress.IPv6Address | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        candidates = [str(literal)]
    elif policy.allows_name(host):
        candidates = [host]
    else:
        if host.lower().rstrip(".") == "localhost" or host.lower().endswith(".localhost"):
            raise _refuse(f"{host} is this machine", field_name)
        try:
            candidates = await policy.resolve(host, port)
        except OSError as error:
            raise _refuse(f"{host} does not resolve", field_name) from error
        if not candidates:
            raise _refuse(f"{host} does not resolve", field_name)
    if not policy.allows_name(host):
        # Every address must pass: a client library may take any of them.
        for candidate in candidates:
            address = ipaddress.ip_address(candidate)
            if forbidden(address) and not policy.allows_address(address):
                raise _refuse(
                    f"{host} is or resolves to {address}, an internal address", field_name
                )
    return Target(url=url, scheme=scheme, host=host, port=port, address=candidates[0])


# --- Event types ---------------------------------------------------------------------


def _entities() -> frozenset[str]:
    return frozenset(name.partition(".")[0] for name in changes.FEED_TYPES)


def check_event_types(patterns: Sequence[str]) -> list[str]:
    """The patterns, each `*`, `<entity>.*` or an event type the feed has."""
    if not patterns:
        raise ValidationFailed.on("event_types", "name at least one", FieldErrorCode.TOO_FEW)
    if len(patterns) > MAX_EVENT_TYPES:
        raise ValidationFailed.on(
            "event_types", "too many", FieldErrorCode.TOO_MANY, max_length=MAX_EVENT_TYPES
        )
    entities = _entities()
    for index, pattern in enumerate(patterns):
        entity, _, action = pattern.partition(".")
        valid = (
            pattern == "*"
            or (action == "*" and entity in entities)
            or pattern in changes.FEED_TYPES
        )
        if not valid:
            raise ValidationFailed.on(
                f"event_types.{index}",
                f"no event type {pattern!r}: use '*', '<entity>.*' or a type of the feed",
                FieldErrorCode.INVALID_CHOICE,
            )
    return sorted(set(patterns))


def feed_types(patterns: Sequence[str]) -> frozenset[str]:
    """The feed's types the patterns match; empty for all."""
    if "*" in patterns:
        return frozenset()
    return frozenset(
        name
        for name in changes.FEED_TYPES
        for pattern in patterns
        if name == pattern or (pattern.endswith(".*") and name.startswith(pattern[:-1]))
    )


# --- Secrets, payloads and the retry schedule ----------------------------------------


def new_secret() -> str:
    """A Standard Webhooks secret: `whsec_` and 32 random bytes in base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def new_message_id() -> str:
    return MESSAGE_PREFIX + uuid4().hex


def payload_of(item: changes.FeedItem) -> str:
    """An event as the feed's `/events` item has it (`data`: the record's state), but for
    the feed cursor, which is the subscription's own and means nothing to a receiver."""
    body = {
        "type": item.type,
        "entity_type": item.entity_type,
        "entity_id": str(item.entity_id),
        "version": item.version,
        "occurred_at": item.occurred_at.isoformat(),
        "actor_id": str(item.actor_id) if item.actor_id else None,
        "rule_id": str(item.rule_id) if item.rule_id else None,
        "tombstone": item.tombstone,
        "data": None if item.state is None else json.loads(item.state),
    }
    return json.dumps(body, separators=(",", ":"))


def retry_at(attempts: int, now: datetime, rng: random.Random | None = None) -> datetime | None:
    """When to try again after `attempts` failed attempts; None when the schedule is over."""
    if attempts > len(RETRY_DELAYS):
        return None
    delay = RETRY_DELAYS[attempts - 1].total_seconds()
    spread = (rng or random.SystemRandom()).uniform(1 - JITTER, 1 + JITTER)
    return now + timedelta(seconds=delay * spread)


@dataclass(frozen=True)
class Attempt:
    """What one POST came to."""

    at: datetime
    status_code: int | None
    duration_ms: int
    response: str | None
    error: str | None

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def record_attempt(
    delivery: WebhookDelivery, attempt: Attempt, rng: random.Random | None = None
) -> bool:
    """Applies an attempt to the delivery; True when it has failed for good."""
    delivery.last_attempt_at = attempt.at
    delivery.last_status_code = attempt.status_code
    delivery.last_duration_ms = attempt.duration_ms
    delivery.last_response = attempt.response[:EXCERPT_CHARS] if attempt.response else None
    delivery.last_error = attempt.error
    if attempt.succeeded:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.SUCCEEDED, None
        return False
    delivery.next_attempt_at = retry_at(delivery.attempts, attempt.at, rng)
    if delivery.next_attempt_at is None:
        delivery.status = DeliveryStatus.FAILED
        return True
    return False


# --- Use cases -----------------------------------------------------------------------


async def _own(uow: WebhookUnitOfWork, principal: Principal, webhook_id: UUID) -> Webhook:
    require(principal, Permission.SETTINGS_MANAGE)
    webhook = await uow.webhooks.get(webhook_id)
    if webhook is None or webhook.owner_id != principal.user_id:
        raise NotFound("Webhook not found.")
    return webhook


async def create_webhook(
    uow: WebhookUnitOfWork, principal: Principal, new: NewWebhook, policy: UrlPolicy
) -> Webhook:
    require(principal, Permission.SETTINGS_MANAGE)
    types = check_event_types(new.event_types)
    await check_url(new.url, policy)
    # From what is committed now on: a new webhook is told of changes, not of history.
    position = await changes.feed_head(uow, PageRequest())
    webhook = Webhook(
        url=new.url.strip(),
        event_types=types,
        secret=new_secret(),
        owner_id=principal.user_id,
        position=position,
        active=new.active,
    )
    await uow.webhooks.add(webhook)
    return webhook


async def list_webhooks(
    uow: WebhookUnitOfWork, principal: Principal, page: PageRequest
) -> Page[Webhook]:
    require(principal, Permission.SETTINGS_MANAGE)
    return await uow.webhooks.find_page(principal.user_id, page)


async def get_webhook(uow: WebhookUnitOfWork, principal: Principal, webhook_id: UUID) -> Webhook:
    return await _own(uow, principal, webhook_id)


async def update_webhook(
    uow: WebhookUnitOfWork,
    principal: Principal,
    webhook_id: UUID,
    change: WebhookChanges,
    expected_version: int | None,
    policy: UrlPolicy,
) -> Webhook:
    webhook = await _own(uow, principal, webhook_id)
    check_version(webhook.version, expected_version)
    loaded = webhook.version
    if isinstance(change.url, str):
        await check_url(change.url, policy)
        webhook.url = change.url.strip()
    if isinstance(change.event_types, tuple):
        webhook.event_types = check_event_types(change.event_types)
    if isinstance(change.active, bool) and change.active != webhook.active:
        webhook.active = change.active
        if change.active:
            # Switched on again: from now on, not the backlog of while it was off.
            webhook.disabled_reason = None
            webhook.position = await changes.feed_head(uow, PageRequest())
    webhook.updated_at = utcnow()
    await uow.webhooks.update(webhook, loaded)
    webhook.version = loaded + 1
    return webhook


async def delete_webhook(
    uow: WebhookUnitOfWork,
    principal: Principal,
    webhook_id: UUID,
    expected_version: int | None,
) -> None:
    webhook = await _own(uow, principal, webhook_id)
    check_version(webhook.version, expected_version)
    await uow.webhooks.delete(webhook.id)


async def list_deliveries(
    uow: WebhookUnitOfWork, principal: Principal, webhook_id: UUID, page: PageRequest
) -> Page[WebhookDelivery]:
    webhook = await _own(uow, principal, webhook_id)
    return await uow.webhooks.deliveries_page(webhook.id, page)


async def redeliver(
    uow: WebhookUnitOfWork, principal: Principal, webhook_id: UUID, delivery_id: UUID
) -> WebhookDelivery:
    """Sends a delivery again, with its schedule from the start and its message id kept:
    the same event, which a receiver that has it already may drop."""
    webhook = await _own(uow, principal, webhook_id)
    delivery = await uow.webhooks.get_delivery(webhook.id, delivery_id)
    if delivery is None:
        raise NotFound("Delivery not found.")
    delivery.status = DeliveryStatus.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = utcnow()
    await uow.webhooks.save_delivery(delivery)
    return delivery


async def redeliver_since(
    uow: WebhookUnitOfWork, principal: Principal, webhook_id: UUID, since: datetime
) -> int:
    """Sends again every delivery made since a time (a receiver that lost its data), each
    with its message id kept; how many."""
    webhook = await _own(uow, principal, webhook_id)
    now = utcnow()
    if since > now:
        raise ValidationFailed.on("since", "is in the future", FieldErrorCode.OUT_OF_RANGE)
    return await uow.webhooks.redeliver_since(webhook.id, since, now)


# --- Collection: the feed into deliveries --------------------------------------------


async def _creator(uow: WebhookUnitOfWork, webhook: Webhook) -> Principal | str:
    """The creator's principal as of now, or why the webhook can no longer send."""
    user = await uow.users.get(webhook.owner_id)
    if user is None or not user.is_active:
        return "its creator was deactivated"
    if user.kind is UserKind.INTEGRATION:
        key = await uow.api_keys.get(user.id)
        if key is None or key.status is not KeyStatus.ACTIVE:
            return "the API key that created it was revoked or expired"
    principal = principal_of(user)
    if not principal.has(Permission.SETTINGS_MANAGE):
        return "its creator no longer holds settings:manage"
    return principal


async def collect(
    uow: WebhookUnitOfWork,
    webhook_id: UUID,
    retention: timedelta = changes.DEFAULT_RETENTION,
    now: datetime | None = None,
) -> int:
    """Turns the feed's new events the webhook wants, as its creator reads them now, into
    deliveries, and moves its position past them; how many. Nothing when another worker
    holds the webhook."""
    webhook = await uow.webhooks.lock(webhook_id)
    if webhook is None:
        return 0
    creator = await _creator(uow, webhook)
    if isinstance(creator, str):
        webhook.active, webhook.disabled_reason = False, f"Disabled: {creator}."
        await uow.webhooks.update(webhook, webhook.version)
        webhook.version += 1
        await tell_disabled(uow, webhook)
        return 0
    page = PageRequest(limit=COLLECT_PAGE, cursor=webhook.position)
    try:
        feed = await changes.read_feed(
            uow, creator, page, tuple(feed_types(webhook.event_types)), retention
        )
    except changes.CursorExpired:
        # The worker was away longer than the feed keeps: on from now (logged by the worker).
        await uow.webhooks.set_position(webhook.id, await changes.feed_head(uow, PageRequest()))
        log.warning("webhook missed events past the feed's retention", extra={"id": webhook_id})
        return 0
    at = now or utcnow()
    deliveries = [
        WebhookDelivery(
            webhook_id=webhook.id,
            message_id=new_message_id(),
            event_type=item.type,
            payload=payload_of(item),
            next_attempt_at=at,
            created_at=at,
        )
        for item in feed.items
    ]
    if deliveries:
        await uow.webhooks.add_deliveries(deliveries)
    if feed.next_cursor != webhook.position:
        webhook.position = feed.next_cursor
        await uow.webhooks.set_position(webhook.id, feed.next_cursor)
    return len(deliveries)


async def responsible_person(uow: WebhookUnitOfWork, webhook: Webhook) -> User | None:
    """Who answers for the webhook: its creator, or for one an API key created, the person
    who created the key; None when that person is gone (deactivated, or unknown)."""
    user = await uow.users.get(webhook.owner_id)
    if user is not None and user.kind is UserKind.INTEGRATION:
        key = await uow.api_keys.get(user.id)
        user = await uow.users.get(key.created_by) if key and key.created_by else None
    return user if user is not None and user.is_active else None


async def tell_disabled(uow: WebhookUnitOfWork, webhook: Webhook) -> Task | None:
    """Tells the person responsible for a webhook the worker just turned off, by a task
    of theirs in "My day": nothing else reaches them until notifications exist, and a
    receiver that is down for days is what an administrator must hear of. None (only the
    worker's log says it) when nobody active answers for it."""
    person = await responsible_person(uow, webhook)
    if person is None:
        return None
    host = urlsplit(webhook.url).hostname or webhook.url
    task = Task(
        title=f"Webhook to {host} was turned off",
        owner_id=person.id,
        assignee_id=person.id,
        team_id=person.team_id,
        due_at=utcnow(),
        priority=Priority.HIGH,
        description=(
            f"{webhook.disabled_reason} Nothing more is sent to {webhook.url} until it is "
            "turned on again. Fix the receiver (or whatever the reason names), then turn the "
            "webhook on under Administration, Webhooks; the deliveries missed meanwhile can "
            "be sent again from there."
        ),
    )
    await uow.tasks.add(task)
    await changes.record(uow, None, AuditAction.CREATED, RecordKind.TASKS, [(task, {})])
    return task


def disable_for_failures(webhook: Webhook, delivery: WebhookDelivery) -> None:
    webhook.active = False
    why = delivery.last_error or f"HTTP {delivery.last_status_code}"
    webhook.disabled_reason = (
        f"Disabled: delivery {delivery.message_id} failed {delivery.attempts} times over"
        f" the retry schedule (last: {why})."
    )
