from __future__ import annotations

from dataclasses import replace
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response, status

from api.commands import command
from api.deps import CurrentPrincipal, IfMatch, ReadUoW, UoW, page_request, set_etag
from api.external_ids import (
    EXTERNAL_IDS,
    ExternalId,
    ExternalIdFilter,
    Source,
    answer_upsert,
    external_id_filter,
    problem_of,
    sent_ids,
    upsert_description,
    upsert_responses,
)
from api.idempotency import Idempotent
from api.presenters import deal_out, deals_out
from api.problems import responses
from api.schemas.common import Page
from api.schemas.deals import (
    DealCreate,
    DealMove,
    DealRead,
    DealUpdate,
    StageChangeList,
    StageChangeRead,
)
from api.schemas.external_ids import DealUpsertBatch, DealUpsertResult, DealUpsertResults
from api.schemas.fields import CalendarDate
from domain import external_ids
from domain.access.levels import RecordKind
from domain.funnel import deals
from domain.funnel.deals import DealChanges, DealFilter, DealStatus, NewDeal
from domain.integrations import upserts
from domain.integrations.upserts import UpsertCommand
from domain.pagination import PageRequest

router = APIRouter(prefix="/deals", tags=["deals"])


async def deal_filters(
    pipeline_id: UUID | None = None,
    stage_id: UUID | None = None,
    status: DealStatus | None = None,
    owner_id: UUID | None = None,
    contact_id: UUID | None = None,
    company_id: UUID | None = None,
    close_after: CalendarDate | None = None,
    close_before: CalendarDate | None = None,
    q: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
) -> DealFilter:
    return DealFilter(
        pipeline_id=pipeline_id,
        stage_id=stage_id,
        status=status,
        owner_id=owner_id,
        contact_id=contact_id,
        company_id=company_id,
        close_after=close_after,
        close_before=close_before,
        q=q,
    )


@router.get("", summary="List deals in your scope", responses=responses(401, 403, 422))
async def deals_list(
    principal: CurrentPrincipal,
    uow: ReadUoW,
    filters: Annotated[DealFilter, Depends(deal_filters)],
    external_id: ExternalIdFilter = None,
    page: PageRequest = page_request("-updated_at"),
) -> Page[DealRead]:
    filters = replace(filters, external_id=external_id_filter(external_id))
    result = await deals.list_deals(uow, principal, filters, page)
    return Page(items=await deals_out(uow, principal, result.items), next_cursor=result.next_cursor)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create a deal",
    responses=responses(401, 403, 409, 422),
)
async def deals_create(
    body: DealCreate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    once: Idempotent,
) -> DealRead:
    deal = await deals.create_deal(uow, principal, command(body, NewDeal, exclude=EXTERNAL_IDS))
    await external_ids.assign(uow, RecordKind.DEALS, deal.id, sent_ids(body))
    result = await deal_out(uow, principal, deal)
    await once.created(response, f"/api/v1/deals/{deal.id}", deal.version, result)
    return result


def _upsert_command(
    source: str, external_id: str, body: DealCreate, if_match: int | None = None
) -> UpsertCommand[NewDeal]:
    return UpsertCommand(
        source,
        external_id,
        command(body, NewDeal, exclude=EXTERNAL_IDS),
        sent_ids(body),
        if_match,
    )


@router.put(
    "/by-external-id/{source}/{external_id:path}",
    summary="Create or update the deal a source system knows by this id",
    description=upsert_description("deal"),
    responses=upsert_responses(DealRead),
)
async def deals_upsert(
    source: Source,
    external_id: ExternalId,
    body: DealCreate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    if_match: IfMatch,
) -> DealRead:
    done = await upserts.upsert_deal(
        uow, principal, _upsert_command(source, external_id, body, if_match)
    )
    answer_upsert(response, done.created, f"/api/v1/deals/{done.record.id}")
    set_etag(response, done.record.version)
    return await deal_out(uow, principal, done.record)


@router.post(
    "/by-external-id",
    summary="Create or update up to 100 deals by their external ids, each on its own",
    description="Each item is an upsert as `PUT /deals/by-external-id/{source}/"
    "{external_id}` does it, in a savepoint of its own: an item that fails is answered "
    "with its problem and undone alone; the others are kept.",
    responses=responses(401, 403, 422),
)
async def deals_upsert_batch(
    body: DealUpsertBatch, principal: CurrentPrincipal, uow: UoW
) -> DealUpsertResults:
    commands = [_upsert_command(i.source, i.external_id, i.fields) for i in body.items]
    results = await upserts.batch_upsert(uow, principal, deals.DEALS, commands, upserts.upsert_deal)
    saved = iter(await deals_out(uow, principal, [r.record for r in results if r.record]))
    return DealUpsertResults(
        items=[
            DealUpsertResult(
                status=r.outcome.value,
                record=next(saved) if r.record else None,
                problem=problem_of(r.error) if r.error else None,
            )
            for r in results
        ]
    )


@router.get("/{deal_id:uuid}", summary="Get a deal", responses=responses(401, 403, 404))
async def deals_get(
    deal_id: UUID, response: Response, principal: CurrentPrincipal, uow: ReadUoW
) -> DealRead:
    deal = await deals.get_deal(uow, principal, deal_id)
    set_etag(response, deal.version)
    return await deal_out(uow, principal, deal)


@router.patch(
    "/{deal_id:uuid}",
    summary="Change a deal (send only what changes)",
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def deals_update(
    deal_id: UUID,
    body: DealUpdate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    if_match: IfMatch,
) -> DealRead:
    changes = command(body, DealChanges, exclude=EXTERNAL_IDS)
    deal = await deals.update_deal(uow, principal, deal_id, changes, if_match, sent_ids(body))
    set_etag(response, deal.version)
    return await deal_out(uow, principal, deal)


@router.post(
    "/{deal_id:uuid}/move",
    summary="Move a deal to another stage (a lost stage needs lost_reason)",
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def deals_move(
    deal_id: UUID,
    body: DealMove,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    if_match: IfMatch,
) -> DealRead:
    deal = await deals.move_deal(uow, principal, deal_id, body.stage_id, body.lost_reason, if_match)
    set_etag(response, deal.version)
    return await deal_out(uow, principal, deal)


@router.get(
    "/{deal_id:uuid}/stage-changes",
    summary="The deal's stage history, newest first",
    responses=responses(401, 403, 404),
)
async def deals_stage_changes(
    deal_id: UUID, principal: CurrentPrincipal, uow: UoW
) -> StageChangeList:
    changes = await deals.deal_history(uow, principal, deal_id)
    return StageChangeList(items=[StageChangeRead.of(c) for c in changes])
