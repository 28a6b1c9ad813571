from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="RotationMemberPut")


@_attrs_define
class RotationMemberPut:
    """Lists the member in the rotation, or pauses or resumes them.

    Attributes:
        paused (bool | Unset): True skips the member until set to false. Default: False.
    """

    paused: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        paused = self.paused

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if paused is not UNSET:
            field_dict["paused"] = paused

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        paused = d.pop("paused", UNSET)

        rotation_member_put = cls(
            paused=paused,
        )

        return rotation_member_put
