from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.permission import Permission
from ..models.record_scope import RecordScope
from ..types import UNSET, Unset

T = TypeVar("T", bound="RoleCreate")


@_attrs_define
class RoleCreate:
    """
    Attributes:
        name (str):
        permissions (list[Permission]):
        rank (int):
        scope (RecordScope): Which owned records a role sees: its own, its team's, or all of them.
        description (str | Unset):  Default: ''.
    """

    name: str
    permissions: list[Permission]
    rank: int
    scope: RecordScope
    description: str | Unset = ""

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        permissions = []
        for permissions_item_data in self.permissions:
            permissions_item = permissions_item_data.value
            permissions.append(permissions_item)

        rank = self.rank

        scope = self.scope.value

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "permissions": permissions,
                "rank": rank,
                "scope": scope,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        permissions = []
        _permissions = d.pop("permissions")
        for permissions_item_data in _permissions:
            permissions_item = Permission(permissions_item_data)

            permissions.append(permissions_item)

        rank = d.pop("rank")

        scope = RecordScope(d.pop("scope"))

        description = d.pop("description", UNSET)

        role_create = cls(
            name=name,
            permissions=permissions,
            rank=rank,
            scope=scope,
            description=description,
        )

        return role_create
