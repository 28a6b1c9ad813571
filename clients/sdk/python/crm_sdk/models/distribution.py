from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="Distribution")


@_attrs_define
class Distribution:
    """Whether the team's new requests and new leads go round-robin to its members.

    Attributes:
        leads (bool):
        requests (bool):
    """

    leads: bool
    requests: bool

    def to_dict(self) -> dict[str, Any]:
        leads = self.leads

        requests = self.requests

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "leads": leads,
                "requests": requests,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        leads = d.pop("leads")

        requests = d.pop("requests")

        distribution = cls(
            leads=leads,
            requests=requests,
        )

        return distribution
