from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.stage_read import StageRead


T = TypeVar("T", bound="PipelineRead")


@_attrs_define
class PipelineRead:
    """
    Attributes:
        id (UUID):
        is_default (bool):
        name (str):
        stages (list[StageRead]):
        version (int):
    """

    id: UUID
    is_default: bool
    name: str
    stages: list[StageRead]
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        is_default = self.is_default

        name = self.name

        stages = []
        for stages_item_data in self.stages:
            stages_item = stages_item_data.to_dict()
            stages.append(stages_item)

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "is_default": is_default,
                "name": name,
                "stages": stages,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.stage_read import StageRead  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        is_default = d.pop("is_default")

        name = d.pop("name")

        stages = []
        _stages = d.pop("stages")
        for stages_item_data in _stages:
            stages_item = StageRead.from_dict(stages_item_data)

            stages.append(stages_item)

        version = d.pop("version")

        pipeline_read = cls(
            id=id,
            is_default=is_default,
            name=name,
            stages=stages,
            version=version,
        )

        pipeline_read.additional_properties = d
        return pipeline_read

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
