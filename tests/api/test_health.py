from __future__ import annotations

import gc

import httpx

from api.app import create_app
from api.settings import Settings


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


async def test_startup_freezes_the_long_lived_heap(settings: Settings) -> None:
    """Once the app has started, what it made at startup is out of the garbage
    collector's reach, so no full collection walks it in the middle of a request, and
    the young generation is collected rarely."""
    gc.unfreeze()
    thresholds = gc.get_threshold()
    app = create_app(settings)
    try:
        assert gc.get_freeze_count() == 0
        async with app.router.lifespan_context(app):
            assert gc.get_freeze_count() > 0
            assert gc.get_threshold()[0] == 10_000
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
