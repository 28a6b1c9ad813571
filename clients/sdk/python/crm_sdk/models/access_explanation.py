from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.record_kind import RecordKind

if TYPE_CHECKING:
    from ..models.access_decision import AccessDecision


T = TypeVar("T", bound="AccessExplanation")


@_attrs_define
class AccessExplanation:
    """
    Attributes:
        archive (AccessDecision):
        entity (RecordKind): The kinds of customer records a role's access is set for.
        id (UUID):
        read (AccessDecision):
        user_id (UUID):
        write (AccessDecision):
    """

    archive: AccessDecision
    entity: RecordKind
    id: UUID
    read: AccessDecision
    user_id: UUID
    write: AccessDecision
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        archive = self.archive.to_dict()

        entity = self.entity.value

        id = str(self.id)

        read = self.read.to_dict()

        user_id = str(self.user_id)

        write = self.write.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "archive": archive,
                "entity": entity,
                "id": id,
                "read": read,
                "user_id": user_id,
                "write": write,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.access_decision import AccessDecision  # noqa: PLC0415

        d = dict(src_dict)
        archive = AccessDecision.from_dict(d.pop("archive"))

        entity = RecordKind(d.pop("entity"))

        id = UUID(d.pop("id"))

        read = AccessDecision.from_dict(d.pop("read"))

        user_id = UUID(d.pop("user_id"))

        write = AccessDecision.from_dict(d.pop("write"))

        access_explanation = cls(
            archive=archive,
            entity=entity,
            id=id,
            read=read,
            user_id=user_id,
            write=write,
        )

        access_explanation.additional_properties = d
        return access_explanation

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
