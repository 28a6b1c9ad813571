from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.contact_source import ContactSource
from ..models.lifecycle_stage import LifecycleStage
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.contact_create_custom_fields_type_0 import ContactCreateCustomFieldsType0
    from ..models.contact_create_external_ids_type_0 import ContactCreateExternalIdsType0
    from ..models.email_in import EmailIn
    from ..models.phone_in import PhoneIn


T = TypeVar("T", bound="ContactCreate")


@_attrs_define
class ContactCreate:
    """At least a first or a last name.

    Attributes:
        city (None | str | Unset):
        company_id (None | Unset | UUID):
        country (None | str | Unset):
        custom_fields (ContactCreateCustomFieldsType0 | None | Unset): Values for the custom fields defined for
            contacts; null removes.
        emails (list[EmailIn] | None | Unset):
        external_ids (ContactCreateExternalIdsType0 | None | Unset): Ids other systems know the record by, by source (1
            to 40 lowercase letters, digits, '-' or '_'; an id: 1 to 200 printable characters). Sources sent are set, a null
            id removes that source's; sources not sent keep theirs. A pair another record holds is a 409.
        first_name (None | str | Unset):
        last_name (None | str | Unset):
        lifecycle_stage (LifecycleStage | None | Unset):
        marketing_consent (bool | None | Unset): Changing it records the time in `marketing_consent_at`.
        owner_id (None | Unset | UUID): Defaults to you; handing to others depends on your record scope.
        phones (list[PhoneIn] | None | Unset):
        processing_consent (bool | None | Unset): Changing it records the time in `processing_consent_at`.
        source (ContactSource | None | Unset):
        tags (list[str] | None | Unset):
        title (None | str | Unset):
    """

    city: None | str | Unset = UNSET
    company_id: None | Unset | UUID = UNSET
    country: None | str | Unset = UNSET
    custom_fields: ContactCreateCustomFieldsType0 | None | Unset = UNSET
    emails: list[EmailIn] | None | Unset = UNSET
    external_ids: ContactCreateExternalIdsType0 | None | Unset = UNSET
    first_name: None | str | Unset = UNSET
    last_name: None | str | Unset = UNSET
    lifecycle_stage: LifecycleStage | None | Unset = UNSET
    marketing_consent: bool | None | Unset = UNSET
    owner_id: None | Unset | UUID = UNSET
    phones: list[PhoneIn] | None | Unset = UNSET
    processing_consent: bool | None | Unset = UNSET
    source: ContactSource | None | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    title: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.contact_create_custom_fields_type_0 import ContactCreateCustomFieldsType0  # noqa: PLC0415
        from ..models.contact_create_external_ids_type_0 import ContactCreateExternalIdsType0  # noqa: PLC0415

        city: None | str | Unset
        if isinstance(self.city, Unset):
            city = UNSET
        else:
            city = self.city

        company_id: None | str | Unset
        if isinstance(self.company_id, Unset):
            company_id = UNSET
        elif isinstance(self.company_id, UUID):
            company_id = str(self.company_id)
        else:
            company_id = self.company_id

        country: None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        custom_fields: dict[str, Any] | None | Unset
        if isinstance(self.custom_fields, Unset):
            custom_fields = UNSET
        elif isinstance(self.custom_fields, ContactCreateCustomFieldsType0):
            custom_fields = self.custom_fields.to_dict()
        else:
            custom_fields = self.custom_fields

        emails: list[dict[str, Any]] | None | Unset
        if isinstance(self.emails, Unset):
            emails = UNSET
        elif isinstance(self.emails, list):
            emails = []
            for emails_type_0_item_data in self.emails:
                emails_type_0_item = emails_type_0_item_data.to_dict()
                emails.append(emails_type_0_item)

        else:
            emails = self.emails

        external_ids: dict[str, Any] | None | Unset
        if isinstance(self.external_ids, Unset):
            external_ids = UNSET
        elif isinstance(self.external_ids, ContactCreateExternalIdsType0):
            external_ids = self.external_ids.to_dict()
        else:
            external_ids = self.external_ids

        first_name: None | str | Unset
        if isinstance(self.first_name, Unset):
            first_name = UNSET
        else:
            first_name = self.first_name

        last_name: None | str | Unset
        if isinstance(self.last_name, Unset):
            last_name = UNSET
        else:
            last_name = self.last_name

        lifecycle_stage: None | str | Unset
        if isinstance(self.lifecycle_stage, Unset):
            lifecycle_stage = UNSET
        elif isinstance(self.lifecycle_stage, LifecycleStage):
            lifecycle_stage = self.lifecycle_stage.value
        else:
            lifecycle_stage = self.lifecycle_stage

        marketing_consent: bool | None | Unset
        if isinstance(self.marketing_consent, Unset):
            marketing_consent = UNSET
        else:
            marketing_consent = self.marketing_consent

        owner_id: None | str | Unset
        if isinstance(self.owner_id, Unset):
            owner_id = UNSET
        elif isinstance(self.owner_id, UUID):
            owner_id = str(self.owner_id)
        else:
            owner_id = self.owner_id

        phones: list[dict[str, Any]] | None | Unset
        if isinstance(self.phones, Unset):
            phones = UNSET
        elif isinstance(self.phones, list):
            phones = []
            for phones_type_0_item_data in self.phones:
                phones_type_0_item = phones_type_0_item_data.to_dict()
                phones.append(phones_type_0_item)

        else:
            phones = self.phones

        processing_consent: bool | None | Unset
        if isinstance(self.processing_consent, Unset):
            processing_consent = UNSET
        else:
            processing_consent = self.processing_consent

        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        elif isinstance(self.source, ContactSource):
            source = self.source.value
        else:
            source = self.source

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if city is not UNSET:
            field_dict["city"] = city
        if company_id is not UNSET:
            field_dict["company_id"] = company_id
        if country is not UNSET:
            field_dict["country"] = country
        if custom_fields is not UNSET:
            field_dict["custom_fields"] = custom_fields
        if emails is not UNSET:
            field_dict["emails"] = emails
        if external_ids is not UNSET:
            field_dict["external_ids"] = external_ids
        if first_name is not UNSET:
            field_dict["first_name"] = first_name
        if last_name is not UNSET:
            field_dict["last_name"] = last_name
        if lifecycle_stage is not UNSET:
            field_dict["lifecycle_stage"] = lifecycle_stage
        if marketing_consent is not UNSET:
            field_dict["marketing_consent"] = marketing_consent
        if owner_id is not UNSET:
            field_dict["owner_id"] = owner_id
        if phones is not UNSET:
            field_dict["phones"] = phones
        if processing_consent is not UNSET:
            field_dict["processing_consent"] = processing_consent
        if source is not UNSET:
            field_dict["source"] = source
        if tags is not UNSET:
            field_dict["tags"] = tags
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact_create_custom_fields_type_0 import ContactCreateCustomFieldsType0  # noqa: PLC0415
        from ..models.contact_create_external_ids_type_0 import ContactCreateExternalIdsType0  # noqa: PLC0415
        from ..models.email_in import EmailIn  # noqa: PLC0415
        from ..models.phone_in import PhoneIn  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_city(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        city = _parse_city(d.pop("city", UNSET))

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

        def _parse_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        def _parse_custom_fields(data: object) -> ContactCreateCustomFieldsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                custom_fields_type_0 = ContactCreateCustomFieldsType0.from_dict(data)

                return custom_fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactCreateCustomFieldsType0 | None | Unset, data)

        custom_fields = _parse_custom_fields(d.pop("custom_fields", UNSET))

        def _parse_emails(data: object) -> list[EmailIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                emails_type_0 = []
                _emails_type_0 = data
                for emails_type_0_item_data in _emails_type_0:
                    emails_type_0_item = EmailIn.from_dict(emails_type_0_item_data)

                    emails_type_0.append(emails_type_0_item)

                return emails_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[EmailIn] | None | Unset, data)

        emails = _parse_emails(d.pop("emails", UNSET))

        def _parse_external_ids(data: object) -> ContactCreateExternalIdsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                external_ids_type_0 = ContactCreateExternalIdsType0.from_dict(data)

                return external_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactCreateExternalIdsType0 | None | Unset, data)

        external_ids = _parse_external_ids(d.pop("external_ids", UNSET))

        def _parse_first_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        first_name = _parse_first_name(d.pop("first_name", UNSET))

        def _parse_last_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        last_name = _parse_last_name(d.pop("last_name", UNSET))

        def _parse_lifecycle_stage(data: object) -> LifecycleStage | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                lifecycle_stage_type_0 = LifecycleStage(data)

                return lifecycle_stage_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LifecycleStage | None | Unset, data)

        lifecycle_stage = _parse_lifecycle_stage(d.pop("lifecycle_stage", UNSET))

        def _parse_marketing_consent(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        marketing_consent = _parse_marketing_consent(d.pop("marketing_consent", UNSET))

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

        def _parse_phones(data: object) -> list[PhoneIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                phones_type_0 = []
                _phones_type_0 = data
                for phones_type_0_item_data in _phones_type_0:
                    phones_type_0_item = PhoneIn.from_dict(phones_type_0_item_data)

                    phones_type_0.append(phones_type_0_item)

                return phones_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PhoneIn] | None | Unset, data)

        phones = _parse_phones(d.pop("phones", UNSET))

        def _parse_processing_consent(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        processing_consent = _parse_processing_consent(d.pop("processing_consent", UNSET))

        def _parse_source(data: object) -> ContactSource | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                source_type_0 = ContactSource(data)

                return source_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ContactSource | None | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        def _parse_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                tags_type_0 = cast(list[str], data)

                return tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        tags = _parse_tags(d.pop("tags", UNSET))

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        contact_create = cls(
            city=city,
            company_id=company_id,
            country=country,
            custom_fields=custom_fields,
            emails=emails,
            external_ids=external_ids,
            first_name=first_name,
            last_name=last_name,
            lifecycle_stage=lifecycle_stage,
            marketing_consent=marketing_consent,
            owner_id=owner_id,
            phones=phones,
            processing_consent=processing_consent,
            source=source,
            tags=tags,
            title=title,
        )

        return contact_create
