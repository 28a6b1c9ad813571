"""Domain events on the in-memory unit of work: a use case raises what happened, and the
handlers (domain/handlers.py) run in their order in the same transaction."""

from __future__ import annotations

import inspect
import uuid

import pytest

from domain import events, handlers
from domain.contacts.contacts import (
    ContactChanges,
    ContactOrigin,
    LifecycleStage,
    create_contact,
    update_contact,
)
from domain.funnel.automation.model import Action, ActionType, AutomationRule, RuleTrigger
from domain.funnel.deals import DealStatus, NewDeal, create_deal
from domain.funnel.pipelines import DEFAULT_PIPELINE
from domain.funnel.triggers import Trigger
from tests.domain.fakes import FakeUnitOfWork

WON = DEFAULT_PIPELINE.ordered_stages[4]


@pytest.fixture
def fake() -> FakeUnitOfWork:
    return FakeUnitOfWork()


def tag_rule(trigger: Trigger, tag: str, author: uuid.UUID) -> AutomationRule:
    return AutomationRule(
        name=f"tag {tag}",
        trigger=RuleTrigger(trigger),
        actions=[Action(ActionType.ADD_TAG, tag=tag)],
        created_by=author,
    )


async def test_a_deal_won_at_creation_completes_its_change_before_it_is_recorded(
    fake: FakeUnitOfWork,
) -> None:
    """A deal created straight into a won stage raises one DealCreated: its stage
    history gains the entry, its lead becomes a customer, and only then is the change
    recorded, so the feed has the contact's update before the deal's creation."""
    seller = fake.staff("salesperson")
    contact = await create_contact(
        fake.as_uow(), seller, ContactChanges(first_name="Maria"), ContactOrigin.MANUAL
    )
    recorded = len(fake.changes.events)

    deal = await create_deal(
        fake.as_uow(), seller, NewDeal(title="Fleet", contact_id=contact.id, stage_id=WON.id)
    )

    assert deal.status is DealStatus.WON
    [entered] = await fake.deals.changes(deal.id)
    assert (entered.from_stage_id, entered.to_stage_id) == (None, WON.id)
    assert fake.contacts.stored(contact.id).lifecycle_stage is LifecycleStage.CUSTOMER
    assert [e.type for e in fake.changes.events[recorded:]] == ["contact.updated", "deal.created"]
    assert [(e.entity_type, e.action.value) for e in fake.audit.events[-2:]] == [
        ("contact", "updated"),
        ("deal", "created"),
    ]


async def test_a_contact_created_runs_the_rules_of_its_trigger_and_answers_as_they_left_it(
    fake: FakeUnitOfWork,
) -> None:
    """ContactCreated runs the contact-created rules (not another trigger's) in the same
    transaction; the use case answers with the contact as the rule left it."""
    owner = fake.staff("owner")
    fake.automation.rules = [
        tag_rule(Trigger.CONTACT_CREATED, "inbound", owner.user_id),
        tag_rule(Trigger.REQUEST_CREATED, "support", owner.user_id),
    ]

    contact = await create_contact(
        fake.as_uow(), owner, ContactChanges(first_name="Ada"), ContactOrigin.MANUAL
    )

    assert contact.tags == ["inbound"]
    assert fake.contacts.stored(contact.id).tags == ["inbound"]
    assert [run.rule_id for run in fake.automation.runs] == [fake.automation.rules[0].id]
    assert [e.type for e in fake.changes.events] == ["contact.created", "contact.updated"]


async def test_a_plain_change_is_recorded_and_runs_no_rules(fake: FakeUnitOfWork) -> None:
    """An update raises the plain Changed: an audit event and a change event, and no
    rule runs, not even those of the record's creation."""
    owner = fake.staff("owner")
    contact = await create_contact(
        fake.as_uow(), owner, ContactChanges(first_name="Ada"), ContactOrigin.MANUAL
    )
    fake.automation.rules = [tag_rule(Trigger.CONTACT_CREATED, "inbound", owner.user_id)]
    audited, recorded = len(fake.audit.events), len(fake.changes.events)

    await update_contact(fake.as_uow(), owner, contact.id, ContactChanges(last_name="King"), 1)

    assert [e.type for e in fake.changes.events[recorded:]] == ["contact.updated"]
    assert len(fake.audit.events) == audited + 1
    assert fake.automation.runs == []


def test_every_kind_of_event_has_a_handler_of_its_own() -> None:
    """Each business event type (every kind of `Changed` but `Changed` itself) is there
    because something follows from it: a handler, or a rule trigger, names it or a kind
    it is of. An event nobody handles is a business moment raised for nothing."""
    handled = {kind for kind, _ in handlers.HANDLERS if kind is not events.Changed}
    handled |= {kind for kind, _ in handlers.TRIGGERS}
    raised = [
        cls
        for _, cls in inspect.getmembers(events, inspect.isclass)
        if issubclass(cls, events.Changed) and cls is not events.Changed
    ]
    assert raised
    assert [cls.__name__ for cls in raised if not issubclass(cls, tuple(handled))] == []
