"""Record scope in SQL: every query over owned records passes through `readable`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import Select, false, or_
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
) -> S:
    seen = visibility(principal)
    if seen.everything:
        return statement
    conditions = [owner == seen.user_id, *(column == seen.user_id for column in responsible)]
    if seen.team_id is not None and team is not None:
        conditions.append(team == seen.team_id)
    return statement.where(or_(false(), *conditions))
