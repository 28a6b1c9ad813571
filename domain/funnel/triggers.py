"""The events automation rules react to, announced by the use cases that cause them.

Rules act through the contact, deal and request use cases (domain/funnel/automation/
imports them), and those use cases announce their events to the rules: so the use cases
import only this module, and the unit of work runs the rules (`UnitOfWork.react`, wired
to domain/funnel/automation/engine.py where the unit of work is built). No import
circle, and a fake unit of work runs no rules unless a test gives it some."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.funnel.automation.model import TriggeringRecord
    from domain.uow import UnitOfWork


class Trigger(StrEnum):
    INTERACTION_COMPLETED = "interaction_completed"
    DEAL_ENTERED_STAGE = "deal_entered_stage"
    DEAL_IDLE_IN_STAGE = "deal_idle_in_stage"  # a time trigger: `crm run-scheduled`
    REQUEST_CREATED = "request_created"
    CONTACT_CREATED = "contact_created"


async def fire(
    uow: UnitOfWork, principal: Principal, trigger: Trigger, record: TriggeringRecord
) -> bool:
    """Runs the enabled rules for the event in the caller's transaction; True when any
    rule acted, so the caller reloads the record before answering with it."""
    return await uow.react(principal, trigger, record)
