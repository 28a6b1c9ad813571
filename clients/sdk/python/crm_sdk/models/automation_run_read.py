from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.record_type import RecordType
from ..models.run_outcome import RunOutcome

T = TypeVar("T", bound="AutomationRunRead")


@_attrs_define
class AutomationRunRead:
    """
    Attributes:
        actor_id (None | UUID): On whose behalf the rule acted.
        at (datetime.datetime):
        depth (int): 1 for a user's change, 2 for a rule's change, ...
        detail (None | str): Why it failed or was skipped.
        id (UUID):
        outcome (RunOutcome):
        record_id (UUID):
        record_type (RecordType):
        rule_id (UUID):
        stage_entered_at (datetime.datetime | None): deal_idle_in_stage: the stage entry the run was for (once per
            entry).
    """

    actor_id: None | UUID
    at: datetime.datetime
    depth: int
    detail: None | str
    id: UUID
    outcome: RunOutcome
    record_id: UUID
    record_type: RecordType
    rule_id: UUID
    stage_entered_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_id: None | str
        if isinstance(self.actor_id, UUID):
            actor_id = str(self.actor_id)
        else:
            actor_id = self.actor_id

        at = self.at.isoformat()

        depth = self.depth

        detail: None | str
        detail = self.detail

        id = str(self.id)

        outcome = self.outcome.value

        record_id = str(self.record_id)

        record_type = self.record_type.value

        rule_id = str(self.rule_id)

        stage_entered_at: None | str
        if isinstance(self.stage_entered_at, datetime.datetime):
            stage_entered_at = self.stage_entered_at.isoformat()
        else:
            stage_entered_at = self.stage_entered_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_id": actor_id,
                "at": at,
                "depth": depth,
                "detail": detail,
                "id": id,
                "outcome": outcome,
                "record_id": record_id,
                "record_type": record_type,
                "rule_id": rule_id,
                "stage_entered_at": stage_entered_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_actor_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                actor_id_type_0 = UUID(data)

                return actor_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        actor_id = _parse_actor_id(d.pop("actor_id"))

        at = datetime.datetime.fromisoformat(d.pop("at"))

        depth = d.pop("depth")

        def _parse_detail(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        detail = _parse_detail(d.pop("detail"))

        id = UUID(d.pop("id"))

        outcome = RunOutcome(d.pop("outcome"))

        record_id = UUID(d.pop("record_id"))

        record_type = RecordType(d.pop("record_type"))

        rule_id = UUID(d.pop("rule_id"))

        def _parse_stage_entered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                stage_entered_at_type_0 = datetime.datetime.fromisoformat(data)

                return stage_entered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        stage_entered_at = _parse_stage_entered_at(d.pop("stage_entered_at"))

        automation_run_read = cls(
            actor_id=actor_id,
            at=at,
            depth=depth,
            detail=detail,
            id=id,
            outcome=outcome,
            record_id=record_id,
            record_type=record_type,
            rule_id=rule_id,
            stage_entered_at=stage_entered_at,
        )

        automation_run_read.additional_properties = d
        return automation_run_read

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
