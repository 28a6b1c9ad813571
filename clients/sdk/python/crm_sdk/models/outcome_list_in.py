from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.outcome_in import OutcomeIn


T = TypeVar("T", bound="OutcomeListIn")


@_attrs_define
class OutcomeListIn:
    """
    Attributes:
        items (list[OutcomeIn]):
    """

    items: list[OutcomeIn]

    def to_dict(self) -> dict[str, Any]:
        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.outcome_in import OutcomeIn  # noqa: PLC0415

        d = dict(src_dict)
        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = OutcomeIn.from_dict(items_item_data)

            items.append(items_item)

        outcome_list_in = cls(
            items=items,
        )

        return outcome_list_in
