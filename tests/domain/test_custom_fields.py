"""Custom-field values and filters checked against their definitions, without a database."""

from __future__ import annotations

from typing import Any

import pytest

from domain.contacts.custom_fields import (
    MAX_TEXT_LENGTH,
    CustomEntity,
    CustomFieldDefinition,
    FieldType,
    apply_custom_fields,
    resolve_filters,
    visible_custom_fields,
)
from domain.errors import ValidationFailed


def definition(
    key: str, type_: FieldType, required: bool = False, choices: list[str] | None = None
) -> CustomFieldDefinition:
    return CustomFieldDefinition(
        entity=CustomEntity.CONTACT,
        key=key,
        label=key.title(),
        type=type_,
        required=required,
        choices=choices or [],
    )


DEFINITIONS = [
    definition("note", FieldType.TEXT),
    definition("score", FieldType.NUMBER),
    definition("birthday", FieldType.DATE),
    definition("vip", FieldType.BOOLEAN),
    definition("tier", FieldType.SINGLE_CHOICE, choices=["gold", "silver"]),
    definition("channels", FieldType.MULTI_CHOICE, choices=["mail", "phone", "chat"]),
]


def fields_of(error: pytest.ExceptionInfo[ValidationFailed]) -> list[str]:
    """The field paths a validation error names."""
    return [e.field for e in error.value.errors]


def apply(changes: dict[str, Any], current: dict[str, Any] | None = None) -> dict[str, Any]:
    return apply_custom_fields(DEFINITIONS, current or {}, changes, creating=False)


# --- Values of each type -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "stored"),
    [
        ("note", "Met at the fair", "Met at the fair"),
        ("note", "", ""),
        ("score", 40, 40),
        ("score", -2.5, -2.5),
        ("birthday", "1990-02-28", "1990-02-28"),
        ("vip", True, True),
        ("vip", False, False),
        ("tier", "gold", "gold"),
        ("channels", ["mail", "chat", "mail"], ["mail", "chat"]),
        ("channels", [], []),
    ],
)
def test_valid_value_of_each_type_is_stored(key: str, value: Any, stored: Any) -> None:
    """A value of the field's type is stored (multi-choice values once each)."""
    assert apply({key: value}) == {key: stored}


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("note", 5),
        ("note", "x" * (MAX_TEXT_LENGTH + 1)),
        ("score", "40"),
        ("score", True),
        ("score", float("nan")),
        ("score", float("inf")),
        ("birthday", "2026-02-30"),
        ("birthday", "27.11.2026"),
        ("birthday", 20261127),
        ("vip", 1),
        ("vip", "true"),
        ("tier", "bronze"),
        ("tier", ["gold"]),
        ("channels", "mail"),
        ("channels", ["mail", "fax"]),
    ],
)
def test_value_of_the_wrong_type_is_refused_naming_the_field(key: str, value: Any) -> None:
    """A value that does not fit its field's type is refused as `custom_fields.<key>`."""
    with pytest.raises(ValidationFailed) as error:
        apply({key: value})
    assert fields_of(error) == [f"custom_fields.{key}"]


def test_number_that_is_whole_is_stored_as_an_integer() -> None:
    """40.0 and 40 are the same number and are stored alike, so a filter matches both."""
    assert apply({"score": 40.0}) == apply({"score": 40})
    assert isinstance(apply({"score": 40.0})["score"], int)


def test_unknown_key_is_refused_naming_it() -> None:
    """A key no definition has is refused as `custom_fields.<key>`."""
    with pytest.raises(ValidationFailed) as error:
        apply({"shoe_size": 44})
    assert fields_of(error) == ["custom_fields.shoe_size"]


def test_every_bad_value_is_named_at_once() -> None:
    """Several bad values are all reported in one error."""
    with pytest.raises(ValidationFailed) as error:
        apply({"note": 1, "vip": "yes", "nope": 1, "tier": "gold"})
    assert sorted(fields_of(error)) == [
        "custom_fields.nope",
        "custom_fields.note",
        "custom_fields.vip",
    ]


def test_changes_merge_into_current_values_and_null_removes() -> None:
    """Untouched values stay, given ones replace, null removes the key."""
    current = {"note": "old", "score": 1, "vip": True}
    assert apply({"note": "new", "vip": None}, current) == {"note": "new", "score": 1}
    assert current == {"note": "old", "score": 1, "vip": True}  # not mutated


def test_removing_an_absent_value_is_harmless() -> None:
    """Null for a field without a value changes nothing."""
    assert apply({"note": None}) == {}


def test_stored_values_of_deleted_fields_are_kept() -> None:
    """A value whose definition is gone stays in the record (hidden, not erased)."""
    assert apply({"note": "n"}, {"retired": 1}) == {"retired": 1, "note": "n"}


# --- Required fields -----------------------------------------------------------------------


def test_required_field_must_be_given_on_create() -> None:
    """Creating without a required field's value is refused naming it."""
    definitions = [*DEFINITIONS, definition("region", FieldType.TEXT, required=True)]
    with pytest.raises(ValidationFailed) as error:
        apply_custom_fields(definitions, {}, {"note": "n"}, creating=True)
    assert fields_of(error) == ["custom_fields.region"]
    assert apply_custom_fields(definitions, {}, {"region": "EU"}, creating=True) == {"region": "EU"}


def test_required_field_may_not_be_removed() -> None:
    """Setting a required field to null on an update is refused naming it."""
    definitions = [definition("region", FieldType.TEXT, required=True)]
    with pytest.raises(ValidationFailed) as error:
        apply_custom_fields(definitions, {"region": "EU"}, {"region": None}, creating=False)
    assert fields_of(error) == ["custom_fields.region"]


def test_required_field_added_later_does_not_block_other_updates() -> None:
    """An update that leaves a newly required (still empty) field alone is accepted."""
    definitions = [definition("region", FieldType.TEXT, required=True), *DEFINITIONS]
    assert apply_custom_fields(definitions, {}, {"note": "n"}, creating=False) == {"note": "n"}


# --- Visibility ----------------------------------------------------------------------------


def test_only_defined_values_are_visible() -> None:
    """Values of fields that are no longer defined are hidden from reads."""
    assert visible_custom_fields(DEFINITIONS, {"note": "n", "retired": 1}) == {"note": "n"}


# --- Filters -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pair", "expected"),
    [
        (("note", "hello: world"), ("note", "hello: world")),
        (("score", "40"), ("score", 40)),
        (("score", "40.0"), ("score", 40)),
        (("score", "-2.5"), ("score", -2.5)),
        (("vip", "true"), ("vip", True)),
        (("vip", "false"), ("vip", False)),
        (("tier", "gold"), ("tier", "gold")),
        (("birthday", "1990-02-28"), ("birthday", "1990-02-28")),
    ],
)
def test_filter_value_is_read_as_its_field_type(
    pair: tuple[str, str], expected: tuple[str, Any]
) -> None:
    """Numbers become numbers (40 and 40.0 alike), booleans booleans, the rest text."""
    assert resolve_filters(DEFINITIONS, (pair,)) == (expected,)


@pytest.mark.parametrize(
    ("pair", "why"),
    [
        (("shoe_size", "44"), "unknown"),
        (("score", "forty"), "not a number"),
        (("vip", "yes"), "not a boolean"),
        (("channels", "mail"), "multi-choice"),
    ],
)
def test_bad_filter_is_refused_naming_its_index(pair: tuple[str, str], why: str) -> None:
    """An unknown key, an unreadable value or a multi-choice field is refused as
    `custom_field.<index>`."""
    with pytest.raises(ValidationFailed) as error:
        resolve_filters(DEFINITIONS, (("note", "x"), pair))
    assert fields_of(error) == ["custom_field.1"], why
