from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MySessionRead")


@_attrs_define
class MySessionRead:
    """One live sign-in: a client that signed in and can still refresh its access.

    Attributes:
        client_address (None | str): The address it signed in from.
        created_at (datetime.datetime): When it signed in.
        current (bool): True for the sign-in making this request.
        id (UUID): The sign-in's id (the `sid` of its access tokens).
        last_used_at (datetime.datetime): When it last refreshed its access (its sign-in until the first refresh).
        user_agent (None | str): The User-Agent it signed in with, at most 300 characters.
    """

    client_address: None | str
    created_at: datetime.datetime
    current: bool
    id: UUID
    last_used_at: datetime.datetime
    user_agent: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        client_address: None | str
        client_address = self.client_address

        created_at = self.created_at.isoformat()

        current = self.current

        id = str(self.id)

        last_used_at = self.last_used_at.isoformat()

        user_agent: None | str
        user_agent = self.user_agent

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "client_address": client_address,
                "created_at": created_at,
                "current": current,
                "id": id,
                "last_used_at": last_used_at,
                "user_agent": user_agent,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_client_address(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        client_address = _parse_client_address(d.pop("client_address"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        current = d.pop("current")

        id = UUID(d.pop("id"))

        last_used_at = datetime.datetime.fromisoformat(d.pop("last_used_at"))

        def _parse_user_agent(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        user_agent = _parse_user_agent(d.pop("user_agent"))

        my_session_read = cls(
            client_address=client_address,
            created_at=created_at,
            current=current,
            id=id,
            last_used_at=last_used_at,
            user_agent=user_agent,
        )

        my_session_read.additional_properties = d
        return my_session_read

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
