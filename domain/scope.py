"""Record scope: the one rule that decides which owned records a caller may see.

Every repository query over owned records goes through `persistence.scope.readable`,
which turns the `Visibility` decided here into SQL; in-memory checks use `can_see`."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.principal import Principal
from domain.roles import RecordScope


@dataclass(frozen=True)
class Visibility:
    """`everything`, or records whose team is `team_id`, or records `user_id` owns or is
    responsible for (the latter always holds: nobody loses sight of their own records)."""

    everything: bool
    team_id: UUID | None
    user_id: UUID


def visibility(principal: Principal) -> Visibility:
    if principal.scope is RecordScope.ALL:
        return Visibility(everything=True, team_id=None, user_id=principal.user_id)
    if principal.scope is RecordScope.TEAM and principal.team_id is not None:
        return Visibility(everything=False, team_id=principal.team_id, user_id=principal.user_id)
    return Visibility(everything=False, team_id=None, user_id=principal.user_id)


def can_see(
    principal: Principal,
    owner_id: UUID | None,
    team_id: UUID | None,
    responsible_ids: frozenset[UUID] = frozenset(),
) -> bool:
    seen = visibility(principal)
    if seen.everything:
        return True
    if seen.team_id is not None and team_id == seen.team_id:
        return True
    return seen.user_id == owner_id or seen.user_id in responsible_ids
