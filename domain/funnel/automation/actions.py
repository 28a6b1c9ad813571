"""What a rule does: each action, working on the triggering record as it is now."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from domain.access.roles import Permission
from domain.commands import UNSET, Unset
from domain.contacts import contacts
from domain.contacts.contacts import Contact, ContactChanges
from domain.errors import (
    Conflict,
    FieldErrorCode,
    NotFound,
    ValidationFailed,
)
from domain.funnel import deals
from domain.funnel.automation.model import (
    A,
    Action,
    ActionType,
    AutomationRule,
    RecordType,
    TriggeringRecord,
)
from domain.funnel.deals import Deal, DealChanges
from domain.funnel.distribution import Kind, next_in_turn
from domain.interactions import requests, tasks
from domain.interactions.interactions import Interaction
from domain.interactions.requests import CustomerRequest, RequestChanges
from domain.interactions.tasks import TaskChanges

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork


@dataclass(frozen=True)
class Step:
    """One rule at work on one record: what every action is given."""

    uow: UnitOfWork
    acting: Principal
    rule: AutomationRule
    record: TriggeringRecord
    now: datetime


async def _fresh(step: Step) -> TriggeringRecord:
    """The triggering record as it is now (earlier actions may have changed it)."""
    uow, record = step.uow, step.record
    found: TriggeringRecord | None
    if isinstance(record, Contact):
        found = await uow.contacts.get(record.id)
    elif isinstance(record, Deal):
        found = await uow.deals.get(record.id)
    elif isinstance(record, Interaction):
        found = await uow.interactions.get(record.id)
    else:
        found = await uow.requests.get(record.id)
    if found is None:
        raise NotFound("The record is gone.")
    return found


def _contact_of(record: TriggeringRecord) -> UUID | None:
    return record.id if isinstance(record, Contact) else record.contact_id


async def _move_deal(step: Step, action: Action) -> None:
    """Moves the triggering deal, or the deal the triggering interaction is about; a deal
    of another pipeline than the stage's is left where it is."""
    record = await _fresh(step)
    deal: Deal | None = record if isinstance(record, Deal) else None
    if isinstance(record, Interaction) and record.deal_id is not None:
        deal = await step.uow.deals.get(record.deal_id)
    stage_id = action.stage_id
    if deal is None or stage_id is None or stage_id == deal.stage_id:
        return
    pipeline = await step.uow.pipelines.get(deal.pipeline_id)
    if pipeline is not None and pipeline.stage(stage_id) is not None:
        await deals.move_deal(step.uow, step.acting, deal.id, stage_id, action.lost_reason, None)


def _about(record: TriggeringRecord) -> tuple[UUID | Unset | None, UUID | Unset | None]:
    """The deal and request a task made for `record` is about (UNSET: none given)."""
    if isinstance(record, Deal):
        return record.id, UNSET
    if isinstance(record, CustomerRequest):
        return UNSET, record.id
    if isinstance(record, Interaction):
        return record.deal_id, record.request_id
    return UNSET, UNSET


async def _create_task(step: Step, action: Action) -> None:
    """A task for whoever is responsible for the record: its owner (a request's assignee,
    when it has one), about the record's contact and company."""
    record = await _fresh(step)
    responsible = record.owner_id
    if isinstance(record, CustomerRequest) and record.assignee_id is not None:
        responsible = record.assignee_id
    deal_id, request_id = _about(record)
    await tasks.create_task(
        step.uow,
        step.acting,
        TaskChanges(
            title=action.title,
            description=f"From the automation rule {step.rule.name!r}.",
            due_at=step.now + timedelta(days=action.due_in_days or 0),
            assignee_id=responsible,
            contact_id=_contact_of(record),
            company_id=None if isinstance(record, CustomerRequest) else record.company_id,
            deal_id=deal_id,
            request_id=request_id,
        ),
    )


ROUND_ROBIN: dict[RecordType, tuple[Kind, Permission]] = {
    RecordType.CONTACT: ("leads", Permission.CONTACTS_WRITE),
    RecordType.DEAL: ("deals", Permission.DEALS_WRITE),
    RecordType.REQUEST: ("requests", Permission.REQUESTS_WRITE),
}


async def _assign_round_robin(step: Step, action: Action) -> None:
    """The record goes to the next member of the team, in the team's turn for that kind
    of work: a contact's or deal's owner, a request's assignee."""
    uow, record = step.uow, await _fresh(step)
    if action.team_id is None or await uow.teams.get(action.team_id) is None:
        raise ValidationFailed.on("team_id", "the team no longer exists", FieldErrorCode.NOT_FOUND)
    kind, permission = ROUND_ROBIN[step.rule.trigger.record_type]
    chosen = await next_in_turn(uow, action.team_id, kind, permission)
    if chosen is None:
        raise Conflict("Nobody in the team can take it.")
    if isinstance(record, Contact):
        await contacts.update_contact(
            uow, step.acting, record.id, ContactChanges(owner_id=chosen), None
        )
    elif isinstance(record, Deal):
        await deals.update_deal(uow, step.acting, record.id, DealChanges(owner_id=chosen), None)
    elif isinstance(record, CustomerRequest):
        await requests.update_request(
            uow, step.acting, record.id, RequestChanges(assignee_id=chosen), None
        )


async def _set_lifecycle_stage(step: Step, action: Action) -> None:
    contact_id = _contact_of(await _fresh(step))
    if contact_id is not None:  # an interaction with a company only, a deal without contact
        given = ContactChanges(lifecycle_stage=action.stage)
        await contacts.update_contact(step.uow, step.acting, contact_id, given, None)


async def _add_tag(step: Step, action: Action) -> None:
    """Tags the deal or contact; an interaction or a request tags its contact."""
    uow, record = step.uow, await _fresh(step)
    # A rule is saved only with the tag its add_tag action needs: never blank here.
    tag = action.tag or ""
    if isinstance(record, Deal):
        tagged = DealChanges(tags=(*record.tags, tag))
        await deals.update_deal(uow, step.acting, record.id, tagged, None)
        return
    contact_id = _contact_of(record)
    contact = await uow.contacts.get(contact_id) if contact_id else None
    if contact is not None:
        given = ContactChanges(tags=(*contact.tags, tag))
        await contacts.update_contact(uow, step.acting, contact.id, given, None)


ACTIONS: dict[ActionType, Callable[[Step, Action], Awaitable[None]]] = {
    A.MOVE_DEAL_TO_STAGE: _move_deal,
    A.CREATE_TASK: _create_task,
    A.ASSIGN_OWNER_ROUND_ROBIN: _assign_round_robin,
    A.SET_CONTACT_LIFECYCLE_STAGE: _set_lifecycle_stage,
    A.ADD_TAG: _add_tag,
}
