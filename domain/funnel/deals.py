"""Deals: opportunities moving through a pipeline's stages, with their history."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID, uuid4

from domain import changes, external_ids
from domain.access.levels import RecordKind
from domain.access.roles import Permission, require
from domain.access.scope import check_may_change
from domain.audit import AuditAction
from domain.clock import utcnow
from domain.commands import UNSET, Unset, value_or
from domain.concurrency import check_version
from domain.contacts.contacts import LifecycleStage
from domain.contacts.custom_fields import CustomEntity, apply_custom_fields
from domain.errors import Conflict, FieldError, FieldErrorCode, NotFound, ValidationFailed
from domain.events import DealCreated, DealEnteredStage, DealMoved
from domain.funnel.pipelines import Pipeline, Stage, StageKind
from domain.pagination import Page, PageRequest
from domain.records import OwnedKind, assign_owner, normalize_tags
from domain.text import clean_name, optional_text

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork

DEALS: OwnedKind[Deal] = OwnedKind(
    RecordKind.DEALS, "Deal", Permission.DEALS_READ, Permission.DEALS_WRITE, lambda uow: uow.deals
)
MAX_AMOUNT = 10**15


class DealStatus(StrEnum):
    OPEN = "open"
    WON = "won"
    LOST = "lost"


@dataclass
class Deal:
    title: str
    pipeline_id: UUID
    stage_id: UUID
    owner_id: UUID
    team_id: UUID | None
    amount: int = 0
    currency: str = "EUR"
    contact_id: UUID | None = None
    company_id: UUID | None = None
    expected_close: date | None = None
    source: str | None = None
    tags: list[str] = field(default_factory=list)
    custom_fields: dict[str, Any] = field(default_factory=dict)
    status: DealStatus = DealStatus.OPEN
    lost_reason: str | None = None
    won_at: datetime | None = None
    lost_at: datetime | None = None
    stage_entered_at: datetime = field(default_factory=utcnow)
    id: UUID = field(default_factory=uuid4)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    version: int = 1

    def snapshot(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "pipeline_id": str(self.pipeline_id),
            "stage_id": str(self.stage_id),
            "amount": self.amount,
            "currency": self.currency,
            "contact_id": str(self.contact_id) if self.contact_id else None,
            "company_id": str(self.company_id) if self.company_id else None,
            "expected_close": self.expected_close.isoformat() if self.expected_close else None,
            "source": self.source,
            "tags": list(self.tags),
            "custom_fields": dict(self.custom_fields),
            "status": self.status.value,
            "lost_reason": self.lost_reason,
            "owner_id": str(self.owner_id),
            "team_id": str(self.team_id) if self.team_id else None,
        }


@dataclass(frozen=True, kw_only=True)
class DealChanges:
    """A deal's fields as a create or a change gives them (checked when applied): UNSET
    ones stay as they are, on a create their defaults. The stage changes by a move."""

    title: str | Unset | None = UNSET
    amount: int | Unset | None = UNSET
    currency: str | Unset | None = UNSET
    contact_id: UUID | Unset | None = UNSET
    company_id: UUID | Unset | None = UNSET
    expected_close: date | Unset | None = UNSET
    source: str | Unset | None = UNSET
    tags: tuple[str, ...] | Unset | None = UNSET
    custom_fields: Mapping[str, Any] | Unset | None = UNSET
    owner_id: UUID | Unset | None = UNSET


@dataclass(frozen=True, kw_only=True)
class NewDeal(DealChanges):
    """A new deal: its fields, and where it starts (by default the default pipeline's
    first open stage)."""

    pipeline_id: UUID | Unset | None = UNSET
    stage_id: UUID | Unset | None = UNSET
    lost_reason: str | Unset | None = UNSET


@dataclass(frozen=True, kw_only=True)
class ConvertLead(DealChanges):
    """The deal a lead converts into: its fields (the title defaults to the contact's
    name; contact and company are the lead's) and its pipeline."""

    pipeline_id: UUID | Unset | None = UNSET


@dataclass(frozen=True)
class StageChange:
    deal_id: UUID
    to_stage_id: UUID
    by: UUID | None
    from_stage_id: UUID | None = None
    seconds_in_previous: int | None = None
    contact_id: UUID | None = None
    # The automation rule that made the move on behalf of `by`, if one did.
    rule_id: UUID | None = None
    at: datetime = field(default_factory=utcnow)
    id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True)
class DealFilter:
    pipeline_id: UUID | None = None
    stage_id: UUID | None = None
    status: DealStatus | None = None
    owner_id: UUID | None = None
    contact_id: UUID | None = None
    company_id: UUID | None = None
    close_after: date | None = None
    close_before: date | None = None
    q: str | None = None
    # (source, id): the deal a source system knows by that id (domain/external_ids.py).
    external_id: tuple[str, str] | None = None


@dataclass(frozen=True)
class StageColumn:
    stage: Stage
    count: int
    totals: dict[str, int]
    deals: list[Deal]


class DealRepository(Protocol):
    async def get(self, deal_id: UUID, visible_to: Principal | None = None) -> Deal | None: ...
    async def titles(self, deal_ids: Collection[UUID], principal: Principal) -> dict[UUID, str]:
        """The title of each of these deals the principal may read; the others are left
        out."""
        ...

    async def find_page(
        self, principal: Principal, filters: DealFilter, page: PageRequest
    ) -> Page[Deal]: ...
    async def add(self, deal: Deal) -> None: ...
    async def update(self, deal: Deal, expected_version: int) -> None: ...
    async def add_change(self, change: StageChange) -> None: ...
    async def in_stage(self, stage_id: UUID) -> list[Deal]:
        """Every deal in the stage, whoever's, by id, locked until the transaction ends."""
        ...

    async def move_all(self, moves: Sequence[tuple[Deal, StageChange]]) -> None:
        """Writes deals moved to another stage (only their stage and the moment they
        entered it changed; each gets a new version) and records their changes, in a
        handful of statements however many they are."""
        ...

    async def changes(self, deal_id: UUID) -> list[StageChange]: ...
    async def board(
        self, principal: Principal, pipeline: Pipeline, per_stage: int
    ) -> list[StageColumn]: ...


def _status_for(stage: Stage) -> DealStatus:
    return DealStatus(stage.kind.value)


async def _pipeline(uow: UnitOfWork, pipeline_id: UUID | None) -> Pipeline:
    pipeline = await (uow.pipelines.get(pipeline_id) if pipeline_id else uow.pipelines.default())
    if pipeline is None:
        raise ValidationFailed.on("pipeline_id", "no such pipeline", FieldErrorCode.NOT_FOUND)
    return pipeline


def _enter_stage(
    principal: Principal | None, deal: Deal, stage: Stage, lost_reason: str | None
) -> StageChange:
    """Puts the deal in `stage` (a lost stage needs a reason) and returns the move to
    record once the deal is written."""
    now = utcnow()
    previous = deal.stage_id if deal.stage_id != stage.id else None
    if stage.kind is StageKind.LOST:
        reason = optional_text(lost_reason) or deal.lost_reason
        if not reason:
            raise ValidationFailed.on(
                "lost_reason", "say why the deal was lost", FieldErrorCode.REQUIRED
            )
        deal.lost_reason, deal.lost_at = reason, now
    else:
        deal.lost_reason, deal.lost_at = None, None
    deal.won_at = now if stage.kind is StageKind.WON else None
    seconds = int((now - deal.stage_entered_at).total_seconds()) if previous else None
    deal.stage_id, deal.status, deal.stage_entered_at = stage.id, _status_for(stage), now
    return StageChange(
        deal_id=deal.id,
        from_stage_id=previous,
        to_stage_id=stage.id,
        by=principal.user_id if principal else None,
        seconds_in_previous=seconds,
        contact_id=deal.contact_id,
        rule_id=principal.rule_id if principal else None,
        at=now,
    )


async def record_stage_change(uow: UnitOfWork, event: DealEnteredStage) -> None:
    """The move goes into the deal's stage history."""
    await uow.deals.add_change(event.stage_change)


async def make_contact_customer(uow: UnitOfWork, event: DealEnteredStage) -> None:
    """A won deal makes its contact a customer."""
    deal = event.deal
    if deal.status is not DealStatus.WON or deal.contact_id is None:
        return
    contact = await uow.contacts.get(deal.contact_id)
    if contact is not None and contact.lifecycle_stage is not LifecycleStage.CUSTOMER:
        before, loaded = contact.snapshot(), contact.version
        contact.lifecycle_stage, contact.updated_at = LifecycleStage.CUSTOMER, utcnow()
        await uow.contacts.update(contact, loaded)
        await changes.record(
            uow, event.principal, AuditAction.UPDATED, RecordKind.CONTACTS, [(contact, before)]
        )


async def apply_changes(
    uow: UnitOfWork, principal: Principal, deal: Deal, given: DealChanges, creating: bool
) -> None:
    """Sets the fields given on `deal`, each checked; UNSET ones stay as they are."""
    if given.title is not UNSET:
        deal.title = clean_name(given.title or "", "title")
    if given.amount is not UNSET and given.amount is not None:
        if not 0 <= given.amount <= MAX_AMOUNT:
            raise ValidationFailed.on(
                "amount",
                "between 0 and 10^15 minor units",
                FieldErrorCode.OUT_OF_RANGE,
                min=0,
                max=10**15,
            )
        deal.amount = given.amount
    if given.currency:
        deal.currency = given.currency
    if given.expected_close is not UNSET:
        deal.expected_close = given.expected_close
    if given.source is not UNSET:
        deal.source = optional_text(given.source)
    if given.tags is not UNSET:
        deal.tags = normalize_tags(given.tags or ())
    if given.contact_id is not UNSET and given.contact_id != deal.contact_id:
        if given.contact_id and not await uow.contacts.get(given.contact_id, visible_to=principal):
            raise ValidationFailed.on(
                "contact_id", "no such contact in your scope", FieldErrorCode.NOT_FOUND
            )
        deal.contact_id = given.contact_id
    if given.company_id is not UNSET and given.company_id != deal.company_id:
        if given.company_id and not await uow.companies.get(given.company_id, visible_to=principal):
            raise ValidationFailed.on(
                "company_id", "no such company in your scope", FieldErrorCode.NOT_FOUND
            )
        deal.company_id = given.company_id
    if given.custom_fields is not UNSET or creating:
        definitions = await uow.custom_fields.for_entity(CustomEntity.DEAL)
        deal.custom_fields = apply_custom_fields(
            definitions, deal.custom_fields, given.custom_fields or {}, creating
        )
    if given.owner_id is None and not creating:
        raise ValidationFailed.on("owner_id", "a deal always has an owner", FieldErrorCode.REQUIRED)
    if given.owner_id and given.owner_id != deal.owner_id:
        ownership = await assign_owner(uow, principal, RecordKind.DEALS, given.owner_id)
        deal.owner_id, deal.team_id = ownership.owner_id, ownership.team_id


async def create_deal(uow: UnitOfWork, principal: Principal, new: NewDeal) -> Deal:
    return await _create(uow, principal, new, new.pipeline_id, new.stage_id, new.lost_reason)


async def _create(
    uow: UnitOfWork,
    principal: Principal,
    given: DealChanges,
    pipeline_id: UUID | Unset | None,
    stage_id: UUID | Unset | None,
    lost_reason: str | Unset | None,
) -> Deal:
    require(principal, Permission.DEALS_WRITE)
    pipeline = await _pipeline(uow, value_or(pipeline_id, None))
    stage = pipeline.stage(stage_id) if stage_id else pipeline.first_open_stage
    if stage is None:
        raise ValidationFailed.on(
            "stage_id", "no such stage in this pipeline", FieldErrorCode.NOT_FOUND
        )
    owner_id = value_or(given.owner_id, None)
    ownership = await assign_owner(uow, principal, RecordKind.DEALS, owner_id)
    now = utcnow()
    deal = Deal(
        created_at=now,
        updated_at=now,
        stage_entered_at=now,
        title="",
        pipeline_id=pipeline.id,
        stage_id=stage.id,
        owner_id=ownership.owner_id,
        team_id=ownership.team_id,
    )
    await apply_changes(uow, principal, deal, replace(given, owner_id=UNSET), creating=True)
    change = _enter_stage(principal, deal, stage, value_or(lost_reason, None))
    await uow.deals.add(deal)
    return await _entered(uow, deal, DealCreated.of(principal, deal, change))


async def _entered(uow: UnitOfWork, deal: Deal, event: DealEnteredStage) -> Deal:
    """The deal as it is once what follows its entering a stage is done (rules on that
    stage may have changed it)."""
    if await uow.emit(event):
        return await uow.deals.get(deal.id) or deal
    return deal


async def get_deal(uow: UnitOfWork, principal: Principal, deal_id: UUID) -> Deal:
    return await DEALS.get(uow, principal, deal_id)


async def deal_to_change(uow: UnitOfWork, principal: Principal, deal_id: UUID) -> Deal:
    return await DEALS.to_change(uow, principal, deal_id)


async def list_deals(
    uow: UnitOfWork, principal: Principal, filters: DealFilter, page: PageRequest
) -> Page[Deal]:
    require(principal, Permission.DEALS_READ)
    found = await external_ids.filtered_by_external_id(
        uow, DEALS, principal, filters, filters.external_id, archived=False
    )
    return found or await uow.deals.find_page(principal, filters, page)


async def update_deal(
    uow: UnitOfWork,
    principal: Principal,
    deal_id: UUID,
    given: DealChanges,
    expected_version: int | None,
    external_ids: Mapping[str, str | None] | None = None,
) -> Deal:
    async def change(deal: Deal) -> None:
        await apply_changes(uow, principal, deal, given, creating=False)

    return await DEALS.update(uow, principal, deal_id, expected_version, change, external_ids)


async def move_deal(
    uow: UnitOfWork,
    principal: Principal,
    deal_id: UUID,
    stage_id: UUID,
    lost_reason: str | None,
    expected_version: int | None,
) -> Deal:
    """Moves the deal to another stage of its pipeline (any stage: funnels are not
    always walked in order), recording from, to, who, when and the time spent."""
    require(principal, Permission.DEALS_WRITE)
    deal = await deal_to_change(uow, principal, deal_id)
    check_version(deal.version, expected_version)
    pipeline = await _pipeline(uow, deal.pipeline_id)
    stage = pipeline.stage(stage_id)
    if stage is None:
        raise ValidationFailed.on(
            "stage_id", "no such stage in the deal's pipeline", FieldErrorCode.NOT_FOUND
        )
    if stage.id == deal.stage_id:
        raise Conflict("The deal is in that stage already.", [FieldError("stage_id", "same stage")])
    before, loaded = deal.snapshot(), deal.version
    change = _enter_stage(principal, deal, stage, lost_reason)
    deal.updated_at = utcnow()
    await uow.deals.update(deal, loaded)
    return await _entered(uow, deal, DealMoved.of(principal, deal, before, change))


async def relocate_deals(
    uow: UnitOfWork, principal: Principal, deals: Sequence[Deal], target: Stage
) -> None:
    """Moves the deals of a stage being removed to `target`, of the same kind: each
    move is in its deal's history (by whom, the time spent in the stage), in the funnel's
    totals (the deal counts as having reached the target, where it now is) and in the
    audit trail. Status and the moments deals were won or lost stay as they were, and
    automation rules do not run: the funnel was reshaped, nobody worked the deals."""
    now = utcnow()
    moves, audited = [], []
    for deal in deals:
        before = deal.snapshot()
        change = StageChange(
            deal_id=deal.id,
            from_stage_id=deal.stage_id,
            to_stage_id=target.id,
            by=principal.user_id,
            seconds_in_previous=int((now - deal.stage_entered_at).total_seconds()),
            contact_id=deal.contact_id,
            rule_id=principal.rule_id,
            at=now,
        )
        deal.stage_id, deal.stage_entered_at, deal.updated_at = target.id, now, now
        moves.append((deal, change))
        audited.append((deal, before))
    await uow.deals.move_all(moves)
    await changes.record(uow, principal, AuditAction.UPDATED, RecordKind.DEALS, audited)


async def deal_history(uow: UnitOfWork, principal: Principal, deal_id: UUID) -> list[StageChange]:
    deal = await get_deal(uow, principal, deal_id)
    return await uow.deals.changes(deal.id)


async def convert_lead(
    uow: UnitOfWork, principal: Principal, contact_id: UUID, lead: ConvertLead
) -> Deal:
    """Turns a lead into a deal in the chosen (or default) pipeline, in one transaction:
    the deal starts in the first open stage and the contact becomes a prospect."""
    require(principal, Permission.DEALS_WRITE)
    require(principal, Permission.CONTACTS_WRITE)
    contact = await uow.contacts.get(contact_id, visible_to=principal)
    if contact is None:
        raise NotFound("Contact not found.")
    check_may_change(principal, RecordKind.CONTACTS, contact.owner_id, contact.team_id)
    if contact.lifecycle_stage is not LifecycleStage.LEAD:
        raise Conflict(f"Only a lead converts; this contact is a {contact.lifecycle_stage.value}.")
    title = lead.title or f"{contact.full_name} deal"
    # The contact is a prospect before the deal exists: rules on the deal's first stage
    # see the conversion done, and may change the contact themselves.
    before, loaded = contact.snapshot(), contact.version
    contact.lifecycle_stage, contact.updated_at = LifecycleStage.PROSPECT, utcnow()
    await uow.contacts.update(contact, loaded)
    await changes.record(
        uow, principal, AuditAction.UPDATED, RecordKind.CONTACTS, [(contact, before)]
    )
    given = replace(lead, title=title, contact_id=contact.id, company_id=contact.company_id)
    return await _create(uow, principal, given, lead.pipeline_id, UNSET, UNSET)


async def board(
    uow: UnitOfWork, principal: Principal, pipeline_id: UUID, per_stage: int
) -> tuple[Pipeline, list[StageColumn]]:
    """Per stage: how many deals, their sum per currency, and the first deals, in one go."""
    require(principal, Permission.DEALS_READ)
    pipeline = await uow.pipelines.get(pipeline_id)
    if pipeline is None:
        raise NotFound("Pipeline not found.")
    return pipeline, await uow.deals.board(principal, pipeline, per_stage)
