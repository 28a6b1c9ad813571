from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookCreated")


@_attrs_define
class WebhookCreated:
    """
    Attributes:
        active (bool):
        created_at (datetime.datetime):
        disabled_reason (None | str): Why the CRM switched it off (deliveries kept failing, its creator was
            deactivated); cleared when it is switched on again.
        event_types (list[str]): Event types to send: `*` for all, `<entity>.*` (e.g. `deal.*`) or a type of the change
            feed (e.g. `contact.created`, `deal.won`, `contact.out_of_scope`).
        id (UUID):
        owner_id (UUID): Its creator, a person or an API key's integration: it sends only events on records they may
            read, with the role they hold at the time.
        secret (str): Verifies the `webhook-signature` of every delivery (Standard Webhooks). Shown this once.
        updated_at (datetime.datetime):
        url (str):
        version (int):
    """

    active: bool
    created_at: datetime.datetime
    disabled_reason: None | str
    event_types: list[str]
    id: UUID
    owner_id: UUID
    secret: str
    updated_at: datetime.datetime
    url: str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active = self.active

        created_at = self.created_at.isoformat()

        disabled_reason: None | str
        disabled_reason = self.disabled_reason

        event_types = self.event_types

        id = str(self.id)

        owner_id = str(self.owner_id)

        secret = self.secret

        updated_at = self.updated_at.isoformat()

        url = self.url

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "active": active,
                "created_at": created_at,
                "disabled_reason": disabled_reason,
                "event_types": event_types,
                "id": id,
                "owner_id": owner_id,
                "secret": secret,
                "updated_at": updated_at,
                "url": url,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        active = d.pop("active")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_disabled_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        disabled_reason = _parse_disabled_reason(d.pop("disabled_reason"))

        event_types = cast(list[str], d.pop("event_types"))

        id = UUID(d.pop("id"))

        owner_id = UUID(d.pop("owner_id"))

        secret = d.pop("secret")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        url = d.pop("url")

        version = d.pop("version")

        webhook_created = cls(
            active=active,
            created_at=created_at,
            disabled_reason=disabled_reason,
            event_types=event_types,
            id=id,
            owner_id=owner_id,
            secret=secret,
            updated_at=updated_at,
            url=url,
            version=version,
        )

        webhook_created.additional_properties = d
        return webhook_created

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
