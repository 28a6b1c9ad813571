"""When rules run: matching a record against a rule's conditions, acting on the
user's behalf (with the business's authority), one savepoint and one recorded run per
rule, at most MAX_DEPTH rules deep."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from domain.access.levels import AccessLevel, AccessMatrix
from domain.access.roles import MAX_RANK, Permission
from domain.clock import utcnow
from domain.errors import (
    DomainError,
)
from domain.funnel.automation.actions import ACTIONS, Step
from domain.funnel.automation.definitions import FIELDS, FieldSpec, ValueKind, facts
from domain.funnel.automation.model import (
    MAX_DEPTH,
    AutomationRule,
    Condition,
    Operator,
    RuleRun,
    RunOutcome,
    TriggeringRecord,
)
from domain.funnel.deals import Deal
from domain.funnel.triggers import Trigger

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork


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


async def act(
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
    step = Step(uow, acting_for(principal, rule), rule, record, now)
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


def new_run(
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
        outcome, detail = await act(uow, principal, rule, record, now)
        run = replace(new_run(principal, rule, record, now), outcome=outcome, detail=detail)
        await uow.automation.claim_run(run)
        acted = acted or outcome is RunOutcome.DONE
    return acted
