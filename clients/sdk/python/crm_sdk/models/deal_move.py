from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DealMove")


@_attrs_define
class DealMove:
    """
    Attributes:
        stage_id (UUID):
        lost_reason (None | str | Unset): Needed for a lost stage.
    """

    stage_id: UUID
    lost_reason: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        stage_id = str(self.stage_id)

        lost_reason: None | str | Unset
        if isinstance(self.lost_reason, Unset):
            lost_reason = UNSET
        else:
            lost_reason = self.lost_reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "stage_id": stage_id,
            }
        )
        if lost_reason is not UNSET:
            field_dict["lost_reason"] = lost_reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        stage_id = UUID(d.pop("stage_id"))

        def _parse_lost_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        lost_reason = _parse_lost_reason(d.pop("lost_reason", UNSET))

        deal_move = cls(
            stage_id=stage_id,
            lost_reason=lost_reason,
        )

        return deal_move
