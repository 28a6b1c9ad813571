"""The scheduled job: deals idle in a stage, each rule acting once per deal and stage
entry, in batches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from uuid import UUID

from domain.access.users import principal_of
from domain.clock import utcnow
from domain.funnel.automation.engine import act, matches, new_run
from domain.funnel.automation.model import IdleDeal, RunOutcome
from domain.funnel.triggers import Trigger

if TYPE_CHECKING:
    from domain.contacts.contact_import import UnitOfWorkFactory
    from domain.uow import UnitOfWork


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
    run = new_run(principal, rule, deal, now, deal.stage_entered_at)
    if not await uow.automation.claim_run(run):
        return None
    if matches(rule, deal):
        outcome, detail = await act(uow, principal, rule, deal, now)
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
