from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.permission import Permission

if TYPE_CHECKING:
    from ..models.access import Access
    from ..models.role_summary import RoleSummary


T = TypeVar("T", bound="MeRead")


@_attrs_define
class MeRead:
    """The signed-in user, with what their access token lets them do.

    Attributes:
        access (Access): A read and a write level for each kind of customer record.
        created_at (datetime.datetime):
        email (str):
        full_name (str):
        id (UUID):
        is_active (bool):
        last_login_at (datetime.datetime | None):
        permissions (list[Permission]):
        role (RoleSummary):
        team_id (None | UUID):
        updated_at (datetime.datetime):
        version (int):
    """

    access: Access
    created_at: datetime.datetime
    email: str
    full_name: str
    id: UUID
    is_active: bool
    last_login_at: datetime.datetime | None
    permissions: list[Permission]
    role: RoleSummary
    team_id: None | UUID
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access = self.access.to_dict()

        created_at = self.created_at.isoformat()

        email = self.email

        full_name = self.full_name

        id = str(self.id)

        is_active = self.is_active

        last_login_at: None | str
        if isinstance(self.last_login_at, datetime.datetime):
            last_login_at = self.last_login_at.isoformat()
        else:
            last_login_at = self.last_login_at

        permissions = []
        for permissions_item_data in self.permissions:
            permissions_item = permissions_item_data.value
            permissions.append(permissions_item)

        role = self.role.to_dict()

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
                "access": access,
                "created_at": created_at,
                "email": email,
                "full_name": full_name,
                "id": id,
                "is_active": is_active,
                "last_login_at": last_login_at,
                "permissions": permissions,
                "role": role,
                "team_id": team_id,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.access import Access  # noqa: PLC0415
        from ..models.role_summary import RoleSummary  # noqa: PLC0415

        d = dict(src_dict)
        access = Access.from_dict(d.pop("access"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        email = d.pop("email")

        full_name = d.pop("full_name")

        id = UUID(d.pop("id"))

        is_active = d.pop("is_active")

        def _parse_last_login_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_login_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_login_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_login_at = _parse_last_login_at(d.pop("last_login_at"))

        permissions = []
        _permissions = d.pop("permissions")
        for permissions_item_data in _permissions:
            permissions_item = Permission(permissions_item_data)

            permissions.append(permissions_item)

        role = RoleSummary.from_dict(d.pop("role"))

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

        me_read = cls(
            access=access,
            created_at=created_at,
            email=email,
            full_name=full_name,
            id=id,
            is_active=is_active,
            last_login_at=last_login_at,
            permissions=permissions,
            role=role,
            team_id=team_id,
            updated_at=updated_at,
            version=version,
        )

        me_read.additional_properties = d
        return me_read

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
