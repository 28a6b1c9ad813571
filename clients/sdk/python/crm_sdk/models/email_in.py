from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="EmailIn")


@_attrs_define
class EmailIn:
    """
    Attributes:
        email (str):
        primary (bool | Unset):  Default: False.
    """

    email: str
    primary: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        primary = self.primary

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "email": email,
            }
        )
        if primary is not UNSET:
            field_dict["primary"] = primary

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        primary = d.pop("primary", UNSET)

        email_in = cls(
            email=email,
            primary=primary,
        )

        return email_in
