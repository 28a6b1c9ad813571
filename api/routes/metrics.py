"""`/metrics` for Prometheus (api/metrics.py says what it counts). Not part of the API's
contract: an operator's endpoint, outside `/api/v1` and the OpenAPI document."""

from __future__ import annotations

import hmac

from fastapi import APIRouter, Request, Response

from api.deps import UoW
from api.metrics import CONTENT_TYPE
from api.problems import problem_response
from domain.clock import utcnow

router = APIRouter()


@router.get("/metrics", include_in_schema=False)
async def metrics(request: Request, uow: UoW) -> Response:
    settings = request.app.state.settings
    token = settings.metrics_token
    if token is None and settings.environment == "production":
        # Off unless an operator gave it a token: what a server does is nobody's business.
        return problem_response(404, "Not found.")
    if token is not None:
        given = request.headers.get("authorization", "")
        expected = f"Bearer {token.get_secret_value()}"
        if not hmac.compare_digest(given.encode(), expected.encode()):
            return problem_response(401, "The metrics need the token CRM_METRICS_TOKEN names.")
    queue = await uow.jobs.state()
    deliveries = await uow.webhooks.backlog()
    pool = request.app.state.database.pool_state()
    body = request.app.state.metrics.render(pool, queue, deliveries, utcnow())
    return Response(body, media_type=CONTENT_TYPE)
