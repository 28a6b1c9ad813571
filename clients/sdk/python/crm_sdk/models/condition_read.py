from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.operator import Operator

T = TypeVar("T", bound="ConditionRead")


@_attrs_define
class ConditionRead:
    """
    Attributes:
        field (str):
        op (Operator):
        value (bool | int | list[bool | int | str] | None | str): `equals`: one value (null: the field is empty); `in`:
            a list of values; `greater_than`: a number. Ids as strings, choices as their values; text compares without
            regard to case; on `tags`, `equals` means has the tag.
    """

    field: str
    op: Operator
    value: bool | int | list[bool | int | str] | None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        op = self.op.value

        value: bool | int | list[bool | int | str] | None | str
        if isinstance(self.value, list):
            value = []
            for value_type_3_item_data in self.value:
                value_type_3_item: bool | int | str
                value_type_3_item = value_type_3_item_data
                value.append(value_type_3_item)

        else:
            value = self.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "field": field,
                "op": op,
                "value": value,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field = d.pop("field")

        op = Operator(d.pop("op"))

        def _parse_value(data: object) -> bool | int | list[bool | int | str] | None | str:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                value_type_3 = []
                _value_type_3 = data
                for value_type_3_item_data in _value_type_3:

                    def _parse_value_type_3_item(data: object) -> bool | int | str:
                        return cast(bool | int | str, data)

                    value_type_3_item = _parse_value_type_3_item(value_type_3_item_data)

                    value_type_3.append(value_type_3_item)

                return value_type_3
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(bool | int | list[bool | int | str] | None | str, data)

        value = _parse_value(d.pop("value"))

        condition_read = cls(
            field=field,
            op=op,
            value=value,
        )

        condition_read.additional_properties = d
        return condition_read

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
