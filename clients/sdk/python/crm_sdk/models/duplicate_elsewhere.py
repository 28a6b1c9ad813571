from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.duplicate_elsewhere_reasons_item import DuplicateElsewhereReasonsItem

if TYPE_CHECKING:
    from ..models.duplicate_owner import DuplicateOwner


T = TypeVar("T", bound="DuplicateElsewhere")


@_attrs_define
class DuplicateElsewhere:
    """A match you may not read: that it exists, whose it is and why it matches, nothing
    else. Ask its owner to check with `POST /contacts/{contact_id}/duplicates/ask`.

        Attributes:
            owner (DuplicateOwner):
            reasons (list[DuplicateElsewhereReasonsItem]): Why it is probably the same person.
    """

    owner: DuplicateOwner
    reasons: list[DuplicateElsewhereReasonsItem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        owner = self.owner.to_dict()

        reasons = []
        for reasons_item_data in self.reasons:
            reasons_item = reasons_item_data.value
            reasons.append(reasons_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "owner": owner,
                "reasons": reasons,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.duplicate_owner import DuplicateOwner  # noqa: PLC0415

        d = dict(src_dict)
        owner = DuplicateOwner.from_dict(d.pop("owner"))

        reasons = []
        _reasons = d.pop("reasons")
        for reasons_item_data in _reasons:
            reasons_item = DuplicateElsewhereReasonsItem(reasons_item_data)

            reasons.append(reasons_item)

        duplicate_elsewhere = cls(
            owner=owner,
            reasons=reasons,
        )

        duplicate_elsewhere.additional_properties = d
        return duplicate_elsewhere

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
