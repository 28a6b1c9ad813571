from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.access_level import AccessLevel

T = TypeVar("T", bound="KindAccess")


@_attrs_define
class KindAccess:
    """
    Attributes:
        archive (AccessLevel): `own` covers the records a user owns or is responsible for; `team` those of the
            user's team as well; `all` every record.
        read (AccessLevel): `own` covers the records a user owns or is responsible for; `team` those of the
            user's team as well; `all` every record.
        write (AccessLevel): `own` covers the records a user owns or is responsible for; `team` those of the
            user's team as well; `all` every record.
    """

    archive: AccessLevel
    read: AccessLevel
    write: AccessLevel
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        archive = self.archive.value

        read = self.read.value

        write = self.write.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "archive": archive,
                "read": read,
                "write": write,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        archive = AccessLevel(d.pop("archive"))

        read = AccessLevel(d.pop("read"))

        write = AccessLevel(d.pop("write"))

        kind_access = cls(
            archive=archive,
            read=read,
            write=write,
        )

        kind_access.additional_properties = d
        return kind_access

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
