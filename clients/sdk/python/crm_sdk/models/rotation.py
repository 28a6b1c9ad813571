from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.rotation_member_read import RotationMemberRead


T = TypeVar("T", bound="Rotation")


@_attrs_define
class Rotation:
    """The team members who take the team's inbound leads in turn (imported contacts,
    later web-form and API-key ones), when the team distributes leads. Nobody is on it
    until listed: administrators and leaders take leads only when added.

        Attributes:
            members (list[RotationMemberRead]):
            team_id (UUID):
    """

    members: list[RotationMemberRead]
    team_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        members = []
        for members_item_data in self.members:
            members_item = members_item_data.to_dict()
            members.append(members_item)

        team_id = str(self.team_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "members": members,
                "team_id": team_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.rotation_member_read import RotationMemberRead  # noqa: PLC0415

        d = dict(src_dict)
        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = RotationMemberRead.from_dict(members_item_data)

            members.append(members_item)

        team_id = UUID(d.pop("team_id"))

        rotation = cls(
            members=members,
            team_id=team_id,
        )

        rotation.additional_properties = d
        return rotation

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
