"""Request bodies into the domain's commands, in one place for every resource. A field the
client sent carries its value; one it did not is UNSET, so that a change tells "clear it"
(null) from "leave it" (absent)."""

from __future__ import annotations

import dataclasses
import types
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar, Union, get_args, get_origin, get_type_hints

from pydantic import BaseModel

from domain.commands import Unset

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

C = TypeVar("C", bound="DataclassInstance")


def command(body: BaseModel, kind: type[C], exclude: frozenset[str] = frozenset()) -> C:
    """`kind` (a command dataclass) with the fields `body` was sent with, but `exclude`;
    the others keep their defaults (UNSET). A body field the command lacks is a
    TypeError: nothing a client sends may be dropped unseen. Values take the command's
    types: nested bodies become the dataclasses it names, lists tuples, text enums."""
    hints = _hints(kind)
    sent = body.model_fields_set - exclude
    return kind(**{name: _convert(getattr(body, name), hints.get(name, Any)) for name in sent})


@cache
def _hints(kind: type[Any]) -> dict[str, Any]:
    return get_type_hints(kind)


def _declared(hint: Any) -> Any:
    """The type a field holds when a value is given: `X | Unset | None` -> `X`."""
    if get_origin(hint) in (Union, types.UnionType):
        arms = [arm for arm in get_args(hint) if arm not in (type(None), Unset)]
        if len(arms) == 1:
            return arms[0]
    return hint


def _convert(value: Any, hint: Any) -> Any:
    target = _declared(hint)
    if (
        isinstance(value, BaseModel)
        and isinstance(target, type)
        and dataclasses.is_dataclass(target)
    ):
        inner = _hints(target)
        return target(
            **{
                name: _convert(getattr(value, name), inner.get(name, Any))
                for name in type(value).model_fields
            }
        )
    if isinstance(value, list) and get_origin(target) is tuple:
        [item, *_] = get_args(target)
        return tuple(_convert(each, item) for each in value)
    if isinstance(target, type) and issubclass(target, Enum) and isinstance(value, str):
        return value if isinstance(value, target) else target(value)
    return value
