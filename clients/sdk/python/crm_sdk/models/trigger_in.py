from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.trigger import Trigger
from ..types import UNSET, Unset

T = TypeVar("T", bound="TriggerIn")


@_attrs_define
class TriggerIn:
    """
    Attributes:
        type_ (Trigger):
        days (int | None | Unset): For deal_idle_in_stage.
        stage_id (None | Unset | UUID): For the deal triggers.
    """

    type_: Trigger
    days: int | None | Unset = UNSET
    stage_id: None | Unset | UUID = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        days: int | None | Unset
        if isinstance(self.days, Unset):
            days = UNSET
        else:
            days = self.days

        stage_id: None | str | Unset
        if isinstance(self.stage_id, Unset):
            stage_id = UNSET
        elif isinstance(self.stage_id, UUID):
            stage_id = str(self.stage_id)
        else:
            stage_id = self.stage_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if days is not UNSET:
            field_dict["days"] = days
        if stage_id is not UNSET:
            field_dict["stage_id"] = stage_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = Trigger(d.pop("type"))

        def _parse_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        days = _parse_days(d.pop("days", UNSET))

        def _parse_stage_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                stage_id_type_0 = UUID(data)

                return stage_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        stage_id = _parse_stage_id(d.pop("stage_id", UNSET))

        trigger_in = cls(
            type_=type_,
            days=days,
            stage_id=stage_id,
        )

        return trigger_in
