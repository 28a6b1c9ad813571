from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.delivery_status import DeliveryStatus

T = TypeVar("T", bound="WebhookDeliveryRead")


@_attrs_define
class WebhookDeliveryRead:
    """One event sent (or to be sent) to a webhook, and how its last attempt went.

    Attributes:
        attempts (int):
        created_at (datetime.datetime):
        event_type (str):
        id (UUID):
        last_attempt_at (datetime.datetime | None):
        last_duration_ms (int | None):
        last_error (None | str): Why no answer came: a timeout, a refused address, a connection error.
        last_response (None | str): The start of the receiver's answer.
        last_status_code (int | None): The receiver's HTTP status.
        message_id (str): The `webhook-id` header, the same on every attempt.
        next_attempt_at (datetime.datetime | None):
        status (DeliveryStatus):
        webhook_id (UUID):
    """

    attempts: int
    created_at: datetime.datetime
    event_type: str
    id: UUID
    last_attempt_at: datetime.datetime | None
    last_duration_ms: int | None
    last_error: None | str
    last_response: None | str
    last_status_code: int | None
    message_id: str
    next_attempt_at: datetime.datetime | None
    status: DeliveryStatus
    webhook_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        attempts = self.attempts

        created_at = self.created_at.isoformat()

        event_type = self.event_type

        id = str(self.id)

        last_attempt_at: None | str
        if isinstance(self.last_attempt_at, datetime.datetime):
            last_attempt_at = self.last_attempt_at.isoformat()
        else:
            last_attempt_at = self.last_attempt_at

        last_duration_ms: int | None
        last_duration_ms = self.last_duration_ms

        last_error: None | str
        last_error = self.last_error

        last_response: None | str
        last_response = self.last_response

        last_status_code: int | None
        last_status_code = self.last_status_code

        message_id = self.message_id

        next_attempt_at: None | str
        if isinstance(self.next_attempt_at, datetime.datetime):
            next_attempt_at = self.next_attempt_at.isoformat()
        else:
            next_attempt_at = self.next_attempt_at

        status = self.status.value

        webhook_id = str(self.webhook_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "attempts": attempts,
                "created_at": created_at,
                "event_type": event_type,
                "id": id,
                "last_attempt_at": last_attempt_at,
                "last_duration_ms": last_duration_ms,
                "last_error": last_error,
                "last_response": last_response,
                "last_status_code": last_status_code,
                "message_id": message_id,
                "next_attempt_at": next_attempt_at,
                "status": status,
                "webhook_id": webhook_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        attempts = d.pop("attempts")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        event_type = d.pop("event_type")

        id = UUID(d.pop("id"))

        def _parse_last_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_attempt_at = _parse_last_attempt_at(d.pop("last_attempt_at"))

        def _parse_last_duration_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        last_duration_ms = _parse_last_duration_ms(d.pop("last_duration_ms"))

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        def _parse_last_response(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_response = _parse_last_response(d.pop("last_response"))

        def _parse_last_status_code(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        last_status_code = _parse_last_status_code(d.pop("last_status_code"))

        message_id = d.pop("message_id")

        def _parse_next_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("next_attempt_at"))

        status = DeliveryStatus(d.pop("status"))

        webhook_id = UUID(d.pop("webhook_id"))

        webhook_delivery_read = cls(
            attempts=attempts,
            created_at=created_at,
            event_type=event_type,
            id=id,
            last_attempt_at=last_attempt_at,
            last_duration_ms=last_duration_ms,
            last_error=last_error,
            last_response=last_response,
            last_status_code=last_status_code,
            message_id=message_id,
            next_attempt_at=next_attempt_at,
            status=status,
            webhook_id=webhook_id,
        )

        webhook_delivery_read.additional_properties = d
        return webhook_delivery_read

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
