"""Pipelines and their ordered stages: the shape of the sales funnel."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol
from uuid import UUID, uuid4

from domain.access.roles import Permission, require
from domain.clock import utcnow
from domain.commands import UNSET, Unset, value_or
from domain.concurrency import check_version
from domain.errors import Conflict, FieldError, FieldErrorCode, NotFound, ValidationFailed
from domain.text import clean_name

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork


class StageKind(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


@dataclass
class Stage:
    name: str
    position: int
    probability: int
    kind: StageKind = StageKind.OPEN
    rotting_days: int | None = None
    pipeline_id: UUID | None = None
    id: UUID = field(default_factory=uuid4)


@dataclass
class Pipeline:
    name: str
    stages: list[Stage] = field(default_factory=list)
    is_default: bool = False
    id: UUID = field(default_factory=uuid4)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    version: int = 1

    def stage(self, stage_id: UUID) -> Stage | None:
        return next((s for s in self.stages if s.id == stage_id), None)

    @property
    def first_open_stage(self) -> Stage:
        return next(s for s in self.ordered_stages if s.kind is StageKind.OPEN)

    @property
    def ordered_stages(self) -> list[Stage]:
        return sorted(self.stages, key=lambda s: (s.position, s.name))


DEFAULT_PIPELINE = Pipeline(
    id=UUID("0b5e0c6a-9f9e-4d7e-8a3f-5f1c2e0a7d01"),
    name="Sales",
    is_default=True,
    stages=[
        Stage("New", 0, 10, id=UUID("0b5e0c6a-9f9e-4d7e-8a3f-5f1c2e0a7d11")),
        Stage("Qualified", 1, 25, id=UUID("0b5e0c6a-9f9e-4d7e-8a3f-5f1c2e0a7d12")),
        Stage("Proposal", 2, 50, id=UUID("0b5e0c6a-9f9e-4d7e-8a3f-5f1c2e0a7d13")),
        Stage("Negotiation", 3, 75, id=UUID("0b5e0c6a-9f9e-4d7e-8a3f-5f1c2e0a7d14")),
        Stage("Won", 4, 100, StageKind.WON, id=UUID("0b5e0c6a-9f9e-4d7e-8a3f-5f1c2e0a7d15")),
        Stage("Lost", 5, 0, StageKind.LOST, id=UUID("0b5e0c6a-9f9e-4d7e-8a3f-5f1c2e0a7d16")),
    ],
)


@dataclass(frozen=True)
class StageDraft:
    name: str
    probability: int
    kind: StageKind = StageKind.OPEN
    rotting_days: int | None = None


@dataclass(frozen=True)
class StageChanges:
    """A stage's fields as a change gives them: UNSET ones stay as they are. Null clears
    the rotting days; on the other fields, which cannot be empty, it too leaves them as
    they are. A position moves the stage there, the others closing up around it."""

    name: str | Unset | None = UNSET
    probability: int | Unset | None = UNSET
    kind: StageKind | Unset | None = UNSET
    rotting_days: int | Unset | None = UNSET
    position: int | Unset | None = UNSET


class PipelineRepository(Protocol):
    async def all(self) -> list[Pipeline]: ...
    async def get(self, pipeline_id: UUID) -> Pipeline | None: ...
    async def default(self) -> Pipeline | None: ...
    async def add(self, pipeline: Pipeline) -> None: ...
    async def save(self, pipeline: Pipeline, expected_version: int) -> None:
        """Writes the pipeline and its stages as they are now (added, changed, removed)."""
        ...

    async def delete(self, pipeline: Pipeline) -> None: ...
    async def lock_stage(self, stage_id: UUID) -> None:
        """Until the transaction ends, a deal moving into the stage waits."""
        ...

    async def deals_in_stage(self, stage_id: UUID) -> int: ...
    async def deals_in_pipeline(self, pipeline_id: UUID) -> int: ...


def _check_stages(stages: list[Stage]) -> None:
    errors = []
    names = [s.name.lower() for s in stages]
    for index, stage in enumerate(stages):
        if not 0 <= stage.probability <= 100:
            errors.append(
                FieldError(
                    f"stages.{index}.probability",
                    "between 0 and 100",
                    FieldErrorCode.OUT_OF_RANGE,
                    {"min": 0, "max": 100},
                )
            )
        if stage.rotting_days is not None and not 1 <= stage.rotting_days <= 365:
            errors.append(
                FieldError(
                    f"stages.{index}.rotting_days",
                    "between 1 and 365",
                    FieldErrorCode.OUT_OF_RANGE,
                    {"min": 1, "max": 365},
                )
            )
        if names.count(stage.name.lower()) > 1:
            errors.append(
                FieldError(
                    f"stages.{index}.name", "used twice in this pipeline", FieldErrorCode.DUPLICATE
                )
            )
    kinds = {s.kind for s in stages}
    if StageKind.OPEN not in kinds or StageKind.WON not in kinds or StageKind.LOST not in kinds:
        errors.append(FieldError("stages", "needs an open, a won and a lost stage"))
    if errors:
        raise ValidationFailed("The stages do not make a pipeline.", errors)


async def list_pipelines(uow: UnitOfWork, principal: Principal) -> list[Pipeline]:
    require(principal, Permission.DEALS_READ)
    return await uow.pipelines.all()


async def get_pipeline(uow: UnitOfWork, principal: Principal, pipeline_id: UUID) -> Pipeline:
    require(principal, Permission.DEALS_READ)
    pipeline = await uow.pipelines.get(pipeline_id)
    if pipeline is None:
        raise NotFound("Pipeline not found.")
    return pipeline


async def create_pipeline(
    uow: UnitOfWork, principal: Principal, name: str, stages: list[StageDraft]
) -> Pipeline:
    require(principal, Permission.PIPELINES_MANAGE)
    pipeline = Pipeline(name=clean_name(name))
    pipeline.stages = [
        Stage(
            clean_name(d.name, f"stages.{i}.name"),
            i,
            d.probability,
            d.kind,
            d.rotting_days,
            pipeline.id,
        )
        for i, d in enumerate(stages)
    ]
    _check_stages(pipeline.stages)
    if any(p.name.lower() == pipeline.name.lower() for p in await uow.pipelines.all()):
        raise Conflict(
            "A pipeline of this name exists.",
            [FieldError("name", "already taken", FieldErrorCode.DUPLICATE)],
        )
    await uow.pipelines.add(pipeline)
    return pipeline


async def rename_pipeline(
    uow: UnitOfWork,
    principal: Principal,
    pipeline_id: UUID,
    name: str | None,
    make_default: bool | None,
    expected_version: int | None,
) -> Pipeline:
    require(principal, Permission.PIPELINES_MANAGE)
    pipeline = await get_pipeline(uow, principal, pipeline_id)
    check_version(pipeline.version, expected_version)
    loaded = pipeline.version
    if name is not None:
        pipeline.name = clean_name(name)
    if make_default:
        pipeline.is_default = True
    pipeline.updated_at = utcnow()
    await uow.pipelines.save(pipeline, loaded)
    return pipeline


async def add_stage(
    uow: UnitOfWork,
    principal: Principal,
    pipeline_id: UUID,
    draft: StageDraft,
    position: int | None,
) -> Pipeline:
    require(principal, Permission.PIPELINES_MANAGE)
    pipeline = await get_pipeline(uow, principal, pipeline_id)
    ordered = pipeline.ordered_stages
    at = _default_position(ordered, draft.kind) if position is None else position
    at = max(0, min(at, len(ordered)))
    ordered.insert(
        at,
        Stage(
            clean_name(draft.name),
            at,
            draft.probability,
            draft.kind,
            draft.rotting_days,
            pipeline.id,
        ),
    )
    for index, stage in enumerate(ordered):
        stage.position = index
    pipeline.stages = ordered
    _check_stages(pipeline.stages)
    pipeline.updated_at = utcnow()
    await uow.pipelines.save(pipeline, pipeline.version)
    return pipeline


def _default_position(ordered: list[Stage], kind: StageKind) -> int:
    """Where a stage goes when the caller says nothing: an open one after the last open
    stage, so the funnel still ends with Won and Lost; a won or lost one at the end."""
    if kind is not StageKind.OPEN:
        return len(ordered)
    opens = [index for index, stage in enumerate(ordered) if stage.kind is StageKind.OPEN]
    return opens[-1] + 1 if opens else 0


async def stage_to_manage(
    uow: UnitOfWork, principal: Principal, pipeline_id: UUID, stage_id: UUID
) -> tuple[Pipeline, Stage]:
    """The pipeline and its stage, for a caller who may manage pipelines."""
    require(principal, Permission.PIPELINES_MANAGE)
    pipeline = await get_pipeline(uow, principal, pipeline_id)
    stage = pipeline.stage(stage_id)
    if stage is None:
        raise NotFound("Stage not found.")
    return pipeline, stage


async def change_stage(
    uow: UnitOfWork,
    principal: Principal,
    pipeline_id: UUID,
    stage_id: UUID,
    changes: StageChanges,
) -> Pipeline:
    """Renames, re-weighs or moves a stage; its deals stay where they are."""
    pipeline, stage = await stage_to_manage(uow, principal, pipeline_id, stage_id)
    if changes.name is not UNSET and changes.name is not None:
        stage.name = clean_name(changes.name)
    if changes.probability is not UNSET and changes.probability is not None:
        stage.probability = changes.probability
    kind = changes.kind
    if kind is not UNSET and kind is not None and kind is not stage.kind:
        if await uow.pipelines.deals_in_stage(stage.id):
            raise Conflict("The stage holds deals; its kind cannot change.")
        stage.kind = kind
    if changes.rotting_days is not UNSET:
        stage.rotting_days = changes.rotting_days
    position = value_or(changes.position, None)
    if position is not None:
        ordered = [s for s in pipeline.ordered_stages if s.id != stage.id]
        ordered.insert(max(0, min(position, len(ordered))), stage)
        for index, each in enumerate(ordered):
            each.position = index
    _check_stages(pipeline.stages)
    pipeline.updated_at = utcnow()
    await uow.pipelines.save(pipeline, pipeline.version)
    return pipeline


def without_stage(pipeline: Pipeline, stage: Stage) -> None:
    """Takes the stage out of the pipeline (its deals must move elsewhere before it is
    saved): the others keep their order, and the pipeline must still have an open, a won
    and a lost stage."""
    pipeline.stages = [s for s in pipeline.ordered_stages if s.id != stage.id]
    for index, each in enumerate(pipeline.stages):
        each.position = index
    _check_stages(pipeline.stages)
    pipeline.updated_at = utcnow()


async def delete_pipeline(uow: UnitOfWork, principal: Principal, pipeline_id: UUID) -> None:
    require(principal, Permission.PIPELINES_MANAGE)
    pipeline = await get_pipeline(uow, principal, pipeline_id)
    if pipeline.is_default:
        raise Conflict("The default pipeline stays; make another the default first.")
    if await uow.pipelines.deals_in_pipeline(pipeline.id):
        raise Conflict("The pipeline holds deals; move or delete them first.")
    await uow.pipelines.delete(pipeline)
