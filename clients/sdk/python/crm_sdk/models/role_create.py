from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.permission import Permission
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.access_input import AccessInput


T = TypeVar("T", bound="RoleCreate")


@_attrs_define
class RoleCreate:
    """
    Attributes:
        access (AccessInput): Levels per kind of record: none, own (records you own or are responsible for), team
            (your team's too) or all; write never reaches further than read. A kind left out, or
            a level left out, is none.
        name (str):
        rank (int):
        description (str | Unset):  Default: ''.
        permissions (list[Permission] | Unset): Permissions not about records (`reports:read`, `data:export`, ...).
            Record permissions follow from `access`; one listed must agree with it.
    """

    access: AccessInput
    name: str
    rank: int
    description: str | Unset = ""
    permissions: list[Permission] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        access = self.access.to_dict()

        name = self.name

        rank = self.rank

        description = self.description

        permissions: list[str] | Unset = UNSET
        if not isinstance(self.permissions, Unset):
            permissions = []
            for permissions_item_data in self.permissions:
                permissions_item = permissions_item_data.value
                permissions.append(permissions_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "access": access,
                "name": name,
                "rank": rank,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if permissions is not UNSET:
            field_dict["permissions"] = permissions

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.access_input import AccessInput  # noqa: PLC0415

        d = dict(src_dict)
        access = AccessInput.from_dict(d.pop("access"))

        name = d.pop("name")

        rank = d.pop("rank")

        description = d.pop("description", UNSET)

        _permissions = d.pop("permissions", UNSET)
        permissions: list[Permission] | Unset = UNSET
        if _permissions is not UNSET:
            permissions = []
            for permissions_item_data in _permissions:
                permissions_item = Permission(permissions_item_data)

                permissions.append(permissions_item)

        role_create = cls(
            access=access,
            name=name,
            rank=rank,
            description=description,
            permissions=permissions,
        )

        return role_create
