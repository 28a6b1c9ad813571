"""Response models read from records (api/schemas/common.py ReadModel): by attribute name,
nested ones too, with what the API works out itself taking precedence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from uuid import UUID, uuid4

import pytest
from pydantic import ValidationError

from api.schemas.common import ReadModel
from api.schemas.contacts import ContactRead
from domain.contacts.contacts import Contact, ContactEmail, ContactPhone


class _PartRead(ReadModel):
    name: str


class _ThingRead(ReadModel):
    id: UUID
    label: str
    parts: list[_PartRead]
    count: int = 0


@dataclass
class _Part:
    name: str


@dataclass
class _Thing:
    name: str
    parts: list[_Part] = field(default_factory=list)
    id: UUID = field(default_factory=uuid4)

    @property
    def label(self) -> str:
        return self.name.upper()


def test_fields_nested_models_and_properties_are_read_by_name() -> None:
    thing = _Thing("bolt", [_Part("head"), _Part("shank")])

    read = _ThingRead.of(thing)

    assert read.model_dump() == {
        "id": thing.id,
        "label": "BOLT",
        "parts": [{"name": "head"}, {"name": "shank"}],
        "count": 0,
    }


def test_given_values_take_precedence_and_fill_what_the_record_lacks() -> None:
    thing = _Thing("bolt", [_Part("head")])

    read = _ThingRead.of(thing, label="given", count=3, parts=[_Part("nut")])

    assert (read.label, read.count, read.parts) == ("given", 3, [_PartRead(name="nut")])
    # The record is only read.
    assert (thing.label, thing.parts) == ("BOLT", [_Part("head")])


def test_given_values_are_validated_like_the_rest() -> None:
    with pytest.raises(ValidationError) as raised:
        _ThingRead.of(_Thing("bolt"), count="many")
    assert [error["loc"] for error in raised.value.errors()] == [("count",)]


def test_a_field_neither_read_nor_given_is_missing() -> None:
    @dataclass
    class Nameless:
        id: UUID

    with pytest.raises(ValidationError) as raised:
        _ThingRead.of(Nameless(uuid4()), parts=[])
    assert [error["type"] for error in raised.value.errors()] == ["missing"]


def test_a_contact_shows_the_custom_fields_it_is_given_not_those_stored() -> None:
    at = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
    contact = Contact(
        owner_id=uuid4(),
        team_id=None,
        first_name="Jonas",
        last_name="Weber",
        emails=[ContactEmail("jonas@acme.example", primary=True)],
        phones=[ContactPhone("+49301234567")],
        custom_fields={"shown": 1, "no_longer_defined": 2},
        created_at=at,
        updated_at=at,
    )

    read = ContactRead.of(contact, custom_fields={"shown": 1}, external_ids={"erp": "C-1"})

    assert read.custom_fields == {"shown": 1}
    assert read.external_ids == {"erp": "C-1"}
    assert read.full_name == "Jonas Weber"
    assert [e.model_dump() for e in read.emails] == [
        {"email": "jonas@acme.example", "primary": True}
    ]
    assert [p.model_dump() for p in read.phones] == [{"phone": "+49301234567", "primary": False}]
    assert contact.custom_fields == {"shown": 1, "no_longer_defined": 2}
