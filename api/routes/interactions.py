from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Response, status

from api.commands import command
from api.deps import CurrentPrincipal, IfMatch, ReadUoW, UoW, page_request, set_etag
from api.idempotency import Idempotent
from api.problems import responses
from api.schemas.common import Page
from api.schemas.fields import Timestamp
from api.schemas.interactions import (
    InteractionComplete,
    InteractionCreate,
    InteractionRead,
    InteractionUpdate,
    OutcomeList,
    OutcomeListIn,
    OutcomeOut,
)
from domain.interactions import interactions
from domain.interactions.interactions import (
    Channel,
    CompleteInteraction,
    InteractionChanges,
    InteractionFilter,
    InteractionStatus,
    NewInteraction,
    Outcome,
)
from domain.pagination import PageRequest

router = APIRouter(prefix="/interactions", tags=["interactions"])
outcomes_router = APIRouter(prefix="/interaction-outcomes", tags=["interactions"])


async def interaction_filters(
    contact_id: UUID | None = None,
    company_id: UUID | None = None,
    deal_id: UUID | None = None,
    request_id: UUID | None = None,
    owner_id: UUID | None = None,
    channel: Channel | None = None,
    status: InteractionStatus | None = None,
    after: Timestamp | None = None,
    before: Timestamp | None = None,
) -> InteractionFilter:
    return InteractionFilter(
        contact_id=contact_id,
        company_id=company_id,
        deal_id=deal_id,
        request_id=request_id,
        owner_id=owner_id,
        channel=channel,
        status=status,
        after=after,
        before=before,
    )


@router.get("", summary="List interactions in your scope", responses=responses(401, 403, 422))
async def interactions_list(
    principal: CurrentPrincipal,
    uow: ReadUoW,
    filters: Annotated[InteractionFilter, Depends(interaction_filters)],
    page: PageRequest = page_request("-at"),
) -> Page[InteractionRead]:
    result = await interactions.list_interactions(uow, principal, filters, page)
    return Page(items=[InteractionRead.of(i) for i in result.items], next_cursor=result.next_cursor)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Log an interaction or plan one",
    responses=responses(401, 403, 409, 422),
)
async def interactions_create(
    body: InteractionCreate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    once: Idempotent,
) -> InteractionRead:
    interaction = await interactions.log_interaction(uow, principal, command(body, NewInteraction))
    result = InteractionRead.of(interaction)
    await once.created(
        response, f"/api/v1/interactions/{interaction.id}", interaction.version, result
    )
    return result


@router.get(
    "/{interaction_id:uuid}", summary="Get an interaction", responses=responses(401, 403, 404)
)
async def interactions_get(
    interaction_id: UUID, response: Response, principal: CurrentPrincipal, uow: ReadUoW
) -> InteractionRead:
    interaction = await interactions.get_interaction(uow, principal, interaction_id)
    set_etag(response, interaction.version)
    return InteractionRead.of(interaction)


@router.patch(
    "/{interaction_id:uuid}",
    summary="Change an interaction (send only what changes)",
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def interactions_update(
    interaction_id: UUID,
    body: InteractionUpdate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    if_match: IfMatch,
) -> InteractionRead:
    interaction = await interactions.update_interaction(
        uow, principal, interaction_id, command(body, InteractionChanges), if_match
    )
    set_etag(response, interaction.version)
    return InteractionRead.of(interaction)


@router.post(
    "/{interaction_id:uuid}/complete",
    summary="Mark a planned interaction done, with its outcome",
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def interactions_complete(
    interaction_id: UUID,
    body: InteractionComplete,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    if_match: IfMatch,
) -> InteractionRead:
    interaction = await interactions.complete_interaction(
        uow,
        principal,
        interaction_id,
        command(body, CompleteInteraction),
        if_match,
    )
    set_etag(response, interaction.version)
    return InteractionRead.of(interaction)


@router.post(
    "/{interaction_id:uuid}/cancel",
    summary="Cancel a planned interaction",
    responses=responses(401, 403, 404, 409, 412),
)
async def interactions_cancel(
    interaction_id: UUID,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    if_match: IfMatch,
) -> InteractionRead:
    interaction = await interactions.cancel_interaction(uow, principal, interaction_id, if_match)
    set_etag(response, interaction.version)
    return InteractionRead.of(interaction)


@outcomes_router.get(
    "", summary="The outcomes an interaction can have", responses=responses(401, 403)
)
async def interaction_outcomes_list(principal: CurrentPrincipal, uow: UoW) -> OutcomeList:
    found = await interactions.list_outcomes(uow, principal)
    return OutcomeList(items=[OutcomeOut.of(o) for o in found])


@outcomes_router.put(
    "",
    summary="Set the outcome list (left-out outcomes are deactivated)",
    responses=responses(401, 403, 422),
)
async def interaction_outcomes_set(
    body: OutcomeListIn, principal: CurrentPrincipal, uow: UoW
) -> OutcomeList:
    saved = await interactions.set_outcomes(
        uow, principal, [Outcome(key=o.key, label=o.label) for o in body.items]
    )
    return OutcomeList(items=[OutcomeOut.of(o) for o in saved])
