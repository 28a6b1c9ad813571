"""Webhook subscriptions and their delivery log, as clients read and write them."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import ConfigDict, Field
from pydantic.config import JsonDict

from api.schemas.common import Input, ReadModel
from api.schemas.fields import Timestamp
from domain.integrations.webhooks import MAX_EVENT_TYPES, MAX_URL, DeliveryStatus

_TYPES_DESCRIPTION = (
    "Event types to send: `*` for all, `<entity>.*` (e.g. `deal.*`) or a type of the"
    " change feed (e.g. `contact.created`, `deal.won`, `contact.out_of_scope`)."
)

_WEBHOOK_EXAMPLE: JsonDict = {
    "id": "9a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    "url": "https://erp.example.com/crm/webhooks",
    "event_types": ["contact.created", "deal.*"],
    "active": True,
    "disabled_reason": None,
    "owner_id": "0b7c6f5e-8d3a-4f21-9c6e-2a1d4b5e6f70",
    "created_at": "2026-12-07T10:00:00Z",
    "updated_at": "2026-12-07T10:00:00Z",
    "version": 1,
}


class WebhookRead(ReadModel):
    """A subscription; never its secret, which only its creation answers."""

    model_config = ConfigDict(json_schema_extra={"examples": [_WEBHOOK_EXAMPLE]})

    id: UUID
    url: str
    event_types: list[str] = Field(description=_TYPES_DESCRIPTION)
    active: bool
    disabled_reason: str | None = Field(
        description="Why the CRM switched it off (deliveries kept failing, its creator was"
        " deactivated); cleared when it is switched on again."
    )
    owner_id: UUID = Field(
        description="Its creator, a person or an API key's integration: it sends only events"
        " on records they may read, with the role they hold at the time."
    )
    created_at: datetime
    updated_at: datetime
    version: int


class WebhookCreated(WebhookRead):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {**_WEBHOOK_EXAMPLE, "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw3Q8Xk0Ff4tE="}
            ]
        }
    )

    secret: str = Field(
        description="Verifies the `webhook-signature` of every delivery (Standard Webhooks)."
        " Shown this once."
    )


class WebhookCreate(Input):
    url: str = Field(
        min_length=1,
        max_length=MAX_URL,
        description="https (http only where the server allows it); no internal address.",
        examples=["https://erp.example.com/crm/webhooks"],
    )
    event_types: list[str] = Field(
        ["*"], min_length=1, max_length=MAX_EVENT_TYPES, description=_TYPES_DESCRIPTION
    )
    active: bool = True


class WebhookUpdate(Input):
    """Send only what changes. Switching it on again starts from the present: events of
    while it was off are not sent."""

    url: str | None = Field(None, min_length=1, max_length=MAX_URL)
    event_types: list[str] | None = Field(None, min_length=1, max_length=MAX_EVENT_TYPES)
    active: bool | None = None


_DELIVERY_EXAMPLE: JsonDict = {
    "id": "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
    "webhook_id": "9a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    "message_id": "msg_3f2a9c0d1b4e4f5a8c7d6e5f4a3b2c1d",
    "event_type": "contact.created",
    "status": "succeeded",
    "attempts": 1,
    "next_attempt_at": None,
    "last_attempt_at": "2026-12-07T10:00:01Z",
    "last_status_code": 200,
    "last_duration_ms": 84,
    "last_response": "ok",
    "last_error": None,
    "created_at": "2026-12-07T10:00:00Z",
}


class WebhookDeliveryRead(ReadModel):
    """One event sent (or to be sent) to a webhook, and how its last attempt went."""

    model_config = ConfigDict(json_schema_extra={"examples": [_DELIVERY_EXAMPLE]})

    id: UUID
    webhook_id: UUID
    message_id: str = Field(description="The `webhook-id` header, the same on every attempt.")
    event_type: str
    status: DeliveryStatus = Field(
        description="pending (to be tried, or retried), succeeded (a 2xx answer), failed"
        " (every retry over about three days failed)."
    )
    attempts: int
    next_attempt_at: datetime | None
    last_attempt_at: datetime | None
    last_status_code: int | None = Field(description="The receiver's HTTP status.")
    last_duration_ms: int | None
    last_response: str | None = Field(description="The start of the receiver's answer.")
    last_error: str | None = Field(
        description="Why no answer came: a timeout, a refused address, a connection error."
    )
    created_at: datetime


class WebhookRedeliver(Input):
    since: Timestamp = Field(
        description="Every delivery made at or after this time is sent again.",
        examples=["2026-12-07T00:00:00Z"],
    )


class RedeliveryRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"deliveries": 42}]})

    deliveries: int = Field(description="How many deliveries will be sent again.")
