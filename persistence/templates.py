"""Statements built once per shape and run with each request's values.

Building a large select (a timeline merges four sources, each in the caller's scope, and
joins the page's rows of six tables) and working out its cache key costs more than the
database takes to answer it. `Templates` builds such a statement the first time a shape
is asked for, from stand-in values, and turns each stand-in into a named parameter; later
requests of the same shape bind their own values to those parameters.

The shape is whatever decides the statement's structure rather than its values: which
filters are given, the caller's role (scope, rank, permissions), the database. A builder
must use the values it is given only as values: compare a column with them, never branch
on them. To catch one that does, each template is built twice, from two sets of
stand-ins, and the two must come out alike."""

from __future__ import annotations

import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.visitors import ExternallyTraversible, replacement_traverse

from domain.access.principal import Principal

# Values no request carries: UUIDs of a namespace of our own, moments in the year 1111.
_NAMESPACE = uuid.UUID("5c0f3e8a-93a1-4d7e-9d0b-7a3f0c6e1b42")
_EPOCH = datetime(1111, 1, 1, tzinfo=UTC)


def principal_shape(principal: Principal) -> Hashable:
    """What of a caller can change a statement's structure: all but who they are."""
    return (
        principal.role_id,
        principal.rank,
        principal.permissions,
        principal.access,
        principal.team_id is None,
        principal.rule_id is None,
    )


def principal_values(principal: Principal) -> dict[str, Any]:
    """Who the caller is, as a template binds it: `user_id`, and `team_id` if they have a
    team (whether they have one is part of `principal_shape`)."""
    values: dict[str, Any] = {"user_id": principal.user_id}
    if principal.team_id is not None:
        values["team_id"] = principal.team_id
    return values


def with_principal_values(principal: Principal, values: Mapping[str, Any]) -> Principal:
    """The caller with the ids of `values` (the request's or stand-ins for them)."""
    return replace(principal, user_id=values["user_id"], team_id=values.get("team_id"))


@dataclass(frozen=True)
class Template:
    statement: Any
    names: frozenset[str]  # its parameters

    def params(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """The request's values of the template's parameters."""
        return {name: values[name] for name in self.names}


Build = Callable[[Mapping[str, Any]], Any]


class Templates:
    """A bounded cache of templates by shape (least recently used ones go first)."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._made: OrderedDict[Hashable, Template] = OrderedDict()

    def get(self, shape: Hashable, values: Mapping[str, Any], build: Build) -> Template:
        """The template for `shape`. When it is not made yet, `build` makes its statement
        from stand-ins for `values` (a UUID or a moment each): each stand-in becomes the
        parameter of its name."""
        template = self._made.get(shape)
        if template is not None:
            self._made.move_to_end(shape)
            return template
        first = _parametrised(build, _stand_ins(values, "a"))
        second = _parametrised(build, _stand_ins(values, "b"))
        if first.names != second.names or _structure(first) != _structure(second):
            raise ValueError(f"the statement for {shape!r} depends on its values")
        self._made[shape] = first
        if len(self._made) > self.size:
            self._made.popitem(last=False)
        return first


def _stand_ins(values: Mapping[str, Any], series: str) -> dict[str, Any]:
    stand_ins: dict[str, Any] = {}
    for number, (name, value) in enumerate(sorted(values.items()), start=1):
        if isinstance(value, uuid.UUID):
            stand_ins[name] = uuid.uuid5(_NAMESPACE, f"{series}:{name}")
        elif isinstance(value, datetime):
            days = 0 if series == "a" else 366  # another year
            stand_ins[name] = _EPOCH + timedelta(days=days, seconds=number)
        else:
            raise TypeError(f"{name}: only UUIDs and moments have stand-ins")
    return stand_ins


def _parametrised(build: Build, stand_ins: Mapping[str, Any]) -> Template:
    names = {value: name for name, value in stand_ins.items()}
    found: set[str] = set()

    def replace(element: ExternallyTraversible, **_: Any) -> ExternallyTraversible | None:
        if isinstance(element, BindParameter) and not element.expanding:
            value = element.value
            if isinstance(value, Hashable) and value in names:
                found.add(names[value])
                return bindparam(names[value], type_=element.type)
        return None

    # A stand-in not found is a value the statement does not need (an Owner's scope
    # names no user).
    built: ExternallyTraversible = build(stand_ins)
    statement = replacement_traverse(built, {}, replace)
    return Template(statement, frozenset(found))


def _structure(template: Template) -> Any:
    key = template.statement._generate_cache_key()
    return key.key if key is not None else None
