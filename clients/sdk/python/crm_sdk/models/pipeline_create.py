from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.stage_in import StageIn


T = TypeVar("T", bound="PipelineCreate")


@_attrs_define
class PipelineCreate:
    """
    Attributes:
        name (str):
        stages (list[StageIn]):
    """

    name: str
    stages: list[StageIn]

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        stages = []
        for stages_item_data in self.stages:
            stages_item = stages_item_data.to_dict()
            stages.append(stages_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "stages": stages,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.stage_in import StageIn  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        stages = []
        _stages = d.pop("stages")
        for stages_item_data in _stages:
            stages_item = StageIn.from_dict(stages_item_data)

            stages.append(stages_item)

        pipeline_create = cls(
            name=name,
            stages=stages,
        )

        return pipeline_create
