"""The audit trail across records, for holders of `audit:read`."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query

from api.deps import CurrentPrincipal, UoW, page_request
from api.problems import responses
from api.schemas.audit import AuditTrailEventRead
from api.schemas.common import Page
from api.schemas.fields import Timestamp
from domain import audit_trail
from domain.audit import AuditAction, AuditFilter
from domain.pagination import PageRequest

router = APIRouter(prefix="/audit-events", tags=["audit"])


async def audit_filters(
    actor_id: Annotated[UUID | None, Query(description="Who acted.")] = None,
    entity_type: Annotated[
        str | None,
        Query(
            pattern=r"^[a-z_]{1,40}$",
            description="What kind of record: contact, company, interaction, task, request,"
            " deal, user, role, contact_export.",
        ),
    ] = None,
    entity_id: Annotated[UUID | None, Query(description="Which record.")] = None,
    action: AuditAction | None = None,
    after: Annotated[Timestamp | None, Query(description="At or after this moment.")] = None,
    before: Annotated[Timestamp | None, Query(description="Before this moment.")] = None,
) -> AuditFilter:
    return AuditFilter(
        actor_id=actor_id,
        entity_type=entity_type,
        entity_id=entity_id,
        action=action,
        after=after,
        before=before,
    )


@router.get(
    "",
    summary="The audit trail, newest first: who changed what, sign-ins, exports",
    responses=responses(400, 401, 403, 422),
)
async def audit_events_list(
    principal: CurrentPrincipal,
    uow: UoW,
    filters: Annotated[AuditFilter, Depends(audit_filters)],
    page: PageRequest = page_request("-occurred_at"),
) -> Page[AuditTrailEventRead]:
    result = await audit_trail.list_events(uow, principal, filters, page)
    return Page(
        items=[AuditTrailEventRead.of(e) for e in result.items], next_cursor=result.next_cursor
    )
