"""The change feed's events, as clients read them."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import to_json

from domain.changes import Feed

_EVENT_EXAMPLE: dict[str, Any] = {
    "cursor": "WzEyMyw0NTYsIjIwMjYtMTItMDdUMTA6MDA6MDArMDA6MDAiXQ.c2lnbmF0dXJl",
    "type": "contact.updated",
    "entity_type": "contact",
    "entity_id": "5f0c7c52-6a8e-4d0a-9d0b-6b1f2b0e9a11",
    "version": 4,
    "occurred_at": "2026-12-07T10:00:00Z",
    "actor_id": "0b7c6f5e-8d3a-4f21-9c6e-2a1d4b5e6f70",
    "rule_id": None,
    "tombstone": False,
    "data": {"first_name": "Ada", "last_name": "Lovelace", "version": 4},
}


class ChangeEventRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_EVENT_EXAMPLE]})

    cursor: str = Field(description="Follow the feed from just after this event.")
    type: str = Field(
        description="`<entity>.<change>`. Every entity: created, updated, out_of_scope (the"
        " record left your sight: handed to someone whose records you do not read). Contacts"
        " and companies: archived, restored; contacts: merged. Deals: moved (to another open"
        " stage), won, lost. Tasks and interactions: completed. Requests: resolved, closed."
    )
    entity_type: str = Field(description="contact, company, deal, interaction, task or request.")
    entity_id: UUID
    version: int = Field(description="The record's version after the change.")
    occurred_at: datetime
    actor_id: UUID | None = Field(description="Who made the change; null on out_of_scope.")
    rule_id: UUID | None = Field(
        description="The automation rule that made the change on the actor's behalf."
    )
    tombstone: bool = Field(
        description="The record is no longer among those you list (archived, merged away or"
        " out of your sight): drop it from your copy."
    )
    data: dict[str, Any] | None = Field(
        description="The record's fields after the change, named as in its own"
        " representation (GET of the record); null on out_of_scope."
    )


class ChangeFeedRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [_EVENT_EXAMPLE],
                    "next_cursor": _EVENT_EXAMPLE["cursor"],
                    "has_more": False,
                }
            ]
        }
    )

    items: list[ChangeEventRead]
    next_cursor: str = Field(
        description="Where to go on from: pass it as `after` next time, also when `items` is"
        " empty (the feed moved past events you do not see)."
    )
    has_more: bool = Field(description="More events wait: ask again at once.")


def feed_json(feed: Feed) -> bytes:
    """The feed as `ChangeFeedRead` writes it, without building the model: pydantic's
    serializer writes each event's fields as the model would, and its `data` is the
    record's state as the outbox stored it, put in as the JSON it is (on PostgreSQL with
    a space after each `:` and `,`). Building, validating and writing a thousand events'
    models, each state decoded for it and encoded again, cost more than the query
    (bench/README.md, "Serving the page without building it")."""
    parts = [b'{"items":[']
    for n, item in enumerate(feed.items):
        # Ids as text first: asyncpg's UUIDs are a subclass pydantic writes eight times
        # slower than text.
        fields = to_json(
            {
                "cursor": item.cursor,
                "type": item.type,
                "entity_type": item.entity_type,
                "entity_id": str(item.entity_id),
                "version": item.version,
                "occurred_at": item.occurred_at,
                "actor_id": None if item.actor_id is None else str(item.actor_id),
                "rule_id": None if item.rule_id is None else str(item.rule_id),
                "tombstone": item.tombstone,
            }
        )
        data = b"null" if item.state is None else item.state.encode()
        # The fields' object, without its closing brace, then `data` and the brace.
        parts += (b"," if n else b"", fields[:-1], b',"data":', data, b"}")
    parts += (b"],", to_json({"next_cursor": feed.next_cursor, "has_more": feed.has_more})[1:])
    return b"".join(parts)
