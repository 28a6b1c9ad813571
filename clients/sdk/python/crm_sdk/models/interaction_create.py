from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.channel import Channel
from ..models.direction import Direction
from ..models.interaction_create_status import InteractionCreateStatus
from ..types import UNSET, Unset

T = TypeVar("T", bound="InteractionCreate")


@_attrs_define
class InteractionCreate:
    """Log one that happened (`status: done`, the default) or plan one (`planned`).

    Attributes:
        channel (Channel):
        body (None | str | Unset):
        company_id (None | Unset | UUID):
        contact_id (None | Unset | UUID):
        contact_ids (list[UUID] | None | Unset):
        deal_id (None | Unset | UUID): About this deal; its contact and company fill in blanks.
        direction (Direction | None | Unset):
        duration_minutes (int | None | Unset):
        occurred_at (datetime.datetime | None | Unset): For a done one; default now.
        outcome (None | str | Unset):
        owner_id (None | Unset | UUID):
        request_id (None | Unset | UUID): About this customer request; its contact fills in a blank.
        scheduled_at (datetime.datetime | None | Unset): For a planned interaction; any UTC offset, stored in UTC.
        status (InteractionCreateStatus | Unset):  Default: InteractionCreateStatus.DONE.
        subject (None | str | Unset):
        user_ids (list[UUID] | None | Unset):
    """

    channel: Channel
    body: None | str | Unset = UNSET
    company_id: None | Unset | UUID = UNSET
    contact_id: None | Unset | UUID = UNSET
    contact_ids: list[UUID] | None | Unset = UNSET
    deal_id: None | Unset | UUID = UNSET
    direction: Direction | None | Unset = UNSET
    duration_minutes: int | None | Unset = UNSET
    occurred_at: datetime.datetime | None | Unset = UNSET
    outcome: None | str | Unset = UNSET
    owner_id: None | Unset | UUID = UNSET
    request_id: None | Unset | UUID = UNSET
    scheduled_at: datetime.datetime | None | Unset = UNSET
    status: InteractionCreateStatus | Unset = InteractionCreateStatus.DONE
    subject: None | str | Unset = UNSET
    user_ids: list[UUID] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        channel = self.channel.value

        body: None | str | Unset
        if isinstance(self.body, Unset):
            body = UNSET
        else:
            body = self.body

        company_id: None | str | Unset
        if isinstance(self.company_id, Unset):
            company_id = UNSET
        elif isinstance(self.company_id, UUID):
            company_id = str(self.company_id)
        else:
            company_id = self.company_id

        contact_id: None | str | Unset
        if isinstance(self.contact_id, Unset):
            contact_id = UNSET
        elif isinstance(self.contact_id, UUID):
            contact_id = str(self.contact_id)
        else:
            contact_id = self.contact_id

        contact_ids: list[str] | None | Unset
        if isinstance(self.contact_ids, Unset):
            contact_ids = UNSET
        elif isinstance(self.contact_ids, list):
            contact_ids = []
            for contact_ids_type_0_item_data in self.contact_ids:
                contact_ids_type_0_item = str(contact_ids_type_0_item_data)
                contact_ids.append(contact_ids_type_0_item)

        else:
            contact_ids = self.contact_ids

        deal_id: None | str | Unset
        if isinstance(self.deal_id, Unset):
            deal_id = UNSET
        elif isinstance(self.deal_id, UUID):
            deal_id = str(self.deal_id)
        else:
            deal_id = self.deal_id

        direction: None | str | Unset
        if isinstance(self.direction, Unset):
            direction = UNSET
        elif isinstance(self.direction, Direction):
            direction = self.direction.value
        else:
            direction = self.direction

        duration_minutes: int | None | Unset
        if isinstance(self.duration_minutes, Unset):
            duration_minutes = UNSET
        else:
            duration_minutes = self.duration_minutes

        occurred_at: None | str | Unset
        if isinstance(self.occurred_at, Unset):
            occurred_at = UNSET
        elif isinstance(self.occurred_at, datetime.datetime):
            occurred_at = self.occurred_at.isoformat()
        else:
            occurred_at = self.occurred_at

        outcome: None | str | Unset
        if isinstance(self.outcome, Unset):
            outcome = UNSET
        else:
            outcome = self.outcome

        owner_id: None | str | Unset
        if isinstance(self.owner_id, Unset):
            owner_id = UNSET
        elif isinstance(self.owner_id, UUID):
            owner_id = str(self.owner_id)
        else:
            owner_id = self.owner_id

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        elif isinstance(self.request_id, UUID):
            request_id = str(self.request_id)
        else:
            request_id = self.request_id

        scheduled_at: None | str | Unset
        if isinstance(self.scheduled_at, Unset):
            scheduled_at = UNSET
        elif isinstance(self.scheduled_at, datetime.datetime):
            scheduled_at = self.scheduled_at.isoformat()
        else:
            scheduled_at = self.scheduled_at

        status: str | Unset = UNSET
        if not isinstance(self.status, Unset):
            status = self.status.value

        subject: None | str | Unset
        if isinstance(self.subject, Unset):
            subject = UNSET
        else:
            subject = self.subject

        user_ids: list[str] | None | Unset
        if isinstance(self.user_ids, Unset):
            user_ids = UNSET
        elif isinstance(self.user_ids, list):
            user_ids = []
            for user_ids_type_0_item_data in self.user_ids:
                user_ids_type_0_item = str(user_ids_type_0_item_data)
                user_ids.append(user_ids_type_0_item)

        else:
            user_ids = self.user_ids

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "channel": channel,
            }
        )
        if body is not UNSET:
            field_dict["body"] = body
        if company_id is not UNSET:
            field_dict["company_id"] = company_id
        if contact_id is not UNSET:
            field_dict["contact_id"] = contact_id
        if contact_ids is not UNSET:
            field_dict["contact_ids"] = contact_ids
        if deal_id is not UNSET:
            field_dict["deal_id"] = deal_id
        if direction is not UNSET:
            field_dict["direction"] = direction
        if duration_minutes is not UNSET:
            field_dict["duration_minutes"] = duration_minutes
        if occurred_at is not UNSET:
            field_dict["occurred_at"] = occurred_at
        if outcome is not UNSET:
            field_dict["outcome"] = outcome
        if owner_id is not UNSET:
            field_dict["owner_id"] = owner_id
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if scheduled_at is not UNSET:
            field_dict["scheduled_at"] = scheduled_at
        if status is not UNSET:
            field_dict["status"] = status
        if subject is not UNSET:
            field_dict["subject"] = subject
        if user_ids is not UNSET:
            field_dict["user_ids"] = user_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        channel = Channel(d.pop("channel"))

        def _parse_body(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        body = _parse_body(d.pop("body", UNSET))

        def _parse_company_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                company_id_type_0 = UUID(data)

                return company_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        company_id = _parse_company_id(d.pop("company_id", UNSET))

        def _parse_contact_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                contact_id_type_0 = UUID(data)

                return contact_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        contact_id = _parse_contact_id(d.pop("contact_id", UNSET))

        def _parse_contact_ids(data: object) -> list[UUID] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                contact_ids_type_0 = []
                _contact_ids_type_0 = data
                for contact_ids_type_0_item_data in _contact_ids_type_0:
                    contact_ids_type_0_item = UUID(contact_ids_type_0_item_data)

                    contact_ids_type_0.append(contact_ids_type_0_item)

                return contact_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None | Unset, data)

        contact_ids = _parse_contact_ids(d.pop("contact_ids", UNSET))

        def _parse_deal_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                deal_id_type_0 = UUID(data)

                return deal_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        deal_id = _parse_deal_id(d.pop("deal_id", UNSET))

        def _parse_direction(data: object) -> Direction | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                direction_type_0 = Direction(data)

                return direction_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Direction | None | Unset, data)

        direction = _parse_direction(d.pop("direction", UNSET))

        def _parse_duration_minutes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        duration_minutes = _parse_duration_minutes(d.pop("duration_minutes", UNSET))

        def _parse_occurred_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                occurred_at_type_0 = datetime.datetime.fromisoformat(data)

                return occurred_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        occurred_at = _parse_occurred_at(d.pop("occurred_at", UNSET))

        def _parse_outcome(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        outcome = _parse_outcome(d.pop("outcome", UNSET))

        def _parse_owner_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                owner_id_type_0 = UUID(data)

                return owner_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        owner_id = _parse_owner_id(d.pop("owner_id", UNSET))

        def _parse_request_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                request_id_type_0 = UUID(data)

                return request_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        def _parse_scheduled_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scheduled_at_type_0 = datetime.datetime.fromisoformat(data)

                return scheduled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        scheduled_at = _parse_scheduled_at(d.pop("scheduled_at", UNSET))

        _status = d.pop("status", UNSET)
        status: InteractionCreateStatus | Unset
        if isinstance(_status, Unset):
            status = UNSET
        else:
            status = InteractionCreateStatus(_status)

        def _parse_subject(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        subject = _parse_subject(d.pop("subject", UNSET))

        def _parse_user_ids(data: object) -> list[UUID] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                user_ids_type_0 = []
                _user_ids_type_0 = data
                for user_ids_type_0_item_data in _user_ids_type_0:
                    user_ids_type_0_item = UUID(user_ids_type_0_item_data)

                    user_ids_type_0.append(user_ids_type_0_item)

                return user_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None | Unset, data)

        user_ids = _parse_user_ids(d.pop("user_ids", UNSET))

        interaction_create = cls(
            channel=channel,
            body=body,
            company_id=company_id,
            contact_id=contact_id,
            contact_ids=contact_ids,
            deal_id=deal_id,
            direction=direction,
            duration_minutes=duration_minutes,
            occurred_at=occurred_at,
            outcome=outcome,
            owner_id=owner_id,
            request_id=request_id,
            scheduled_at=scheduled_at,
            status=status,
            subject=subject,
            user_ids=user_ids,
        )

        return interaction_create
