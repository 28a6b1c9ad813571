from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RoleSummary")


@_attrs_define
class RoleSummary:
    """
    Attributes:
        id (UUID):
        name (str):
        rank (int):
        template_key (None | str | Unset): The template this role is (`owner`, `manager`, ...), else null.
    """

    id: UUID
    name: str
    rank: int
    template_key: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        name = self.name

        rank = self.rank

        template_key: None | str | Unset
        if isinstance(self.template_key, Unset):
            template_key = UNSET
        else:
            template_key = self.template_key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "rank": rank,
            }
        )
        if template_key is not UNSET:
            field_dict["template_key"] = template_key

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        name = d.pop("name")

        rank = d.pop("rank")

        def _parse_template_key(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        template_key = _parse_template_key(d.pop("template_key", UNSET))

        role_summary = cls(
            id=id,
            name=name,
            rank=rank,
            template_key=template_key,
        )

        role_summary.additional_properties = d
        return role_summary

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
