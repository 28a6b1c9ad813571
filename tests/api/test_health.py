from __future__ import annotations

import httpx


async def test_liveness_answers_ok(client: httpx.AsyncClient) -> None:
    """/healthz answers 200 while the process is up, without touching the database."""
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readiness_checks_the_database(client: httpx.AsyncClient) -> None:
    """/readyz answers 200 only when the database answers a query."""
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.headers["x-request-id"]
