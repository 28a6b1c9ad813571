"""The change feed's events, as clients read them."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from domain.changes import Feed, FeedItem

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

    @classmethod
    def of(cls, item: FeedItem) -> ChangeEventRead:
        return cls(
            cursor=item.cursor,
            type=item.type,
            entity_type=item.entity_type,
            entity_id=item.entity_id,
            version=item.version,
            occurred_at=item.occurred_at,
            actor_id=item.actor_id,
            rule_id=item.rule_id,
            tombstone=item.tombstone,
            data=item.state,
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

    @classmethod
    def of(cls, feed: Feed) -> ChangeFeedRead:
        return cls(
            items=[ChangeEventRead.of(item) for item in feed.items],
            next_cursor=feed.next_cursor,
            has_more=feed.has_more,
        )
