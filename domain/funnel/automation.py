"""Automation rules: when something happens to a record (an interaction is completed, a
deal enters a stage or idles in it, a request or a contact is created) and the record
meets the rule's conditions, the rule's actions run: move the deal, create a task for
the record's owner, hand the record to a team member in turn, set the contact's
lifecycle stage, add a tag.

How rules act, decided once here:
- Event triggers run in the transaction of the write that caused them, from its use
  case (domain/funnel/triggers.py); the idle trigger runs from the scheduled job
  (`run_scheduled`, `crm run-scheduled`), once per rule, deal and stage entry.
- Actions go through the same use cases as manual changes (`move_deal`, `create_task`,
  `update_contact`, ...), so the same rules hold. A move to a lost stage needs a lost
  reason; a rule moving to one must carry it (`lost_reason` of the action), or it is
  refused when the rule is saved.
- A rule acts with the business's authority, not with the triggering user's: someone
  holding `automation:manage` set it up, and a Salesperson's new lead may well go to a
  colleague by it. What it changes is attributed to that user *via the rule*: audit
  events and stage changes carry the rule's id. The idle trigger has no triggering
  user; it acts in the name of the rule's author.
- Rules run in the order they were created; each sees the record as the triggering write
  left it, and its actions read the record afresh.
- Each rule's actions run in a savepoint: a rule that cannot act (its team was deleted
  since, the contact is archived) leaves nothing half done and does not fail the user's
  write. Every run is recorded (`RuleRun`): done, failed with the reason, or skipped.
- A change made by a rule may trigger rules again, at most MAX_DEPTH rules deep: two
  rules moving a deal back and forth stop there, with a skipped run saying why.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID, uuid4

from domain.access.levels import AccessLevel, AccessMatrix
from domain.access.roles import MAX_RANK, Permission, require
from domain.access.users import principal_of
from domain.clock import utcnow
from domain.concurrency import check_version
from domain.contacts import contacts
from domain.contacts.contacts import Contact, ContactSource, LifecycleStage
from domain.errors import (
    Conflict,
    DomainError,
    FieldError,
    FieldErrorCode,
    NotFound,
    ValidationFailed,
)
from domain.funnel import deals
from domain.funnel.deals import Deal, DealStatus
from domain.funnel.distribution import Kind, next_in_turn
from domain.funnel.pipelines import Pipeline, StageKind
from domain.funnel.triggers import Trigger
from domain.interactions import requests, tasks
from domain.interactions.interactions import Channel, Direction, Interaction
from domain.interactions.requests import (
    CustomerRequest,
    RequestChannel,
    RequestPriority,
    RequestStatus,
)
from domain.pagination import Page, PageRequest
from domain.records import MAX_TAG_LENGTH
from domain.text import clean_name

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.contacts.contact_import import UnitOfWorkFactory
    from domain.uow import UnitOfWork

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


# --- Fields a condition can test ------------------------------------------------------


class ValueKind(StrEnum):
    TEXT = "text"  # compared without regard to case
    NUMBER = "number"  # the only kind greater_than applies to
    ID = "id"
    BOOLEAN = "boolean"
    TAGS = "tags"  # equals: has the tag; in: has any of them
    CHOICE = "choice"
    OUTCOME = "outcome"  # a choice among the configured interaction outcomes


@dataclass(frozen=True)
class FieldSpec:
    kind: ValueKind
    choices: tuple[str, ...] = ()


def _choice(values: type[StrEnum]) -> FieldSpec:
    return FieldSpec(ValueKind.CHOICE, tuple(v.value for v in values))


_TEXT = FieldSpec(ValueKind.TEXT)
_NUMBER = FieldSpec(ValueKind.NUMBER)
_ID = FieldSpec(ValueKind.ID)
_OWNED = {"owner_id": _ID, "team_id": _ID}

FIELDS: dict[RecordType, dict[str, FieldSpec]] = {
    RecordType.CONTACT: {
        "lifecycle_stage": _choice(LifecycleStage),
        "source": _choice(ContactSource),
        "country": _TEXT,
        "city": _TEXT,
        "title": _TEXT,
        "tags": FieldSpec(ValueKind.TAGS),
        "company_id": _ID,
        "marketing_consent": FieldSpec(ValueKind.BOOLEAN),
        **_OWNED,
    },
    RecordType.DEAL: {
        "title": _TEXT,
        "amount": _NUMBER,
        "currency": _TEXT,
        "status": _choice(DealStatus),
        "pipeline_id": _ID,
        "stage_id": _ID,
        "source": _TEXT,
        "tags": FieldSpec(ValueKind.TAGS),
        "contact_id": _ID,
        "company_id": _ID,
        **_OWNED,
    },
    RecordType.INTERACTION: {
        "channel": _choice(Channel),
        "direction": _choice(Direction),
        "outcome": FieldSpec(ValueKind.OUTCOME),
        "duration_minutes": _NUMBER,
        "subject": _TEXT,
        "contact_id": _ID,
        "company_id": _ID,
        "deal_id": _ID,
        "request_id": _ID,
        **_OWNED,
    },
    RecordType.REQUEST: {
        "channel": _choice(RequestChannel),
        "priority": _choice(RequestPriority),
        "status": _choice(RequestStatus),
        "subject": _TEXT,
        "contact_id": _ID,
        "assignee_id": _ID,
        **_OWNED,
    },
}


def _id(value: UUID | None) -> str | None:
    return str(value) if value else None


def facts(record: TriggeringRecord) -> dict[str, Any]:
    """The record's condition fields as JSON values (ids as strings, enums as values)."""
    owned = {"owner_id": _id(record.owner_id), "team_id": _id(record.team_id)}
    if isinstance(record, Contact):
        return {
            "lifecycle_stage": record.lifecycle_stage.value,
            "source": record.source.value if record.source else None,
            "country": record.country,
            "city": record.city,
            "title": record.title,
            "tags": list(record.tags),
            "company_id": _id(record.company_id),
            "marketing_consent": record.marketing_consent,
            **owned,
        }
    if isinstance(record, Deal):
        return {
            "title": record.title,
            "amount": record.amount,
            "currency": record.currency,
            "status": record.status.value,
            "pipeline_id": _id(record.pipeline_id),
            "stage_id": _id(record.stage_id),
            "source": record.source,
            "tags": list(record.tags),
            "contact_id": _id(record.contact_id),
            "company_id": _id(record.company_id),
            **owned,
        }
    if isinstance(record, Interaction):
        return {
            "channel": record.channel.value,
            "direction": record.direction.value if record.direction else None,
            "outcome": record.outcome,
            "duration_minutes": record.duration_minutes,
            "subject": record.subject,
            "contact_id": _id(record.contact_id),
            "company_id": _id(record.company_id),
            "deal_id": _id(record.deal_id),
            "request_id": _id(record.request_id),
            **owned,
        }
    return {
        "channel": record.channel.value,
        "priority": record.priority.value,
        "status": record.status.value,
        "subject": record.subject,
        "contact_id": _id(record.contact_id),
        "assignee_id": _id(record.assignee_id),
        **owned,
    }


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


# --- Checking a rule ------------------------------------------------------------------


def _parse(kind: Any, value: Any, path: str) -> Any:
    try:
        return kind(value)
    except (ValueError, TypeError) as error:
        raise ValidationFailed.on(
            path, f"not a valid {kind.__name__}", FieldErrorCode.INVALID_CHOICE
        ) from error


def _trigger_of(data: Any) -> RuleTrigger:
    if not isinstance(data, Mapping):
        raise ValidationFailed.on(
            "trigger", "required: an object with a type", FieldErrorCode.REQUIRED
        )
    return RuleTrigger(
        type=_parse(Trigger, data.get("type"), "trigger.type"),
        stage_id=data.get("stage_id"),
        days=data.get("days"),
    )


def _conditions_of(items: Any) -> list[Condition]:
    if len(items or []) > MAX_CONDITIONS:
        raise ValidationFailed.on(
            "conditions",
            f"at most {MAX_CONDITIONS}",
            FieldErrorCode.TOO_MANY,
            max_length=MAX_CONDITIONS,
        )
    return [
        Condition(
            field=str(item.get("field") or ""),
            op=_parse(Operator, item.get("op"), f"conditions.{index}.op"),
            value=item.get("value"),
        )
        for index, item in enumerate(items or [])
    ]


def _actions_of(items: Any) -> list[Action]:
    if not items:
        raise ValidationFailed.on(
            "actions", "a rule needs at least one action", FieldErrorCode.REQUIRED
        )
    if len(items) > MAX_ACTIONS:
        raise ValidationFailed.on(
            "actions", f"at most {MAX_ACTIONS}", FieldErrorCode.TOO_MANY, max_length=MAX_ACTIONS
        )
    actions = []
    for index, item in enumerate(items):
        stage = item.get("stage")
        actions.append(
            Action(
                type=_parse(ActionType, item.get("type"), f"actions.{index}.type"),
                stage_id=item.get("stage_id"),
                lost_reason=item.get("lost_reason"),
                title=item.get("title"),
                due_in_days=item.get("due_in_days"),
                team_id=item.get("team_id"),
                stage=None
                if stage is None
                else _parse(LifecycleStage, stage, f"actions.{index}.stage"),
                tag=item.get("tag"),
            )
        )
    return actions


def _one_value(spec: FieldSpec, value: Any, choices: tuple[str, ...]) -> Any:
    """The value normalised for the field's kind; ValueError says what is wrong."""
    kind = spec.kind
    if kind is ValueKind.NUMBER:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError("must be a whole number")
        if abs(value) > MAX_NUMBER:
            raise ValueError("out of range")
        return value
    if kind is ValueKind.BOOLEAN:
        if not isinstance(value, bool):
            raise ValueError("must be true or false")
        return value
    if not isinstance(value, str):
        raise ValueError("must be text")
    if kind is ValueKind.ID:
        try:
            return str(UUID(value))
        except ValueError as error:
            raise ValueError("must be an id (a UUID)") from error
    if kind is ValueKind.TAGS:
        tag = " ".join(value.split()).lower()
        if not tag or len(tag) > MAX_TAG_LENGTH:
            raise ValueError(f"must be a tag of 1 to {MAX_TAG_LENGTH} characters")
        return tag
    if kind in (ValueKind.CHOICE, ValueKind.OUTCOME):
        if value not in choices:
            raise ValueError(f"must be one of {', '.join(choices)}")
        return value
    text = value.strip()
    if not text or len(text) > 300:
        raise ValueError("must be text of 1 to 300 characters")
    return text


def _condition_value(spec: FieldSpec, op: Operator, value: Any, choices: tuple[str, ...]) -> Any:
    if op is Operator.GREATER_THAN:
        return _one_value(spec, value, choices)
    if op is Operator.IN:
        if not isinstance(value, list) or not value:
            raise ValueError("`in` takes a non-empty list of values")
        if len(value) > MAX_LIST_VALUES:
            raise ValueError(f"at most {MAX_LIST_VALUES} values")
        return [_one_value(spec, item, choices) for item in value]
    if value is None and spec.kind is not ValueKind.TAGS:
        return None  # `equals null`: the field is empty
    return _one_value(spec, value, choices)


async def _check_conditions(
    uow: UnitOfWork, record_type: RecordType, conditions: list[Condition], errors: list[FieldError]
) -> list[Condition]:
    fields = FIELDS[record_type]
    checked = []
    for index, condition in enumerate(conditions):
        spec = fields.get(condition.field)
        if spec is None:
            errors.append(
                FieldError(
                    f"conditions.{index}.field",
                    f"a {record_type.value} has no field {condition.field!r}; "
                    f"one of: {', '.join(sorted(fields))}",
                )
            )
            continue
        if condition.op is Operator.GREATER_THAN and spec.kind is not ValueKind.NUMBER:
            errors.append(
                FieldError(f"conditions.{index}.op", f"{condition.field} is not a number")
            )
            continue
        choices = spec.choices
        if spec.kind is ValueKind.OUTCOME:
            choices = tuple(o.key for o in await uow.interactions.outcomes() if o.active)
        try:
            value = _condition_value(spec, condition.op, condition.value, choices)
        except ValueError as error:
            errors.append(FieldError(f"conditions.{index}.value", str(error)))
            continue
        checked.append(replace(condition, value=value))
    return checked


async def _pipeline_of_stage(uow: UnitOfWork, stage_id: UUID) -> Pipeline | None:
    for pipeline in await uow.pipelines.all():
        if pipeline.stage(stage_id) is not None:
            return pipeline
    return None


async def _check_action(
    uow: UnitOfWork,
    trigger: RuleTrigger,
    pipeline: Pipeline | None,
    index: int,
    action: Action,
    errors: list[FieldError],
) -> Action:
    at = f"actions.{index}"
    record_type = trigger.record_type
    if action.type not in ACTIONS_FOR[record_type]:
        errors.append(
            FieldError(f"{at}.type", f"{action.type.value} does not fit a {record_type.value}")
        )
        return action
    if action.type is A.MOVE_DEAL_TO_STAGE and record_type is RecordType.INTERACTION:
        # The deal an interaction is about may be in any pipeline: the stage names it.
        pipeline = await _pipeline_of_stage(uow, action.stage_id) if action.stage_id else None
        if action.stage_id is not None and pipeline is None:
            errors.append(FieldError(f"{at}.stage_id", "no such stage", FieldErrorCode.NOT_FOUND))
    for name in ALL_PARAMETERS:
        if name not in PARAMETERS[action.type] and getattr(action, name) is not None:
            errors.append(
                FieldError(
                    f"{at}.{name}",
                    f"not a parameter of {action.type.value}",
                    FieldErrorCode.NOT_ALLOWED,
                )
            )
    for name in PARAMETERS[action.type]:
        if name != "lost_reason" and getattr(action, name) is None:
            errors.append(
                FieldError(
                    f"{at}.{name}", f"required for {action.type.value}", FieldErrorCode.REQUIRED
                )
            )
    if action.type is A.MOVE_DEAL_TO_STAGE and action.stage_id is not None and pipeline:
        stage = pipeline.stage(action.stage_id)
        if stage is None:
            errors.append(FieldError(f"{at}.stage_id", "not a stage of the trigger's pipeline"))
        elif stage.kind is not StageKind.OPEN and record_type is RecordType.INTERACTION:
            # Winning or losing takes a person's judgement, not a logged call.
            errors.append(
                FieldError(f"{at}.stage_id", "only to an open stage", FieldErrorCode.NOT_ALLOWED)
            )
        elif trigger.type is Trigger.DEAL_ENTERED_STAGE and stage.id == trigger.stage_id:
            errors.append(FieldError(f"{at}.stage_id", "the deal has just entered this stage"))
        elif stage.kind is StageKind.LOST and not (action.lost_reason or "").strip():
            errors.append(
                FieldError(
                    f"{at}.lost_reason",
                    "a move to a lost stage needs a lost reason",
                    FieldErrorCode.REQUIRED,
                )
            )
        elif stage.kind is not StageKind.LOST and action.lost_reason is not None:
            errors.append(
                FieldError(
                    f"{at}.lost_reason",
                    "only for a move to a lost stage",
                    FieldErrorCode.NOT_ALLOWED,
                )
            )
    if action.type is A.CREATE_TASK:
        if action.title is not None:
            try:
                action = replace(action, title=clean_name(action.title, f"{at}.title"))
            except ValidationFailed as error:
                errors.extend(error.errors)
        if action.due_in_days is not None and not 0 <= action.due_in_days <= MAX_TASK_DAYS:
            errors.append(
                FieldError(
                    f"{at}.due_in_days",
                    f"between 0 and {MAX_TASK_DAYS}",
                    FieldErrorCode.OUT_OF_RANGE,
                    {"min": 0, "max": MAX_TASK_DAYS},
                )
            )
    if (
        action.type is A.ASSIGN_OWNER_ROUND_ROBIN
        and action.team_id is not None
        and await uow.teams.get(action.team_id) is None
    ):
        errors.append(FieldError(f"{at}.team_id", "no such team", FieldErrorCode.NOT_FOUND))
    if action.type is A.ADD_TAG and action.tag is not None:
        tag = " ".join(action.tag.split()).lower()
        if not tag or len(tag) > MAX_TAG_LENGTH:
            errors.append(FieldError(f"{at}.tag", f"a tag of 1 to {MAX_TAG_LENGTH} characters"))
        action = replace(action, tag=tag)
    return action


async def _checked(uow: UnitOfWork, rule: AutomationRule) -> None:
    """Checks the whole rule, naming every field that does not fit, and normalises it."""
    errors: list[FieldError] = []
    trigger = rule.trigger
    pipeline = None
    if trigger.type in DEAL_TRIGGERS:
        if trigger.stage_id is None:
            errors.append(
                FieldError(
                    "trigger.stage_id", "required: the stage it is about", FieldErrorCode.REQUIRED
                )
            )
        else:
            pipeline = await _pipeline_of_stage(uow, trigger.stage_id)
            if pipeline is None:
                errors.append(
                    FieldError("trigger.stage_id", "no such stage", FieldErrorCode.NOT_FOUND)
                )
    elif trigger.stage_id is not None:
        errors.append(
            FieldError(
                "trigger.stage_id", "only deal triggers name a stage", FieldErrorCode.NOT_ALLOWED
            )
        )
    if trigger.type is Trigger.DEAL_IDLE_IN_STAGE:
        if trigger.days is None:
            errors.append(
                FieldError(
                    "trigger.days", "required: how many days in the stage", FieldErrorCode.REQUIRED
                )
            )
        elif not 1 <= trigger.days <= 365:
            errors.append(
                FieldError(
                    "trigger.days",
                    "between 1 and 365",
                    FieldErrorCode.OUT_OF_RANGE,
                    {"min": 1, "max": 365},
                )
            )
    elif trigger.days is not None:
        errors.append(
            FieldError(
                "trigger.days", "only deal_idle_in_stage counts days", FieldErrorCode.NOT_ALLOWED
            )
        )
    rule.conditions = await _check_conditions(uow, trigger.record_type, rule.conditions, errors)
    rule.actions = [
        await _check_action(uow, trigger, pipeline, index, action, errors)
        for index, action in enumerate(rule.actions)
    ]
    if errors:
        raise ValidationFailed("The rule does not hold together.", errors)


# --- Managing rules -------------------------------------------------------------------


async def list_rules(
    uow: UnitOfWork, principal: Principal, filters: RuleFilter, page: PageRequest
) -> Page[AutomationRule]:
    require(principal, Permission.AUTOMATION_MANAGE)
    return await uow.automation.find_page(filters, page)


async def get_rule(uow: UnitOfWork, principal: Principal, rule_id: UUID) -> AutomationRule:
    require(principal, Permission.AUTOMATION_MANAGE)
    rule = await uow.automation.get(rule_id)
    if rule is None:
        raise NotFound("Automation rule not found.")
    return rule


def _required(data: Mapping[str, Any], key: str) -> Any:
    if data.get(key) is None:
        raise ValidationFailed.on(key, "required", FieldErrorCode.REQUIRED)
    return data[key]


async def create_rule(
    uow: UnitOfWork, principal: Principal, data: Mapping[str, Any]
) -> AutomationRule:
    require(principal, Permission.AUTOMATION_MANAGE)
    now = utcnow()
    rule = AutomationRule(
        name=clean_name(_required(data, "name")),
        enabled=data.get("enabled") is not False,
        trigger=_trigger_of(_required(data, "trigger")),
        conditions=_conditions_of(data.get("conditions")),
        actions=_actions_of(data.get("actions")),
        created_by=principal.user_id,
        created_at=now,
        updated_at=now,
    )
    await _checked(uow, rule)
    await uow.automation.add(rule)
    return rule


async def update_rule(
    uow: UnitOfWork,
    principal: Principal,
    rule_id: UUID,
    data: Mapping[str, Any],
    expected_version: int | None,
) -> AutomationRule:
    """Changes what is sent; the rule as a whole must still hold (a new trigger may need
    new conditions and actions, sent along). A name or `enabled` alone is not checked
    against the rest: a rule whose stage or team was deleted can still be switched off."""
    rule = await get_rule(uow, principal, rule_id)
    check_version(rule.version, expected_version)
    before, loaded = rule.definition(), rule.version
    if "name" in data:
        rule.name = clean_name(_required(data, "name"))
    if "enabled" in data:
        rule.enabled = bool(_required(data, "enabled"))
    if "trigger" in data:
        rule.trigger = _trigger_of(_required(data, "trigger"))
    if "conditions" in data:
        rule.conditions = _conditions_of(data["conditions"])
    if "actions" in data:
        rule.actions = _actions_of(_required(data, "actions"))
    if data.keys() & {"trigger", "conditions", "actions"}:
        await _checked(uow, rule)
    if rule.definition() == before:
        return rule
    rule.updated_at = utcnow()
    await uow.automation.update(rule, loaded)
    return rule


async def delete_rule(
    uow: UnitOfWork, principal: Principal, rule_id: UUID, expected_version: int | None
) -> None:
    """Gone with its runs; audit events and stage changes keep naming its id.
    (`enabled: false` keeps a rule and its runs without it acting.)"""
    rule = await get_rule(uow, principal, rule_id)
    check_version(rule.version, expected_version)
    await uow.automation.delete(rule)


async def rule_runs(
    uow: UnitOfWork, principal: Principal, rule_id: UUID, page: PageRequest
) -> Page[RuleRun]:
    rule = await get_rule(uow, principal, rule_id)
    return await uow.automation.runs_page(rule.id, page)


# --- Evaluating -----------------------------------------------------------------------


def _holds(condition: Condition, spec: FieldSpec, actual: Any) -> bool:
    wanted = condition.value
    if spec.kind is ValueKind.TAGS:
        tags = set(actual or [])
        return any(t in tags for t in (wanted if isinstance(wanted, list) else [wanted]))
    if spec.kind is ValueKind.TEXT:
        actual = actual.casefold() if isinstance(actual, str) else actual
        wanted = (
            [w.casefold() for w in wanted]
            if isinstance(wanted, list)
            else wanted.casefold()
            if isinstance(wanted, str)
            else wanted
        )
    if condition.op is Operator.EQUALS:
        return bool(actual == wanted)
    if condition.op is Operator.IN:
        return actual in wanted
    return actual is not None and bool(actual > wanted)


def matches(rule: AutomationRule, record: TriggeringRecord) -> bool:
    """Whether the record meets every condition of the rule (and, for a deal trigger,
    is in the rule's stage)."""
    if isinstance(record, Deal) and rule.trigger.stage_id != record.stage_id:
        return False
    known = facts(record)
    fields = FIELDS[rule.trigger.record_type]
    return all(
        c.field in fields and _holds(c, fields[c.field], known.get(c.field))
        for c in rule.conditions
    )


def acting_for(principal: Principal, rule: AutomationRule) -> Principal:
    """The rule at work on the principal's behalf: every permission on every record
    (ranked above everyone, so it may give anyone a task), attributed to the principal
    via the rule, one level deeper."""
    return replace(
        principal,
        rank=MAX_RANK + 1,
        permissions=frozenset(Permission),
        access=AccessMatrix.uniform(AccessLevel.ALL, AccessLevel.ALL),
        rule_id=rule.id,
        rule_depth=principal.rule_depth + 1,
    )


@dataclass(frozen=True)
class _Step:
    uow: UnitOfWork
    acting: Principal
    rule: AutomationRule
    record: TriggeringRecord
    now: datetime


async def _fresh(step: _Step) -> TriggeringRecord:
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


async def _move_deal(step: _Step, action: Action) -> None:
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


def _about(record: TriggeringRecord) -> dict[str, UUID | None]:
    """The deal and request a task made for `record` is about."""
    if isinstance(record, Deal):
        return {"deal_id": record.id}
    if isinstance(record, CustomerRequest):
        return {"request_id": record.id}
    if isinstance(record, Interaction):
        return {"deal_id": record.deal_id, "request_id": record.request_id}
    return {}


async def _create_task(step: _Step, action: Action) -> None:
    """A task for whoever is responsible for the record: its owner (a request's assignee,
    when it has one), about the record's contact and company."""
    record = await _fresh(step)
    responsible = record.owner_id
    if isinstance(record, CustomerRequest) and record.assignee_id is not None:
        responsible = record.assignee_id
    await tasks.create_task(
        step.uow,
        step.acting,
        {
            "title": action.title,
            "description": f"From the automation rule {step.rule.name!r}.",
            "due_at": step.now + timedelta(days=action.due_in_days or 0),
            "assignee_id": responsible,
            "contact_id": _contact_of(record),
            "company_id": None if isinstance(record, CustomerRequest) else record.company_id,
            **_about(record),
        },
    )


ROUND_ROBIN: dict[RecordType, tuple[Kind, Permission]] = {
    RecordType.CONTACT: ("leads", Permission.CONTACTS_WRITE),
    RecordType.DEAL: ("deals", Permission.DEALS_WRITE),
    RecordType.REQUEST: ("requests", Permission.REQUESTS_WRITE),
}


async def _assign_round_robin(step: _Step, action: Action) -> None:
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
        await contacts.update_contact(uow, step.acting, record.id, {"owner_id": chosen}, None)
    elif isinstance(record, Deal):
        await deals.update_deal(uow, step.acting, record.id, {"owner_id": chosen}, None)
    elif isinstance(record, CustomerRequest):
        await requests.update_request(uow, step.acting, record.id, {"assignee_id": chosen}, None)


async def _set_lifecycle_stage(step: _Step, action: Action) -> None:
    contact_id = _contact_of(await _fresh(step))
    if contact_id is not None:  # an interaction with a company only, a deal without contact
        data = {"lifecycle_stage": action.stage}
        await contacts.update_contact(step.uow, step.acting, contact_id, data, None)


async def _add_tag(step: _Step, action: Action) -> None:
    """Tags the deal or contact; an interaction or a request tags its contact."""
    uow, record = step.uow, await _fresh(step)
    if isinstance(record, Deal):
        data = {"tags": [*record.tags, action.tag]}
        await deals.update_deal(uow, step.acting, record.id, data, None)
        return
    contact_id = _contact_of(record)
    contact = await uow.contacts.get(contact_id) if contact_id else None
    if contact is not None:
        data = {"tags": [*contact.tags, action.tag]}
        await contacts.update_contact(uow, step.acting, contact.id, data, None)


ACTIONS: dict[ActionType, Callable[[_Step, Action], Awaitable[None]]] = {
    A.MOVE_DEAL_TO_STAGE: _move_deal,
    A.CREATE_TASK: _create_task,
    A.ASSIGN_OWNER_ROUND_ROBIN: _assign_round_robin,
    A.SET_CONTACT_LIFECYCLE_STAGE: _set_lifecycle_stage,
    A.ADD_TAG: _add_tag,
}


async def _act(
    uow: UnitOfWork,
    principal: Principal,
    rule: AutomationRule,
    record: TriggeringRecord,
    now: datetime,
) -> tuple[RunOutcome, str | None]:
    if principal.rule_depth >= MAX_DEPTH:
        return RunOutcome.SKIPPED, (
            f"Not run: the change was made {MAX_DEPTH} rules deep, where rules stop "
            "reacting to rules."
        )
    step = _Step(uow, acting_for(principal, rule), rule, record, now)
    done = 0
    try:
        async with uow.savepoint():
            for action in rule.actions:
                await ACTIONS[action.type](step, action)
                done += 1
    except DomainError as error:
        named = "; ".join(f"{e.field}: {e.message}" for e in error.errors)
        return RunOutcome.FAILED, f"actions.{done} ({rule.actions[done].type.value}): " + (
            f"{error.detail} ({named})" if named else error.detail
        )
    return RunOutcome.DONE, None


def _run(
    principal: Principal,
    rule: AutomationRule,
    record: TriggeringRecord,
    now: datetime,
    stage_entered_at: datetime | None = None,
) -> RuleRun:
    return RuleRun(
        rule_id=rule.id,
        record_type=rule.trigger.record_type,
        record_id=record.id,
        actor_id=principal.user_id,
        depth=principal.rule_depth + 1,
        stage_entered_at=stage_entered_at,
        at=now,
    )


async def on_event(
    uow: UnitOfWork, principal: Principal, trigger: Trigger, record: TriggeringRecord
) -> bool:
    """Runs the enabled rules of the trigger whose conditions the record meets; True
    when any of them acted."""
    rules = await uow.automation.enabled_for(trigger)
    acted = False
    now = utcnow()
    for rule in rules:
        if not matches(rule, record):
            continue
        outcome, detail = await _act(uow, principal, rule, record, now)
        run = replace(_run(principal, rule, record, now), outcome=outcome, detail=detail)
        await uow.automation.claim_run(run)
        acted = acted or outcome is RunOutcome.DONE
    return acted


# --- The scheduled job ----------------------------------------------------------------

BATCH = 100


@dataclass
class ScheduledResult:
    done: int = 0
    failed: int = 0
    skipped: int = 0

    def count(self, outcome: RunOutcome) -> None:
        name = outcome.value
        setattr(self, name, getattr(self, name) + 1)


async def _idle_once(
    uow: UnitOfWork, rule_id: UUID, candidate: IdleDeal, now: datetime
) -> RunOutcome | None:
    """Claims and runs the rule for one idle deal, in the caller's transaction; None
    when there is nothing to do (any more): the rule changed, the deal moved on, or
    another run of the job claimed it first."""
    rule = await uow.automation.get(rule_id)
    deal = await uow.deals.get(candidate.deal_id)
    if (
        rule is None
        or not rule.enabled
        or rule.trigger.type is not Trigger.DEAL_IDLE_IN_STAGE
        or rule.trigger.days is None
        or deal is None
        or deal.stage_entered_at != candidate.stage_entered_at
        or deal.stage_entered_at > now - timedelta(days=rule.trigger.days)
    ):
        return None
    author = await uow.users.get(rule.created_by)
    if author is None:  # pragma: no cover - users are deactivated, never deleted
        return None
    principal = principal_of(author)
    run = _run(principal, rule, deal, now, deal.stage_entered_at)
    if not await uow.automation.claim_run(run):
        return None
    if matches(rule, deal):
        outcome, detail = await _act(uow, principal, rule, deal, now)
    else:
        outcome, detail = RunOutcome.SKIPPED, "Conditions not met when the deal became idle."
    if outcome is not RunOutcome.DONE:
        await uow.automation.set_outcome(run.id, outcome, detail)
    return outcome


async def run_scheduled(units: UnitOfWorkFactory, now: datetime | None = None) -> ScheduledResult:
    """The time triggers: every enabled deal_idle_in_stage rule runs once for each deal
    that has been in its stage for the rule's days, per stage entry (a deal that leaves
    and comes back is idle anew). One transaction per deal, which claims the run first:
    copies of the job running at once (cron every minute, several workers) do each
    deal's work once. `now` is the clock, for tests."""
    now = now or utcnow()
    result = ScheduledResult()
    async with units() as uow:
        rules = await uow.automation.enabled_for(Trigger.DEAL_IDLE_IN_STAGE)
    for rule in rules:
        if rule.trigger.stage_id is None or rule.trigger.days is None:  # pragma: no cover
            continue
        cutoff = now - timedelta(days=rule.trigger.days)
        after: IdleDeal | None = None
        while True:
            async with units() as uow:
                batch = await uow.automation.idle_deals(
                    rule.id, rule.trigger.stage_id, cutoff, after, BATCH
                )
            for candidate in batch:
                async with units() as uow:
                    outcome = await _idle_once(uow, rule.id, candidate, now)
                    await uow.commit()
                if outcome is not None:
                    result.count(outcome)
            if len(batch) < BATCH:
                break
            after = batch[-1]
    return result
