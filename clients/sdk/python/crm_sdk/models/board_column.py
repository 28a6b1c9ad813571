from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.board_card import BoardCard
    from ..models.board_column_totals import BoardColumnTotals
    from ..models.stage_read import StageRead


T = TypeVar("T", bound="BoardColumn")


@_attrs_define
class BoardColumn:
    """
    Attributes:
        count (int):
        deals (list[BoardCard]):
        stage (StageRead):
        totals (BoardColumnTotals): Sum of amounts per currency, minor units.
    """

    count: int
    deals: list[BoardCard]
    stage: StageRead
    totals: BoardColumnTotals
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        count = self.count

        deals = []
        for deals_item_data in self.deals:
            deals_item = deals_item_data.to_dict()
            deals.append(deals_item)

        stage = self.stage.to_dict()

        totals = self.totals.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "count": count,
                "deals": deals,
                "stage": stage,
                "totals": totals,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.board_card import BoardCard  # noqa: PLC0415
        from ..models.board_column_totals import BoardColumnTotals  # noqa: PLC0415
        from ..models.stage_read import StageRead  # noqa: PLC0415

        d = dict(src_dict)
        count = d.pop("count")

        deals = []
        _deals = d.pop("deals")
        for deals_item_data in _deals:
            deals_item = BoardCard.from_dict(deals_item_data)

            deals.append(deals_item)

        stage = StageRead.from_dict(d.pop("stage"))

        totals = BoardColumnTotals.from_dict(d.pop("totals"))

        board_column = cls(
            count=count,
            deals=deals,
            stage=stage,
            totals=totals,
        )

        board_column.additional_properties = d
        return board_column

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
