"""The application factory."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute

from api.contract import add_links, restore_examples
from api.idempotency import install_replay_handler
from api.metrics import Metrics
from api.middleware import RequestMiddleware
from api.problems import document_problems, install_problem_handlers
from api.rate_limits import RateLimits
from api.routes import (
    access,
    api_keys,
    audit,
    auth,
    automation,
    changes,
    companies,
    contacts,
    custom_fields,
    deals,
    health,
    imports,
    interactions,
    me,
    metrics,
    pipelines,
    reports,
    requests,
    roles,
    tasks,
    teams,
    users,
    webhooks,
)
from api.settings import Settings
from api.tracing import Tracing
from api.web import mount_web
from auth.passwords import Argon2PasswordHasher
from auth.tokens import TokenSettings
from domain.pagination import cursor_key
from persistence.database import Database

API_PREFIX = "/api/v1"
VERSION = "0.2.0"

DESCRIPTION = """\
The CRM's REST API. Sign in at `POST /api/v1/auth/token` (OAuth2 password flow) and send
the access token as `Authorization: Bearer <token>`. Errors are
`application/problem+json` (RFC 9457). Lists page by cursor (`limit`, `cursor`,
`next_cursor`). Writes take `If-Match` with a record's ETag and answer 412 when it is
stale."""


def _operation_id(route: APIRoute) -> str:
    # Route functions are named after their operation (`users_list`), so ids are stable.
    return route.name


async def _stop_without(supervisor_pid: int) -> None:
    """Shuts this server process down, as gracefully as a SIGTERM does, once the process
    that started it is gone."""
    # Nothing announces a parent's death to its child: asking is the way.
    while os.getppid() == supervisor_pid:  # noqa: ASYNC110
        await asyncio.sleep(1)
    os.kill(os.getpid(), signal.SIGTERM)


def create_app(
    settings: Settings | None = None,
    database: Database | None = None,
    tracing: Tracing | None = None,
) -> FastAPI:
    """The app; `tracing` defaults to what the OTEL_* variables ask for (api/tracing.py)."""
    settings = settings or Settings()
    tracing = tracing or Tracing.from_environment()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = app.state.database is None
        if owned:
            app.state.database = Database(
                settings.database_url,
                pool_size=settings.db_pool_size,
                max_overflow=settings.db_max_overflow,
            )
        if tracing is not None:
            tracing.instrument_database(app.state.database)
        # Everything made so far (modules, the routes, the tables' metadata, pydantic's
        # validators) lives as long as the process: kept out of the garbage collector's
        # full collections, which otherwise walk all of it every few hundred requests
        # and stall the request they fall in for tens of milliseconds. A request's own
        # objects are freed by reference counting; collecting the young generation after
        # every 700 net allocations (Python's default) ran about once per timeline
        # request, 0.44 ms each on average, after 10,000 once in 600 requests.
        gc.freeze()
        gc.set_threshold(10_000, 10, 10)
        watch = (
            asyncio.create_task(_stop_without(settings.supervisor_pid))
            if settings.supervisor_pid
            else None
        )
        try:
            yield
        finally:
            if watch is not None:
                watch.cancel()
            if owned:
                await app.state.database.dispose()
                app.state.database = None
            if tracing is not None:
                tracing.shutdown()

    app = FastAPI(
        title="CRM API",
        version=VERSION,
        description=DESCRIPTION,
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
    )
    app.state.settings = settings
    app.state.database = database
    app.state.hasher = Argon2PasswordHasher()
    app.state.token_settings = TokenSettings(
        secret=settings.signing_secret,
        access_ttl=timedelta(minutes=settings.access_token_minutes),
        refresh_ttl=timedelta(days=settings.refresh_token_days),
    )

    # Signs the lists' cursors: a cursor the server did not write is refused unread.
    app.state.cursor_key = cursor_key(settings.signing_secret)
    install_problem_handlers(app)
    install_replay_handler(app)
    app.state.metrics = Metrics()
    app.state.rate_limits = RateLimits(settings)
    app.add_middleware(RequestMiddleware, metrics=app.state.metrics, limits=app.state.rate_limits)
    if settings.cors_origins:
        # Outermost, so even a 500 reaches a browser on another origin readably.
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=[
                "ETag",
                "Location",
                "Retry-After",
                "X-Request-ID",
                "RateLimit",
                "RateLimit-Policy",
            ],
        )

    if tracing is not None:
        tracing.instrument_app(app)
    app.include_router(health.router)
    app.include_router(metrics.router)
    v1 = APIRouter(prefix=API_PREFIX)
    for module in (
        auth,
        users,
        api_keys,
        teams,
        roles,
        access,
        contacts,
        companies,
        custom_fields,
        imports,
    ):
        v1.include_router(module.router)
    v1.include_router(interactions.router)
    v1.include_router(interactions.outcomes_router)
    v1.include_router(tasks.router)
    v1.include_router(me.router)
    v1.include_router(me.feeds)
    v1.include_router(requests.router)
    v1.include_router(requests.settings_router)
    v1.include_router(pipelines.router)
    v1.include_router(deals.router)
    v1.include_router(reports.router)
    v1.include_router(automation.router)
    v1.include_router(audit.router)
    v1.include_router(changes.router)
    v1.include_router(webhooks.router)
    app.include_router(v1)
    if settings.web_dir is not None:
        mount_web(app, settings.web_dir)
    app.state.metrics.name_routes(app.routes)

    def contract() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            app.openapi_schema = add_links(restore_examples(document_problems(schema), app.routes))
        return app.openapi_schema

    app.openapi = contract  # type: ignore[method-assign]
    return app
