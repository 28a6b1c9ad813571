"""Request bodies into commands (api/commands.py), without a database: what a client
sends arrives typed, what it leaves out arrives UNSET, and nothing it may send is lost."""

from __future__ import annotations

import dataclasses
from uuid import uuid4

import pytest
from pydantic import BaseModel

from api.commands import command
from api.schemas.automation import (
    ActionIn,
    AutomationRuleCreate,
    AutomationRuleUpdate,
    ConditionIn,
    TriggerIn,
)
from api.schemas.companies import CompanyCreate, CompanyUpdate
from api.schemas.contacts import ContactBatchItem, ContactCreate, ContactUpdate, EmailIn, PhoneIn
from api.schemas.deals import DealCreate, DealUpdate, LeadConversion, StageUpdate
from api.schemas.interactions import InteractionComplete, InteractionCreate, InteractionUpdate
from api.schemas.requests import RequestCreate, RequestUpdate
from api.schemas.tasks import TaskCreate, TaskUpdate
from api.schemas.users import UserCreate, UserUpdate
from domain.access.users import NewUser, UserChanges
from domain.commands import UNSET
from domain.contacts.companies import CompanyChanges
from domain.contacts.contacts import (
    ContactChanges,
    ContactEmail,
    ContactPhone,
    LifecycleStage,
)
from domain.funnel.automation.definitions import RuleChanges
from domain.funnel.automation.model import (
    Action,
    ActionType,
    Condition,
    Operator,
    RuleTrigger,
)
from domain.funnel.deals import ConvertLead, DealChanges, NewDeal
from domain.funnel.pipelines import StageChanges, StageKind
from domain.funnel.triggers import Trigger
from domain.interactions.interactions import (
    Channel,
    CompleteInteraction,
    InteractionChanges,
    InteractionStatus,
    NewInteraction,
)
from domain.interactions.requests import NewRequest, RequestChanges
from domain.interactions.tasks import TaskChanges

# Each body the API turns into a command (as the routers do), and each nested body
# into the domain's dataclass it becomes inside one.
BODIES: list[tuple[type[BaseModel], type[object], frozenset[str]]] = [
    # External ids are kept beside the records: the routes hand them to domain/external_ids.
    (ContactCreate, ContactChanges, frozenset({"external_ids"})),
    (ContactUpdate, ContactChanges, frozenset({"external_ids"})),
    (ContactBatchItem, ContactChanges, frozenset({"id", "version"})),
    (CompanyCreate, CompanyChanges, frozenset({"external_ids"})),
    (CompanyUpdate, CompanyChanges, frozenset({"external_ids"})),
    (DealCreate, NewDeal, frozenset({"external_ids"})),
    (DealUpdate, DealChanges, frozenset({"external_ids"})),
    (LeadConversion, ConvertLead, frozenset()),
    (InteractionCreate, NewInteraction, frozenset()),
    (InteractionUpdate, InteractionChanges, frozenset()),
    (InteractionComplete, CompleteInteraction, frozenset()),
    (TaskCreate, TaskChanges, frozenset()),
    (TaskUpdate, TaskChanges, frozenset()),
    (RequestCreate, NewRequest, frozenset()),
    (RequestUpdate, RequestChanges, frozenset()),
    (AutomationRuleCreate, RuleChanges, frozenset()),
    (AutomationRuleUpdate, RuleChanges, frozenset()),
    (UserCreate, NewUser, frozenset()),
    (UserUpdate, UserChanges, frozenset()),
    (StageUpdate, StageChanges, frozenset()),
    (EmailIn, ContactEmail, frozenset()),
    (PhoneIn, ContactPhone, frozenset()),
    (TriggerIn, RuleTrigger, frozenset()),
    (ConditionIn, Condition, frozenset()),
    (ActionIn, Action, frozenset()),
]


@pytest.mark.parametrize(("body", "kind", "exclude"), BODIES, ids=[b.__name__ for b, *_ in BODIES])
def test_every_field_a_body_takes_has_its_place_in_the_command(
    body: type[BaseModel], kind: type[object], exclude: frozenset[str]
) -> None:
    """Every field of a request body (but those its route reads itself, like a batch
    item's id) is a field of its command: nothing a client sends is dropped unseen."""
    assert dataclasses.is_dataclass(kind)
    taken = {f.name for f in dataclasses.fields(kind)}
    assert set(body.model_fields) - exclude <= taken


def test_fields_not_sent_are_unset_and_sent_ones_typed() -> None:
    """A field left out is UNSET, a null stays None (it clears), lists arrive as tuples
    and nested bodies as the domain's dataclasses, with their own defaults."""
    body = ContactUpdate.model_validate(
        {"city": None, "emails": [{"email": "a@x.io"}], "tags": ["vip"], "lifecycle_stage": "lead"}
    )

    changes = command(body, ContactChanges)

    assert changes == ContactChanges(
        city=None,
        emails=(ContactEmail("a@x.io", primary=False),),
        tags=("vip",),
        lifecycle_stage=LifecycleStage.LEAD,
    )
    assert changes.first_name is UNSET
    assert changes.owner_id is UNSET


def test_text_choices_become_the_domains_enums_and_defaults_stay_unset() -> None:
    """A choice the schema takes as text (an interaction's status) arrives as the
    domain's enum; a field with a schema default the client did not send is UNSET."""
    contact_id = uuid4()
    planned = command(
        InteractionCreate.model_validate(
            {"channel": "call", "status": "planned", "contact_id": str(contact_id)}
        ),
        NewInteraction,
    )
    assert (planned.channel, planned.status, planned.contact_id) == (
        Channel.CALL,
        InteractionStatus.PLANNED,
        contact_id,
    )
    assert (
        command(InteractionCreate.model_validate({"channel": "call"}), NewInteraction).status
        is UNSET
    )


def test_a_rule_arrives_with_its_trigger_conditions_and_actions_as_domain_values() -> None:
    """A rule's nested trigger, conditions and actions become the domain's own."""
    body = AutomationRuleCreate.model_validate(
        {
            "name": "Tag callers",
            "trigger": {"type": "interaction_completed"},
            "conditions": [{"field": "outcome", "op": "equals", "value": "interested"}],
            "actions": [{"type": "add_tag", "tag": "warm"}],
        }
    )

    rule = command(body, RuleChanges)

    assert rule == RuleChanges(
        name="Tag callers",
        trigger=RuleTrigger(Trigger.INTERACTION_COMPLETED),
        conditions=(Condition("outcome", Operator.EQUALS, "interested"),),
        actions=(Action(ActionType.ADD_TAG, tag="warm"),),
    )
    assert rule.enabled is UNSET


def test_a_null_team_or_rotting_time_is_sent_and_tells_clear_from_leave() -> None:
    """`team_id: null` takes a user out of their team and `rotting_days: null` stops a
    stage rotting: both arrive as None, while a field left out arrives UNSET."""
    user = command(UserUpdate.model_validate({"team_id": None, "is_active": False}), UserChanges)
    stage = command(StageUpdate.model_validate({"rotting_days": None, "kind": "won"}), StageChanges)

    assert user == UserChanges(team_id=None, is_active=False)
    assert user.role_id is UNSET
    assert stage == StageChanges(rotting_days=None, kind=StageKind.WON)
    assert command(StageUpdate.model_validate({}), StageChanges).rotting_days is UNSET


def test_a_body_field_the_command_lacks_is_an_error_not_a_silent_loss() -> None:
    """Converting a body with a field its command does not have fails loudly."""
    item = ContactBatchItem.model_validate({"id": str(uuid4()), "city": "Faro"})
    with pytest.raises(TypeError):
        command(item, ContactChanges)
    assert command(item, ContactChanges, exclude=frozenset({"id"})) == ContactChanges(city="Faro")
