from __future__ import annotations

from datetime import timedelta
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Response, status

from api.commands import command
from api.deps import CurrentPrincipal, IfMatch, ReadUoW, UoW, page_request, set_etag
from api.idempotency import Idempotent
from api.problems import responses
from api.schemas.common import Page
from api.schemas.requests import (
    AssigneeList,
    RequestCreate,
    RequestRead,
    RequestUpdate,
    ResponseTimes,
    StatusChangeList,
    StatusChangeRead,
)
from api.schemas.users import UserRead
from domain.clock import utcnow
from domain.interactions import requests
from domain.interactions.requests import (
    NewRequest,
    RequestChanges,
    RequestFilter,
    RequestPriority,
    RequestStatus,
)
from domain.pagination import PageRequest

router = APIRouter(prefix="/requests", tags=["requests"])
settings_router = APIRouter(prefix="/request-response-times", tags=["requests"])


async def request_filters(
    status: RequestStatus | None = None,
    priority: RequestPriority | None = None,
    assignee_id: UUID | None = None,
    team_id: UUID | None = None,
    contact_id: UUID | None = None,
    overdue: bool = False,
) -> RequestFilter:
    return RequestFilter(
        status=status,
        priority=priority,
        assignee_id=assignee_id,
        team_id=team_id,
        contact_id=contact_id,
        overdue=overdue,
    )


@router.get(
    "",
    summary="The request queue, as far as your scope reaches",
    responses=responses(401, 403, 422),
)
async def requests_list(
    principal: CurrentPrincipal,
    uow: ReadUoW,
    filters: Annotated[RequestFilter, Depends(request_filters)],
    page: PageRequest = page_request("due_by"),
) -> Page[RequestRead]:
    result = await requests.list_requests(uow, principal, filters, page)
    now = utcnow()
    return Page(
        items=[RequestRead.of(r, now) for r in result.items], next_cursor=result.next_cursor
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Register a customer request",
    responses=responses(401, 403, 409, 422),
)
async def requests_create(
    body: RequestCreate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    once: Idempotent,
) -> RequestRead:
    registered = await requests.register_request(uow, principal, command(body, NewRequest))
    result = RequestRead.of(registered, utcnow())
    await once.created(response, f"/api/v1/requests/{registered.id}", registered.version, result)
    return result


@router.get(
    "/assignees",
    summary="Whom you may assign requests to: yourself and active colleagues ranked below "
    "you who work on requests",
    responses=responses(401, 403),
)
async def requests_assignees(principal: CurrentPrincipal, uow: UoW) -> AssigneeList:
    return AssigneeList(
        items=[UserRead.of(u) for u in await requests.assignable_users(uow, principal)]
    )


@router.get(
    "/{request_id:uuid}", summary="Get a customer request", responses=responses(401, 403, 404)
)
async def requests_get(
    request_id: UUID, response: Response, principal: CurrentPrincipal, uow: ReadUoW
) -> RequestRead:
    found = await requests.get_request(uow, principal, request_id)
    set_etag(response, found.version)
    return RequestRead.of(found, utcnow())


@router.get(
    "/{request_id:uuid}/status-changes",
    summary="The request's status history, newest first",
    responses=responses(401, 403, 404),
)
async def requests_status_changes(
    request_id: UUID, principal: CurrentPrincipal, uow: UoW
) -> StatusChangeList:
    changes = await requests.request_history(uow, principal, request_id)
    return StatusChangeList(items=[StatusChangeRead.of(c) for c in changes])


@router.patch(
    "/{request_id:uuid}",
    summary="Change a request or move its status (409 for a move not allowed)",
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def requests_update(
    request_id: UUID,
    body: RequestUpdate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    if_match: IfMatch,
) -> RequestRead:
    updated = await requests.update_request(
        uow, principal, request_id, command(body, RequestChanges), if_match
    )
    set_etag(response, updated.version)
    return RequestRead.of(updated, utcnow())


def _minutes(times: dict[RequestPriority, timedelta]) -> ResponseTimes:
    return ResponseTimes(**{p.value: int(t.total_seconds() // 60) for p, t in times.items()})


@settings_router.get(
    "", summary="How long a request of each priority may wait", responses=responses(401, 403)
)
async def request_response_times_get(principal: CurrentPrincipal, uow: UoW) -> ResponseTimes:
    return _minutes(await requests.get_response_times(uow, principal))


@settings_router.put(
    "", summary="Set the response time per priority", responses=responses(401, 403, 422)
)
async def request_response_times_set(
    body: ResponseTimes, principal: CurrentPrincipal, uow: UoW
) -> ResponseTimes:
    times = {RequestPriority(k): timedelta(minutes=v) for k, v in body.model_dump().items()}
    return _minutes(await requests.set_response_times(uow, principal, times))
