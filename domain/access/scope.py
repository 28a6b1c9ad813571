"""Record scope: the one rule that decides which owned records a caller may read and
which they may change.

Every repository query over owned records goes through `persistence.scope.readable`,
which turns the `Visibility` decided here into SQL; in-memory checks use `can_see` and
`check_may_change`."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.access.levels import AccessLevel, Action, RecordKind
from domain.access.principal import Principal
from domain.errors import PermissionDenied


@dataclass(frozen=True)
class Visibility:
    """`nothing`, or `everything`, or records whose team is `team_id`, or records
    `user_id` owns or is responsible for (the latter always holds at `own` and wider:
    nobody loses sight of their own records)."""

    everything: bool
    team_id: UUID | None
    user_id: UUID
    nothing: bool = False


def visibility_at(principal: Principal, level: AccessLevel) -> Visibility:
    if level is AccessLevel.NONE:
        return Visibility(everything=False, team_id=None, user_id=principal.user_id, nothing=True)
    if level is AccessLevel.ALL:
        return Visibility(everything=True, team_id=None, user_id=principal.user_id)
    if level is AccessLevel.TEAM and principal.team_id is not None:
        return Visibility(everything=False, team_id=principal.team_id, user_id=principal.user_id)
    return Visibility(everything=False, team_id=None, user_id=principal.user_id)


def visibility(principal: Principal, kind: RecordKind, action: Action = Action.READ) -> Visibility:
    return visibility_at(principal, principal.access.level(kind, action))


def _within(
    seen: Visibility, owner_id: UUID | None, team_id: UUID | None, responsible: frozenset[UUID]
) -> bool:
    if seen.nothing:
        return False
    if seen.everything:
        return True
    if seen.team_id is not None and team_id == seen.team_id:
        return True
    return seen.user_id == owner_id or seen.user_id in responsible


def can_see(
    principal: Principal,
    kind: RecordKind,
    owner_id: UUID | None,
    team_id: UUID | None,
    responsible_ids: frozenset[UUID] = frozenset(),
) -> bool:
    return _within(visibility(principal, kind), owner_id, team_id, responsible_ids)


def can_change(
    principal: Principal,
    kind: RecordKind,
    owner_id: UUID | None,
    team_id: UUID | None,
    responsible_ids: frozenset[UUID] = frozenset(),
) -> bool:
    return _within(visibility(principal, kind, Action.WRITE), owner_id, team_id, responsible_ids)


def check_may_change(
    principal: Principal,
    kind: RecordKind,
    owner_id: UUID | None,
    team_id: UUID | None,
    responsible_ids: frozenset[UUID] = frozenset(),
) -> None:
    """For a record the caller reads: 403 unless their write level reaches it too."""
    if not can_change(principal, kind, owner_id, team_id, responsible_ids):
        level = principal.access.level(kind, Action.WRITE)
        raise PermissionDenied(
            f"Your role reads this record but changes only {_described(level)} {kind.value}."
        )


def can_archive(
    principal: Principal, kind: RecordKind, owner_id: UUID | None, team_id: UUID | None
) -> bool:
    return _within(visibility(principal, kind, Action.ARCHIVE), owner_id, team_id, frozenset())


def check_may_archive(
    principal: Principal, kind: RecordKind, owner_id: UUID | None, team_id: UUID | None
) -> None:
    """For a record the caller may change: 403 unless their archive level reaches it too
    (archiving and restoring follow writing unless the role says less)."""
    if not can_archive(principal, kind, owner_id, team_id):
        level = principal.access.level(kind, Action.ARCHIVE)
        raise PermissionDenied(
            f"Your role archives and restores only {_described(level)} {kind.value}."
        )


def _described(level: AccessLevel) -> str:
    return {
        AccessLevel.NONE: "no",
        AccessLevel.OWN: "your own",
        AccessLevel.TEAM: "your team's",
        AccessLevel.ALL: "all",
    }[level]
