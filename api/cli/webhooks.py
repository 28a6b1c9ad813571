"""The worker's webhook step: the change feed into deliveries, and deliveries out as signed
HTTP POSTs (domain/integrations/webhooks.py).

Each pass first *collects*: every active subscription, locked in turn (two workers never
collect the same one at once), reads the feed after its position as its creator and
stores a delivery per wanted event. Then it *sends*: the deliveries due now are claimed
(their attempt counted and the next put off by a lease, under FOR UPDATE SKIP LOCKED, so
another worker passes over them), POSTed concurrently outside any transaction, and their
outcome written under the claim.

A POST goes to the address the URL check passed, never to a fresh lookup of the name
(which an attacker's DNS could point inside meanwhile): the URL's host stays in `Host`
and, for https, in the TLS server name, so certificates are checked against the name.
Redirects are not followed: one could lead inside.

Signing is the Standard Webhooks reference library's (`standardwebhooks`): `webhook-id`
is the delivery's message id on every attempt, `webhook-timestamp` the attempt's wall
clock (receivers refuse old ones), `webhook-signature` the HMAC over id, time and body.
`now` drives only the schedule, so tests move it on instead of waiting."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID

import httpx
from standardwebhooks import Webhook as Signer

from domain import changes
from domain.clock import utcnow
from domain.errors import ValidationFailed
from domain.integrations import webhooks
from domain.integrations.webhooks import Attempt, UrlPolicy, Webhook, WebhookDelivery
from persistence.database import Database
from persistence.uow import SqlUnitOfWork

logger = logging.getLogger("crm.webhooks")

DEFAULT_TIMEOUT = 5.0
# Deliveries sent at once by one worker, and claimed per pass.
CONCURRENCY = 20
CLAIM = 100
# What is read of a receiver's answer: the log keeps an excerpt only.
MAX_RESPONSE_BYTES = 4096
USER_AGENT = "crm-webhooks/1"
PASS_SECONDS = 5.0


@dataclass(frozen=True)
class PassResult:
    collected: int
    sent: int


async def collect_all(
    database: Database,
    retention: timedelta = changes.DEFAULT_RETENTION,
    now: datetime | None = None,
) -> int:
    """Every active subscription's new events into deliveries; how many."""
    async with SqlUnitOfWork(database.sessions()) as uow:
        ids = await uow.webhooks.active_ids()
    total = 0
    for webhook_id in ids:
        try:
            async with SqlUnitOfWork(database.sessions()) as uow:
                total += await webhooks.collect(uow, webhook_id, retention, now)
                await uow.commit()
        except Exception:  # one subscription's trouble must not stop the others
            logger.exception("collecting a webhook's events failed", extra={"id": webhook_id})
    return total


def _request_url(target: webhooks.Target) -> httpx.URL:
    """The URL with its host replaced by the checked address (see the module's doc)."""
    url = httpx.URL(target.url)
    if url.host == target.address:
        return url
    return url.copy_with(host=target.address)


async def _read_excerpt(response: httpx.Response) -> str:
    body = b""
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) >= MAX_RESPONSE_BYTES:
            break
    return body[:MAX_RESPONSE_BYTES].decode("utf-8", errors="replace")


async def send(
    client: httpx.AsyncClient,
    webhook: Webhook,
    delivery: WebhookDelivery,
    policy: UrlPolicy,
    timeout_seconds: float,
    now: datetime,
) -> Attempt:
    """One attempt: checks the URL again, then POSTs the signed payload."""
    started = time.perf_counter()

    def took() -> int:
        return round((time.perf_counter() - started) * 1000)

    try:
        target = await webhooks.check_url(webhook.url, policy)
    except ValidationFailed as refused:
        return Attempt(now, None, took(), None, f"refused: {refused.errors[0].message}")
    signed_at = datetime.now(UTC)
    signature = Signer(webhook.secret).sign(delivery.message_id, signed_at, delivery.payload)
    original = httpx.URL(target.url)
    headers = {
        "content-type": "application/json",
        "user-agent": USER_AGENT,
        "host": original.netloc.decode("ascii"),
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(signed_at.timestamp())),
        "webhook-signature": signature,
    }
    extensions = {"sni_hostname": target.host} if target.scheme == "https" else {}
    try:
        async with asyncio.timeout(timeout_seconds):
            request = client.build_request(
                "POST",
                _request_url(target),
                content=delivery.payload.encode(),
                headers=headers,
                extensions=extensions,
                timeout=timeout_seconds,
            )
            response = await client.send(request, stream=True, follow_redirects=False)
            try:
                excerpt = await _read_excerpt(response)
            finally:
                await response.aclose()
    except TimeoutError:
        return Attempt(now, None, took(), None, f"timed out after {timeout_seconds:g} s")
    except httpx.TimeoutException:
        return Attempt(now, None, took(), None, f"timed out after {timeout_seconds:g} s")
    except httpx.HTTPError as error:
        return Attempt(now, None, took(), None, f"{type(error).__name__}: {error}"[:500])
    return Attempt(now, response.status_code, took(), excerpt, None)


async def _finish(
    database: Database, outcomes: list[tuple[Webhook, WebhookDelivery, Attempt]]
) -> None:
    """Writes a claim's attempts in one transaction (one per attempt cost more than the
    POSTs on SQLite), and switches off the webhooks whose delivery failed for good."""
    exhausted: list[tuple[Webhook, WebhookDelivery]] = []
    settled: list[tuple[WebhookDelivery, int]] = []
    for webhook, delivery, attempt in outcomes:
        claimed = delivery.attempts
        if webhooks.record_attempt(delivery, attempt):
            exhausted.append((webhook, delivery))
        else:
            settled.append((delivery, claimed))
    async with SqlUnitOfWork(database.sessions()) as uow:
        await uow.webhooks.finish_attempts(settled)
        for webhook, delivery in exhausted:
            if not await uow.webhooks.finish_attempt(delivery, delivery.attempts):
                continue  # redelivered meanwhile: the new claim's outcome counts
            current = await uow.webhooks.get(webhook.id)
            if current is not None and current.active:
                webhooks.disable_for_failures(current, delivery)
                current.updated_at = utcnow()
                await uow.webhooks.update(current, current.version)
                await webhooks.tell_disabled(uow, current)
                reason = current.disabled_reason
                logger.warning("webhook disabled", extra={"id": str(webhook.id), "reason": reason})
        await uow.commit()


async def send_due(
    database: Database,
    policy: UrlPolicy,
    now: datetime | None = None,
    timeout_seconds: float = DEFAULT_TIMEOUT,
    client: httpx.AsyncClient | None = None,
) -> int:
    """Sends the deliveries due by `now`; how many were attempted."""
    at = now or utcnow()
    # Long enough for every attempt of a claim to finish before another worker may retry.
    lease = timedelta(seconds=timeout_seconds * 2 + 30)
    async with SqlUnitOfWork(database.sessions()) as uow:
        claimed = await uow.webhooks.claim_due(at, lease, CLAIM)
        found: dict[UUID, Webhook] = {}
        for delivery in claimed:
            if delivery.webhook_id not in found:
                webhook = await uow.webhooks.get(delivery.webhook_id)
                if webhook is not None:
                    found[webhook.id] = webhook
        await uow.commit()
    if not claimed:
        return 0
    gate = asyncio.Semaphore(CONCURRENCY)
    own_client = client is None
    http = client or new_client()

    outcomes: list[tuple[Webhook, WebhookDelivery, Attempt]] = []

    async def one(delivery: WebhookDelivery) -> None:
        webhook = found.get(delivery.webhook_id)
        if webhook is None:
            return
        async with gate:
            attempt = await send(http, webhook, delivery, policy, timeout_seconds, at)
        outcomes.append((webhook, delivery, attempt))

    try:
        await asyncio.gather(*(one(delivery) for delivery in claimed))
    finally:
        if own_client:
            await http.aclose()
    try:
        await _finish(database, outcomes)
    except Exception:  # the claims' leases run out, and the deliveries are tried again
        logger.exception("recording webhook deliveries failed")
    return len(claimed)


def new_client() -> httpx.AsyncClient:
    """The HTTP client deliveries go out through; a worker keeps one, so connections to a
    receiver stay open between passes. Its pool is the sending concurrency: httpcore's
    pool costs grow with the connections it holds per request queued."""
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    return httpx.AsyncClient(follow_redirects=False, limits=limits)


async def deliver_webhooks_once(
    database: Database,
    policy: UrlPolicy,
    now: datetime | None = None,
    timeout_seconds: float = DEFAULT_TIMEOUT,
    retention: timedelta = changes.DEFAULT_RETENTION,
    client: httpx.AsyncClient | None = None,
) -> PassResult:
    """One pass of the worker's webhook step: collect, then send what is due, again while
    full claims come back (a burst of events), for at most `PASS_SECONDS`, so the
    worker's other work is not held up for long. Through `client` when given (the
    worker's own), else a client of the pass's."""
    collected = sent = 0
    ends = time.monotonic() + PASS_SECONDS
    http = client or new_client()
    try:
        while True:
            collected += await collect_all(database, retention, now)
            claimed = await send_due(database, policy, now, timeout_seconds, http)
            sent += claimed
            if claimed < CLAIM or time.monotonic() >= ends:
                return PassResult(collected, sent)
    finally:
        if client is None:
            await http.aclose()
