from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response, status

from api.commands import command
from api.deps import CurrentPrincipal, Hasher, IfMatch, UoW, page_request, set_etag
from api.problems import responses
from api.schemas.common import Page
from api.schemas.users import UserCreate, UserRead, UserUpdate
from domain.access import users
from domain.pagination import PageRequest

router = APIRouter(prefix="/users", tags=["users"])


@router.get("", summary="List users in your scope", responses=responses(401, 403, 422))
async def users_list(
    principal: CurrentPrincipal,
    uow: UoW,
    page: PageRequest = page_request("-created_at"),
    team_id: UUID | None = None,
    role_id: UUID | None = None,
    is_active: bool | None = None,
    q: Annotated[str | None, Query(max_length=200, description="Part of name or e-mail")] = None,
) -> Page[UserRead]:
    filters = users.UserFilter(team_id=team_id, role_id=role_id, is_active=is_active, q=q)
    result = await users.list_users(uow, principal, filters, page)
    return Page(items=[UserRead.of(u) for u in result.items], next_cursor=result.next_cursor)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create a user with a role ranked below yours",
    responses=responses(401, 403, 409, 422),
)
async def users_create(
    body: UserCreate, response: Response, principal: CurrentPrincipal, uow: UoW, hasher: Hasher
) -> UserRead:
    user = await users.create_user(uow, principal, hasher, command(body, users.NewUser))
    response.headers["Location"] = f"/api/v1/users/{user.id}"
    set_etag(response, user.version)
    return UserRead.of(user)


@router.get("/{user_id:uuid}", summary="Get a user", responses=responses(401, 403, 404))
async def users_get(
    user_id: UUID, response: Response, principal: CurrentPrincipal, uow: UoW
) -> UserRead:
    user = await users.get_user(uow, principal, user_id)
    set_etag(response, user.version)
    return UserRead.of(user)


@router.patch(
    "/{user_id:uuid}",
    summary="Change a user: name, e-mail, password, role, team, active",
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def users_update(
    user_id: UUID,
    body: UserUpdate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    hasher: Hasher,
    if_match: IfMatch,
) -> UserRead:
    changes = command(body, users.UserChanges)
    user = await users.update_user(uow, principal, hasher, user_id, changes, if_match)
    set_etag(response, user.version)
    return UserRead.of(user)
