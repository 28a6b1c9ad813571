"""Removing a stage from a pipeline. A stage holding deals goes only with a target stage
of the same pipeline and kind, where its deals move first: an open deal stays open, a
won one won."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from domain.errors import Conflict, FieldError, FieldErrorCode, ValidationFailed
from domain.funnel.deals import relocate_deals
from domain.funnel.pipelines import Pipeline, stage_to_manage, without_stage

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork


async def remove_stage(
    uow: UnitOfWork, principal: Principal, pipeline_id: UUID, stage_id: UUID, target_id: UUID | None
) -> Pipeline:
    pipeline, stage = await stage_to_manage(uow, principal, pipeline_id, stage_id)
    without_stage(pipeline, stage)  # refused before any deal moves if the rest is no pipeline
    # No deal moves in after its deals are read: such a move would find the stage gone.
    await uow.pipelines.lock_stage(stage.id)
    deals = await uow.deals.in_stage(stage.id)
    if deals:
        target = pipeline.stage(target_id) if target_id else None
        if target is None:
            raise Conflict(
                "The stage holds deals: name a target_stage_id of this pipeline for them.",
                [
                    FieldError(
                        "target_stage_id",
                        "required: the stage holds deals",
                        FieldErrorCode.REQUIRED,
                    )
                ],
            )
        if target.kind is not stage.kind:
            raise ValidationFailed.on(
                "target_stage_id",
                f"must be a {stage.kind.value} stage, as the removed one is: its deals keep"
                " their status",
                FieldErrorCode.INVALID_CHOICE,
            )
        await relocate_deals(uow, principal, deals, target)
    await uow.pipelines.save(pipeline, pipeline.version)
    return pipeline
