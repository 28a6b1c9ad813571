from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.priority import Priority
from ..models.task_status import TaskStatus

T = TypeVar("T", bound="TaskRead")


@_attrs_define
class TaskRead:
    """
    Attributes:
        assignee_id (UUID):
        company_id (None | UUID):
        completed_at (datetime.datetime | None):
        contact_id (None | UUID):
        created_at (datetime.datetime):
        deal_id (None | UUID): The deal it is about, if any.
        description (str):
        due_at (datetime.datetime | None):
        id (UUID):
        labels (list[str]):
        owner_id (UUID): Who created the task.
        priority (Priority):
        remind_at (datetime.datetime | None):
        reminder_acknowledged_at (datetime.datetime | None):
        request_id (None | UUID): The customer request it is about, if any.
        status (TaskStatus):
        team_id (None | UUID):
        title (str):
        updated_at (datetime.datetime):
        version (int):
    """

    assignee_id: UUID
    company_id: None | UUID
    completed_at: datetime.datetime | None
    contact_id: None | UUID
    created_at: datetime.datetime
    deal_id: None | UUID
    description: str
    due_at: datetime.datetime | None
    id: UUID
    labels: list[str]
    owner_id: UUID
    priority: Priority
    remind_at: datetime.datetime | None
    reminder_acknowledged_at: datetime.datetime | None
    request_id: None | UUID
    status: TaskStatus
    team_id: None | UUID
    title: str
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assignee_id = str(self.assignee_id)

        company_id: None | str
        if isinstance(self.company_id, UUID):
            company_id = str(self.company_id)
        else:
            company_id = self.company_id

        completed_at: None | str
        if isinstance(self.completed_at, datetime.datetime):
            completed_at = self.completed_at.isoformat()
        else:
            completed_at = self.completed_at

        contact_id: None | str
        if isinstance(self.contact_id, UUID):
            contact_id = str(self.contact_id)
        else:
            contact_id = self.contact_id

        created_at = self.created_at.isoformat()

        deal_id: None | str
        if isinstance(self.deal_id, UUID):
            deal_id = str(self.deal_id)
        else:
            deal_id = self.deal_id

        description = self.description

        due_at: None | str
        if isinstance(self.due_at, datetime.datetime):
            due_at = self.due_at.isoformat()
        else:
            due_at = self.due_at

        id = str(self.id)

        labels = self.labels

        owner_id = str(self.owner_id)

        priority = self.priority.value

        remind_at: None | str
        if isinstance(self.remind_at, datetime.datetime):
            remind_at = self.remind_at.isoformat()
        else:
            remind_at = self.remind_at

        reminder_acknowledged_at: None | str
        if isinstance(self.reminder_acknowledged_at, datetime.datetime):
            reminder_acknowledged_at = self.reminder_acknowledged_at.isoformat()
        else:
            reminder_acknowledged_at = self.reminder_acknowledged_at

        request_id: None | str
        if isinstance(self.request_id, UUID):
            request_id = str(self.request_id)
        else:
            request_id = self.request_id

        status = self.status.value

        team_id: None | str
        if isinstance(self.team_id, UUID):
            team_id = str(self.team_id)
        else:
            team_id = self.team_id

        title = self.title

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assignee_id": assignee_id,
                "company_id": company_id,
                "completed_at": completed_at,
                "contact_id": contact_id,
                "created_at": created_at,
                "deal_id": deal_id,
                "description": description,
                "due_at": due_at,
                "id": id,
                "labels": labels,
                "owner_id": owner_id,
                "priority": priority,
                "remind_at": remind_at,
                "reminder_acknowledged_at": reminder_acknowledged_at,
                "request_id": request_id,
                "status": status,
                "team_id": team_id,
                "title": title,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        assignee_id = UUID(d.pop("assignee_id"))

        def _parse_company_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                company_id_type_0 = UUID(data)

                return company_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        company_id = _parse_company_id(d.pop("company_id"))

        def _parse_completed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_at_type_0 = datetime.datetime.fromisoformat(data)

                return completed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        completed_at = _parse_completed_at(d.pop("completed_at"))

        def _parse_contact_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                contact_id_type_0 = UUID(data)

                return contact_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        contact_id = _parse_contact_id(d.pop("contact_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_deal_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deal_id_type_0 = UUID(data)

                return deal_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        deal_id = _parse_deal_id(d.pop("deal_id"))

        description = d.pop("description")

        def _parse_due_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_at_type_0 = datetime.datetime.fromisoformat(data)

                return due_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        due_at = _parse_due_at(d.pop("due_at"))

        id = UUID(d.pop("id"))

        labels = cast(list[str], d.pop("labels"))

        owner_id = UUID(d.pop("owner_id"))

        priority = Priority(d.pop("priority"))

        def _parse_remind_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                remind_at_type_0 = datetime.datetime.fromisoformat(data)

                return remind_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        remind_at = _parse_remind_at(d.pop("remind_at"))

        def _parse_reminder_acknowledged_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reminder_acknowledged_at_type_0 = datetime.datetime.fromisoformat(data)

                return reminder_acknowledged_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        reminder_acknowledged_at = _parse_reminder_acknowledged_at(d.pop("reminder_acknowledged_at"))

        def _parse_request_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                request_id_type_0 = UUID(data)

                return request_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        request_id = _parse_request_id(d.pop("request_id"))

        status = TaskStatus(d.pop("status"))

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

        title = d.pop("title")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        task_read = cls(
            assignee_id=assignee_id,
            company_id=company_id,
            completed_at=completed_at,
            contact_id=contact_id,
            created_at=created_at,
            deal_id=deal_id,
            description=description,
            due_at=due_at,
            id=id,
            labels=labels,
            owner_id=owner_id,
            priority=priority,
            remind_at=remind_at,
            reminder_acknowledged_at=reminder_acknowledged_at,
            request_id=request_id,
            status=status,
            team_id=team_id,
            title=title,
            updated_at=updated_at,
            version=version,
        )

        task_read.additional_properties = d
        return task_read

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
