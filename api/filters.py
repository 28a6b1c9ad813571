"""Query parameters every list of owned records takes."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import Query

from api.schemas.fields import CountryCode, Timestamp, at_most
from domain.interactions.interactions import Channel
from domain.interactions.timeline import ItemType, TimelineFilter
from domain.records import parse_custom_field_filters


async def record_filters(
    owner_id: UUID | None = None,
    team_id: UUID | None = None,
    tag: Annotated[
        list[Annotated[str, at_most(50)]],
        Query(
            max_length=20,
            description="Has this tag (at most 50 characters); repeat for all of several.",
        ),
    ] = [],  # noqa: B006 - FastAPI copies defaults per request
    country: CountryCode | None = None,
    city: Annotated[str | None, Query(max_length=200)] = None,
    created_after: Timestamp | None = None,
    created_before: Timestamp | None = None,
    updated_after: Timestamp | None = None,
    updated_before: Timestamp | None = None,
    q: Annotated[
        str | None,
        Query(min_length=1, max_length=200, description="Search names, e-mails, phones."),
    ] = None,
    archived: Annotated[
        bool, Query(description="true lists archived records instead of live ones.")
    ] = False,
    custom_field: Annotated[
        list[Annotated[str, at_most(500)]],
        Query(max_length=20, description="`key:value` equality on a custom field; repeatable."),
    ] = [],  # noqa: B006
) -> dict[str, Any]:
    return {
        "owner_id": owner_id,
        "team_id": team_id,
        "tags": tuple(tag),
        "country": country,
        "city": city,
        "created_after": created_after,
        "created_before": created_before,
        "updated_after": updated_after,
        "updated_before": updated_before,
        "q": q,
        "archived": archived,
        "custom_fields": parse_custom_field_filters(custom_field),
    }


async def timeline_filters(
    type: Annotated[list[ItemType], Query(description="Only these item types; repeatable.")] = [],  # noqa: B006 - FastAPI copies defaults per request
    channel: Channel | None = None,
    after: Timestamp | None = None,
    before: Timestamp | None = None,
) -> TimelineFilter:
    return TimelineFilter(
        types=frozenset(type) or frozenset(ItemType), channel=channel, after=after, before=before
    )
