from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.permission import Permission

if TYPE_CHECKING:
    from ..models.access import Access


T = TypeVar("T", bound="RoleRead")


@_attrs_define
class RoleRead:
    """
    Attributes:
        access (Access): A read and a write level for each kind of customer record.
        description (str):
        id (UUID):
        is_template (bool):
        name (str):
        permissions (list[Permission]): Everything the role may do: its grants and the record permissions its access
            implies (`contacts:read` when it reads contacts at all, ...).
        rank (int):
        template_key (None | str):
        version (int):
    """

    access: Access
    description: str
    id: UUID
    is_template: bool
    name: str
    permissions: list[Permission]
    rank: int
    template_key: None | str
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access = self.access.to_dict()

        description = self.description

        id = str(self.id)

        is_template = self.is_template

        name = self.name

        permissions = []
        for permissions_item_data in self.permissions:
            permissions_item = permissions_item_data.value
            permissions.append(permissions_item)

        rank = self.rank

        template_key: None | str
        template_key = self.template_key

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access": access,
                "description": description,
                "id": id,
                "is_template": is_template,
                "name": name,
                "permissions": permissions,
                "rank": rank,
                "template_key": template_key,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.access import Access  # noqa: PLC0415

        d = dict(src_dict)
        access = Access.from_dict(d.pop("access"))

        description = d.pop("description")

        id = UUID(d.pop("id"))

        is_template = d.pop("is_template")

        name = d.pop("name")

        permissions = []
        _permissions = d.pop("permissions")
        for permissions_item_data in _permissions:
            permissions_item = Permission(permissions_item_data)

            permissions.append(permissions_item)

        rank = d.pop("rank")

        def _parse_template_key(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        template_key = _parse_template_key(d.pop("template_key"))

        version = d.pop("version")

        role_read = cls(
            access=access,
            description=description,
            id=id,
            is_template=is_template,
            name=name,
            permissions=permissions,
            rank=rank,
            template_key=template_key,
            version=version,
        )

        role_read.additional_properties = d
        return role_read

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
