from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.stage_kind import StageKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="StageUpdate")


@_attrs_define
class StageUpdate:
    """
    Attributes:
        kind (None | StageKind | Unset):
        name (None | str | Unset):
        position (int | None | Unset):
        probability (int | None | Unset):
        rotting_days (int | None | Unset):
    """

    kind: None | StageKind | Unset = UNSET
    name: None | str | Unset = UNSET
    position: int | None | Unset = UNSET
    probability: int | None | Unset = UNSET
    rotting_days: int | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind: None | str | Unset
        if isinstance(self.kind, Unset):
            kind = UNSET
        elif isinstance(self.kind, StageKind):
            kind = self.kind.value
        else:
            kind = self.kind

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        position: int | None | Unset
        if isinstance(self.position, Unset):
            position = UNSET
        else:
            position = self.position

        probability: int | None | Unset
        if isinstance(self.probability, Unset):
            probability = UNSET
        else:
            probability = self.probability

        rotting_days: int | None | Unset
        if isinstance(self.rotting_days, Unset):
            rotting_days = UNSET
        else:
            rotting_days = self.rotting_days

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if kind is not UNSET:
            field_dict["kind"] = kind
        if name is not UNSET:
            field_dict["name"] = name
        if position is not UNSET:
            field_dict["position"] = position
        if probability is not UNSET:
            field_dict["probability"] = probability
        if rotting_days is not UNSET:
            field_dict["rotting_days"] = rotting_days

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_kind(data: object) -> None | StageKind | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                kind_type_0 = StageKind(data)

                return kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StageKind | Unset, data)

        kind = _parse_kind(d.pop("kind", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_position(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        position = _parse_position(d.pop("position", UNSET))

        def _parse_probability(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        probability = _parse_probability(d.pop("probability", UNSET))

        def _parse_rotting_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        rotting_days = _parse_rotting_days(d.pop("rotting_days", UNSET))

        stage_update = cls(
            kind=kind,
            name=name,
            position=position,
            probability=probability,
            rotting_days=rotting_days,
        )

        return stage_update
