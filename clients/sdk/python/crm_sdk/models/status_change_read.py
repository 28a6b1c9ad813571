from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.request_status import RequestStatus

T = TypeVar("T", bound="StatusChangeRead")


@_attrs_define
class StatusChangeRead:
    """
    Attributes:
        at (datetime.datetime):
        by (None | UUID):
        from_status (None | RequestStatus):
        to_status (RequestStatus):
    """

    at: datetime.datetime
    by: None | UUID
    from_status: None | RequestStatus
    to_status: RequestStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        by: None | str
        if isinstance(self.by, UUID):
            by = str(self.by)
        else:
            by = self.by

        from_status: None | str
        if isinstance(self.from_status, RequestStatus):
            from_status = self.from_status.value
        else:
            from_status = self.from_status

        to_status = self.to_status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "by": by,
                "from_status": from_status,
                "to_status": to_status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                by_type_0 = UUID(data)

                return by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        by = _parse_by(d.pop("by"))

        def _parse_from_status(data: object) -> None | RequestStatus:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                from_status_type_0 = RequestStatus(data)

                return from_status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RequestStatus, data)

        from_status = _parse_from_status(d.pop("from_status"))

        to_status = RequestStatus(d.pop("to_status"))

        status_change_read = cls(
            at=at,
            by=by,
            from_status=from_status,
            to_status=to_status,
        )

        status_change_read.additional_properties = d
        return status_change_read

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
