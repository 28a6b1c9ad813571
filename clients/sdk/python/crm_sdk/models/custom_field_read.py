from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.custom_entity import CustomEntity
from ..models.field_type import FieldType

T = TypeVar("T", bound="CustomFieldRead")


@_attrs_define
class CustomFieldRead:
    """
    Attributes:
        choices (list[str]):
        created_at (datetime.datetime):
        entity (CustomEntity):
        id (UUID):
        key (str):
        label (str):
        position (int):
        required (bool):
        type_ (FieldType):
        updated_at (datetime.datetime):
        version (int):
    """

    choices: list[str]
    created_at: datetime.datetime
    entity: CustomEntity
    id: UUID
    key: str
    label: str
    position: int
    required: bool
    type_: FieldType
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        choices = self.choices

        created_at = self.created_at.isoformat()

        entity = self.entity.value

        id = str(self.id)

        key = self.key

        label = self.label

        position = self.position

        required = self.required

        type_ = self.type_.value

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "choices": choices,
                "created_at": created_at,
                "entity": entity,
                "id": id,
                "key": key,
                "label": label,
                "position": position,
                "required": required,
                "type": type_,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        choices = cast(list[str], d.pop("choices"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        entity = CustomEntity(d.pop("entity"))

        id = UUID(d.pop("id"))

        key = d.pop("key")

        label = d.pop("label")

        position = d.pop("position")

        required = d.pop("required")

        type_ = FieldType(d.pop("type"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        custom_field_read = cls(
            choices=choices,
            created_at=created_at,
            entity=entity,
            id=id,
            key=key,
            label=label,
            position=position,
            required=required,
            type_=type_,
            updated_at=updated_at,
            version=version,
        )

        custom_field_read.additional_properties = d
        return custom_field_read

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
