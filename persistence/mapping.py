"""Domain records to table rows and back, said once for every table that holds one.

A record's field is the column of the same name. Going to the record, the field's type
says what to do: an enum is made from the stored value, a list or a mapping is copied
(the record never shares a row's mutable value), anything else is taken as it is. Going
to the row, an enum is stored as its value. What differs per table is named where the
table is mapped: columns no field of the record holds (derived for search and sorting,
or kept by other writes), fields no column holds (a contact's e-mails, kept in a table
of their own), which the repository reads and gives, columns written with the first row
only (a definition's key), and fields stored in a form of their own (a role's access
matrix as a JSON document), each with its `Converter`."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from operator import itemgetter
from typing import Any, Generic, TypeVar

from sqlalchemy import FromClause

T = TypeVar("T")

# Set when the row is inserted (`id`, `created_at`) or by the versioned update
# (`version`, persistence/base.py): never among an update's values.
_SET_ONCE = frozenset({"id", "created_at", "version"})


def _no_columns(record: Any) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Converter:
    """How a field that its type alone does not say how to store is stored: a value
    object kept as a JSON document, a set kept as a sorted list. Both functions are
    given None too where the field or the column may hold it."""

    # The field's value from the column's.
    read: Callable[[Any], Any]
    # The column's value from the field's.
    write: Callable[[Any], Any]
    # The column, when it is not named as the field.
    column: str | None = None


def _enum_value(value: Enum | None) -> Any:
    return None if value is None else value.value


def _enum_reader(kind: type[Enum]) -> Callable[[Any], Any]:
    # The member by its value from the enum's own map: calling the enum costs five times
    # as much, and a page reads thousands.
    members = kind._value2member_map_

    def read(value: Any) -> Any:
        found = members.get(value)
        return kind(value) if found is None else found

    return read


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
        convert = _enum_reader(kind)
    elif kind is list:
        convert = list
    elif kind is dict:
        convert = dict
    else:
        return None
    if optional:
        return lambda value: None if value is None else convert(value)
    return convert


# A column a write sets: the field it holds, its name, and how the field's value is
# stored (None: as it is).
_Written = tuple[str, str, Callable[[Any], Any] | None]


@dataclass(frozen=True)
class RowMapping(Generic[T]):
    """How records of `record` sit in rows of `table`."""

    record: type[T]
    table: FromClause
    # Columns the record's own writes leave alone: kept by other writes (a contact's
    # engagement copies are the interactions').
    kept_elsewhere: frozenset[str] = frozenset()
    # Columns made from the record on every write: for search and sorting, or a
    # foreign key the record holds as the record it points to (a user's role).
    derived: Callable[[T], dict[str, Any]] = _no_columns
    # Columns written with the first row only: what never changes once the record
    # exists (a definition's key and type), which an update then cannot overwrite.
    set_once: frozenset[str] = frozenset()
    # By field name: the fields stored in a form of their own.
    converters: Mapping[str, Converter] = field(default_factory=dict)
    # Worked out once from the record's fields and the table's columns: (field, column)
    # of the fields a column holds; how stored values are read; and (field, column,
    # how the value is stored) of the columns every write sets and of those the first
    # row alone sets.
    _read: tuple[tuple[str, str], ...] = field(init=False)
    _converted: tuple[tuple[str, Callable[[Any], Any]], ...] = field(init=False)
    _written: tuple[_Written, ...] = field(init=False)
    _once: tuple[_Written, ...] = field(init=False)

    def __post_init__(self) -> None:
        hints = typing.get_type_hints(self.record)
        columns = set(self.table.columns.keys())
        names = [f.name for f in dataclasses.fields(self.record)]  # type: ignore[arg-type]
        column_of = {name: c.column or name for name, c in self.converters.items()}
        unknown = (set(self.converters) - set(names)) | (
            (set(column_of.values()) | self.set_once | self.kept_elsewhere) - columns
        )
        if unknown:
            # Said when the table is mapped, not found later as a field no write sets.
            raise ValueError(f"{self.record.__name__}: no such field or column: {unknown}")
        read = tuple(
            (name, column) for name in names if (column := column_of.get(name, name)) in columns
        )
        readers = {name: self._read_with(name, hints[name]) for name, _ in read}
        stored = tuple(
            (name, column, self._write_with(name, hints[name]))
            for name, column in read
            if column not in self.kept_elsewhere
        )
        once = _SET_ONCE | self.set_once
        # A frozen dataclass sets its own derived fields this way only.
        object.__setattr__(self, "_read", read)
        object.__setattr__(
            self,
            "_converted",
            tuple((name, convert) for name, convert in readers.items() if convert is not None),
        )
        object.__setattr__(self, "_written", tuple(s for s in stored if s[1] not in once))
        object.__setattr__(self, "_once", tuple(s for s in stored if s[1] in once))

    def _read_with(self, name: str, hint: Any) -> Callable[[Any], Any] | None:
        converter = self.converters.get(name)
        return converter.read if converter else _reader(hint)

    def _write_with(self, name: str, hint: Any) -> Callable[[Any], Any] | None:
        converter = self.converters.get(name)
        return converter.write if converter else _writer(hint)

    def record_of(self, row: Any, **given: Any) -> T:
        """The record in `row` (anything with the table's columns as attributes: an ORM
        row, a result row, a namespace), with `given` for the fields no column holds."""
        values = {name: getattr(row, column) for name, column in self._read}
        for name, convert in self._converted:
            values[name] = convert(values[name])
        return self.record(**values, **given)

    def records_of(self, rows: Sequence[Any], **given: Callable[[Any], Any]) -> list[T]:
        """The records in the result rows of one statement (the table's columns among
        theirs), each field read by its position, worked out once from the first row:
        a page of rows costs a tenth of reading each field by name. `given`: for each
        field no column holds, its value from the row."""
        if not rows:
            return []
        positions = {column: i for i, column in enumerate(rows[0]._fields)}
        pick = itemgetter(*(positions[column] for _, column in self._read))
        names = [name for name, _ in self._read]
        converted = self._converted
        made = []
        for row in rows:
            values = dict(zip(names, pick(row), strict=True))
            for name, convert in converted:
                values[name] = convert(values[name])
            for name, value_of in given.items():
                values[name] = value_of(row)
            made.append(self.record(**values))
        return made

    def values(self, record: T) -> dict[str, Any]:
        """The columns a write of `record` sets: its fields' (but those set once or kept
        elsewhere) and the derived ones."""
        values = _columns(record, self._written)
        values.update(self.derived(record))
        return values

    def new_row_values(self, record: T) -> dict[str, Any]:
        """The columns of the record's first row: `values` and those set once."""
        return {**_columns(record, self._once), **self.values(record)}


def _columns(record: Any, written: tuple[_Written, ...]) -> dict[str, Any]:
    values = {}
    for name, column, write in written:
        value = getattr(record, name)
        values[column] = value if write is None else write(value)
    return values


def _writer(hint: Any) -> Callable[[Any], Any] | None:
    """How the field's value is stored; None: as it is."""
    kinds = typing.get_args(hint) or (hint,)
    return _enum_value if any(isinstance(k, type) and issubclass(k, Enum) for k in kinds) else None
