"""`/metrics` in Prometheus' text format: requests by route template and status, the
job queue; off in production unless a token opens it."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from pydantic import SecretStr

from api.app import create_app
from api.cli.webhooks import collect_all
from api.settings import Settings
from domain.jobs import Job
from persistence.database import Database
from persistence.uow import SqlUnitOfWork
from tests.conftest import Staff

TOKEN = "scrape-token-for-the-tests"


@asynccontextmanager
async def fresh_client(settings: Settings, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app of its own: its counts start at zero."""
    transport = httpx.ASGITransport(app=create_app(settings, database=database))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


def samples(text: str) -> dict[str, float]:
    """The scrape's samples by name and labels, as Prometheus reads them."""
    found = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            found[name] = float(value)
    return found


async def test_requests_are_counted_by_route_template_and_status(
    settings: Settings, database: Database, owner: Staff
) -> None:
    """Two reads of one contact route with different ids are one series, by the route's
    template; a path no route knows counts as `unmatched`, never by its own text."""
    async with fresh_client(settings, database) as client:
        for _ in range(2):
            missing = f"/api/v1/contacts/{uuid.uuid4()}"
            assert (await client.get(missing, headers=owner.headers)).status_code == 404
        assert (await client.get("/api/v1/contacts", headers=owner.headers)).status_code == 200
        assert (await client.get("/no/such/page")).status_code == 404

        scrape = await client.get("/metrics")

    assert scrape.status_code == 200
    assert scrape.headers["content-type"].startswith("text/plain; version=0.0.4")
    found = samples(scrape.text)
    one_contact = 'method="GET",route="/api/v1/contacts/{contact_id}",status="404"'
    assert found[f"crm_http_requests_total{{{one_contact}}}"] == 2
    assert found['crm_http_requests_total{method="GET",route="/api/v1/contacts",status="200"}'] == 1
    assert found['crm_http_requests_total{method="GET",route="unmatched",status="404"}'] == 1
    assert not any("/no/such/page" in name for name in found)
    latency = 'crm_http_request_duration_seconds_count{method="GET",route="/api/v1/contacts"}'
    assert found[latency] == 1


async def test_the_job_queue_is_in_the_scrape(settings: Settings, database: Database) -> None:
    """Jobs waiting and running, and how long the oldest has waited."""
    async with SqlUnitOfWork(database.sessions()) as uow:
        await uow.jobs.add(Job(kind="contact_import", payload={}))
        await uow.jobs.add(Job(kind="contact_import", payload={}))
        await uow.commit()

    async with fresh_client(settings, database) as client:
        found = samples((await client.get("/metrics")).text)

    assert (found["crm_jobs_queued"], found["crm_jobs_running"]) == (2, 0)
    assert found["crm_jobs_oldest_queued_age_seconds"] >= 0


async def test_webhook_deliveries_not_yet_made_are_in_the_scrape(
    settings: Settings, database: Database, owner: Staff
) -> None:
    """An event a webhook wants, collected but not yet sent, is one pending delivery, with
    the age of the oldest; none before there is anything to send."""
    local = settings.model_copy(
        update={"webhook_allow_http": True, "webhook_allowed_hosts": ["127.0.0.1"]}
    )
    async with fresh_client(local, database) as client:
        found = samples((await client.get("/metrics")).text)
        assert found["crm_webhook_deliveries_pending"] == 0
        assert found["crm_webhook_oldest_pending_age_seconds"] == 0
        # A receiver that is never called: the delivery is only collected.
        hook = await client.post(
            "/api/v1/webhooks",
            json={"url": "http://127.0.0.1:9/crm", "event_types": ["contact.*"]},
            headers=owner.headers,
        )
        assert hook.status_code == 201, hook.text
        made = await client.post(
            "/api/v1/contacts", json={"last_name": "Pending"}, headers=owner.headers
        )
        assert made.status_code == 201
        assert await collect_all(database) == 1
        found = samples((await client.get("/metrics")).text)

    assert found["crm_webhook_deliveries_pending"] == 1
    assert found["crm_webhook_oldest_pending_age_seconds"] >= 0


async def test_a_token_closes_the_metrics_and_production_hides_them_without_one(
    settings: Settings, database: Database
) -> None:
    """With CRM_METRICS_TOKEN set, only a scrape that brings it gets the metrics; in
    production without a token there are none to get."""
    guarded = settings.model_copy(update={"metrics_token": SecretStr(TOKEN)})
    async with fresh_client(guarded, database) as client:
        assert (await client.get("/metrics")).status_code == 401
        wrong = {"Authorization": "Bearer not-the-token"}
        assert (await client.get("/metrics", headers=wrong)).status_code == 401
        right = {"Authorization": f"Bearer {TOKEN}"}
        assert (await client.get("/metrics", headers=right)).status_code == 200

    production = settings.model_copy(update={"environment": "production"})
    async with fresh_client(production, database) as client:
        hidden = await client.get("/metrics")
    assert hidden.status_code == 404
    assert hidden.headers["content-type"] == "application/problem+json"


def test_an_empty_token_setting_is_no_token() -> None:
    """`CRM_METRICS_TOKEN=` (as a compose file passes an unset variable) leaves the
    metrics closed in production, not open to `Authorization: Bearer `."""
    assert Settings(metrics_token="", jwt_secret="x" * 40).metrics_token is None
