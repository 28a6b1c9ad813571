from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from ..models.merge_in_take_from_source_item import MergeInTakeFromSourceItem
from ..types import UNSET, Unset

T = TypeVar("T", bound="MergeIn")


@_attrs_define
class MergeIn:
    """
    Attributes:
        source_id (UUID): The contact folded into this one, then archived.
        take_from_source (list[MergeInTakeFromSourceItem] | Unset): Fields whose value comes from the source instead of
            this contact. E-mails, phones, tags and custom fields are combined either way.
    """

    source_id: UUID
    take_from_source: list[MergeInTakeFromSourceItem] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        source_id = str(self.source_id)

        take_from_source: list[str] | Unset = UNSET
        if not isinstance(self.take_from_source, Unset):
            take_from_source = []
            for take_from_source_item_data in self.take_from_source:
                take_from_source_item = take_from_source_item_data.value
                take_from_source.append(take_from_source_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "source_id": source_id,
            }
        )
        if take_from_source is not UNSET:
            field_dict["take_from_source"] = take_from_source

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        source_id = UUID(d.pop("source_id"))

        _take_from_source = d.pop("take_from_source", UNSET)
        take_from_source: list[MergeInTakeFromSourceItem] | Unset = UNSET
        if _take_from_source is not UNSET:
            take_from_source = []
            for take_from_source_item_data in _take_from_source:
                take_from_source_item = MergeInTakeFromSourceItem(take_from_source_item_data)

                take_from_source.append(take_from_source_item)

        merge_in = cls(
            source_id=source_id,
            take_from_source=take_from_source,
        )

        return merge_in
