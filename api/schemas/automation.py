from __future__ import annotations

import datetime as dt
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StrictStr
from pydantic.config import JsonDict

from api.schemas.common import Input, ReadModel
from domain.contacts.contacts import LifecycleStage
from domain.funnel.automation.definitions import ValueKind
from domain.funnel.automation.model import ActionType, Operator, RecordType, RunOutcome
from domain.funnel.pipelines import StageKind
from domain.funnel.triggers import Trigger

Scalar = StrictStr | StrictInt | StrictBool
ConditionValue = Annotated[
    Scalar | list[Scalar] | None,
    Field(
        description="`equals`: one value (null: the field is empty); `in`: a list of values; "
        "`greater_than`: a number. Ids as strings, choices as their values; text compares "
        "without regard to case; on `tags`, `equals` means has the tag.",
        examples=["interested"],
    ),
]

_TRIGGER_DESCRIPTION = (
    "What fires the rule. `deal_entered_stage` and `deal_idle_in_stage` name a `stage_id`; "
    "`deal_idle_in_stage` also `days` in the stage (checked by `crm run-scheduled`)."
)


class TriggerIn(Input):
    type: Trigger
    stage_id: UUID | None = Field(None, description="For the deal triggers.")
    days: StrictInt | None = Field(None, ge=1, le=365, description="For deal_idle_in_stage.")


class TriggerRead(ReadModel):
    type: Trigger
    stage_id: UUID | None
    days: int | None


class ConditionIn(Input):
    field: str = Field(
        min_length=1,
        max_length=50,
        description="A field of the triggering record (contact, deal, interaction or "
        "request), e.g. `outcome`, `amount`, `priority`, `lifecycle_stage`, `tags`.",
        examples=["outcome"],
    )
    op: Operator
    value: ConditionValue = None


class ConditionRead(ReadModel):
    field: str
    op: Operator
    value: ConditionValue


class ActionIn(Input):
    """One action; send the parameters its type takes (the others stay null)."""

    type: ActionType
    stage_id: UUID | None = Field(
        None,
        description="move_deal_to_stage: a stage of the trigger's pipeline (from an "
        "interaction: an open stage; the deal the interaction is about moves if it is in "
        "that pipeline).",
    )
    lost_reason: str | None = Field(
        None, max_length=2000, description="move_deal_to_stage to a lost stage: required."
    )
    title: str | None = Field(None, max_length=300, description="create_task: its title.")
    due_in_days: StrictInt | None = Field(
        None, ge=0, le=365, description="create_task: due this many days after the event."
    )
    team_id: UUID | None = Field(
        None, description="assign_owner_round_robin: whose members take turns."
    )
    stage: LifecycleStage | None = Field(
        None, description="set_contact_lifecycle_stage: the contact's new stage."
    )
    tag: str | None = Field(None, max_length=50, description="add_tag: the tag.")


class ActionRead(ReadModel):
    type: ActionType
    stage_id: UUID | None
    lost_reason: str | None
    title: str | None
    due_in_days: int | None
    team_id: UUID | None
    stage: LifecycleStage | None
    tag: str | None


def _action(type_: str, **parameters: object) -> JsonDict:
    names = ("stage_id", "lost_reason", "title", "due_in_days", "team_id", "stage", "tag")
    example: JsonDict = {"type": type_}
    for name in names:
        value = parameters.get(name)
        example[name] = value if isinstance(value, str | int) else None
    return example


_RULE_EXAMPLE: JsonDict = {
    "id": "4c3b2a19-0f8e-4d7c-b6a5-948372615040",
    "name": "Interested on the phone: qualify and call back",
    "enabled": True,
    "trigger": {"type": "interaction_completed", "stage_id": None, "days": None},
    "conditions": [
        {"field": "channel", "op": "equals", "value": "call"},
        {"field": "outcome", "op": "in", "value": ["interested", "meeting_booked"]},
    ],
    "actions": [
        _action("create_task", title="Send the offer", due_in_days=2),
        _action("set_contact_lifecycle_stage", stage="prospect"),
        _action("add_tag", tag="hot"),
    ],
    "created_by": "0b7c6f5e-8d3a-4f21-9c6e-2a1d4b5e6f70",
    "created_at": "2026-11-20T09:00:00Z",
    "updated_at": "2026-11-24T15:30:00Z",
    "version": 2,
}


class AutomationRuleRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_RULE_EXAMPLE]})

    id: UUID
    name: str
    enabled: bool
    trigger: TriggerRead
    conditions: list[ConditionRead]
    actions: list[ActionRead]
    created_by: UUID
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int


class AutomationRuleCreate(Input):
    name: str = Field(min_length=1, max_length=200, examples=["Qualify interested callers"])
    enabled: bool = True
    trigger: TriggerIn = Field(description=_TRIGGER_DESCRIPTION)
    conditions: list[ConditionIn] = Field(
        default_factory=list, max_length=20, description="All must hold."
    )
    actions: list[ActionIn] = Field(min_length=1, max_length=10, description="Run in order.")


class AutomationRuleUpdate(Input):
    """Send only what changes; the rule as a whole must still hold together."""

    name: str | None = Field(None, min_length=1, max_length=200)
    enabled: bool | None = Field(None, description="false: the rule stays but does not act.")
    trigger: TriggerIn | None = None
    conditions: list[ConditionIn] | None = Field(None, max_length=20)
    actions: list[ActionIn] | None = Field(None, min_length=1, max_length=10)


class AutomationRunRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "9e8d7c6b-5a49-4382-9170-6f5e4d3c2b1a",
                    "rule_id": "4c3b2a19-0f8e-4d7c-b6a5-948372615040",
                    "record_type": "interaction",
                    "record_id": "2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901",
                    "stage_entered_at": None,
                    "outcome": "done",
                    "detail": None,
                    "actor_id": "0b7c6f5e-8d3a-4f21-9c6e-2a1d4b5e6f70",
                    "depth": 1,
                    "at": "2026-11-24T15:30:00Z",
                }
            ]
        }
    )

    id: UUID
    rule_id: UUID
    record_type: RecordType
    record_id: UUID
    stage_entered_at: dt.datetime | None = Field(
        description="deal_idle_in_stage: the stage entry the run was for (once per entry)."
    )
    outcome: RunOutcome
    detail: str | None = Field(description="Why it failed or was skipped.")
    actor_id: UUID | None = Field(description="On whose behalf the rule acted.")
    depth: int = Field(description="1 for a user's change, 2 for a rule's change, ...")
    at: dt.datetime


class ConditionFieldRead(ReadModel):
    name: str
    kind: ValueKind = Field(
        description="text (any case), number (the only kind for greater_than), id, boolean, "
        "tags, choice or outcome (one of `choices`)."
    )
    choices: list[str] = Field(description="For choice and outcome fields: the values.")
    operators: list[Operator]


class ActionKindRead(ReadModel):
    type: ActionType
    parameters: list[str] = Field(
        description="The parameters it takes; lost_reason only for a move to a lost stage."
    )
    stage_kinds: list[StageKind] = Field(
        description="move_deal_to_stage: the kinds of stage it may move to from this trigger."
    )


class TriggerKindRead(ReadModel):
    type: Trigger
    record_type: RecordType
    needs_stage: bool = Field(description="The trigger names a stage_id.")
    needs_days: bool = Field(description="The trigger counts days in the stage.")
    fields: list[ConditionFieldRead] = Field(description="What its conditions may test.")
    actions: list[ActionKindRead] = Field(description="What it may do.")


_VOCABULARY_EXAMPLE: JsonDict = {
    "triggers": [
        {
            "type": "interaction_completed",
            "record_type": "interaction",
            "needs_stage": False,
            "needs_days": False,
            "fields": [
                {
                    "name": "outcome",
                    "kind": "outcome",
                    "choices": ["interested", "meeting_booked"],
                    "operators": ["equals", "in"],
                },
                {
                    "name": "duration_minutes",
                    "kind": "number",
                    "choices": [],
                    "operators": ["equals", "in", "greater_than"],
                },
            ],
            "actions": [
                {
                    "type": "move_deal_to_stage",
                    "parameters": ["stage_id", "lost_reason"],
                    "stage_kinds": ["open"],
                },
                {"type": "create_task", "parameters": ["title", "due_in_days"], "stage_kinds": []},
            ],
        }
    ]
}


class AutomationVocabulary(BaseModel):
    """What a rule may say, per trigger, as the API checks rules: a form offers these."""

    model_config = ConfigDict(json_schema_extra={"examples": [_VOCABULARY_EXAMPLE]})

    triggers: list[TriggerKindRead]
