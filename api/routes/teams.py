from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Response, status

from api.deps import CurrentPrincipal, IfMatch, UoW, page_request, set_etag
from api.problems import responses
from api.schemas.common import Page
from api.schemas.requests import Distribution
from api.schemas.teams import (
    Rotation,
    RotationMemberPut,
    RotationMemberRead,
    TeamCreate,
    TeamRead,
    TeamUpdate,
)
from domain.access import teams
from domain.funnel.distribution import RotationMember
from domain.pagination import PageRequest

router = APIRouter(prefix="/teams", tags=["teams"])


@router.get("", summary="List teams", responses=responses(401, 422))
async def teams_list(
    principal: CurrentPrincipal, uow: UoW, page: PageRequest = page_request("name")
) -> Page[TeamRead]:
    result = await teams.list_teams(uow, principal, page)
    return Page(items=[TeamRead.of(t) for t in result.items], next_cursor=result.next_cursor)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create a team",
    responses=responses(401, 403, 409, 422),
)
async def teams_create(
    body: TeamCreate, response: Response, principal: CurrentPrincipal, uow: UoW
) -> TeamRead:
    team = await teams.create_team(uow, principal, body.name, body.description)
    response.headers["Location"] = f"/api/v1/teams/{team.id}"
    set_etag(response, team.version)
    return TeamRead.of(team)


@router.get("/{team_id:uuid}", summary="Get a team", responses=responses(401, 404))
async def teams_get(
    team_id: UUID, response: Response, principal: CurrentPrincipal, uow: UoW
) -> TeamRead:
    team = await teams.get_team(uow, principal, team_id)
    set_etag(response, team.version)
    return TeamRead.of(team)


@router.patch(
    "/{team_id:uuid}",
    summary="Rename or describe a team",
    responses=responses(401, 403, 404, 409, 412, 422),
)
async def teams_update(
    team_id: UUID,
    body: TeamUpdate,
    response: Response,
    principal: CurrentPrincipal,
    uow: UoW,
    if_match: IfMatch,
) -> TeamRead:
    changes = teams.TeamChanges(name=body.name, description=body.description)
    team = await teams.update_team(uow, principal, team_id, changes, if_match)
    set_etag(response, team.version)
    return TeamRead.of(team)


@router.delete(
    "/{team_id:uuid}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a team that has no members",
    responses=responses(401, 403, 404, 409, 412),
)
async def teams_delete(
    team_id: UUID, principal: CurrentPrincipal, uow: UoW, if_match: IfMatch
) -> None:
    await teams.delete_team(uow, principal, team_id, if_match)


@router.get(
    "/{team_id:uuid}/distribution",
    summary="Whether new requests and leads go round-robin to the team",
    responses=responses(401, 404),
)
async def teams_distribution_get(
    team_id: UUID, principal: CurrentPrincipal, uow: UoW
) -> Distribution:
    return Distribution(**await teams.get_distribution(uow, principal, team_id))


@router.put(
    "/{team_id:uuid}/distribution",
    summary="Switch round-robin distribution of new requests and inbound leads",
    responses=responses(401, 403, 404, 422),
)
async def teams_distribution_set(
    team_id: UUID, body: Distribution, principal: CurrentPrincipal, uow: UoW
) -> Distribution:
    saved = await teams.set_distribution(uow, principal, team_id, body.requests, body.leads)
    return Distribution(**saved)


def _rotation(team_id: UUID, members: list[RotationMember]) -> Rotation:
    return Rotation(team_id=team_id, members=[RotationMemberRead.of(m) for m in members])


@router.get(
    "/{team_id:uuid}/rotation",
    summary="Who takes the team's inbound leads in turn",
    responses=responses(401, 403, 404),
)
async def teams_rotation_get(team_id: UUID, principal: CurrentPrincipal, uow: UoW) -> Rotation:
    return _rotation(team_id, await teams.get_rotation(uow, principal, team_id))


@router.put(
    "/{team_id:uuid}/rotation/{user_id:uuid}",
    summary="Put a team member on the lead rotation, or pause or resume them",
    responses=responses(401, 403, 404, 422),
)
async def teams_rotation_member_put(
    team_id: UUID, user_id: UUID, body: RotationMemberPut, principal: CurrentPrincipal, uow: UoW
) -> Rotation:
    members = await teams.set_rotation_member(uow, principal, team_id, user_id, body.paused)
    return _rotation(team_id, members)


@router.delete(
    "/{team_id:uuid}/rotation/{user_id:uuid}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Take a member off the team's lead rotation",
    responses=responses(401, 403, 404),
)
async def teams_rotation_member_delete(
    team_id: UUID, user_id: UUID, principal: CurrentPrincipal, uow: UoW
) -> None:
    await teams.remove_rotation_member(uow, principal, team_id, user_id)
