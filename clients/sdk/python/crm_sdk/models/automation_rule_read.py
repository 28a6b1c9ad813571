from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.action_read import ActionRead
    from ..models.condition_read import ConditionRead
    from ..models.trigger_read import TriggerRead


T = TypeVar("T", bound="AutomationRuleRead")


@_attrs_define
class AutomationRuleRead:
    """
    Attributes:
        actions (list[ActionRead]):
        conditions (list[ConditionRead]):
        created_at (datetime.datetime):
        created_by (UUID):
        enabled (bool):
        id (UUID):
        name (str):
        trigger (TriggerRead):
        updated_at (datetime.datetime):
        version (int):
    """

    actions: list[ActionRead]
    conditions: list[ConditionRead]
    created_at: datetime.datetime
    created_by: UUID
    enabled: bool
    id: UUID
    name: str
    trigger: TriggerRead
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)

        conditions = []
        for conditions_item_data in self.conditions:
            conditions_item = conditions_item_data.to_dict()
            conditions.append(conditions_item)

        created_at = self.created_at.isoformat()

        created_by = str(self.created_by)

        enabled = self.enabled

        id = str(self.id)

        name = self.name

        trigger = self.trigger.to_dict()

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actions": actions,
                "conditions": conditions,
                "created_at": created_at,
                "created_by": created_by,
                "enabled": enabled,
                "id": id,
                "name": name,
                "trigger": trigger,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_read import ActionRead  # noqa: PLC0415
        from ..models.condition_read import ConditionRead  # noqa: PLC0415
        from ..models.trigger_read import TriggerRead  # noqa: PLC0415

        d = dict(src_dict)
        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:
            actions_item = ActionRead.from_dict(actions_item_data)

            actions.append(actions_item)

        conditions = []
        _conditions = d.pop("conditions")
        for conditions_item_data in _conditions:
            conditions_item = ConditionRead.from_dict(conditions_item_data)

            conditions.append(conditions_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        created_by = UUID(d.pop("created_by"))

        enabled = d.pop("enabled")

        id = UUID(d.pop("id"))

        name = d.pop("name")

        trigger = TriggerRead.from_dict(d.pop("trigger"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        automation_rule_read = cls(
            actions=actions,
            conditions=conditions,
            created_at=created_at,
            created_by=created_by,
            enabled=enabled,
            id=id,
            name=name,
            trigger=trigger,
            updated_at=updated_at,
            version=version,
        )

        automation_rule_read.additional_properties = d
        return automation_rule_read

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
