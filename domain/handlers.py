"""What follows from each event (domain/events.py), in the transaction that raised it.

The unit of work hands every event raised to `dispatch` (`UnitOfWork.emit`), which runs
the handlers listed here for its type, in this order: first what completes the change
itself (the deal's stage history, a won deal's contact becoming a customer), then what
records it (audit trail and change feed, for every change), then the automation rules,
which act on the change as recorded and may raise events of their own.

Use cases never import this module (they raise through the unit of work), so handlers
may call use cases, as the rules do, without an import circle."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, cast

from domain import changes
from domain.events import (
    Changed,
    ContactCreated,
    DealEnteredStage,
    InteractionCompleted,
    RequestCreated,
)
from domain.funnel import deals
from domain.funnel.automation import engine
from domain.funnel.triggers import Trigger

if TYPE_CHECKING:
    from domain.funnel.automation.model import TriggeringRecord
    from domain.uow import UnitOfWork

# A handler returns True when it changed records beyond the event's own (rules acted),
# so the use case reads its record again before answering with it.
Handler = Callable[["UnitOfWork", Any], Awaitable[bool | None]]


# The events the automation rules react to, and as which trigger.
TRIGGERS: tuple[tuple[type[Changed], Trigger], ...] = (
    (ContactCreated, Trigger.CONTACT_CREATED),
    (DealEnteredStage, Trigger.DEAL_ENTERED_STAGE),
    (RequestCreated, Trigger.REQUEST_CREATED),
    (InteractionCompleted, Trigger.INTERACTION_COMPLETED),
)


async def run_rules(uow: UnitOfWork, event: Changed) -> bool:
    """The enabled rules of the event's trigger, on each record it is about (one, or the
    contacts of an import's chunk, in order)."""
    for handled, trigger in TRIGGERS:
        if isinstance(event, handled) and event.principal is not None:
            if len(event.changed) > 1 and not await uow.automation.enabled_for(trigger):
                return False  # asked once for the many, not once per record
            acted = False
            for changed, _ in event.changed:
                record = cast("TriggeringRecord", changed)
                acted = await engine.on_event(uow, event.principal, trigger, record) or acted
            return acted
    return False


HANDLERS: tuple[tuple[type[Changed], Handler], ...] = (
    (DealEnteredStage, deals.record_stage_change),
    (DealEnteredStage, deals.make_contact_customer),
    (Changed, changes.store),
    (Changed, run_rules),
)


async def dispatch(uow: UnitOfWork, event: Changed) -> bool:
    """Runs the event's handlers in order; True when any changed records beyond the
    event's own."""
    acted = False
    for handled, handler in HANDLERS:
        if isinstance(event, handled):
            acted = bool(await handler(uow, event)) or acted
    return acted
