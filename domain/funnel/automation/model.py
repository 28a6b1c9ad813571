"""The shape of an automation rule: triggers, conditions, actions, their limits, and
the record of each run."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID, uuid4

from domain.clock import utcnow
from domain.contacts.contacts import Contact, LifecycleStage
from domain.funnel.deals import Deal
from domain.funnel.triggers import Trigger
from domain.interactions.interactions import Interaction
from domain.interactions.requests import (
    CustomerRequest,
)
from domain.pagination import Page, PageRequest

if TYPE_CHECKING:
    pass


# A user's write fires rules; their changes fire rules again, and so on: three levels.
MAX_DEPTH = 3
MAX_CONDITIONS = 20
MAX_ACTIONS = 10
MAX_LIST_VALUES = 100
MAX_NUMBER = 10**18
MAX_TASK_DAYS = 365

TriggeringRecord = Contact | Deal | Interaction | CustomerRequest


class RecordType(StrEnum):
    CONTACT = "contact"
    DEAL = "deal"
    INTERACTION = "interaction"
    REQUEST = "request"


RECORD_OF: dict[Trigger, RecordType] = {
    Trigger.INTERACTION_COMPLETED: RecordType.INTERACTION,
    Trigger.DEAL_ENTERED_STAGE: RecordType.DEAL,
    Trigger.DEAL_IDLE_IN_STAGE: RecordType.DEAL,
    Trigger.REQUEST_CREATED: RecordType.REQUEST,
    Trigger.CONTACT_CREATED: RecordType.CONTACT,
}
DEAL_TRIGGERS = frozenset({Trigger.DEAL_ENTERED_STAGE, Trigger.DEAL_IDLE_IN_STAGE})


class Operator(StrEnum):
    EQUALS = "equals"
    IN = "in"
    GREATER_THAN = "greater_than"


class ActionType(StrEnum):
    MOVE_DEAL_TO_STAGE = "move_deal_to_stage"
    CREATE_TASK = "create_task"
    ASSIGN_OWNER_ROUND_ROBIN = "assign_owner_round_robin"
    SET_CONTACT_LIFECYCLE_STAGE = "set_contact_lifecycle_stage"
    ADD_TAG = "add_tag"


A = ActionType
# What each action may act on. A deal moves from a deal trigger, or from an interaction
# about a deal (a call logged on it); nobody takes over an interaction that already
# happened. Lifecycle stages and tags of an interaction or a request go to its contact.
ACTIONS_FOR: dict[RecordType, frozenset[ActionType]] = {
    RecordType.DEAL: frozenset(ActionType),
    RecordType.CONTACT: frozenset(ActionType) - {A.MOVE_DEAL_TO_STAGE},
    RecordType.REQUEST: frozenset(ActionType) - {A.MOVE_DEAL_TO_STAGE},
    RecordType.INTERACTION: frozenset(ActionType) - {A.ASSIGN_OWNER_ROUND_ROBIN},
}
PARAMETERS: dict[ActionType, tuple[str, ...]] = {
    A.MOVE_DEAL_TO_STAGE: ("stage_id", "lost_reason"),
    A.CREATE_TASK: ("title", "due_in_days"),
    A.ASSIGN_OWNER_ROUND_ROBIN: ("team_id",),
    A.SET_CONTACT_LIFECYCLE_STAGE: ("stage",),
    A.ADD_TAG: ("tag",),
}
ALL_PARAMETERS = ("stage_id", "lost_reason", "title", "due_in_days", "team_id", "stage", "tag")


# --- The rule -------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleTrigger:
    type: Trigger
    stage_id: UUID | None = None  # deal triggers
    days: int | None = None  # deal_idle_in_stage

    @property
    def record_type(self) -> RecordType:
        return RECORD_OF[self.type]


@dataclass(frozen=True)
class Condition:
    field: str
    op: Operator
    value: Any  # a JSON value, normalised for the field when the rule is saved


@dataclass(frozen=True)
class Action:
    type: ActionType
    stage_id: UUID | None = None
    lost_reason: str | None = None
    title: str | None = None
    due_in_days: int | None = None
    team_id: UUID | None = None
    stage: LifecycleStage | None = None
    tag: str | None = None


@dataclass
class AutomationRule:
    name: str
    trigger: RuleTrigger
    actions: list[Action]
    created_by: UUID
    conditions: list[Condition] = field(default_factory=list)
    enabled: bool = True
    id: UUID = field(default_factory=uuid4)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    version: int = 1

    def definition(self) -> tuple[Any, ...]:
        return (self.name, self.enabled, self.trigger, self.conditions, self.actions)


class RunOutcome(StrEnum):
    DONE = "done"
    FAILED = "failed"  # an action was refused; nothing of the rule's actions was kept
    SKIPPED = "skipped"  # conditions not met (idle trigger) or the depth limit reached


@dataclass(frozen=True)
class RuleRun:
    """One firing of a rule for one record. For the idle trigger also the claim that
    makes it fire once per stage entry (`stage_entered_at`), whoever runs the job."""

    rule_id: UUID
    record_type: RecordType
    record_id: UUID
    actor_id: UUID | None
    depth: int
    outcome: RunOutcome = RunOutcome.DONE
    detail: str | None = None
    stage_entered_at: datetime | None = None
    at: datetime = field(default_factory=utcnow)
    id: UUID = field(default_factory=uuid4)


@dataclass(frozen=True)
class RuleFilter:
    trigger: Trigger | None = None
    enabled: bool | None = None


@dataclass(frozen=True)
class IdleDeal:
    deal_id: UUID
    stage_entered_at: datetime


class AutomationRepository(Protocol):
    async def get(self, rule_id: UUID) -> AutomationRule | None: ...
    async def find_page(self, filters: RuleFilter, page: PageRequest) -> Page[AutomationRule]: ...
    async def add(self, rule: AutomationRule) -> None: ...
    async def update(self, rule: AutomationRule, expected_version: int) -> None: ...
    async def delete(self, rule: AutomationRule) -> None: ...
    async def enabled_for(self, trigger: Trigger) -> list[AutomationRule]:
        """The enabled rules of the trigger, oldest first: the order they run in."""
        ...

    async def claim_run(self, run: RuleRun) -> bool:
        """Records the run. False, and nothing written, when the rule has run for the
        same record and stage entry already: another copy of the scheduled job got there
        first (it waits for that copy's transaction to end, to know)."""
        ...

    async def set_outcome(self, run_id: UUID, outcome: RunOutcome, detail: str | None) -> None: ...
    async def runs_page(self, rule_id: UUID, page: PageRequest) -> Page[RuleRun]: ...
    async def idle_deals(
        self,
        rule_id: UUID,
        stage_id: UUID,
        entered_before: datetime,
        after: IdleDeal | None,
        limit: int,
    ) -> list[IdleDeal]:
        """Deals in the stage since `entered_before` or earlier that the rule has not
        run for in this stage entry, by entry time then id, after `after`."""
        ...
