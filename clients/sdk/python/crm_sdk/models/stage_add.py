from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.stage_kind import StageKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="StageAdd")


@_attrs_define
class StageAdd:
    """
    Attributes:
        name (str):
        probability (int): Win probability in percent.
        kind (StageKind | Unset):
        position (int | None | Unset): Default: an open stage after the last open one (before won and lost), a won or
            lost stage last.
        rotting_days (int | None | Unset):
    """

    name: str
    probability: int
    kind: StageKind | Unset = UNSET
    position: int | None | Unset = UNSET
    rotting_days: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        probability = self.probability

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        position: int | None | Unset
        if isinstance(self.position, Unset):
            position = UNSET
        else:
            position = self.position

        rotting_days: int | None | Unset
        if isinstance(self.rotting_days, Unset):
            rotting_days = UNSET
        else:
            rotting_days = self.rotting_days

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "probability": probability,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if position is not UNSET:
            field_dict["position"] = position
        if rotting_days is not UNSET:
            field_dict["rotting_days"] = rotting_days

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        probability = d.pop("probability")

        _kind = d.pop("kind", UNSET)
        kind: StageKind | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = StageKind(_kind)

        def _parse_position(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        position = _parse_position(d.pop("position", UNSET))

        def _parse_rotting_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rotting_days = _parse_rotting_days(d.pop("rotting_days", UNSET))

        stage_add = cls(
            name=name,
            probability=probability,
            kind=kind,
            position=position,
            rotting_days=rotting_days,
        )

        return stage_add
