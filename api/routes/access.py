from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from api.deps import CurrentPrincipal, UoW
from api.problems import responses
from api.schemas.access import AccessExplanation
from domain.access import access_explain
from domain.access.levels import RecordKind

router = APIRouter(prefix="/access", tags=["access"])


@router.get(
    "/explain",
    summary="Whether a user may read and change a record, and which rule decided",
    responses=responses(401, 403, 404, 422),
)
async def access_explain_get(
    principal: CurrentPrincipal,
    uow: UoW,
    user_id: UUID,
    entity: Annotated[RecordKind, Query(description="The kind of record.")],
    id: Annotated[UUID, Query(description="The record's id.")],
) -> AccessExplanation:
    """For administrators of users (`users:manage`), about a user and a record they both
    see: a user out of the caller's reach or a record the caller does not read is 404."""
    explanation = await access_explain.explain(uow, principal, user_id, entity, id)
    return AccessExplanation.of(explanation)
