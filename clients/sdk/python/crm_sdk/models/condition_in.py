from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.operator import Operator
from ..types import UNSET, Unset

T = TypeVar("T", bound="ConditionIn")


@_attrs_define
class ConditionIn:
    """
    Attributes:
        field (str): A field of the triggering record (contact, deal, interaction or request), e.g. `outcome`, `amount`,
            `priority`, `lifecycle_stage`, `tags`.
        op (Operator):
        value (bool | int | list[bool | int | str] | None | str | Unset): `equals`: one value (null: the field is
            empty); `in`: a list of values; `greater_than`: a number. Ids as strings, choices as their values; text compares
            without regard to case; on `tags`, `equals` means has the tag.
    """

    field: str
    op: Operator
    value: bool | int | list[bool | int | str] | None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        field = self.field

        op = self.op.value

        value: bool | int | list[bool | int | str] | None | str | Unset
        if isinstance(self.value, Unset):
            value = UNSET
        elif isinstance(self.value, list):
            value = []
            for value_type_3_item_data in self.value:
                value_type_3_item: bool | int | str
                value_type_3_item = value_type_3_item_data
                value.append(value_type_3_item)

        else:
            value = self.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "field": field,
                "op": op,
            }
        )
        if value is not UNSET:
            field_dict["value"] = value

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        field = d.pop("field")

        op = Operator(d.pop("op"))

        def _parse_value(data: object) -> bool | int | list[bool | int | str] | None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
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
            return cast(bool | int | list[bool | int | str] | None | str | Unset, data)

        value = _parse_value(d.pop("value", UNSET))

        condition_in = cls(
            field=field,
            op=op,
            value=value,
        )

        return condition_in
