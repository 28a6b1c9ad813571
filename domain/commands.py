"""What commands are made of: a use case takes a frozen command whose fields are typed,
and a field the caller did not send is UNSET, which is not None: null clears a field,
UNSET leaves it as it is (on a create: its default)."""

from __future__ import annotations

from enum import Enum
from typing import Final, Literal, TypeVar

T = TypeVar("T")
D = TypeVar("D")


class Unset(Enum):
    """The type of UNSET. An enum of one member, so that mypy narrows `X | Unset` to `X`
    after `is not UNSET`."""

    UNSET = "unset"

    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> Literal[False]:
        # Falsy like None, so that `value or default` never takes UNSET for a value.
        return False


UNSET: Final = Unset.UNSET


def value_or(value: T | Unset, default: D) -> T | D:
    """The value sent, else `default`: for a create, where an unsent field takes its
    default rather than staying as it is."""
    return default if value is UNSET else value
