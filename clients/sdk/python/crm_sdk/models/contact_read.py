from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.contact_source import ContactSource
from ..models.lifecycle_stage import LifecycleStage

if TYPE_CHECKING:
    from ..models.contact_read_custom_fields import ContactReadCustomFields
    from ..models.contact_read_external_ids import ContactReadExternalIds
    from ..models.email_out import EmailOut
    from ..models.phone_out import PhoneOut


T = TypeVar("T", bound="ContactRead")


@_attrs_define
class ContactRead:
    """
    Attributes:
        archived_at (datetime.datetime | None):
        city (None | str):
        company_id (None | UUID):
        country (None | str):
        created_at (datetime.datetime):
        custom_fields (ContactReadCustomFields):
        emails (list[EmailOut]):
        external_ids (ContactReadExternalIds): Ids other systems know the record by, by source.
        first_name (str):
        full_name (str):
        id (UUID):
        interaction_count (int): Done interactions.
        last_interaction_at (datetime.datetime | None): The latest done interaction.
        last_name (str):
        lifecycle_stage (LifecycleStage):
        marketing_consent (bool):
        marketing_consent_at (datetime.datetime | None):
        next_interaction_at (datetime.datetime | None): The earliest planned interaction (overdue ones included).
        owner_id (UUID):
        phones (list[PhoneOut]):
        processing_consent (bool):
        processing_consent_at (datetime.datetime | None):
        source (ContactSource | None):
        tags (list[str]):
        team_id (None | UUID):
        title (None | str):
        updated_at (datetime.datetime):
        version (int):
    """

    archived_at: datetime.datetime | None
    city: None | str
    company_id: None | UUID
    country: None | str
    created_at: datetime.datetime
    custom_fields: ContactReadCustomFields
    emails: list[EmailOut]
    external_ids: ContactReadExternalIds
    first_name: str
    full_name: str
    id: UUID
    interaction_count: int
    last_interaction_at: datetime.datetime | None
    last_name: str
    lifecycle_stage: LifecycleStage
    marketing_consent: bool
    marketing_consent_at: datetime.datetime | None
    next_interaction_at: datetime.datetime | None
    owner_id: UUID
    phones: list[PhoneOut]
    processing_consent: bool
    processing_consent_at: datetime.datetime | None
    source: ContactSource | None
    tags: list[str]
    team_id: None | UUID
    title: None | str
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        archived_at: None | str
        if isinstance(self.archived_at, datetime.datetime):
            archived_at = self.archived_at.isoformat()
        else:
            archived_at = self.archived_at

        city: None | str
        city = self.city

        company_id: None | str
        if isinstance(self.company_id, UUID):
            company_id = str(self.company_id)
        else:
            company_id = self.company_id

        country: None | str
        country = self.country

        created_at = self.created_at.isoformat()

        custom_fields = self.custom_fields.to_dict()

        emails = []
        for emails_item_data in self.emails:
            emails_item = emails_item_data.to_dict()
            emails.append(emails_item)

        external_ids = self.external_ids.to_dict()

        first_name = self.first_name

        full_name = self.full_name

        id = str(self.id)

        interaction_count = self.interaction_count

        last_interaction_at: None | str
        if isinstance(self.last_interaction_at, datetime.datetime):
            last_interaction_at = self.last_interaction_at.isoformat()
        else:
            last_interaction_at = self.last_interaction_at

        last_name = self.last_name

        lifecycle_stage = self.lifecycle_stage.value

        marketing_consent = self.marketing_consent

        marketing_consent_at: None | str
        if isinstance(self.marketing_consent_at, datetime.datetime):
            marketing_consent_at = self.marketing_consent_at.isoformat()
        else:
            marketing_consent_at = self.marketing_consent_at

        next_interaction_at: None | str
        if isinstance(self.next_interaction_at, datetime.datetime):
            next_interaction_at = self.next_interaction_at.isoformat()
        else:
            next_interaction_at = self.next_interaction_at

        owner_id = str(self.owner_id)

        phones = []
        for phones_item_data in self.phones:
            phones_item = phones_item_data.to_dict()
            phones.append(phones_item)

        processing_consent = self.processing_consent

        processing_consent_at: None | str
        if isinstance(self.processing_consent_at, datetime.datetime):
            processing_consent_at = self.processing_consent_at.isoformat()
        else:
            processing_consent_at = self.processing_consent_at

        source: None | str
        if isinstance(self.source, ContactSource):
            source = self.source.value
        else:
            source = self.source

        tags = self.tags

        team_id: None | str
        if isinstance(self.team_id, UUID):
            team_id = str(self.team_id)
        else:
            team_id = self.team_id

        title: None | str
        title = self.title

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "archived_at": archived_at,
                "city": city,
                "company_id": company_id,
                "country": country,
                "created_at": created_at,
                "custom_fields": custom_fields,
                "emails": emails,
                "external_ids": external_ids,
                "first_name": first_name,
                "full_name": full_name,
                "id": id,
                "interaction_count": interaction_count,
                "last_interaction_at": last_interaction_at,
                "last_name": last_name,
                "lifecycle_stage": lifecycle_stage,
                "marketing_consent": marketing_consent,
                "marketing_consent_at": marketing_consent_at,
                "next_interaction_at": next_interaction_at,
                "owner_id": owner_id,
                "phones": phones,
                "processing_consent": processing_consent,
                "processing_consent_at": processing_consent_at,
                "source": source,
                "tags": tags,
                "team_id": team_id,
                "title": title,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_read_custom_fields import ContactReadCustomFields  # noqa: PLC0415
        from ..models.contact_read_external_ids import ContactReadExternalIds  # noqa: PLC0415
        from ..models.email_out import EmailOut  # noqa: PLC0415
        from ..models.phone_out import PhoneOut  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_archived_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                archived_at_type_0 = datetime.datetime.fromisoformat(data)

                return archived_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        archived_at = _parse_archived_at(d.pop("archived_at"))

        def _parse_city(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        city = _parse_city(d.pop("city"))

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

        def _parse_country(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        country = _parse_country(d.pop("country"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        custom_fields = ContactReadCustomFields.from_dict(d.pop("custom_fields"))

        emails = []
        _emails = d.pop("emails")
        for emails_item_data in _emails:
            emails_item = EmailOut.from_dict(emails_item_data)

            emails.append(emails_item)

        external_ids = ContactReadExternalIds.from_dict(d.pop("external_ids"))

        first_name = d.pop("first_name")

        full_name = d.pop("full_name")

        id = UUID(d.pop("id"))

        interaction_count = d.pop("interaction_count")

        def _parse_last_interaction_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_interaction_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_interaction_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_interaction_at = _parse_last_interaction_at(d.pop("last_interaction_at"))

        last_name = d.pop("last_name")

        lifecycle_stage = LifecycleStage(d.pop("lifecycle_stage"))

        marketing_consent = d.pop("marketing_consent")

        def _parse_marketing_consent_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                marketing_consent_at_type_0 = datetime.datetime.fromisoformat(data)

                return marketing_consent_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        marketing_consent_at = _parse_marketing_consent_at(d.pop("marketing_consent_at"))

        def _parse_next_interaction_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_interaction_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_interaction_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_interaction_at = _parse_next_interaction_at(d.pop("next_interaction_at"))

        owner_id = UUID(d.pop("owner_id"))

        phones = []
        _phones = d.pop("phones")
        for phones_item_data in _phones:
            phones_item = PhoneOut.from_dict(phones_item_data)

            phones.append(phones_item)

        processing_consent = d.pop("processing_consent")

        def _parse_processing_consent_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                processing_consent_at_type_0 = datetime.datetime.fromisoformat(data)

                return processing_consent_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        processing_consent_at = _parse_processing_consent_at(d.pop("processing_consent_at"))

        def _parse_source(data: object) -> ContactSource | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                source_type_0 = ContactSource(data)

                return source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactSource | None, data)

        source = _parse_source(d.pop("source"))

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

        def _parse_title(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        title = _parse_title(d.pop("title"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        contact_read = cls(
            archived_at=archived_at,
            city=city,
            company_id=company_id,
            country=country,
            created_at=created_at,
            custom_fields=custom_fields,
            emails=emails,
            external_ids=external_ids,
            first_name=first_name,
            full_name=full_name,
            id=id,
            interaction_count=interaction_count,
            last_interaction_at=last_interaction_at,
            last_name=last_name,
            lifecycle_stage=lifecycle_stage,
            marketing_consent=marketing_consent,
            marketing_consent_at=marketing_consent_at,
            next_interaction_at=next_interaction_at,
            owner_id=owner_id,
            phones=phones,
            processing_consent=processing_consent,
            processing_consent_at=processing_consent_at,
            source=source,
            tags=tags,
            team_id=team_id,
            title=title,
            updated_at=updated_at,
            version=version,
        )

        contact_read.additional_properties = d
        return contact_read

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
