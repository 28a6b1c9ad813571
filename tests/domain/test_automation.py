"""Rule conditions against records, in memory: equals, in and greater_than on each kind of
field, and who a rule acts as."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from domain.access.levels import AccessLevel, AccessMatrix
from domain.access.principal import Principal
from domain.access.roles import MAX_RANK, Permission
from domain.contacts.contacts import Contact, LifecycleStage
from domain.funnel.automation.engine import acting_for, matches
from domain.funnel.automation.model import AutomationRule, Condition, Operator, RuleTrigger
from domain.funnel.deals import Deal
from domain.funnel.triggers import Trigger
from domain.interactions.interactions import Channel, Interaction, InteractionStatus

OWNER = uuid.uuid4()
STAGE = uuid.uuid4()


def rule(trigger: Trigger, *conditions: tuple[str, str, Any], **kw: Any) -> AutomationRule:
    return AutomationRule(
        name="r",
        trigger=RuleTrigger(trigger, **kw),
        conditions=[Condition(f, Operator(op), value) for f, op, value in conditions],
        actions=[],
        created_by=OWNER,
    )


def deal(**fields: Any) -> Deal:
    return Deal(
        **{
            "title": "Licences",
            "pipeline_id": uuid.uuid4(),
            "stage_id": STAGE,
            "owner_id": OWNER,
            "team_id": None,
            **fields,
        }
    )


@pytest.mark.parametrize(
    ("condition", "amount", "holds"),
    [
        (("amount", "greater_than", 1000), 1001, True),
        (("amount", "greater_than", 1000), 1000, False),
        (("amount", "equals", 1000), 1000, True),
        (("amount", "equals", 1000), 999, False),
        (("amount", "in", [5, 1000]), 1000, True),
        (("amount", "in", [5, 6]), 1000, False),
    ],
)
def test_numbers_compare_by_value(
    condition: tuple[str, str, Any], amount: int, holds: bool
) -> None:
    """greater_than is strict; equals and in compare the number itself."""
    assert (
        matches(rule(Trigger.DEAL_ENTERED_STAGE, condition, stage_id=STAGE), deal(amount=amount))
        is holds
    )


def test_a_deal_trigger_holds_only_in_its_stage() -> None:
    """deal_entered_stage is about one stage: a deal elsewhere never matches."""
    assert matches(rule(Trigger.DEAL_ENTERED_STAGE, stage_id=STAGE), deal())
    assert not matches(rule(Trigger.DEAL_ENTERED_STAGE, stage_id=uuid.uuid4()), deal())


def test_every_condition_must_hold() -> None:
    """Conditions are ANDed."""
    both = rule(
        Trigger.DEAL_ENTERED_STAGE,
        ("amount", "greater_than", 10),
        ("currency", "equals", "usd"),
        stage_id=STAGE,
    )
    assert matches(both, deal(amount=11, currency="USD"))
    assert not matches(both, deal(amount=11, currency="EUR"))
    assert not matches(both, deal(amount=10, currency="USD"))


def test_text_ignores_case_tags_mean_has_and_null_means_empty() -> None:
    """Text equals/in without regard to case; on tags, equals is "has the tag" and in is
    "has any"; equals null holds for an empty field."""
    contact = Contact(owner_id=OWNER, team_id=None, city="Berlin", tags=["vip", "webinar"])
    assert matches(rule(Trigger.CONTACT_CREATED, ("city", "equals", "BERLIN")), contact)
    assert matches(rule(Trigger.CONTACT_CREATED, ("city", "in", ["paris", "berlin"])), contact)
    assert matches(rule(Trigger.CONTACT_CREATED, ("tags", "equals", "vip")), contact)
    assert matches(rule(Trigger.CONTACT_CREATED, ("tags", "in", ["x", "webinar"])), contact)
    assert not matches(rule(Trigger.CONTACT_CREATED, ("tags", "in", ["x", "y"])), contact)
    assert matches(rule(Trigger.CONTACT_CREATED, ("company_id", "equals", None)), contact)
    assert not matches(rule(Trigger.CONTACT_CREATED, ("country", "equals", "DE")), contact)
    lead = rule(Trigger.CONTACT_CREATED, ("lifecycle_stage", "equals", "lead"))
    assert matches(lead, contact)
    contact.lifecycle_stage = LifecycleStage.CUSTOMER
    assert not matches(lead, contact)


def test_choices_and_ids_compare_as_their_json_values() -> None:
    """Enums compare by value, ids as their canonical strings; an empty field is never
    greater than anything."""
    call = Interaction(
        channel=Channel.CALL,
        status=InteractionStatus.DONE,
        owner_id=OWNER,
        team_id=None,
        outcome="interested",
    )
    assert matches(rule(Trigger.INTERACTION_COMPLETED, ("channel", "equals", "call")), call)
    assert matches(rule(Trigger.INTERACTION_COMPLETED, ("owner_id", "in", [str(OWNER)])), call)
    assert not matches(
        rule(Trigger.INTERACTION_COMPLETED, ("duration_minutes", "greater_than", 0)), call
    )


def test_a_rule_acts_with_full_authority_one_level_deeper_on_the_users_behalf() -> None:
    """The acting principal is the same user, holding every permission on every record
    and outranking everyone, carrying the rule's id and one more level of depth."""
    user = Principal(
        user_id=OWNER,
        role_id=uuid.uuid4(),
        rank=20,
        permissions=frozenset({Permission.CONTACTS_READ}),
        access=AccessMatrix.uniform(AccessLevel.OWN, AccessLevel.OWN),
        team_id=None,
    )
    r = rule(Trigger.CONTACT_CREATED)
    acting = acting_for(user, r)
    assert (acting.user_id, acting.rule_id, acting.rule_depth) == (OWNER, r.id, 1)
    assert acting.permissions == frozenset(Permission)
    assert acting.access == AccessMatrix.uniform(AccessLevel.ALL, AccessLevel.ALL)
    assert acting.rank > MAX_RANK
    assert acting_for(acting, r).rule_depth == 2
