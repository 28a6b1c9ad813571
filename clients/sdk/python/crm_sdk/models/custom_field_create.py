from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.custom_entity import CustomEntity
from ..models.field_type import FieldType
from ..types import UNSET, Unset

T = TypeVar("T", bound="CustomFieldCreate")


@_attrs_define
class CustomFieldCreate:
    """
    Attributes:
        entity (CustomEntity):
        key (str):
        label (str):
        type_ (FieldType):
        choices (list[str] | Unset):
        position (int | Unset):  Default: 0.
        required (bool | Unset):  Default: False.
    """

    entity: CustomEntity
    key: str
    label: str
    type_: FieldType
    choices: list[str] | Unset = UNSET
    position: int | Unset = 0
    required: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        entity = self.entity.value

        key = self.key

        label = self.label

        type_ = self.type_.value

        choices: list[str] | Unset = UNSET
        if not isinstance(self.choices, Unset):
            choices = self.choices

        position = self.position

        required = self.required

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "entity": entity,
                "key": key,
                "label": label,
                "type": type_,
            }
        )
        if choices is not UNSET:
            field_dict["choices"] = choices
        if position is not UNSET:
            field_dict["position"] = position
        if required is not UNSET:
            field_dict["required"] = required

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        entity = CustomEntity(d.pop("entity"))

        key = d.pop("key")

        label = d.pop("label")

        type_ = FieldType(d.pop("type"))

        choices = cast(list[str], d.pop("choices", UNSET))

        position = d.pop("position", UNSET)

        required = d.pop("required", UNSET)

        custom_field_create = cls(
            entity=entity,
            key=key,
            label=label,
            type_=type_,
            choices=choices,
            position=position,
            required=required,
        )

        return custom_field_create
