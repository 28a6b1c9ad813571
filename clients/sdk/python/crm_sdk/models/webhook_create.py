from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="WebhookCreate")


@_attrs_define
class WebhookCreate:
    """
    Attributes:
        url (str): https (http only where the server allows it); no internal address.
        active (bool | Unset):  Default: True.
        event_types (list[str] | Unset): Event types to send: `*` for all, `<entity>.*` (e.g. `deal.*`) or a type of the
            change feed (e.g. `contact.created`, `deal.won`, `contact.out_of_scope`).
    """

    url: str
    active: bool | Unset = True
    event_types: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        active = self.active

        event_types: list[str] | Unset = UNSET
        if not isinstance(self.event_types, Unset):
            event_types = self.event_types

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
            }
        )
        if active is not UNSET:
            field_dict["active"] = active
        if event_types is not UNSET:
            field_dict["event_types"] = event_types

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url")

        active = d.pop("active", UNSET)

        event_types = cast(list[str], d.pop("event_types", UNSET))

        webhook_create = cls(
            url=url,
            active=active,
            event_types=event_types,
        )

        return webhook_create
