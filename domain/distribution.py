"""Round-robin distribution of new work (requests, leads) among a team's members, when
the team has switched it on (off by default), and for automation rules that hand records
(leads, deals, requests) to a team in turn."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Protocol
from uuid import UUID

from domain.roles import Permission

if TYPE_CHECKING:
    from domain.uow import UnitOfWork

# Deals go round only by automation rules; the team's switches cover requests and leads.
Kind = Literal["requests", "leads", "deals"]


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


async def next_assignee(
    uow: UnitOfWork, team_id: UUID, kind: Kind, permission: Permission
) -> UUID | None:
    """The member after the one who got the previous item, wrapping around; None when
    the team does not distribute this kind or nobody is eligible. The turn is locked
    for the transaction, so two items arriving at once go to two people."""
    if not (await uow.distribution.settings(team_id)).get(kind, False):
        return None
    return await next_in_turn(uow, team_id, kind, permission)


async def next_in_turn(
    uow: UnitOfWork, team_id: UUID, kind: Kind, permission: Permission
) -> UUID | None:
    """Whose turn it is in the team, whatever its switches say (a rule that hands work
    to the team is a switch of its own), recorded as taken; None when nobody is eligible.
    The same turn as the team's own distribution of that kind."""
    last = await uow.distribution.last_assigned(team_id, kind)
    members = await uow.distribution.eligible_members(team_id, permission)
    if not members:
        return None
    chosen = members[0]
    if last in members:
        chosen = members[(members.index(last) + 1) % len(members)]
    elif last is not None:
        chosen = next((m for m in members if str(m) > str(last)), members[0])
    await uow.distribution.record_assigned(team_id, kind, chosen)
    return chosen
