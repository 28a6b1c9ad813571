from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.request_channel import RequestChannel
from ..models.request_priority import RequestPriority
from ..types import UNSET, Unset

T = TypeVar("T", bound="RequestCreate")


@_attrs_define
class RequestCreate:
    """
    Attributes:
        channel (RequestChannel):
        contact_id (UUID):
        subject (str):
        assignee_id (None | Unset | UUID): Default: round-robin in your team if it distributes requests, else you (who
            registers it).
        description (None | str | Unset):
        priority (None | RequestPriority | Unset):
    """

    channel: RequestChannel
    contact_id: UUID
    subject: str
    assignee_id: None | Unset | UUID = UNSET
    description: None | str | Unset = UNSET
    priority: None | RequestPriority | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        contact_id = str(self.contact_id)

        subject = self.subject

        assignee_id: None | str | Unset
        if isinstance(self.assignee_id, Unset):
            assignee_id = UNSET
        elif isinstance(self.assignee_id, UUID):
            assignee_id = str(self.assignee_id)
        else:
            assignee_id = self.assignee_id

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        priority: None | str | Unset
        if isinstance(self.priority, Unset):
            priority = UNSET
        elif isinstance(self.priority, RequestPriority):
            priority = self.priority.value
        else:
            priority = self.priority

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel": channel,
                "contact_id": contact_id,
                "subject": subject,
            }
        )
        if assignee_id is not UNSET:
            field_dict["assignee_id"] = assignee_id
        if description is not UNSET:
            field_dict["description"] = description
        if priority is not UNSET:
            field_dict["priority"] = priority

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel = RequestChannel(d.pop("channel"))

        contact_id = UUID(d.pop("contact_id"))

        subject = d.pop("subject")

        def _parse_assignee_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                assignee_id_type_0 = UUID(data)

                return assignee_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        assignee_id = _parse_assignee_id(d.pop("assignee_id", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_priority(data: object) -> None | RequestPriority | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                priority_type_0 = RequestPriority(data)

                return priority_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | RequestPriority | Unset, data)

        priority = _parse_priority(d.pop("priority", UNSET))

        request_create = cls(
            channel=channel,
            contact_id=contact_id,
            subject=subject,
            assignee_id=assignee_id,
            description=description,
            priority=priority,
        )

        return request_create
