from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.request_channel import RequestChannel
from ..models.request_priority import RequestPriority
from ..models.request_status import RequestStatus

T = TypeVar("T", bound="RequestRead")


@_attrs_define
class RequestRead:
    """
    Attributes:
        allowed_statuses (list[RequestStatus]): Where it can move next, in the workflow's order (new to closed).
        assignee_id (None | UUID):
        channel (RequestChannel):
        closed_at (datetime.datetime | None):
        contact_id (UUID):
        created_at (datetime.datetime):
        description (str):
        due_by (datetime.datetime | None):
        id (UUID):
        overdue (bool):
        owner_id (UUID):
        priority (RequestPriority):
        resolution (str):
        resolved_at (datetime.datetime | None):
        status (RequestStatus):
        subject (str):
        team_id (None | UUID):
        updated_at (datetime.datetime):
        version (int):
    """

    allowed_statuses: list[RequestStatus]
    assignee_id: None | UUID
    channel: RequestChannel
    closed_at: datetime.datetime | None
    contact_id: UUID
    created_at: datetime.datetime
    description: str
    due_by: datetime.datetime | None
    id: UUID
    overdue: bool
    owner_id: UUID
    priority: RequestPriority
    resolution: str
    resolved_at: datetime.datetime | None
    status: RequestStatus
    subject: str
    team_id: None | UUID
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        allowed_statuses = []
        for allowed_statuses_item_data in self.allowed_statuses:
            allowed_statuses_item = allowed_statuses_item_data.value
            allowed_statuses.append(allowed_statuses_item)

        assignee_id: None | str
        if isinstance(self.assignee_id, UUID):
            assignee_id = str(self.assignee_id)
        else:
            assignee_id = self.assignee_id

        channel = self.channel.value

        closed_at: None | str
        if isinstance(self.closed_at, datetime.datetime):
            closed_at = self.closed_at.isoformat()
        else:
            closed_at = self.closed_at

        contact_id = str(self.contact_id)

        created_at = self.created_at.isoformat()

        description = self.description

        due_by: None | str
        if isinstance(self.due_by, datetime.datetime):
            due_by = self.due_by.isoformat()
        else:
            due_by = self.due_by

        id = str(self.id)

        overdue = self.overdue

        owner_id = str(self.owner_id)

        priority = self.priority.value

        resolution = self.resolution

        resolved_at: None | str
        if isinstance(self.resolved_at, datetime.datetime):
            resolved_at = self.resolved_at.isoformat()
        else:
            resolved_at = self.resolved_at

        status = self.status.value

        subject = self.subject

        team_id: None | str
        if isinstance(self.team_id, UUID):
            team_id = str(self.team_id)
        else:
            team_id = self.team_id

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "allowed_statuses": allowed_statuses,
                "assignee_id": assignee_id,
                "channel": channel,
                "closed_at": closed_at,
                "contact_id": contact_id,
                "created_at": created_at,
                "description": description,
                "due_by": due_by,
                "id": id,
                "overdue": overdue,
                "owner_id": owner_id,
                "priority": priority,
                "resolution": resolution,
                "resolved_at": resolved_at,
                "status": status,
                "subject": subject,
                "team_id": team_id,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        allowed_statuses = []
        _allowed_statuses = d.pop("allowed_statuses")
        for allowed_statuses_item_data in _allowed_statuses:
            allowed_statuses_item = RequestStatus(allowed_statuses_item_data)

            allowed_statuses.append(allowed_statuses_item)

        def _parse_assignee_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                assignee_id_type_0 = UUID(data)

                return assignee_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        assignee_id = _parse_assignee_id(d.pop("assignee_id"))

        channel = RequestChannel(d.pop("channel"))

        def _parse_closed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_at_type_0 = datetime.datetime.fromisoformat(data)

                return closed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        closed_at = _parse_closed_at(d.pop("closed_at"))

        contact_id = UUID(d.pop("contact_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        description = d.pop("description")

        def _parse_due_by(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_by_type_0 = datetime.datetime.fromisoformat(data)

                return due_by_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        due_by = _parse_due_by(d.pop("due_by"))

        id = UUID(d.pop("id"))

        overdue = d.pop("overdue")

        owner_id = UUID(d.pop("owner_id"))

        priority = RequestPriority(d.pop("priority"))

        resolution = d.pop("resolution")

        def _parse_resolved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resolved_at_type_0 = datetime.datetime.fromisoformat(data)

                return resolved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resolved_at = _parse_resolved_at(d.pop("resolved_at"))

        status = RequestStatus(d.pop("status"))

        subject = d.pop("subject")

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

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        request_read = cls(
            allowed_statuses=allowed_statuses,
            assignee_id=assignee_id,
            channel=channel,
            closed_at=closed_at,
            contact_id=contact_id,
            created_at=created_at,
            description=description,
            due_by=due_by,
            id=id,
            overdue=overdue,
            owner_id=owner_id,
            priority=priority,
            resolution=resolution,
            resolved_at=resolved_at,
            status=status,
            subject=subject,
            team_id=team_id,
            updated_at=updated_at,
            version=version,
        )

        request_read.additional_properties = d
        return request_read

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
