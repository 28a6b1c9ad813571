from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.duplicate_elsewhere import DuplicateElsewhere
    from ..models.duplicate_read import DuplicateRead


T = TypeVar("T", bound="DuplicateList")


@_attrs_define
class DuplicateList:
    """
    Attributes:
        elsewhere (list[DuplicateElsewhere]): Matches you may not read, one entry each, strongest first.
        items (list[DuplicateRead]): Matches you may read, strongest first.
    """

    elsewhere: list[DuplicateElsewhere]
    items: list[DuplicateRead]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        elsewhere = []
        for elsewhere_item_data in self.elsewhere:
            elsewhere_item = elsewhere_item_data.to_dict()
            elsewhere.append(elsewhere_item)

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "elsewhere": elsewhere,
                "items": items,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.duplicate_elsewhere import DuplicateElsewhere  # noqa: PLC0415
        from ..models.duplicate_read import DuplicateRead  # noqa: PLC0415

        d = dict(src_dict)
        elsewhere = []
        _elsewhere = d.pop("elsewhere")
        for elsewhere_item_data in _elsewhere:
            elsewhere_item = DuplicateElsewhere.from_dict(elsewhere_item_data)

            elsewhere.append(elsewhere_item)

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = DuplicateRead.from_dict(items_item_data)

            items.append(items_item)

        duplicate_list = cls(
            elsewhere=elsewhere,
            items=items,
        )

        duplicate_list.additional_properties = d
        return duplicate_list

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
