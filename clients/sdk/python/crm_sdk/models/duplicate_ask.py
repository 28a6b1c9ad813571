from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

T = TypeVar("T", bound="DuplicateAsk")


@_attrs_define
class DuplicateAsk:
    """
    Attributes:
        owner_id (UUID): The owner of a match listed under `elsewhere` for this contact.
    """

    owner_id: UUID

    def to_dict(self) -> dict[str, Any]:
        owner_id = str(self.owner_id)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "owner_id": owner_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        owner_id = UUID(d.pop("owner_id"))

        duplicate_ask = cls(
            owner_id=owner_id,
        )

        return duplicate_ask
