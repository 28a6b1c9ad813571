from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.channel import Channel
from ..models.direction import Direction
from ..models.interaction_status import InteractionStatus

T = TypeVar("T", bound="InteractionRead")


@_attrs_define
class InteractionRead:
    """
    Attributes:
        at (datetime.datetime): When it happened, or is planned to.
        body (str):
        channel (Channel):
        company_id (None | UUID):
        contact_id (None | UUID):
        contact_ids (list[UUID]): Further contacts taking part.
        created_at (datetime.datetime):
        deal_id (None | UUID): The deal it is about, if any.
        direction (Direction | None):
        duration_minutes (int | None):
        id (UUID):
        occurred_at (datetime.datetime | None):
        outcome (None | str):
        owner_id (UUID):
        request_id (None | UUID): The customer request it is about, if any.
        scheduled_at (datetime.datetime | None):
        status (InteractionStatus):
        subject (str):
        team_id (None | UUID):
        updated_at (datetime.datetime):
        user_ids (list[UUID]): Colleagues taking part.
        version (int):
    """

    at: datetime.datetime
    body: str
    channel: Channel
    company_id: None | UUID
    contact_id: None | UUID
    contact_ids: list[UUID]
    created_at: datetime.datetime
    deal_id: None | UUID
    direction: Direction | None
    duration_minutes: int | None
    id: UUID
    occurred_at: datetime.datetime | None
    outcome: None | str
    owner_id: UUID
    request_id: None | UUID
    scheduled_at: datetime.datetime | None
    status: InteractionStatus
    subject: str
    team_id: None | UUID
    updated_at: datetime.datetime
    user_ids: list[UUID]
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        at = self.at.isoformat()

        body = self.body

        channel = self.channel.value

        company_id: None | str
        if isinstance(self.company_id, UUID):
            company_id = str(self.company_id)
        else:
            company_id = self.company_id

        contact_id: None | str
        if isinstance(self.contact_id, UUID):
            contact_id = str(self.contact_id)
        else:
            contact_id = self.contact_id

        contact_ids = []
        for contact_ids_item_data in self.contact_ids:
            contact_ids_item = str(contact_ids_item_data)
            contact_ids.append(contact_ids_item)

        created_at = self.created_at.isoformat()

        deal_id: None | str
        if isinstance(self.deal_id, UUID):
            deal_id = str(self.deal_id)
        else:
            deal_id = self.deal_id

        direction: None | str
        if isinstance(self.direction, Direction):
            direction = self.direction.value
        else:
            direction = self.direction

        duration_minutes: int | None
        duration_minutes = self.duration_minutes

        id = str(self.id)

        occurred_at: None | str
        if isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        outcome: None | str
        outcome = self.outcome

        owner_id = str(self.owner_id)

        request_id: None | str
        if isinstance(self.request_id, UUID):
            request_id = str(self.request_id)
        else:
            request_id = self.request_id

        scheduled_at: None | str
        if isinstance(self.scheduled_at, datetime.datetime):
            scheduled_at = self.scheduled_at.isoformat()
        else:
            scheduled_at = self.scheduled_at

        status = self.status.value

        subject = self.subject

        team_id: None | str
        if isinstance(self.team_id, UUID):
            team_id = str(self.team_id)
        else:
            team_id = self.team_id

        updated_at = self.updated_at.isoformat()

        user_ids = []
        for user_ids_item_data in self.user_ids:
            user_ids_item = str(user_ids_item_data)
            user_ids.append(user_ids_item)

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "at": at,
                "body": body,
                "channel": channel,
                "company_id": company_id,
                "contact_id": contact_id,
                "contact_ids": contact_ids,
                "created_at": created_at,
                "deal_id": deal_id,
                "direction": direction,
                "duration_minutes": duration_minutes,
                "id": id,
                "occurred_at": occurred_at,
                "outcome": outcome,
                "owner_id": owner_id,
                "request_id": request_id,
                "scheduled_at": scheduled_at,
                "status": status,
                "subject": subject,
                "team_id": team_id,
                "updated_at": updated_at,
                "user_ids": user_ids,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        at = datetime.datetime.fromisoformat(d.pop("at"))

        body = d.pop("body")

        channel = Channel(d.pop("channel"))

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

        contact_ids = []
        _contact_ids = d.pop("contact_ids")
        for contact_ids_item_data in _contact_ids:
            contact_ids_item = UUID(contact_ids_item_data)

            contact_ids.append(contact_ids_item)

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

        def _parse_direction(data: object) -> Direction | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                direction_type_0 = Direction(data)

                return direction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Direction | None, data)

        direction = _parse_direction(d.pop("direction"))

        def _parse_duration_minutes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        duration_minutes = _parse_duration_minutes(d.pop("duration_minutes"))

        id = UUID(d.pop("id"))

        def _parse_occurred_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occurred_at_type_0 = datetime.datetime.fromisoformat(data)

                return occurred_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        occurred_at = _parse_occurred_at(d.pop("occurred_at"))

        def _parse_outcome(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        outcome = _parse_outcome(d.pop("outcome"))

        owner_id = UUID(d.pop("owner_id"))

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

        def _parse_scheduled_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scheduled_at_type_0 = datetime.datetime.fromisoformat(data)

                return scheduled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        scheduled_at = _parse_scheduled_at(d.pop("scheduled_at"))

        status = InteractionStatus(d.pop("status"))

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

        user_ids = []
        _user_ids = d.pop("user_ids")
        for user_ids_item_data in _user_ids:
            user_ids_item = UUID(user_ids_item_data)

            user_ids.append(user_ids_item)

        version = d.pop("version")

        interaction_read = cls(
            at=at,
            body=body,
            channel=channel,
            company_id=company_id,
            contact_id=contact_id,
            contact_ids=contact_ids,
            created_at=created_at,
            deal_id=deal_id,
            direction=direction,
            duration_minutes=duration_minutes,
            id=id,
            occurred_at=occurred_at,
            outcome=outcome,
            owner_id=owner_id,
            request_id=request_id,
            scheduled_at=scheduled_at,
            status=status,
            subject=subject,
            team_id=team_id,
            updated_at=updated_at,
            user_ids=user_ids,
            version=version,
        )

        interaction_read.additional_properties = d
        return interaction_read

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
