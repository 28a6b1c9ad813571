from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Response, status

from api.deps import CurrentPrincipal, IfMatch, UoW, set_etag
from api.problems import responses
from api.schemas.roles import RoleCreate, RoleList, RoleRead, RoleUpdate
from domain.access import roles

router = APIRouter(prefix="/roles", tags=["roles"])


@router.get("", summary="List role templates and custom roles", responses=responses(401))
async def roles_list(principal: CurrentPrincipal, uow: UoW) -> RoleList:
    return RoleList(items=[RoleRead.of(r) for r in await roles.list_roles(uow, principal)])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create a custom role ranked below yours, reaching no further than you",
    responses=responses(401, 403, 409, 422),
)
async def roles_create(
    body: RoleCreate, response: Response, principal: CurrentPrincipal, uow: UoW
) -> RoleRead:
    draft = roles.RoleDraft(
        name=body.name,
        rank=body.rank,
        access=body.access.to_domain(),
        permissions=frozenset(body.permissions),
        description=body.description,
    )
    role = await roles.create_role(uow, principal, draft)
    response.headers["Location"] = f"/api/v1/roles/{role.id}"
    set_etag(response, role.version)
    return RoleRead.of(role)


@router.get("/{role_id:uuid}", summary="Get a role", responses=responses(401, 404))
async def roles_get(
    role_id: UUID, response: Response, principal: CurrentPrincipal, uow: UoW
) -> RoleRead:
    role = await roles.get_role(uow, principal, role_id)
    set_etag(response, role.version)
    return RoleRead.of(role)


@router.patch(
    "/{role_id:uuid}",
    summary="Change a custom role (its holders sign in again)",
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def roles_update(
    role_id: UUID,
    body: RoleUpdate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    if_match: IfMatch,
) -> RoleRead:
    changes = roles.RoleChanges(
        name=body.name,
        rank=body.rank,
        access=body.access.to_domain() if body.access is not None else None,
        permissions=frozenset(body.permissions) if body.permissions is not None else None,
        description=body.description,
    )
    role = await roles.update_role(uow, principal, role_id, changes, if_match)
    set_etag(response, role.version)
    return RoleRead.of(role)


@router.delete(
    "/{role_id:uuid}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a custom role nobody holds",
    responses=responses(401, 403, 404, 409, 412),
)
async def roles_delete(
    role_id: UUID, principal: CurrentPrincipal, uow: UoW, if_match: IfMatch
) -> None:
    await roles.delete_role(uow, principal, role_id, if_match)
