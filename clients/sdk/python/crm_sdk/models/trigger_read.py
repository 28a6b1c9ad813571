from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.trigger import Trigger

T = TypeVar("T", bound="TriggerRead")


@_attrs_define
class TriggerRead:
    """
    Attributes:
        days (int | None):
        stage_id (None | UUID):
        type_ (Trigger):
    """

    days: int | None
    stage_id: None | UUID
    type_: Trigger
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        days: int | None
        days = self.days

        stage_id: None | str
        if isinstance(self.stage_id, UUID):
            stage_id = str(self.stage_id)
        else:
            stage_id = self.stage_id

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "days": days,
                "stage_id": stage_id,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_days(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        days = _parse_days(d.pop("days"))

        def _parse_stage_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                stage_id_type_0 = UUID(data)

                return stage_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        stage_id = _parse_stage_id(d.pop("stage_id"))

        type_ = Trigger(d.pop("type"))

        trigger_read = cls(
            days=days,
            stage_id=stage_id,
            type_=type_,
        )

        trigger_read.additional_properties = d
        return trigger_read

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
