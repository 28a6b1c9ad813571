from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.duplicate_read_reasons_item import DuplicateReadReasonsItem

if TYPE_CHECKING:
    from ..models.contact_read import ContactRead


T = TypeVar("T", bound="DuplicateRead")


@_attrs_define
class DuplicateRead:
    """
    Attributes:
        contact (ContactRead):
        reasons (list[DuplicateReadReasonsItem]): Why it is probably the same person.
    """

    contact: ContactRead
    reasons: list[DuplicateReadReasonsItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contact = self.contact.to_dict()

        reasons = []
        for reasons_item_data in self.reasons:
            reasons_item = reasons_item_data.value
            reasons.append(reasons_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contact": contact,
                "reasons": reasons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_read import ContactRead  # noqa: PLC0415

        d = dict(src_dict)
        contact = ContactRead.from_dict(d.pop("contact"))

        reasons = []
        _reasons = d.pop("reasons")
        for reasons_item_data in _reasons:
            reasons_item = DuplicateReadReasonsItem(reasons_item_data)

            reasons.append(reasons_item)

        duplicate_read = cls(
            contact=contact,
            reasons=reasons,
        )

        duplicate_read.additional_properties = d
        return duplicate_read

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
