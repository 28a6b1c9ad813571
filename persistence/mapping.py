"""Domain records to table rows and back, said once for every table that holds one.

A record's field is the column of the same name. Going to the record, the field's type
says what to do: an enum is made from the stored value, a list or a mapping is copied
(the record never shares a row's mutable value), anything else is taken as it is. Going
to the row, an enum is stored as its value. What differs per table is named where the
table is mapped: columns no field of the record holds (derived for search and sorting,
or kept by other writes), and fields no column holds (a contact's e-mails, kept in a
table of their own), which the repository reads and gives."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Generic, TypeVar

from sqlalchemy import FromClause

T = TypeVar("T")

# Set when the row is inserted (`id`, `created_at`) or by the versioned update
# (`version`, persistence/base.py): never among an update's values.
_SET_ONCE = frozenset({"id", "created_at", "version"})


def _no_columns(record: Any) -> dict[str, Any]:
    return {}


def _reader(hint: Any) -> Callable[[Any], Any] | None:
    """How a stored value becomes the field's value; None: as it is."""
    arguments = typing.get_args(hint)
    union = typing.get_origin(hint) in (typing.Union, types.UnionType)
    optional = union and type(None) in arguments
    if optional:
        rest = [a for a in arguments if a is not type(None)]
        hint = rest[0] if len(rest) == 1 else Any
    kind = typing.get_origin(hint) or hint
    convert: Callable[[Any], Any]
    if isinstance(kind, type) and issubclass(kind, Enum):
        convert = kind
    elif kind is list:
        convert = list
    elif kind is dict:
        convert = dict
    else:
        return None
    if optional:
        return lambda value: None if value is None else convert(value)
    return convert


@dataclass(frozen=True)
class RowMapping(Generic[T]):
    """How records of `record` sit in rows of `table`."""

    record: type[T]
    table: FromClause
    # Columns the record's own writes leave alone: kept by other writes (a contact's
    # engagement copies are the interactions').
    kept_elsewhere: frozenset[str] = frozenset()
    # Columns made from the record for search and sorting, on every write.
    derived: Callable[[T], dict[str, Any]] = _no_columns
    # Worked out once from the record's fields and the table's columns.
    _read: tuple[str, ...] = field(init=False)
    _converted: tuple[tuple[str, Callable[[Any], Any]], ...] = field(init=False)
    _written: tuple[str, ...] = field(init=False)
    _enums: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        hints = typing.get_type_hints(self.record)
        columns = set(self.table.columns.keys())
        names = [f.name for f in dataclasses.fields(self.record)]  # type: ignore[arg-type]
        read = tuple(name for name in names if name in columns)
        converted = tuple(
            (name, convert) for name in read if (convert := _reader(hints[name])) is not None
        )
        written = tuple(
            name for name in read if name not in _SET_ONCE and name not in self.kept_elsewhere
        )
        enums = tuple(name for name in written if _is_enum(hints[name]))
        # A frozen dataclass sets its own derived fields this way only.
        object.__setattr__(self, "_read", read)
        object.__setattr__(self, "_converted", converted)
        object.__setattr__(self, "_written", written)
        object.__setattr__(self, "_enums", enums)

    def record_of(self, row: Any, **given: Any) -> T:
        """The record in `row` (anything with the table's columns as attributes: an ORM
        row, a result row, a namespace), with `given` for the fields no column holds."""
        values = {name: getattr(row, name) for name in self._read}
        for name, convert in self._converted:
            values[name] = convert(values[name])
        return self.record(**values, **given)

    def values(self, record: T) -> dict[str, Any]:
        """The columns a write of `record` sets: its fields' (but those set once or kept
        elsewhere) and the derived ones."""
        values = {name: getattr(record, name) for name in self._written}
        for name in self._enums:
            if values[name] is not None:
                values[name] = values[name].value
        values.update(self.derived(record))
        return values

    def new_row_values(self, record: T) -> dict[str, Any]:
        """The columns of the record's first row: `values` and those set once."""
        once = {name: getattr(record, name) for name in self._read if name in _SET_ONCE}
        return {**once, **self.values(record)}


def _is_enum(hint: Any) -> bool:
    kinds = typing.get_args(hint) or (hint,)
    return any(isinstance(k, type) and issubclass(k, Enum) for k in kinds)
