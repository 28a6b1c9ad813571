from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.operator import Operator
from ..models.value_kind import ValueKind

T = TypeVar("T", bound="ConditionFieldRead")


@_attrs_define
class ConditionFieldRead:
    """
    Attributes:
        choices (list[str]): For choice and outcome fields: the values.
        kind (ValueKind):
        name (str):
        operators (list[Operator]):
    """

    choices: list[str]
    kind: ValueKind
    name: str
    operators: list[Operator]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        choices = self.choices

        kind = self.kind.value

        name = self.name

        operators = []
        for operators_item_data in self.operators:
            operators_item = operators_item_data.value
            operators.append(operators_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "choices": choices,
                "kind": kind,
                "name": name,
                "operators": operators,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        choices = cast(list[str], d.pop("choices"))

        kind = ValueKind(d.pop("kind"))

        name = d.pop("name")

        operators = []
        _operators = d.pop("operators")
        for operators_item_data in _operators:
            operators_item = Operator(operators_item_data)

            operators.append(operators_item)

        condition_field_read = cls(
            choices=choices,
            kind=kind,
            name=name,
            operators=operators,
        )

        condition_field_read.additional_properties = d
        return condition_field_read

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
