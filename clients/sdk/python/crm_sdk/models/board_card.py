from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.deal_status import DealStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.board_card_custom_fields import BoardCardCustomFields
    from ..models.board_card_external_ids import BoardCardExternalIds
    from ..models.next_activity_read import NextActivityRead


T = TypeVar("T", bound="BoardCard")


@_attrs_define
class BoardCard:
    """A deal as the board shows it: with the names of its company and contact (when the
    caller may read them) and its next activity.

        Attributes:
            amount (int):
            company_id (None | UUID):
            contact_id (None | UUID):
            created_at (datetime.datetime):
            currency (str):
            custom_fields (BoardCardCustomFields):
            expected_close (datetime.date | None):
            external_ids (BoardCardExternalIds): Ids other systems know the record by, by source.
            id (UUID):
            lost_at (datetime.datetime | None):
            lost_reason (None | str):
            owner_id (UUID):
            pipeline_id (UUID):
            source (None | str):
            stage_entered_at (datetime.datetime):
            stage_id (UUID):
            status (DealStatus):
            tags (list[str]):
            team_id (None | UUID):
            title (str):
            updated_at (datetime.datetime):
            version (int):
            won_at (datetime.datetime | None):
            company_name (None | str | Unset):
            contact_name (None | str | Unset):
            next_activity (NextActivityRead | None | Unset):
    """

    amount: int
    company_id: None | UUID
    contact_id: None | UUID
    created_at: datetime.datetime
    currency: str
    custom_fields: BoardCardCustomFields
    expected_close: datetime.date | None
    external_ids: BoardCardExternalIds
    id: UUID
    lost_at: datetime.datetime | None
    lost_reason: None | str
    owner_id: UUID
    pipeline_id: UUID
    source: None | str
    stage_entered_at: datetime.datetime
    stage_id: UUID
    status: DealStatus
    tags: list[str]
    team_id: None | UUID
    title: str
    updated_at: datetime.datetime
    version: int
    won_at: datetime.datetime | None
    company_name: None | str | Unset = UNSET
    contact_name: None | str | Unset = UNSET
    next_activity: NextActivityRead | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.next_activity_read import NextActivityRead  # noqa: PLC0415

        amount = self.amount

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

        created_at = self.created_at.isoformat()

        currency = self.currency

        custom_fields = self.custom_fields.to_dict()

        expected_close: None | str
        if isinstance(self.expected_close, datetime.date):
            expected_close = self.expected_close.isoformat()
        else:
            expected_close = self.expected_close

        external_ids = self.external_ids.to_dict()

        id = str(self.id)

        lost_at: None | str
        if isinstance(self.lost_at, datetime.datetime):
            lost_at = self.lost_at.isoformat()
        else:
            lost_at = self.lost_at

        lost_reason: None | str
        lost_reason = self.lost_reason

        owner_id = str(self.owner_id)

        pipeline_id = str(self.pipeline_id)

        source: None | str
        source = self.source

        stage_entered_at = self.stage_entered_at.isoformat()

        stage_id = str(self.stage_id)

        status = self.status.value

        tags = self.tags

        team_id: None | str
        if isinstance(self.team_id, UUID):
            team_id = str(self.team_id)
        else:
            team_id = self.team_id

        title = self.title

        updated_at = self.updated_at.isoformat()

        version = self.version

        won_at: None | str
        if isinstance(self.won_at, datetime.datetime):
            won_at = self.won_at.isoformat()
        else:
            won_at = self.won_at

        company_name: None | str | Unset
        if isinstance(self.company_name, Unset):
            company_name = UNSET
        else:
            company_name = self.company_name

        contact_name: None | str | Unset
        if isinstance(self.contact_name, Unset):
            contact_name = UNSET
        else:
            contact_name = self.contact_name

        next_activity: dict[str, Any] | None | Unset
        if isinstance(self.next_activity, Unset):
            next_activity = UNSET
        elif isinstance(self.next_activity, NextActivityRead):
            next_activity = self.next_activity.to_dict()
        else:
            next_activity = self.next_activity

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "company_id": company_id,
                "contact_id": contact_id,
                "created_at": created_at,
                "currency": currency,
                "custom_fields": custom_fields,
                "expected_close": expected_close,
                "external_ids": external_ids,
                "id": id,
                "lost_at": lost_at,
                "lost_reason": lost_reason,
                "owner_id": owner_id,
                "pipeline_id": pipeline_id,
                "source": source,
                "stage_entered_at": stage_entered_at,
                "stage_id": stage_id,
                "status": status,
                "tags": tags,
                "team_id": team_id,
                "title": title,
                "updated_at": updated_at,
                "version": version,
                "won_at": won_at,
            }
        )
        if company_name is not UNSET:
            field_dict["company_name"] = company_name
        if contact_name is not UNSET:
            field_dict["contact_name"] = contact_name
        if next_activity is not UNSET:
            field_dict["next_activity"] = next_activity

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.board_card_custom_fields import BoardCardCustomFields  # noqa: PLC0415
        from ..models.board_card_external_ids import BoardCardExternalIds  # noqa: PLC0415
        from ..models.next_activity_read import NextActivityRead  # noqa: PLC0415

        d = dict(src_dict)
        amount = d.pop("amount")

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

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        currency = d.pop("currency")

        custom_fields = BoardCardCustomFields.from_dict(d.pop("custom_fields"))

        def _parse_expected_close(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expected_close_type_0 = datetime.date.fromisoformat(data)

                return expected_close_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        expected_close = _parse_expected_close(d.pop("expected_close"))

        external_ids = BoardCardExternalIds.from_dict(d.pop("external_ids"))

        id = UUID(d.pop("id"))

        def _parse_lost_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                lost_at_type_0 = datetime.datetime.fromisoformat(data)

                return lost_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        lost_at = _parse_lost_at(d.pop("lost_at"))

        def _parse_lost_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        lost_reason = _parse_lost_reason(d.pop("lost_reason"))

        owner_id = UUID(d.pop("owner_id"))

        pipeline_id = UUID(d.pop("pipeline_id"))

        def _parse_source(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        source = _parse_source(d.pop("source"))

        stage_entered_at = datetime.datetime.fromisoformat(d.pop("stage_entered_at"))

        stage_id = UUID(d.pop("stage_id"))

        status = DealStatus(d.pop("status"))

        tags = cast(list[str], d.pop("tags"))

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

        def _parse_won_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                won_at_type_0 = datetime.datetime.fromisoformat(data)

                return won_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        won_at = _parse_won_at(d.pop("won_at"))

        def _parse_company_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        company_name = _parse_company_name(d.pop("company_name", UNSET))

        def _parse_contact_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        contact_name = _parse_contact_name(d.pop("contact_name", UNSET))

        def _parse_next_activity(data: object) -> NextActivityRead | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                next_activity_type_0 = NextActivityRead.from_dict(data)

                return next_activity_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(NextActivityRead | None | Unset, data)

        next_activity = _parse_next_activity(d.pop("next_activity", UNSET))

        board_card = cls(
            amount=amount,
            company_id=company_id,
            contact_id=contact_id,
            created_at=created_at,
            currency=currency,
            custom_fields=custom_fields,
            expected_close=expected_close,
            external_ids=external_ids,
            id=id,
            lost_at=lost_at,
            lost_reason=lost_reason,
            owner_id=owner_id,
            pipeline_id=pipeline_id,
            source=source,
            stage_entered_at=stage_entered_at,
            stage_id=stage_id,
            status=status,
            tags=tags,
            team_id=team_id,
            title=title,
            updated_at=updated_at,
            version=version,
            won_at=won_at,
            company_name=company_name,
            contact_name=contact_name,
            next_activity=next_activity,
        )

        board_card.additional_properties = d
        return board_card

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
