from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.action_type import ActionType
from ..models.lifecycle_stage import LifecycleStage
from ..types import UNSET, Unset

T = TypeVar("T", bound="ActionIn")


@_attrs_define
class ActionIn:
    """One action; send the parameters its type takes (the others stay null).

    Attributes:
        type_ (ActionType):
        due_in_days (int | None | Unset): create_task: due this many days after the event.
        lost_reason (None | str | Unset): move_deal_to_stage to a lost stage: required.
        stage (LifecycleStage | None | Unset): set_contact_lifecycle_stage: the contact's new stage.
        stage_id (None | Unset | UUID): move_deal_to_stage: a stage of the trigger's pipeline (from an interaction: an
            open stage; the deal the interaction is about moves if it is in that pipeline).
        tag (None | str | Unset): add_tag: the tag.
        team_id (None | Unset | UUID): assign_owner_round_robin: whose members take turns.
        title (None | str | Unset): create_task: its title.
    """

    type_: ActionType
    due_in_days: int | None | Unset = UNSET
    lost_reason: None | str | Unset = UNSET
    stage: LifecycleStage | None | Unset = UNSET
    stage_id: None | Unset | UUID = UNSET
    tag: None | str | Unset = UNSET
    team_id: None | Unset | UUID = UNSET
    title: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        due_in_days: int | None | Unset
        if isinstance(self.due_in_days, Unset):
            due_in_days = UNSET
        else:
            due_in_days = self.due_in_days

        lost_reason: None | str | Unset
        if isinstance(self.lost_reason, Unset):
            lost_reason = UNSET
        else:
            lost_reason = self.lost_reason

        stage: None | str | Unset
        if isinstance(self.stage, Unset):
            stage = UNSET
        elif isinstance(self.stage, LifecycleStage):
            stage = self.stage.value
        else:
            stage = self.stage

        stage_id: None | str | Unset
        if isinstance(self.stage_id, Unset):
            stage_id = UNSET
        elif isinstance(self.stage_id, UUID):
            stage_id = str(self.stage_id)
        else:
            stage_id = self.stage_id

        tag: None | str | Unset
        if isinstance(self.tag, Unset):
            tag = UNSET
        else:
            tag = self.tag

        team_id: None | str | Unset
        if isinstance(self.team_id, Unset):
            team_id = UNSET
        elif isinstance(self.team_id, UUID):
            team_id = str(self.team_id)
        else:
            team_id = self.team_id

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )
        if due_in_days is not UNSET:
            field_dict["due_in_days"] = due_in_days
        if lost_reason is not UNSET:
            field_dict["lost_reason"] = lost_reason
        if stage is not UNSET:
            field_dict["stage"] = stage
        if stage_id is not UNSET:
            field_dict["stage_id"] = stage_id
        if tag is not UNSET:
            field_dict["tag"] = tag
        if team_id is not UNSET:
            field_dict["team_id"] = team_id
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        type_ = ActionType(d.pop("type"))

        def _parse_due_in_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        due_in_days = _parse_due_in_days(d.pop("due_in_days", UNSET))

        def _parse_lost_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        lost_reason = _parse_lost_reason(d.pop("lost_reason", UNSET))

        def _parse_stage(data: object) -> LifecycleStage | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                stage_type_0 = LifecycleStage(data)

                return stage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LifecycleStage | None | Unset, data)

        stage = _parse_stage(d.pop("stage", UNSET))

        def _parse_stage_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                stage_id_type_0 = UUID(data)

                return stage_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        stage_id = _parse_stage_id(d.pop("stage_id", UNSET))

        def _parse_tag(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        tag = _parse_tag(d.pop("tag", UNSET))

        def _parse_team_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                team_id_type_0 = UUID(data)

                return team_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        team_id = _parse_team_id(d.pop("team_id", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        action_in = cls(
            type_=type_,
            due_in_days=due_in_days,
            lost_reason=lost_reason,
            stage=stage,
            stage_id=stage_id,
            tag=tag,
            team_id=team_id,
            title=title,
        )

        return action_in
