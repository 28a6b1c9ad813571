from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.board_column import BoardColumn
    from ..models.pipeline_read import PipelineRead


T = TypeVar("T", bound="Board")


@_attrs_define
class Board:
    """The pipeline's stages as columns, each with its deals.

    Attributes:
        columns (list[BoardColumn]):
        pipeline (PipelineRead):
    """

    columns: list[BoardColumn]
    pipeline: PipelineRead
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        columns = []
        for columns_item_data in self.columns:
            columns_item = columns_item_data.to_dict()
            columns.append(columns_item)

        pipeline = self.pipeline.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "columns": columns,
                "pipeline": pipeline,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.board_column import BoardColumn  # noqa: PLC0415
        from ..models.pipeline_read import PipelineRead  # noqa: PLC0415

        d = dict(src_dict)
        columns = []
        _columns = d.pop("columns")
        for columns_item_data in _columns:
            columns_item = BoardColumn.from_dict(columns_item_data)

            columns.append(columns_item)

        pipeline = PipelineRead.from_dict(d.pop("pipeline"))

        board = cls(
            columns=columns,
            pipeline=pipeline,
        )

        board.additional_properties = d
        return board

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
