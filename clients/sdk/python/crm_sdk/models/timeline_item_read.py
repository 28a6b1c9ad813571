from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.timeline_item_read_type import TimelineItemReadType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deal_read import DealRead
    from ..models.interaction_read import InteractionRead
    from ..models.request_read import RequestRead
    from ..models.stage_change_read import StageChangeRead
    from ..models.status_change_read import StatusChangeRead
    from ..models.task_read import TaskRead


T = TypeVar("T", bound="TimelineItemRead")


@_attrs_define
class TimelineItemRead:
    """One entry; the field named by `type` holds the record.

    Attributes:
        at (datetime.datetime):
        id (UUID):
        type_ (TimelineItemReadType):
        change (None | StatusChangeRead | Unset): For a request: the status move this entry records.
        deal (DealRead | None | Unset):
        interaction (InteractionRead | None | Unset):
        request (None | RequestRead | Unset):
        stage_change (None | StageChangeRead | Unset): For a deal: the stage move this entry records.
        task (None | TaskRead | Unset):
    """

    at: datetime.datetime
    id: UUID
    type_: TimelineItemReadType
    change: None | StatusChangeRead | Unset = UNSET
    deal: DealRead | None | Unset = UNSET
    interaction: InteractionRead | None | Unset = UNSET
    request: None | RequestRead | Unset = UNSET
    stage_change: None | StageChangeRead | Unset = UNSET
    task: None | TaskRead | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.deal_read import DealRead  # noqa: PLC0415
        from ..models.interaction_read import InteractionRead  # noqa: PLC0415
        from ..models.request_read import RequestRead  # noqa: PLC0415
        from ..models.stage_change_read import StageChangeRead  # noqa: PLC0415
        from ..models.status_change_read import StatusChangeRead  # noqa: PLC0415
        from ..models.task_read import TaskRead  # noqa: PLC0415

        at = self.at.isoformat()

        id = str(self.id)

        type_ = self.type_.value

        change: dict[str, Any] | None | Unset
        if isinstance(self.change, Unset):
            change = UNSET
        elif isinstance(self.change, StatusChangeRead):
            change = self.change.to_dict()
        else:
            change = self.change

        deal: dict[str, Any] | None | Unset
        if isinstance(self.deal, Unset):
            deal = UNSET
        elif isinstance(self.deal, DealRead):
            deal = self.deal.to_dict()
        else:
            deal = self.deal

        interaction: dict[str, Any] | None | Unset
        if isinstance(self.interaction, Unset):
            interaction = UNSET
        elif isinstance(self.interaction, InteractionRead):
            interaction = self.interaction.to_dict()
        else:
            interaction = self.interaction

        request: dict[str, Any] | None | Unset
        if isinstance(self.request, Unset):
            request = UNSET
        elif isinstance(self.request, RequestRead):
            request = self.request.to_dict()
        else:
            request = self.request

        stage_change: dict[str, Any] | None | Unset
        if isinstance(self.stage_change, Unset):
            stage_change = UNSET
        elif isinstance(self.stage_change, StageChangeRead):
            stage_change = self.stage_change.to_dict()
        else:
            stage_change = self.stage_change

        task: dict[str, Any] | None | Unset
        if isinstance(self.task, Unset):
            task = UNSET
        elif isinstance(self.task, TaskRead):
            task = self.task.to_dict()
        else:
            task = self.task

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "id": id,
                "type": type_,
            }
        )
        if change is not UNSET:
            field_dict["change"] = change
        if deal is not UNSET:
            field_dict["deal"] = deal
        if interaction is not UNSET:
            field_dict["interaction"] = interaction
        if request is not UNSET:
            field_dict["request"] = request
        if stage_change is not UNSET:
            field_dict["stage_change"] = stage_change
        if task is not UNSET:
            field_dict["task"] = task

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deal_read import DealRead  # noqa: PLC0415
        from ..models.interaction_read import InteractionRead  # noqa: PLC0415
        from ..models.request_read import RequestRead  # noqa: PLC0415
        from ..models.stage_change_read import StageChangeRead  # noqa: PLC0415
        from ..models.status_change_read import StatusChangeRead  # noqa: PLC0415
        from ..models.task_read import TaskRead  # noqa: PLC0415

        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        id = UUID(d.pop("id"))

        type_ = TimelineItemReadType(d.pop("type"))

        def _parse_change(data: object) -> None | StatusChangeRead | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                change_type_0 = StatusChangeRead.from_dict(data)

                return change_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StatusChangeRead | Unset, data)

        change = _parse_change(d.pop("change", UNSET))

        def _parse_deal(data: object) -> DealRead | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                deal_type_0 = DealRead.from_dict(data)

                return deal_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DealRead | None | Unset, data)

        deal = _parse_deal(d.pop("deal", UNSET))

        def _parse_interaction(data: object) -> InteractionRead | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                interaction_type_0 = InteractionRead.from_dict(data)

                return interaction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(InteractionRead | None | Unset, data)

        interaction = _parse_interaction(d.pop("interaction", UNSET))

        def _parse_request(data: object) -> None | RequestRead | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                request_type_0 = RequestRead.from_dict(data)

                return request_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RequestRead | Unset, data)

        request = _parse_request(d.pop("request", UNSET))

        def _parse_stage_change(data: object) -> None | StageChangeRead | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                stage_change_type_0 = StageChangeRead.from_dict(data)

                return stage_change_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | StageChangeRead | Unset, data)

        stage_change = _parse_stage_change(d.pop("stage_change", UNSET))

        def _parse_task(data: object) -> None | TaskRead | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                task_type_0 = TaskRead.from_dict(data)

                return task_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TaskRead | Unset, data)

        task = _parse_task(d.pop("task", UNSET))

        timeline_item_read = cls(
            at=at,
            id=id,
            type_=type_,
            change=change,
            deal=deal,
            interaction=interaction,
            request=request,
            stage_change=stage_change,
            task=task,
        )

        timeline_item_read.additional_properties = d
        return timeline_item_read

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
