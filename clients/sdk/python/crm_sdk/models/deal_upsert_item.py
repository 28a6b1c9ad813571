from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.deal_create import DealCreate


T = TypeVar("T", bound="DealUpsertItem")


@_attrs_define
class DealUpsertItem:
    """
    Attributes:
        external_id (str): The record's id in the source system: 1 to 200 printable characters.
        fields (DealCreate):
        source (str): The source system: 1 to 40 lowercase letters, digits, '-' or '_'.
    """

    external_id: str
    fields: DealCreate
    source: str

    def to_dict(self) -> dict[str, Any]:
        external_id = self.external_id

        fields = self.fields.to_dict()

        source = self.source

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "external_id": external_id,
                "fields": fields,
                "source": source,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deal_create import DealCreate  # noqa: PLC0415

        d = dict(src_dict)
        external_id = d.pop("external_id")

        fields = DealCreate.from_dict(d.pop("fields"))

        source = d.pop("source")

        deal_upsert_item = cls(
            external_id=external_id,
            fields=fields,
            source=source,
        )

        return deal_upsert_item
