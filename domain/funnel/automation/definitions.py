"""What a rule may say, and rules as administrators manage them: the fields a
condition can test, the checks a rule passes before it is saved, and its CRUD."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from domain.access.roles import Permission, require
from domain.clock import utcnow
from domain.commands import UNSET, Unset
from domain.concurrency import check_version
from domain.contacts.contacts import Contact, ContactSource, LifecycleStage
from domain.errors import (
    FieldError,
    FieldErrorCode,
    NotFound,
    ValidationFailed,
)
from domain.funnel.automation.model import (
    ACTIONS_FOR,
    ALL_PARAMETERS,
    DEAL_TRIGGERS,
    MAX_ACTIONS,
    MAX_CONDITIONS,
    MAX_LIST_VALUES,
    MAX_NUMBER,
    MAX_TASK_DAYS,
    PARAMETERS,
    RECORD_OF,
    A,
    Action,
    ActionType,
    AutomationRule,
    Condition,
    Operator,
    RecordType,
    RuleFilter,
    RuleRun,
    RuleTrigger,
    TriggeringRecord,
)
from domain.funnel.deals import Deal, DealStatus
from domain.funnel.pipelines import Pipeline, StageKind
from domain.funnel.triggers import Trigger
from domain.interactions.interactions import Channel, Direction, Interaction
from domain.interactions.requests import (
    RequestChannel,
    RequestPriority,
    RequestStatus,
)
from domain.pagination import Page, PageRequest
from domain.records import MAX_TAG_LENGTH
from domain.text import clean_name

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork

T = TypeVar("T")

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


# --- Checking a rule ------------------------------------------------------------------


def _conditions_of(items: tuple[Condition, ...] | Unset | None) -> list[Condition]:
    if len(items or ()) > MAX_CONDITIONS:
        raise ValidationFailed.on(
            "conditions",
            f"at most {MAX_CONDITIONS}",
            FieldErrorCode.TOO_MANY,
            max_length=MAX_CONDITIONS,
        )
    return list(items or ())


def _actions_of(items: tuple[Action, ...] | Unset | None) -> list[Action]:
    if not items:
        raise ValidationFailed.on(
            "actions", "a rule needs at least one action", FieldErrorCode.REQUIRED
        )
    if len(items) > MAX_ACTIONS:
        raise ValidationFailed.on(
            "actions", f"at most {MAX_ACTIONS}", FieldErrorCode.TOO_MANY, max_length=MAX_ACTIONS
        )
    return list(items)


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


@dataclass(frozen=True, kw_only=True)
class RuleChanges:
    """A rule as a create or a change gives it: UNSET parts stay as they are, on a create
    their defaults (enabled, no conditions); a create needs a name, a trigger and actions."""

    name: str | Unset | None = UNSET
    enabled: bool | Unset | None = UNSET
    trigger: RuleTrigger | Unset | None = UNSET
    conditions: tuple[Condition, ...] | Unset | None = UNSET
    actions: tuple[Action, ...] | Unset | None = UNSET


def _required(value: T | Unset | None, key: str) -> T:
    if value is None or value is UNSET:
        raise ValidationFailed.on(key, "required", FieldErrorCode.REQUIRED)
    return value


async def create_rule(uow: UnitOfWork, principal: Principal, new: RuleChanges) -> AutomationRule:
    require(principal, Permission.AUTOMATION_MANAGE)
    now = utcnow()
    rule = AutomationRule(
        name=clean_name(_required(new.name, "name")),
        enabled=new.enabled is not False,
        trigger=_required(new.trigger, "trigger"),
        conditions=_conditions_of(new.conditions),
        actions=_actions_of(new.actions),
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
    given: RuleChanges,
    expected_version: int | None,
) -> AutomationRule:
    """Changes what is given; the rule as a whole must still hold (a new trigger may need
    new conditions and actions, given along). A name or `enabled` alone is not checked
    against the rest: a rule whose stage or team was deleted can still be switched off."""
    rule = await get_rule(uow, principal, rule_id)
    check_version(rule.version, expected_version)
    before, loaded = rule.definition(), rule.version
    if given.name is not UNSET:
        rule.name = clean_name(_required(given.name, "name"))
    if given.enabled is not UNSET:
        rule.enabled = _required(given.enabled, "enabled")
    if given.trigger is not UNSET:
        rule.trigger = _required(given.trigger, "trigger")
    if given.conditions is not UNSET:
        rule.conditions = _conditions_of(given.conditions)
    if given.actions is not UNSET:
        rule.actions = _actions_of(_required(given.actions, "actions"))
    if any(part is not UNSET for part in (given.trigger, given.conditions, given.actions)):
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


# --- What a rule may say ---------------------------------------------------------------


@dataclass(frozen=True)
class FieldVocabulary:
    name: str
    kind: ValueKind
    choices: tuple[str, ...]
    operators: tuple[Operator, ...]


@dataclass(frozen=True)
class ActionVocabulary:
    type: ActionType
    parameters: tuple[str, ...]
    # move_deal_to_stage: the kinds of stage it may move to from this trigger.
    stage_kinds: tuple[StageKind, ...] = ()


@dataclass(frozen=True)
class TriggerVocabulary:
    type: Trigger
    record_type: RecordType
    needs_stage: bool
    needs_days: bool
    fields: tuple[FieldVocabulary, ...]
    actions: tuple[ActionVocabulary, ...]


def _operators(spec: FieldSpec) -> tuple[Operator, ...]:
    if spec.kind is ValueKind.NUMBER:
        return (Operator.EQUALS, Operator.IN, Operator.GREATER_THAN)
    return (Operator.EQUALS, Operator.IN)


async def vocabulary(uow: UnitOfWork, principal: Principal) -> list[TriggerVocabulary]:
    """Per trigger, what a rule on it may test and do, as `_checked` holds rules to it: a
    client offers these and nothing else (the outcomes are the active ones configured)."""
    require(principal, Permission.AUTOMATION_MANAGE)
    outcomes = tuple(o.key for o in await uow.interactions.outcomes() if o.active)
    found = []
    for trigger in Trigger:
        record_type = RECORD_OF[trigger]
        fields = tuple(
            FieldVocabulary(
                name,
                spec.kind,
                outcomes if spec.kind is ValueKind.OUTCOME else spec.choices,
                _operators(spec),
            )
            for name, spec in FIELDS[record_type].items()
        )
        actions = tuple(
            ActionVocabulary(
                action,
                PARAMETERS[action],
                (
                    (
                        (StageKind.OPEN,)
                        if record_type is RecordType.INTERACTION
                        else tuple(StageKind)
                    )
                    if action is A.MOVE_DEAL_TO_STAGE
                    else ()
                ),
            )
            for action in ActionType
            if action in ACTIONS_FOR[record_type]
        )
        found.append(
            TriggerVocabulary(
                trigger,
                record_type,
                trigger in DEAL_TRIGGERS,
                trigger is Trigger.DEAL_IDLE_IN_STAGE,
                fields,
                actions,
            )
        )
    return found
