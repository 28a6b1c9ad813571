"""Record scope in SQL: every query over owned records passes through `readable`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import ColumnElement, Select, false, or_
from sqlalchemy.orm import InstrumentedAttribute

from domain.access.levels import RecordKind
from domain.access.principal import Principal
from domain.access.scope import Visibility, visibility, visibility_at

S = TypeVar("S", bound=Select[Any])

Involved = Callable[[UUID], ColumnElement[bool]]


def readable(
    statement: S,
    principal: Principal,
    kind: RecordKind,
    owner: InstrumentedAttribute[Any],
    team: InstrumentedAttribute[Any] | None,
    responsible: Sequence[InstrumentedAttribute[Any]] = (),
    involved: Involved | None = None,
) -> S:
    """The records of `kind` the principal reads. `involved(user_id)`: a further
    condition under which a user sees a record they neither own nor lead the team of (a
    participant of a meeting, say)."""
    return _where(statement, visibility(principal, kind), owner, team, responsible, involved)


def readable_users(
    statement: S,
    principal: Principal,
    user: InstrumentedAttribute[Any],
    team: InstrumentedAttribute[Any],
) -> S:
    """The user accounts the principal sees: their own, their team's or everyone's, as
    far as they work on records (`Principal.reach`)."""
    return _where(statement, visibility_at(principal, principal.reach), user, team, (), None)


def _where(
    statement: S,
    seen: Visibility,
    owner: InstrumentedAttribute[Any],
    team: InstrumentedAttribute[Any] | None,
    responsible: Sequence[InstrumentedAttribute[Any]],
    involved: Involved | None,
) -> S:
    branches = _branches(seen, owner, team, responsible, involved)
    if branches is None:
        return statement
    return statement.where(or_(false(), *branches))


def readable_branches(
    principal: Principal,
    kind: RecordKind,
    owner: InstrumentedAttribute[Any],
    team: InstrumentedAttribute[Any] | None,
    responsible: Sequence[InstrumentedAttribute[Any]] = (),
    involved: Involved | None = None,
) -> list[ColumnElement[bool]] | None:
    """The conditions `readable` ORs together, each on its own (None: the principal sees
    everything). A list can read each branch along its own index
    and merge them, where one OR would have to read the whole table in order and filter."""
    return _branches(visibility(principal, kind), owner, team, responsible, involved)


def _branches(
    seen: Visibility,
    owner: InstrumentedAttribute[Any],
    team: InstrumentedAttribute[Any] | None,
    responsible: Sequence[InstrumentedAttribute[Any]],
    involved: Involved | None,
) -> list[ColumnElement[bool]] | None:
    if seen.nothing:
        return [false()]
    if seen.everything:
        return None
    conditions = [owner == seen.user_id, *(column == seen.user_id for column in responsible)]
    if involved is not None:
        conditions.append(involved(seen.user_id))
    if seen.team_id is not None and team is not None:
        conditions.append(team == seen.team_id)
    return conditions
