from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.access_level import AccessLevel
from ..models.rule import Rule

T = TypeVar("T", bound="AccessDecision")


@_attrs_define
class AccessDecision:
    """
    Attributes:
        allowed (bool):
        level (AccessLevel): `own` covers the records a user owns or is responsible for; `team` those of the
            user's team as well; `all` every record.
        rule (Rule): What decided: the first of these that applies, in this order.
    """

    allowed: bool
    level: AccessLevel
    rule: Rule
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allowed = self.allowed

        level = self.level.value

        rule = self.rule.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "allowed": allowed,
                "level": level,
                "rule": rule,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        allowed = d.pop("allowed")

        level = AccessLevel(d.pop("level"))

        rule = Rule(d.pop("rule"))

        access_decision = cls(
            allowed=allowed,
            level=level,
            rule=rule,
        )

        access_decision.additional_properties = d
        return access_decision

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
