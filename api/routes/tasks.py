from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Response, status

from api.commands import command
from api.deps import CurrentPrincipal, IfMatch, ReadUoW, UoW, page_request, set_etag
from api.idempotency import Idempotent
from api.problems import responses
from api.schemas.common import Page
from api.schemas.fields import Timestamp
from api.schemas.tasks import TaskCreate, TaskRead, TaskUpdate
from domain.interactions import tasks
from domain.interactions.tasks import TaskChanges, TaskFilter, TaskStatus
from domain.pagination import PageRequest

router = APIRouter(prefix="/tasks", tags=["tasks"])


async def task_filters(
    assignee_id: UUID | None = None,
    status: TaskStatus | None = None,
    contact_id: UUID | None = None,
    company_id: UUID | None = None,
    deal_id: UUID | None = None,
    request_id: UUID | None = None,
    label: Annotated[str | None, Query(max_length=50)] = None,
    due_after: Timestamp | None = None,
    due_before: Timestamp | None = None,
    overdue: Annotated[bool, Query(description="Open and past due.")] = False,
) -> TaskFilter:
    return TaskFilter(
        assignee_id=assignee_id,
        status=status,
        contact_id=contact_id,
        company_id=company_id,
        deal_id=deal_id,
        request_id=request_id,
        label=label,
        due_after=due_after,
        due_before=due_before,
        overdue=overdue,
    )


@router.get("", summary="List tasks in your scope", responses=responses(401, 403, 422))
async def tasks_list(
    principal: CurrentPrincipal,
    uow: ReadUoW,
    filters: Annotated[TaskFilter, Depends(task_filters)],
    page: PageRequest = page_request("due_at"),
) -> Page[TaskRead]:
    result = await tasks.list_tasks(uow, principal, filters, page)
    return Page(items=[TaskRead.of(t) for t in result.items], next_cursor=result.next_cursor)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create a task for yourself or someone ranked below you",
    responses=responses(401, 403, 409, 422),
)
async def tasks_create(
    body: TaskCreate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    once: Idempotent,
) -> TaskRead:
    task = await tasks.create_task(uow, principal, command(body, TaskChanges))
    result = TaskRead.of(task)
    await once.created(response, f"/api/v1/tasks/{task.id}", task.version, result)
    return result


@router.get("/{task_id:uuid}", summary="Get a task", responses=responses(401, 403, 404))
async def tasks_get(
    task_id: UUID, response: Response, principal: CurrentPrincipal, uow: ReadUoW
) -> TaskRead:
    task = await tasks.get_task(uow, principal, task_id)
    set_etag(response, task.version)
    return TaskRead.of(task)


@router.patch(
    "/{task_id:uuid}",
    summary="Change a task; status done completes it",
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def tasks_update(
    task_id: UUID,
    body: TaskUpdate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    if_match: IfMatch,
) -> TaskRead:
    task = await tasks.update_task(uow, principal, task_id, command(body, TaskChanges), if_match)
    set_etag(response, task.version)
    return TaskRead.of(task)
