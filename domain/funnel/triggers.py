"""The events automation rules react to.

Use cases raise events (domain/events.py) through the unit of work; domain/handlers.py
runs the rules of the matching trigger on each (`TRIGGERS` there says which event is
which trigger). The idle trigger runs from the scheduled job (`crm run-scheduled`)."""

from __future__ import annotations

from enum import StrEnum


class Trigger(StrEnum):
    INTERACTION_COMPLETED = "interaction_completed"
    DEAL_ENTERED_STAGE = "deal_entered_stage"
    DEAL_IDLE_IN_STAGE = "deal_idle_in_stage"  # a time trigger: `crm run-scheduled`
    REQUEST_CREATED = "request_created"
    CONTACT_CREATED = "contact_created"
