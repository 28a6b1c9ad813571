"""The change feed: every change to the records the caller may read, in commit order."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api.deps import CurrentPrincipal, UoW
from api.problems import responses
from api.schemas.changes import ChangeFeedRead, feed_json
from domain import changes
from domain.pagination import PageRequest

router = APIRouter(prefix="/events", tags=["events"])


@router.get(
    "",
    summary="The change feed: what changed, in order, on the records you may read",
    description=(
        "Follow it to stay in step without listing again: start with `after=now` (taken"
        " before you list the records), then pass each answer's `next_cursor` as `after`."
        " Apply an event when its `version` is above the one you hold; drop the record on"
        " a tombstone. Events are kept for a configured time (30 days by default): an"
        " older cursor answers 410, and the client lists again."
    ),
    # Written by feed_json, not by the model: the model stays the contract.
    response_model=ChangeFeedRead,
    responses=responses(400, 401, 410, 422),
)
async def events_list(
    request: Request,
    principal: CurrentPrincipal,
    uow: UoW,
    after: Annotated[
        str | None,
        Query(
            max_length=1000,
            description="A `cursor` or `next_cursor` the feed answered, or `now` for the"
            " position of what is committed now. Without it, from the oldest event kept.",
        ),
    ] = None,
    types: Annotated[
        list[str] | None,
        Query(
            max_length=50,
            description="Only these event types, e.g. `deal.updated` (repeat the parameter).",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=changes.MAX_FEED_PAGE)] = changes.DEFAULT_FEED_PAGE,
) -> Response:
    key: bytes = request.app.state.cursor_key
    retention = timedelta(days=request.app.state.settings.event_retention_days)
    if after == "now":
        page = PageRequest(limit=limit, cursor_key=key)
        feed = changes.Feed([], await changes.feed_head(uow, page), False)
    else:
        page = PageRequest(limit=limit, cursor=after, cursor_key=key)
        feed = await changes.read_feed(uow, principal, page, types or (), retention)
    return Response(feed_json(feed), media_type="application/json")
