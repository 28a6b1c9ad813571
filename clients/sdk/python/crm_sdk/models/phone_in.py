from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="PhoneIn")


@_attrs_define
class PhoneIn:
    """
    Attributes:
        phone (str):
        primary (bool | Unset):  Default: False.
    """

    phone: str
    primary: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        phone = self.phone

        primary = self.primary

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "phone": phone,
            }
        )
        if primary is not UNSET:
            field_dict["primary"] = primary

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        phone = d.pop("phone")

        primary = d.pop("primary", UNSET)

        phone_in = cls(
            phone=phone,
            primary=primary,
        )

        return phone_in
