from __future__ import annotations

import logging
from typing import Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict

from api.problems import problem_response, responses

router = APIRouter(tags=["health"])
logger = logging.getLogger("crm.health")


class HealthOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "ok"}]})

    status: Literal["ok"] = "ok"


@router.get("/healthz", summary="The process is up")
async def health_live() -> HealthOut:
    return HealthOut()


@router.get("/readyz", summary="The database answers", responses=responses(503))
async def health_ready(request: Request) -> HealthOut:
    try:
        await request.app.state.database.ping()
    except Exception:
        logger.exception("database not ready")
        return problem_response(503, "The database does not answer.")  # type: ignore[return-value]
    return HealthOut()
