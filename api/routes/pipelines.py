from __future__ import annotations

from dataclasses import asdict
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response, status

from api.commands import command
from api.deps import CurrentPrincipal, IfMatch, ReadUoW, UoW, set_etag
from api.presenters import deals_out
from api.problems import responses
from api.schemas.deals import (
    Board,
    BoardCard,
    BoardColumn,
    PipelineCreate,
    PipelineList,
    PipelineRead,
    PipelineUpdate,
    StageAdd,
    StageUpdate,
)
from domain.funnel import deals, pipelines, stage_removal
from domain.funnel.board_cards import card_facts
from domain.funnel.pipelines import StageChanges, StageDraft

router = APIRouter(prefix="/pipelines", tags=["pipelines"])


@router.get("", summary="Pipelines with their stages", responses=responses(401, 403))
async def pipelines_list(principal: CurrentPrincipal, uow: UoW) -> PipelineList:
    found = await pipelines.list_pipelines(uow, principal)
    return PipelineList(items=[PipelineRead.of(p) for p in found])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create a pipeline with its stages",
    responses=responses(401, 403, 409, 422),
)
async def pipelines_create(
    body: PipelineCreate, response: Response, principal: CurrentPrincipal, uow: UoW
) -> PipelineRead:
    drafts = [StageDraft(s.name, s.probability, s.kind, s.rotting_days) for s in body.stages]
    pipeline = await pipelines.create_pipeline(uow, principal, body.name, drafts)
    response.headers["Location"] = f"/api/v1/pipelines/{pipeline.id}"
    set_etag(response, pipeline.version)
    return PipelineRead.of(pipeline)


@router.get(
    "/{pipeline_id:uuid}", summary="A pipeline with its stages", responses=responses(401, 403, 404)
)
async def pipelines_get(
    pipeline_id: UUID, response: Response, principal: CurrentPrincipal, uow: UoW
) -> PipelineRead:
    pipeline = await pipelines.get_pipeline(uow, principal, pipeline_id)
    set_etag(response, pipeline.version)
    return PipelineRead.of(pipeline)


@router.patch(
    "/{pipeline_id:uuid}",
    summary="Rename a pipeline or make it the default",
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def pipelines_update(
    pipeline_id: UUID,
    body: PipelineUpdate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    if_match: IfMatch,
) -> PipelineRead:
    pipeline = await pipelines.rename_pipeline(
        uow, principal, pipeline_id, body.name, body.is_default, if_match
    )
    set_etag(response, pipeline.version)
    return PipelineRead.of(pipeline)


@router.delete(
    "/{pipeline_id:uuid}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a pipeline without deals",
    responses=responses(401, 403, 404, 409),
)
async def pipelines_delete(pipeline_id: UUID, principal: CurrentPrincipal, uow: UoW) -> None:
    await pipelines.delete_pipeline(uow, principal, pipeline_id)


@router.post(
    "/{pipeline_id:uuid}/stages",
    status_code=status.HTTP_201_CREATED,
    summary="Add a stage",
    responses=responses(401, 403, 404, 422),
)
async def pipelines_add_stage(
    pipeline_id: UUID, body: StageAdd, principal: CurrentPrincipal, uow: UoW
) -> PipelineRead:
    draft = StageDraft(body.name, body.probability, body.kind, body.rotting_days)
    return PipelineRead.of(
        await pipelines.add_stage(uow, principal, pipeline_id, draft, body.position)
    )


@router.patch(
    "/{pipeline_id:uuid}/stages/{stage_id:uuid}",
    summary="Rename, re-weigh or reorder a stage (deals stay where they are)",
    responses=responses(401, 403, 404, 409, 422),
)
async def pipelines_update_stage(
    pipeline_id: UUID, stage_id: UUID, body: StageUpdate, principal: CurrentPrincipal, uow: UoW
) -> PipelineRead:
    pipeline = await pipelines.change_stage(
        uow, principal, pipeline_id, stage_id, command(body, StageChanges)
    )
    return PipelineRead.of(pipeline)


@router.delete(
    "/{pipeline_id:uuid}/stages/{stage_id:uuid}",
    summary="Remove a stage; its deals move to target_stage_id, a stage of the same kind",
    responses=responses(401, 403, 404, 409, 422),
)
async def pipelines_delete_stage(
    pipeline_id: UUID,
    stage_id: UUID,
    principal: CurrentPrincipal,
    uow: UoW,
    target_stage_id: UUID | None = None,
) -> PipelineRead:
    pipeline = await stage_removal.remove_stage(
        uow, principal, pipeline_id, stage_id, target_stage_id
    )
    return PipelineRead.of(pipeline)


@router.get(
    "/{pipeline_id:uuid}/board",
    summary="Per stage: count, sums per currency and the first deals, in one call",
    responses=responses(401, 403, 404, 422),
)
async def pipelines_board(
    pipeline_id: UUID,
    principal: CurrentPrincipal,
    uow: ReadUoW,
    per_stage: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Board:
    pipeline, columns = await deals.board(uow, principal, pipeline_id, per_stage)
    # Every column's deals presented at once: their external ids in one query, not one
    # per stage; with what each card shows beside the deal (company, contact, next).
    everyone = [d for c in columns for d in c.deals]
    facts = await card_facts(uow, principal, everyone)
    shown = iter(
        [
            BoardCard.of(read, **asdict(facts[read.id]))
            for read in await deals_out(uow, principal, everyone)
        ]
    )
    return Board(
        pipeline=PipelineRead.of(pipeline),
        columns=[BoardColumn.of(c, deals=[next(shown) for _ in c.deals]) for c in columns],
    )
