"""Rules every owned record shares, without a database: tags and custom-field filters."""

from __future__ import annotations

import pytest

from domain.errors import ValidationFailed
from domain.records import MAX_TAG_LENGTH, MAX_TAGS, normalize_tags, parse_custom_field_filters


def fields_of(error: pytest.ExceptionInfo[ValidationFailed]) -> list[str]:
    """The field paths a validation error names."""
    return [e.field for e in error.value.errors]


def test_tags_are_trimmed_lower_cased_and_collapsed() -> None:
    """Tags lose outer space, runs of inner space and case."""
    assert normalize_tags(["  VIP ", "Key \t  Account"]) == ["vip", "key account"]


def test_tags_keep_first_occurrence_order_without_duplicates() -> None:
    """A tag given twice in any case is kept once, where it first appeared."""
    assert normalize_tags(["b", "A", "B", "a ", "c"]) == ["b", "a", "c"]


def test_no_tags_is_an_empty_list() -> None:
    """An empty list stays empty."""
    assert normalize_tags([]) == []


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_blank_tag_is_refused_naming_its_index(blank: str) -> None:
    """A tag of nothing but space is refused as `tags.<index>`."""
    with pytest.raises(ValidationFailed) as error:
        normalize_tags(["fine", blank])
    assert fields_of(error) == ["tags.1"]


def test_too_long_tag_is_refused_naming_its_index() -> None:
    """A tag longer than the limit (after trimming) is refused as `tags.<index>`."""
    assert normalize_tags(["x" * MAX_TAG_LENGTH + "  "]) == ["x" * MAX_TAG_LENGTH]
    with pytest.raises(ValidationFailed) as error:
        normalize_tags(["x" * (MAX_TAG_LENGTH + 1)])
    assert fields_of(error) == ["tags.0"]


def test_too_many_distinct_tags_are_refused() -> None:
    """More than the allowed number of distinct tags is refused as `tags`."""
    assert len(normalize_tags([f"t{i}" for i in range(MAX_TAGS)] + ["T0"])) == MAX_TAGS
    with pytest.raises(ValidationFailed) as error:
        normalize_tags([f"t{i}" for i in range(MAX_TAGS + 1)])
    assert fields_of(error) == ["tags"]


def test_tags_error_uses_the_given_field_name() -> None:
    """The field name in errors can be chosen by the caller."""
    with pytest.raises(ValidationFailed) as error:
        normalize_tags([""], field_name="labels")
    assert fields_of(error) == ["labels.0"]


def test_custom_field_filters_split_at_the_first_colon() -> None:
    """`key:value` pairs split once, so values may contain colons or be empty."""
    assert parse_custom_field_filters(["tier:gold", "url:http://x", "note:"]) == (
        ("tier", "gold"),
        ("url", "http://x"),
        ("note", ""),
    )


@pytest.mark.parametrize("raw", ["tier", ":gold", ""])
def test_custom_field_filter_without_key_or_colon_is_refused(raw: str) -> None:
    """A filter lacking a key or a colon is refused naming `custom_field.<index>`."""
    with pytest.raises(ValidationFailed) as error:
        parse_custom_field_filters(["ok:1", raw])
    assert fields_of(error) == ["custom_field.1"]
