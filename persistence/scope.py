"""Record scope in SQL: every query over owned records passes through `readable`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import ColumnElement, Select, false, or_
from sqlalchemy.orm import InstrumentedAttribute

from domain.principal import Principal
from domain.scope import visibility

S = TypeVar("S", bound=Select[Any])


def readable(
    statement: S,
    principal: Principal,
    owner: InstrumentedAttribute[Any],
    team: InstrumentedAttribute[Any] | None,
    responsible: Sequence[InstrumentedAttribute[Any]] = (),
    involved: Callable[[UUID], ColumnElement[bool]] | None = None,
) -> S:
    """`involved(user_id)`: a further condition under which a user sees a record they
    neither own nor lead the team of (a participant of a meeting, say)."""
    branches = readable_branches(principal, owner, team, responsible, involved)
    if branches is None:
        return statement
    return statement.where(or_(false(), *branches))


def readable_branches(
    principal: Principal,
    owner: InstrumentedAttribute[Any],
    team: InstrumentedAttribute[Any] | None,
    responsible: Sequence[InstrumentedAttribute[Any]] = (),
    involved: Callable[[UUID], ColumnElement[bool]] | None = None,
) -> list[ColumnElement[bool]] | None:
    """The conditions `readable` ORs together, each on its own (None: the principal sees
    everything). A list can read each branch along its own index and merge them, where
    one OR would have to read the whole table in order and filter it."""
    seen = visibility(principal)
    if seen.everything:
        return None
    conditions = [owner == seen.user_id, *(column == seen.user_id for column in responsible)]
    if involved is not None:
        conditions.append(involved(seen.user_id))
    if seen.team_id is not None and team is not None:
        conditions.append(team == seen.team_id)
    return conditions
