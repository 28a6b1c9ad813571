from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.permission import Permission

if TYPE_CHECKING:
    from ..models.access import Access


T = TypeVar("T", bound="MyPermissions")


@_attrs_define
class MyPermissions:
    """What the caller may do: the effective matrix and every permission they hold.

    Attributes:
        access (Access): A read and a write level for each kind of customer record.
        permissions (list[Permission]): Grants and the record permissions the access levels imply.
        rank (int):
        role_id (UUID):
        team_id (None | UUID):
    """

    access: Access
    permissions: list[Permission]
    rank: int
    role_id: UUID
    team_id: None | UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access = self.access.to_dict()

        permissions = []
        for permissions_item_data in self.permissions:
            permissions_item = permissions_item_data.value
            permissions.append(permissions_item)

        rank = self.rank

        role_id = str(self.role_id)

        team_id: None | str
        if isinstance(self.team_id, UUID):
            team_id = str(self.team_id)
        else:
            team_id = self.team_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access": access,
                "permissions": permissions,
                "rank": rank,
                "role_id": role_id,
                "team_id": team_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.access import Access  # noqa: PLC0415

        d = dict(src_dict)
        access = Access.from_dict(d.pop("access"))

        permissions = []
        _permissions = d.pop("permissions")
        for permissions_item_data in _permissions:
            permissions_item = Permission(permissions_item_data)

            permissions.append(permissions_item)

        rank = d.pop("rank")

        role_id = UUID(d.pop("role_id"))

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

        my_permissions = cls(
            access=access,
            permissions=permissions,
            rank=rank,
            role_id=role_id,
            team_id=team_id,
        )

        my_permissions.additional_properties = d
        return my_permissions

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
