from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.record_type import RecordType
from ..models.trigger import Trigger

if TYPE_CHECKING:
    from ..models.action_kind_read import ActionKindRead
    from ..models.condition_field_read import ConditionFieldRead


T = TypeVar("T", bound="TriggerKindRead")


@_attrs_define
class TriggerKindRead:
    """
    Attributes:
        actions (list[ActionKindRead]): What it may do.
        fields (list[ConditionFieldRead]): What its conditions may test.
        needs_days (bool): The trigger counts days in the stage.
        needs_stage (bool): The trigger names a stage_id.
        record_type (RecordType):
        type_ (Trigger):
    """

    actions: list[ActionKindRead]
    fields: list[ConditionFieldRead]
    needs_days: bool
    needs_stage: bool
    record_type: RecordType
    type_: Trigger
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)

        fields = []
        for fields_item_data in self.fields:
            fields_item = fields_item_data.to_dict()
            fields.append(fields_item)

        needs_days = self.needs_days

        needs_stage = self.needs_stage

        record_type = self.record_type.value

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actions": actions,
                "fields": fields,
                "needs_days": needs_days,
                "needs_stage": needs_stage,
                "record_type": record_type,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_kind_read import ActionKindRead  # noqa: PLC0415
        from ..models.condition_field_read import ConditionFieldRead  # noqa: PLC0415

        d = dict(src_dict)
        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:
            actions_item = ActionKindRead.from_dict(actions_item_data)

            actions.append(actions_item)

        fields = []
        _fields = d.pop("fields")
        for fields_item_data in _fields:
            fields_item = ConditionFieldRead.from_dict(fields_item_data)

            fields.append(fields_item)

        needs_days = d.pop("needs_days")

        needs_stage = d.pop("needs_stage")

        record_type = RecordType(d.pop("record_type"))

        type_ = Trigger(d.pop("type"))

        trigger_kind_read = cls(
            actions=actions,
            fields=fields,
            needs_days=needs_days,
            needs_stage=needs_stage,
            record_type=record_type,
            type_=type_,
        )

        trigger_kind_read.additional_properties = d
        return trigger_kind_read

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
