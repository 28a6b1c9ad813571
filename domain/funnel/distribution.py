"""Round-robin distribution of new work (requests, leads) among a team's members, when
the team has switched it on (off by default), and for automation rules that hand records
(leads, deals, requests) to a team in turn.

Leads go round the team's *rotation*: the members listed for it, explicitly (a team's
administrators and leaders take leads only when added), less those paused (on holiday,
say). Requests and automation rules go round every active member who may do the work."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol
from uuid import UUID

from domain.access.roles import Permission

if TYPE_CHECKING:
    from domain.uow import UnitOfWork

# Deals go round only by automation rules; the team's switches cover requests and leads.
Kind = Literal["requests", "leads", "deals"]


@dataclass(frozen=True)
class RotationMember:
    """A member listed in their team's lead rotation; a paused one is skipped."""

    user_id: UUID
    full_name: str
    paused: bool


class DistributionRepository(Protocol):
    async def settings(self, team_id: UUID) -> dict[str, bool]:
        """{"requests": bool, "leads": bool}: which kinds the team distributes."""
        ...

    async def set_settings(self, team_id: UUID, requests: bool, leads: bool) -> None: ...
    async def last_assigned(self, team_id: UUID, kind: Kind) -> UUID | None:
        """Locks the team's turn (until commit, creating it first if the team has none)
        and tells whose it was."""
        ...

    async def record_assigned(self, team_id: UUID, kind: Kind, user_id: UUID) -> None: ...
    async def eligible_members(self, team_id: UUID, permission: Permission) -> list[UUID]:
        """Active members holding the permission, in a stable order."""
        ...

    async def rotation(self, team_id: UUID) -> list[RotationMember]:
        """The members listed in the team's rotation (still in the team), by name."""
        ...

    async def rotation_turn(self, team_id: UUID, permission: Permission) -> list[UUID]:
        """The listed members who take the next lead: unpaused, active, still in the team
        and holding the permission, in a stable order."""
        ...

    async def set_rotation_member(self, team_id: UUID, user_id: UUID, paused: bool) -> None:
        """Lists the user in the team's rotation (or updates them), paused or not."""
        ...

    async def remove_rotation_member(self, team_id: UUID, user_id: UUID) -> bool:
        """Takes the user off the rotation; False when they were not on it."""
        ...

    async def leave_other_rotations(self, user_id: UUID, team_id: UUID | None) -> None:
        """Takes the user off every rotation but `team_id`'s (they moved teams)."""
        ...


async def next_assignee(
    uow: UnitOfWork, team_id: UUID, kind: Kind, permission: Permission
) -> UUID | None:
    """The member after the one who got the previous item, wrapping around; None when
    the team does not distribute this kind or nobody is eligible. The turn is locked
    for the transaction, so two items arriving at once go to two people."""
    if not (await uow.distribution.settings(team_id)).get(kind, False):
        return None
    return await next_in_turn(uow, team_id, kind, permission)


async def distributes_leads(uow: UnitOfWork, team_id: UUID) -> bool:
    """Whether the team hands its inbound leads round its rotation."""
    return bool((await uow.distribution.settings(team_id)).get("leads", False))


async def next_lead_owner(uow: UnitOfWork, team_id: UUID) -> UUID | None:
    """Who takes the team's next inbound lead: the next unpaused member of its rotation;
    None when the team does not distribute leads or nobody on the rotation can take one.
    Locked as `next_assignee` is, so concurrent imports take turns."""
    if not await distributes_leads(uow, team_id):
        return None

    async def members() -> list[UUID]:
        return await uow.distribution.rotation_turn(team_id, Permission.CONTACTS_WRITE)

    return await _take_turn(uow, team_id, "leads", members)


async def next_in_turn(
    uow: UnitOfWork, team_id: UUID, kind: Kind, permission: Permission
) -> UUID | None:
    """Whose turn it is in the team, whatever its switches say (a rule that hands work
    to the team is a switch of its own), recorded as taken; None when nobody is eligible.
    The same turn as the team's own distribution of that kind."""

    async def members() -> list[UUID]:
        return await uow.distribution.eligible_members(team_id, permission)

    return await _take_turn(uow, team_id, kind, members)


async def _take_turn(
    uow: UnitOfWork, team_id: UUID, kind: Kind, eligible: Callable[[], Awaitable[list[UUID]]]
) -> UUID | None:
    # The turn is locked before the members are read, so whoever waited for it sees the
    # members and the last assignee as the previous holder left them.
    last = await uow.distribution.last_assigned(team_id, kind)
    members = await eligible()
    if not members:
        return None
    chosen = members[0]
    if last in members:
        chosen = members[(members.index(last) + 1) % len(members)]
    elif last is not None:
        # The last one left (or was paused): the next in the stable order after them.
        chosen = next((m for m in members if str(m) > str(last)), members[0])
    await uow.distribution.record_assigned(team_id, kind, chosen)
    return chosen
