from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stage_kind import StageKind

T = TypeVar("T", bound="StageRead")


@_attrs_define
class StageRead:
    """
    Attributes:
        id (UUID):
        kind (StageKind):
        name (str):
        position (int):
        probability (int):
        rotting_days (int | None):
    """

    id: UUID
    kind: StageKind
    name: str
    position: int
    probability: int
    rotting_days: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        kind = self.kind.value

        name = self.name

        position = self.position

        probability = self.probability

        rotting_days: int | None
        rotting_days = self.rotting_days

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "name": name,
                "position": position,
                "probability": probability,
                "rotting_days": rotting_days,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        kind = StageKind(d.pop("kind"))

        name = d.pop("name")

        position = d.pop("position")

        probability = d.pop("probability")

        def _parse_rotting_days(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        rotting_days = _parse_rotting_days(d.pop("rotting_days"))

        stage_read = cls(
            id=id,
            kind=kind,
            name=name,
            position=position,
            probability=probability,
            rotting_days=rotting_days,
        )

        stage_read.additional_properties = d
        return stage_read

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
