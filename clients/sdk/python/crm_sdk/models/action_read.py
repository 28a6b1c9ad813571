from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.action_type import ActionType
from ..models.lifecycle_stage import LifecycleStage

T = TypeVar("T", bound="ActionRead")


@_attrs_define
class ActionRead:
    """
    Attributes:
        due_in_days (int | None):
        lost_reason (None | str):
        stage (LifecycleStage | None):
        stage_id (None | UUID):
        tag (None | str):
        team_id (None | UUID):
        title (None | str):
        type_ (ActionType):
    """

    due_in_days: int | None
    lost_reason: None | str
    stage: LifecycleStage | None
    stage_id: None | UUID
    tag: None | str
    team_id: None | UUID
    title: None | str
    type_: ActionType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        due_in_days: int | None
        due_in_days = self.due_in_days

        lost_reason: None | str
        lost_reason = self.lost_reason

        stage: None | str
        if isinstance(self.stage, LifecycleStage):
            stage = self.stage.value
        else:
            stage = self.stage

        stage_id: None | str
        if isinstance(self.stage_id, UUID):
            stage_id = str(self.stage_id)
        else:
            stage_id = self.stage_id

        tag: None | str
        tag = self.tag

        team_id: None | str
        if isinstance(self.team_id, UUID):
            team_id = str(self.team_id)
        else:
            team_id = self.team_id

        title: None | str
        title = self.title

        type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "due_in_days": due_in_days,
                "lost_reason": lost_reason,
                "stage": stage,
                "stage_id": stage_id,
                "tag": tag,
                "team_id": team_id,
                "title": title,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_due_in_days(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        due_in_days = _parse_due_in_days(d.pop("due_in_days"))

        def _parse_lost_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        lost_reason = _parse_lost_reason(d.pop("lost_reason"))

        def _parse_stage(data: object) -> LifecycleStage | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                stage_type_0 = LifecycleStage(data)

                return stage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LifecycleStage | None, data)

        stage = _parse_stage(d.pop("stage"))

        def _parse_stage_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                stage_id_type_0 = UUID(data)

                return stage_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        stage_id = _parse_stage_id(d.pop("stage_id"))

        def _parse_tag(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        tag = _parse_tag(d.pop("tag"))

        def _parse_team_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                team_id_type_0 = UUID(data)

                return team_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        team_id = _parse_team_id(d.pop("team_id"))

        def _parse_title(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        title = _parse_title(d.pop("title"))

        type_ = ActionType(d.pop("type"))

        action_read = cls(
            due_in_days=due_in_days,
            lost_reason=lost_reason,
            stage=stage,
            stage_id=stage_id,
            tag=tag,
            team_id=team_id,
            title=title,
            type_=type_,
        )

        action_read.additional_properties = d
        return action_read

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
