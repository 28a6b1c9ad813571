from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.action_in import ActionIn
    from ..models.condition_in import ConditionIn
    from ..models.trigger_in import TriggerIn


T = TypeVar("T", bound="AutomationRuleCreate")


@_attrs_define
class AutomationRuleCreate:
    """
    Attributes:
        actions (list[ActionIn]): Run in order.
        name (str):
        trigger (TriggerIn):
        conditions (list[ConditionIn] | Unset): All must hold.
        enabled (bool | Unset):  Default: True.
    """

    actions: list[ActionIn]
    name: str
    trigger: TriggerIn
    conditions: list[ConditionIn] | Unset = UNSET
    enabled: bool | Unset = True

    def to_dict(self) -> dict[str, Any]:
        actions = []
        for actions_item_data in self.actions:
            actions_item = actions_item_data.to_dict()
            actions.append(actions_item)

        name = self.name

        trigger = self.trigger.to_dict()

        conditions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.conditions, Unset):
            conditions = []
            for conditions_item_data in self.conditions:
                conditions_item = conditions_item_data.to_dict()
                conditions.append(conditions_item)

        enabled = self.enabled

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "actions": actions,
                "name": name,
                "trigger": trigger,
            }
        )
        if conditions is not UNSET:
            field_dict["conditions"] = conditions
        if enabled is not UNSET:
            field_dict["enabled"] = enabled

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.action_in import ActionIn  # noqa: PLC0415
        from ..models.condition_in import ConditionIn  # noqa: PLC0415
        from ..models.trigger_in import TriggerIn  # noqa: PLC0415

        d = dict(src_dict)
        actions = []
        _actions = d.pop("actions")
        for actions_item_data in _actions:
            actions_item = ActionIn.from_dict(actions_item_data)

            actions.append(actions_item)

        name = d.pop("name")

        trigger = TriggerIn.from_dict(d.pop("trigger"))

        _conditions = d.pop("conditions", UNSET)
        conditions: list[ConditionIn] | Unset = UNSET
        if _conditions is not UNSET:
            conditions = []
            for conditions_item_data in _conditions:
                conditions_item = ConditionIn.from_dict(conditions_item_data)

                conditions.append(conditions_item)

        enabled = d.pop("enabled", UNSET)

        automation_rule_create = cls(
            actions=actions,
            name=name,
            trigger=trigger,
            conditions=conditions,
            enabled=enabled,
        )

        return automation_rule_create
