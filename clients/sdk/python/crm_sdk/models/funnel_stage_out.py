from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stage_kind import StageKind

T = TypeVar("T", bound="FunnelStageOut")


@_attrs_define
class FunnelStageOut:
    """
    Attributes:
        average_days (float | None):
        conversion_from_previous (float | None):
        kind (StageKind):
        name (str):
        reached (int):
        stage_id (UUID):
    """

    average_days: float | None
    conversion_from_previous: float | None
    kind: StageKind
    name: str
    reached: int
    stage_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        average_days: float | None
        average_days = self.average_days

        conversion_from_previous: float | None
        conversion_from_previous = self.conversion_from_previous

        kind = self.kind.value

        name = self.name

        reached = self.reached

        stage_id = str(self.stage_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "average_days": average_days,
                "conversion_from_previous": conversion_from_previous,
                "kind": kind,
                "name": name,
                "reached": reached,
                "stage_id": stage_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_average_days(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        average_days = _parse_average_days(d.pop("average_days"))

        def _parse_conversion_from_previous(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        conversion_from_previous = _parse_conversion_from_previous(d.pop("conversion_from_previous"))

        kind = StageKind(d.pop("kind"))

        name = d.pop("name")

        reached = d.pop("reached")

        stage_id = UUID(d.pop("stage_id"))

        funnel_stage_out = cls(
            average_days=average_days,
            conversion_from_previous=conversion_from_previous,
            kind=kind,
            name=name,
            reached=reached,
            stage_id=stage_id,
        )

        funnel_stage_out.additional_properties = d
        return funnel_stage_out

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
