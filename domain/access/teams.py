"""Teams: a user belongs to one; `team` record scope means "my team's records"."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Protocol
from uuid import UUID, uuid4

from domain.access.levels import AccessLevel
from domain.access.roles import Permission, require
from domain.clock import utcnow
from domain.concurrency import check_version
from domain.errors import (
    Conflict,
    FieldError,
    FieldErrorCode,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from domain.funnel.distribution import RotationMember
from domain.pagination import Page, PageRequest
from domain.text import clean_name

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork


@dataclass
class Team:
    name: str
    description: str = ""
    id: UUID = field(default_factory=uuid4)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    version: int = 1


@dataclass(frozen=True)
class TeamChanges:
    name: str | None = None
    description: str | None = None


class TeamRepository(Protocol):
    async def get(self, team_id: UUID) -> Team | None: ...
    async def get_by_name(self, name: str) -> Team | None: ...
    async def find_page(self, page: PageRequest) -> Page[Team]: ...
    async def add(self, team: Team) -> None: ...
    async def update(self, team: Team, expected_version: int) -> None: ...
    async def delete(self, team: Team) -> None: ...
    async def has_members(self, team_id: UUID) -> bool: ...


def _check_may_manage_teams(principal: Principal) -> None:
    """Teams partition the whole company, so shaping them needs user administration over
    all records, not just one team's."""
    require(principal, Permission.USERS_MANAGE)
    if principal.reach is not AccessLevel.ALL:
        raise PermissionDenied("Managing teams needs access to all records.")


async def _check_name_free(uow: UnitOfWork, name: str, team_id: UUID | None = None) -> None:
    existing = await uow.teams.get_by_name(name)
    if existing is not None and existing.id != team_id:
        raise Conflict(
            f"A team named {name!r} exists already.",
            [FieldError("name", "already taken", FieldErrorCode.DUPLICATE)],
        )


async def get_team(uow: UnitOfWork, principal: Principal, team_id: UUID) -> Team:
    team = await uow.teams.get(team_id)
    if team is None:
        raise NotFound("Team not found.")
    return team


async def list_teams(uow: UnitOfWork, principal: Principal, page: PageRequest) -> Page[Team]:
    return await uow.teams.find_page(page)


async def create_team(uow: UnitOfWork, principal: Principal, name: str, description: str) -> Team:
    _check_may_manage_teams(principal)
    team = Team(name=clean_name(name), description=description.strip())
    await _check_name_free(uow, team.name)
    await uow.teams.add(team)
    return team


async def update_team(
    uow: UnitOfWork,
    principal: Principal,
    team_id: UUID,
    changes: TeamChanges,
    expected_version: int | None,
) -> Team:
    _check_may_manage_teams(principal)
    team = await get_team(uow, principal, team_id)
    check_version(team.version, expected_version)
    loaded_version = team.version
    if changes.name is not None:
        team.name = clean_name(changes.name)
        await _check_name_free(uow, team.name, team.id)
    if changes.description is not None:
        team.description = changes.description.strip()
    team.updated_at = utcnow()
    await uow.teams.update(team, loaded_version)
    return team


async def delete_team(
    uow: UnitOfWork, principal: Principal, team_id: UUID, expected_version: int | None
) -> None:
    _check_may_manage_teams(principal)
    team = await get_team(uow, principal, team_id)
    check_version(team.version, expected_version)
    if await uow.teams.has_members(team.id):
        raise Conflict("The team still has members; move them to another team first.")
    await uow.teams.delete(team)


async def ensure_team(uow: UnitOfWork, name: str) -> Team:
    """For operator tools (`crm create-user`, `crm seed-demo`), which have no principal:
    the team of that name, created when missing."""
    cleaned = clean_name(name)
    team = await uow.teams.get_by_name(cleaned)
    if team is None:
        team = Team(name=cleaned)
        await uow.teams.add(team)
    return team


async def get_distribution(uow: UnitOfWork, principal: Principal, team_id: UUID) -> dict[str, bool]:
    team = await get_team(uow, principal, team_id)
    return await uow.distribution.settings(team.id)


def _check_may_distribute(principal: Principal, team: Team) -> None:
    """Team-scoped administrators shape their own team's distribution; `all` any team's."""
    require(principal, Permission.USERS_MANAGE)
    if principal.reach is not AccessLevel.ALL and principal.team_id != team.id:
        raise PermissionDenied("You can set distribution only for your own team.")


async def set_distribution(
    uow: UnitOfWork, principal: Principal, team_id: UUID, requests: bool, leads: bool
) -> dict[str, bool]:
    """Whether new requests and new inbound leads of the team go round-robin to its
    members (leads: to its rotation's). Team-scoped administrators may set it for their
    own team."""
    team = await get_team(uow, principal, team_id)
    _check_may_distribute(principal, team)
    await uow.distribution.set_settings(team.id, requests, leads)
    return {"requests": requests, "leads": leads}


async def get_rotation(
    uow: UnitOfWork, principal: Principal, team_id: UUID
) -> list[RotationMember]:
    """Who takes the team's inbound leads in turn, and who of them is paused."""
    require(principal, Permission.USERS_READ)
    team = await get_team(uow, principal, team_id)
    return await uow.distribution.rotation(team.id)


async def set_rotation_member(
    uow: UnitOfWork, principal: Principal, team_id: UUID, user_id: UUID, paused: bool
) -> list[RotationMember]:
    """Lists a member of the team in its lead rotation, or pauses or resumes them. Only
    members who may own contacts can take leads."""
    team = await get_team(uow, principal, team_id)
    _check_may_distribute(principal, team)
    user = await uow.users.get(user_id)
    if user is None or user.team_id != team.id:
        raise ValidationFailed.on(
            "user_id", "not a member of this team", FieldErrorCode.NOT_ALLOWED
        )
    if Permission.CONTACTS_WRITE not in user.role.permissions:
        raise ValidationFailed.on(
            "user_id", "cannot own contacts (no contacts:write)", FieldErrorCode.NOT_ALLOWED
        )
    await uow.distribution.set_rotation_member(team.id, user.id, paused)
    return await uow.distribution.rotation(team.id)


async def remove_rotation_member(
    uow: UnitOfWork, principal: Principal, team_id: UUID, user_id: UUID
) -> None:
    team = await get_team(uow, principal, team_id)
    _check_may_distribute(principal, team)
    if not await uow.distribution.remove_rotation_member(team.id, user_id):
        raise NotFound("The user is not on the team's rotation.")
