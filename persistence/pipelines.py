"""The repository that writes pipelines and their stages as a whole (the tables:
funnel_rows.py); read requests take the process's copy of them
(persistence/process_copies.py)."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from domain.funnel.pipelines import Pipeline, Stage
from persistence import deal_totals
from persistence.funnel_rows import DealRow, PipelineRow, StageRow
from persistence.mapping import RowMapping
from persistence.process_copies import PIPELINES, ProcessCopy, serves, tell_changed
from persistence.versioned import versioned_update

# A stage stays in the pipeline it was made in; the domain leaves `pipeline_id` to the
# pipeline that holds the stage, so its first row takes the pipeline's id.
STAGE_ROWS = RowMapping(Stage, StageRow.__table__, set_once=frozenset({"pipeline_id"}))
PIPELINE_ROWS = RowMapping(Pipeline, PipelineRow.__table__)


def _to_domain(row: PipelineRow) -> Pipeline:
    return PIPELINE_ROWS.record_of(row, stages=[STAGE_ROWS.record_of(s) for s in row.stages])


def _new_stage_row(pipeline: Pipeline, stage: Stage) -> StageRow:
    return StageRow(**{**STAGE_ROWS.new_row_values(stage), "pipeline_id": pipeline.id})


class SqlPipelineRepository:
    def __init__(
        self, session: AsyncSession, shared: ProcessCopy[str, list[Pipeline]] | None = None
    ) -> None:
        self.session = session
        self.shared = shared

    def _select(self) -> Any:
        return select(PipelineRow).options(selectinload(PipelineRow.stages))

    async def _all(self) -> list[Pipeline]:
        rows = await self.session.scalars(
            self._select().order_by(PipelineRow.is_default.desc(), PipelineRow.name)
        )
        return [_to_domain(row) for row in rows]

    async def _shared(self) -> list[Pipeline] | None:
        """The process's copy, for a read request (each its own, so nothing a request
        does to its records reaches another's); None otherwise."""
        if self.shared is None or not serves(self.session):
            return None
        return [
            dataclasses.replace(p, stages=[dataclasses.replace(s) for s in p.stages])
            for p in await self.shared.get("all", self._all)
        ]

    async def all(self) -> list[Pipeline]:
        shared = await self._shared()
        return shared if shared is not None else await self._all()

    async def get(self, pipeline_id: uuid.UUID) -> Pipeline | None:
        shared = await self._shared()
        if shared is not None:
            return next((p for p in shared if p.id == pipeline_id), None)
        row = await self.session.scalar(self._select().where(PipelineRow.id == pipeline_id))
        return _to_domain(row) if row else None

    async def default(self) -> Pipeline | None:
        shared = await self._shared()
        if shared is not None:
            return next((p for p in shared if p.is_default), None)
        row = await self.session.scalar(self._select().where(PipelineRow.is_default.is_(True)))
        return _to_domain(row) if row else None

    async def add(self, pipeline: Pipeline) -> None:
        await tell_changed(self.session, PIPELINES, self.shared)
        self.session.add(PipelineRow(**PIPELINE_ROWS.new_row_values(pipeline)))
        await self.session.flush()
        self.session.add_all([_new_stage_row(pipeline, s) for s in pipeline.stages])
        await self.session.flush()

    async def save(self, pipeline: Pipeline, expected_version: int) -> None:
        await tell_changed(self.session, PIPELINES, self.shared)
        if pipeline.is_default:
            await self.session.execute(
                update(PipelineRow).where(PipelineRow.id != pipeline.id).values(is_default=False)
            )
        await versioned_update(
            self.session,
            PipelineRow,
            pipeline.id,
            expected_version,
            PIPELINE_ROWS.values(pipeline),
        )
        pipeline.version = expected_version + 1
        kept = {s.id for s in pipeline.stages}
        await self.session.execute(
            delete(StageRow).where(StageRow.pipeline_id == pipeline.id, StageRow.id.not_in(kept))
        )
        existing = dict(
            (
                await self.session.execute(
                    select(StageRow.id, StageRow.probability).where(
                        StageRow.pipeline_id == pipeline.id
                    )
                )
            ).all()
        )
        for stage in pipeline.stages:
            if stage.id in existing:
                await self.session.execute(
                    update(StageRow).where(StageRow.id == stage.id).values(STAGE_ROWS.values(stage))
                )
            else:
                self.session.add(_new_stage_row(pipeline, stage))
        await self.session.flush()
        reweighed = [
            s.id for s in pipeline.stages if existing.get(s.id, s.probability) != s.probability
        ]
        if reweighed:
            # The forecast's weighted amounts of the stage's open deals change with it.
            await deal_totals.refresh_stages(self.session, reweighed)

    async def delete(self, pipeline: Pipeline) -> None:
        await tell_changed(self.session, PIPELINES, self.shared)
        await self.session.execute(delete(PipelineRow).where(PipelineRow.id == pipeline.id))

    async def lock_stage(self, stage_id: uuid.UUID) -> None:
        # A deal's write checks its stage's row (the foreign key) with a share lock, which
        # waits for this one. SQLite runs one writing transaction at a time anyway.
        await self.session.execute(
            select(StageRow.id).where(StageRow.id == stage_id).with_for_update()
        )

    async def deals_in_stage(self, stage_id: uuid.UUID) -> int:
        return int(
            await self.session.scalar(
                select(func.count()).select_from(DealRow).where(DealRow.stage_id == stage_id)
            )
            or 0
        )

    async def deals_in_pipeline(self, pipeline_id: uuid.UUID) -> int:
        return int(
            await self.session.scalar(
                select(func.count()).select_from(DealRow).where(DealRow.pipeline_id == pipeline_id)
            )
            or 0
        )
