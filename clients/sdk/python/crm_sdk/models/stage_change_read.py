from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="StageChangeRead")


@_attrs_define
class StageChangeRead:
    """
    Attributes:
        at (datetime.datetime):
        by (None | UUID):
        from_stage_id (None | UUID):
        id (UUID):
        rule_id (None | UUID): The automation rule that moved the deal on behalf of `by`, if one did.
        seconds_in_previous (int | None): Time the deal spent in from_stage.
        to_stage_id (UUID):
    """

    at: datetime.datetime
    by: None | UUID
    from_stage_id: None | UUID
    id: UUID
    rule_id: None | UUID
    seconds_in_previous: int | None
    to_stage_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        by: None | str
        if isinstance(self.by, UUID):
            by = str(self.by)
        else:
            by = self.by

        from_stage_id: None | str
        if isinstance(self.from_stage_id, UUID):
            from_stage_id = str(self.from_stage_id)
        else:
            from_stage_id = self.from_stage_id

        id = str(self.id)

        rule_id: None | str
        if isinstance(self.rule_id, UUID):
            rule_id = str(self.rule_id)
        else:
            rule_id = self.rule_id

        seconds_in_previous: int | None
        seconds_in_previous = self.seconds_in_previous

        to_stage_id = str(self.to_stage_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "by": by,
                "from_stage_id": from_stage_id,
                "id": id,
                "rule_id": rule_id,
                "seconds_in_previous": seconds_in_previous,
                "to_stage_id": to_stage_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_by(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                by_type_0 = UUID(data)

                return by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        by = _parse_by(d.pop("by"))

        def _parse_from_stage_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                from_stage_id_type_0 = UUID(data)

                return from_stage_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        from_stage_id = _parse_from_stage_id(d.pop("from_stage_id"))

        id = UUID(d.pop("id"))

        def _parse_rule_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rule_id_type_0 = UUID(data)

                return rule_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        rule_id = _parse_rule_id(d.pop("rule_id"))

        def _parse_seconds_in_previous(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        seconds_in_previous = _parse_seconds_in_previous(d.pop("seconds_in_previous"))

        to_stage_id = UUID(d.pop("to_stage_id"))

        stage_change_read = cls(
            at=at,
            by=by,
            from_stage_id=from_stage_id,
            id=id,
            rule_id=rule_id,
            seconds_in_previous=seconds_in_previous,
            to_stage_id=to_stage_id,
        )

        stage_change_read.additional_properties = d
        return stage_change_read

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
