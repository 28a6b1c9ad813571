from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.action_type import ActionType
from ..models.stage_kind import StageKind

T = TypeVar("T", bound="ActionKindRead")


@_attrs_define
class ActionKindRead:
    """
    Attributes:
        parameters (list[str]): The parameters it takes; lost_reason only for a move to a lost stage.
        stage_kinds (list[StageKind]): move_deal_to_stage: the kinds of stage it may move to from this trigger.
        type_ (ActionType):
    """

    parameters: list[str]
    stage_kinds: list[StageKind]
    type_: ActionType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        parameters = self.parameters

        stage_kinds = []
        for stage_kinds_item_data in self.stage_kinds:
            stage_kinds_item = stage_kinds_item_data.value
            stage_kinds.append(stage_kinds_item)

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "parameters": parameters,
                "stage_kinds": stage_kinds,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        parameters = cast(list[str], d.pop("parameters"))

        stage_kinds = []
        _stage_kinds = d.pop("stage_kinds")
        for stage_kinds_item_data in _stage_kinds:
            stage_kinds_item = StageKind(stage_kinds_item_data)

            stage_kinds.append(stage_kinds_item)

        type_ = ActionType(d.pop("type"))

        action_kind_read = cls(
            parameters=parameters,
            stage_kinds=stage_kinds,
            type_=type_,
        )

        action_kind_read.additional_properties = d
        return action_kind_read

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
