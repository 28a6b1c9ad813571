"""Deal use cases on the in-memory unit of work: the funnel's moves and what they record."""

from __future__ import annotations

import uuid

import pytest

from domain.audit import AuditAction, FieldChange
from domain.changes import Audience
from domain.contacts.contacts import (
    ContactChanges,
    ContactOrigin,
    LifecycleStage,
    create_contact,
)
from domain.errors import Conflict, FieldErrorCode, ValidationFailed
from domain.funnel.deals import DealStatus, NewDeal, create_deal, move_deal
from domain.funnel.pipelines import DEFAULT_PIPELINE, Stage
from tests.domain.fakes import FakeUnitOfWork

TEAM = uuid.uuid4()
NEW, QUALIFIED, _, _, WON, LOST = DEFAULT_PIPELINE.ordered_stages


@pytest.fixture
def fake() -> FakeUnitOfWork:
    return FakeUnitOfWork()


def stage_ids(*stages: Stage) -> list[str]:
    return [str(s.id) for s in stages]


async def test_a_new_deal_enters_the_default_pipeline_s_first_stage(
    fake: FakeUnitOfWork,
) -> None:
    """Without a pipeline or stage, a deal is open in the default pipeline's first open
    stage, owned by its creator; its history starts with entering that stage from
    nowhere, and one deal.created event at version 1 carries that stage."""
    seller = fake.staff("salesperson", TEAM)

    deal = await create_deal(fake.as_uow(), seller, NewDeal(title=" Fleet renewal ", amount=5000))

    stored = fake.deals.stored(deal.id)
    assert (stored.title, stored.amount, stored.pipeline_id, stored.stage_id) == (
        "Fleet renewal",
        5000,
        DEFAULT_PIPELINE.id,
        NEW.id,
    )
    assert (stored.status, stored.owner_id, stored.team_id) == (
        DealStatus.OPEN,
        seller.user_id,
        TEAM,
    )
    [entered] = await fake.deals.changes(deal.id)
    assert (entered.from_stage_id, entered.to_stage_id, entered.by) == (
        None,
        NEW.id,
        seller.user_id,
    )
    [audited] = fake.audit.events
    assert (audited.entity_type, audited.action) == ("deal", AuditAction.CREATED)
    [event] = fake.changes.events
    assert (event.type, event.version, event.state["stage_id"]) == ("deal.created", 1, str(NEW.id))


async def test_moving_a_deal_records_the_move_and_one_change_event(fake: FakeUnitOfWork) -> None:
    """A move puts the deal in the stage at the next version; its history gains the
    move (from, to, by, seconds in the previous stage); one audit event names the stage
    change, and one deal.moved event carries the new stage."""
    seller = fake.staff("salesperson")
    deal = await create_deal(fake.as_uow(), seller, NewDeal(title="Fleet renewal"))
    audits, events = len(fake.audit.events), len(fake.changes.events)

    moved = await move_deal(fake.as_uow(), seller, deal.id, QUALIFIED.id, None, 1)

    assert (moved.stage_id, moved.version) == (QUALIFIED.id, 2)
    assert fake.deals.stored(deal.id).stage_id == QUALIFIED.id
    latest = (await fake.deals.changes(deal.id))[-1]
    assert (latest.from_stage_id, latest.to_stage_id, latest.by) == (
        NEW.id,
        QUALIFIED.id,
        seller.user_id,
    )
    assert latest.seconds_in_previous is not None and latest.seconds_in_previous >= 0
    [audited] = fake.audit.events[audits:]
    assert audited.changes == {"stage_id": FieldChange(*stage_ids(NEW, QUALIFIED))}
    [event] = fake.changes.events[events:]
    assert (event.type, event.entity_id, event.version) == ("deal.moved", deal.id, 2)
    assert (event.state["stage_id"], event.state["status"]) == (str(QUALIFIED.id), "open")


async def test_moving_a_deal_to_the_stage_it_is_in_is_a_conflict(fake: FakeUnitOfWork) -> None:
    """A move to the deal's own stage is no move: 409 naming `stage_id`, and neither
    the deal nor its history nor the events change."""
    seller = fake.staff("salesperson")
    deal = await create_deal(fake.as_uow(), seller, NewDeal(title="Fleet renewal"))
    audits, events = len(fake.audit.events), len(fake.changes.events)

    with pytest.raises(Conflict) as refused:
        await move_deal(fake.as_uow(), seller, deal.id, NEW.id, None, None)

    assert [e.field for e in refused.value.errors] == ["stage_id"]
    assert fake.deals.stored(deal.id).version == 1
    assert len(await fake.deals.changes(deal.id)) == 1
    assert (len(fake.audit.events), len(fake.changes.events)) == (audits, events)


async def test_a_lost_deal_needs_a_reason(fake: FakeUnitOfWork) -> None:
    """Moving to a lost stage without saying why is 422 naming `lost_reason` as
    required; with a reason the deal is lost, with it."""
    seller = fake.staff("salesperson")
    deal = await create_deal(fake.as_uow(), seller, NewDeal(title="Fleet renewal"))

    with pytest.raises(ValidationFailed) as refused:
        await move_deal(fake.as_uow(), seller, deal.id, LOST.id, "  ", None)
    assert [(e.field, e.code) for e in refused.value.errors] == [
        ("lost_reason", FieldErrorCode.REQUIRED)
    ]
    assert fake.deals.stored(deal.id).status is DealStatus.OPEN

    lost = await move_deal(fake.as_uow(), seller, deal.id, LOST.id, "Went with a rival", 1)
    assert (lost.status, lost.lost_reason) == (DealStatus.LOST, "Went with a rival")


async def test_winning_a_deal_makes_its_lead_a_customer(fake: FakeUnitOfWork) -> None:
    """A deal moved to a won stage is won, and its contact, a lead, becomes a customer:
    stored at the next version, with a contact.updated event carrying the new stage
    beside the deal.won one."""
    seller = fake.staff("salesperson")
    contact = await create_contact(
        fake.as_uow(), seller, ContactChanges(first_name="Maria"), ContactOrigin.MANUAL
    )
    assert contact.lifecycle_stage is LifecycleStage.LEAD
    deal = await create_deal(
        fake.as_uow(), seller, NewDeal(title="Fleet renewal", contact_id=contact.id)
    )
    events = len(fake.changes.events)

    won = await move_deal(fake.as_uow(), seller, deal.id, WON.id, None, 1)

    assert (won.status, won.won_at is not None) == (DealStatus.WON, True)
    customer = fake.contacts.stored(contact.id)
    assert (customer.lifecycle_stage, customer.version) == (LifecycleStage.CUSTOMER, 2)
    by_type = {e.type: e for e in fake.changes.events[events:]}
    assert sorted(by_type) == ["contact.updated", "deal.won"]
    assert (by_type["contact.updated"].entity_id, by_type["contact.updated"].version) == (
        contact.id,
        2,
    )
    assert by_type["contact.updated"].state["lifecycle_stage"] == "customer"
    assert by_type["deal.won"].state["status"] == "won"


async def test_a_deal_event_is_read_by_the_owner_and_their_team(fake: FakeUnitOfWork) -> None:
    """The feed shows a deal's change to whoever reads the deal in lists
    (persistence/scope.py: its owner, and its team at team level)."""
    seller = fake.staff("salesperson", TEAM)

    await create_deal(fake.as_uow(), seller, NewDeal(title="Fleet renewal"))

    [event] = fake.changes.events
    assert event.audience == Audience(TEAM, frozenset({seller.user_id}))
