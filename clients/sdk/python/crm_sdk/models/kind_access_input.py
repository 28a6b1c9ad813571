from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.access_level import AccessLevel
from ..types import UNSET, Unset

T = TypeVar("T", bound="KindAccessInput")


@_attrs_define
class KindAccessInput:
    """
    Attributes:
        archive (AccessLevel | None | Unset): Not given: as far as write. Never further than write.
        read (AccessLevel | Unset): `own` covers the records a user owns or is responsible for; `team` those of the
            user's team as well; `all` every record.
        write (AccessLevel | Unset): `own` covers the records a user owns or is responsible for; `team` those of the
            user's team as well; `all` every record.
    """

    archive: AccessLevel | None | Unset = UNSET
    read: AccessLevel | Unset = UNSET
    write: AccessLevel | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        archive: None | str | Unset
        if isinstance(self.archive, Unset):
            archive = UNSET
        elif isinstance(self.archive, AccessLevel):
            archive = self.archive.value
        else:
            archive = self.archive

        read: str | Unset = UNSET
        if not isinstance(self.read, Unset):
            read = self.read.value

        write: str | Unset = UNSET
        if not isinstance(self.write, Unset):
            write = self.write.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if archive is not UNSET:
            field_dict["archive"] = archive
        if read is not UNSET:
            field_dict["read"] = read
        if write is not UNSET:
            field_dict["write"] = write

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_archive(data: object) -> AccessLevel | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                archive_type_0 = AccessLevel(data)

                return archive_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AccessLevel | None | Unset, data)

        archive = _parse_archive(d.pop("archive", UNSET))

        _read = d.pop("read", UNSET)
        read: AccessLevel | Unset
        if isinstance(_read, Unset):
            read = UNSET
        else:
            read = AccessLevel(_read)

        _write = d.pop("write", UNSET)
        write: AccessLevel | Unset
        if isinstance(_write, Unset):
            write = UNSET
        else:
            write = AccessLevel(_write)

        kind_access_input = cls(
            archive=archive,
            read=read,
            write=write,
        )

        return kind_access_input
