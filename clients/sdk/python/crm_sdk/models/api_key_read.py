from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.key_status import KeyStatus

if TYPE_CHECKING:
    from ..models.role_summary import RoleSummary


T = TypeVar("T", bound="ApiKeyRead")


@_attrs_define
class ApiKeyRead:
    """An API key and the integration it signs in; never its secret.

    Attributes:
        created_at (datetime.datetime):
        created_by (None | UUID):
        expires_at (datetime.datetime | None):
        id (UUID): Also the integration's user id: the `owner_id` of what it creates and the `actor_id` of what it does,
            in the audit trail and the change feed.
        key_prefix (str): The key's start, which finds it in logs and configs.
        last_used_address (None | str):
        last_used_at (datetime.datetime | None): Kept to the minute.
        name (str): The integration's name, shown as the actor of its work.
        requests_per_minute (int | None): Requests a minute the key may send (its `RateLimit-Policy` is named `key`);
            null: the server's default for keys.
        revoked_at (datetime.datetime | None):
        role (RoleSummary):
        status (KeyStatus):
        team_id (None | UUID):
        updated_at (datetime.datetime):
        version (int):
    """

    created_at: datetime.datetime
    created_by: None | UUID
    expires_at: datetime.datetime | None
    id: UUID
    key_prefix: str
    last_used_address: None | str
    last_used_at: datetime.datetime | None
    name: str
    requests_per_minute: int | None
    revoked_at: datetime.datetime | None
    role: RoleSummary
    status: KeyStatus
    team_id: None | UUID
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        created_by: None | str
        if isinstance(self.created_by, UUID):
            created_by = str(self.created_by)
        else:
            created_by = self.created_by

        expires_at: None | str
        if isinstance(self.expires_at, datetime.datetime):
            expires_at = self.expires_at.isoformat()
        else:
            expires_at = self.expires_at

        id = str(self.id)

        key_prefix = self.key_prefix

        last_used_address: None | str
        last_used_address = self.last_used_address

        last_used_at: None | str
        if isinstance(self.last_used_at, datetime.datetime):
            last_used_at = self.last_used_at.isoformat()
        else:
            last_used_at = self.last_used_at

        name = self.name

        requests_per_minute: int | None
        requests_per_minute = self.requests_per_minute

        revoked_at: None | str
        if isinstance(self.revoked_at, datetime.datetime):
            revoked_at = self.revoked_at.isoformat()
        else:
            revoked_at = self.revoked_at

        role = self.role.to_dict()

        status = self.status.value

        team_id: None | str
        if isinstance(self.team_id, UUID):
            team_id = str(self.team_id)
        else:
            team_id = self.team_id

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "created_by": created_by,
                "expires_at": expires_at,
                "id": id,
                "key_prefix": key_prefix,
                "last_used_address": last_used_address,
                "last_used_at": last_used_at,
                "name": name,
                "requests_per_minute": requests_per_minute,
                "revoked_at": revoked_at,
                "role": role,
                "status": status,
                "team_id": team_id,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.role_summary import RoleSummary  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_by_type_0 = UUID(data)

                return created_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        created_by = _parse_created_by(d.pop("created_by"))

        def _parse_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        expires_at = _parse_expires_at(d.pop("expires_at"))

        id = UUID(d.pop("id"))

        key_prefix = d.pop("key_prefix")

        def _parse_last_used_address(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_used_address = _parse_last_used_address(d.pop("last_used_address"))

        def _parse_last_used_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_used_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_used_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_used_at = _parse_last_used_at(d.pop("last_used_at"))

        name = d.pop("name")

        def _parse_requests_per_minute(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        requests_per_minute = _parse_requests_per_minute(d.pop("requests_per_minute"))

        def _parse_revoked_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                revoked_at_type_0 = datetime.datetime.fromisoformat(data)

                return revoked_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        revoked_at = _parse_revoked_at(d.pop("revoked_at"))

        role = RoleSummary.from_dict(d.pop("role"))

        status = KeyStatus(d.pop("status"))

        def _parse_team_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                team_id_type_0 = UUID(data)

                return team_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        team_id = _parse_team_id(d.pop("team_id"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        api_key_read = cls(
            created_at=created_at,
            created_by=created_by,
            expires_at=expires_at,
            id=id,
            key_prefix=key_prefix,
            last_used_address=last_used_address,
            last_used_at=last_used_at,
            name=name,
            requests_per_minute=requests_per_minute,
            revoked_at=revoked_at,
            role=role,
            status=status,
            team_id=team_id,
            updated_at=updated_at,
            version=version,
        )

        api_key_read.additional_properties = d
        return api_key_read

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
