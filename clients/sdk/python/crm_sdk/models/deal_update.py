from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deal_update_custom_fields_type_0 import DealUpdateCustomFieldsType0
    from ..models.deal_update_external_ids_type_0 import DealUpdateExternalIdsType0


T = TypeVar("T", bound="DealUpdate")


@_attrs_define
class DealUpdate:
    """Send only what changes; the stage changes through /move.

    Attributes:
        amount (int | None | Unset):
        company_id (None | Unset | UUID):
        contact_id (None | Unset | UUID):
        currency (None | str | Unset):
        custom_fields (DealUpdateCustomFieldsType0 | None | Unset):
        expected_close (datetime.date | None | Unset):
        external_ids (DealUpdateExternalIdsType0 | None | Unset): Ids other systems know the record by, by source (1 to
            40 lowercase letters, digits, '-' or '_'; an id: 1 to 200 printable characters). Sources sent are set, a null id
            removes that source's; sources not sent keep theirs. A pair another record holds is a 409.
        owner_id (None | Unset | UUID):
        source (None | str | Unset):
        tags (list[str] | None | Unset):
        title (None | str | Unset):
    """

    amount: int | None | Unset = UNSET
    company_id: None | Unset | UUID = UNSET
    contact_id: None | Unset | UUID = UNSET
    currency: None | str | Unset = UNSET
    custom_fields: DealUpdateCustomFieldsType0 | None | Unset = UNSET
    expected_close: datetime.date | None | Unset = UNSET
    external_ids: DealUpdateExternalIdsType0 | None | Unset = UNSET
    owner_id: None | Unset | UUID = UNSET
    source: None | str | Unset = UNSET
    tags: list[str] | None | Unset = UNSET
    title: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.deal_update_custom_fields_type_0 import DealUpdateCustomFieldsType0  # noqa: PLC0415
        from ..models.deal_update_external_ids_type_0 import DealUpdateExternalIdsType0  # noqa: PLC0415

        amount: int | None | Unset
        if isinstance(self.amount, Unset):
            amount = UNSET
        else:
            amount = self.amount

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

        currency: None | str | Unset
        if isinstance(self.currency, Unset):
            currency = UNSET
        else:
            currency = self.currency

        custom_fields: dict[str, Any] | None | Unset
        if isinstance(self.custom_fields, Unset):
            custom_fields = UNSET
        elif isinstance(self.custom_fields, DealUpdateCustomFieldsType0):
            custom_fields = self.custom_fields.to_dict()
        else:
            custom_fields = self.custom_fields

        expected_close: None | str | Unset
        if isinstance(self.expected_close, Unset):
            expected_close = UNSET
        elif isinstance(self.expected_close, datetime.date):
            expected_close = self.expected_close.isoformat()
        else:
            expected_close = self.expected_close

        external_ids: dict[str, Any] | None | Unset
        if isinstance(self.external_ids, Unset):
            external_ids = UNSET
        elif isinstance(self.external_ids, DealUpdateExternalIdsType0):
            external_ids = self.external_ids.to_dict()
        else:
            external_ids = self.external_ids

        owner_id: None | str | Unset
        if isinstance(self.owner_id, Unset):
            owner_id = UNSET
        elif isinstance(self.owner_id, UUID):
            owner_id = str(self.owner_id)
        else:
            owner_id = self.owner_id

        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
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
        if amount is not UNSET:
            field_dict["amount"] = amount
        if company_id is not UNSET:
            field_dict["company_id"] = company_id
        if contact_id is not UNSET:
            field_dict["contact_id"] = contact_id
        if currency is not UNSET:
            field_dict["currency"] = currency
        if custom_fields is not UNSET:
            field_dict["custom_fields"] = custom_fields
        if expected_close is not UNSET:
            field_dict["expected_close"] = expected_close
        if external_ids is not UNSET:
            field_dict["external_ids"] = external_ids
        if owner_id is not UNSET:
            field_dict["owner_id"] = owner_id
        if source is not UNSET:
            field_dict["source"] = source
        if tags is not UNSET:
            field_dict["tags"] = tags
        if title is not UNSET:
            field_dict["title"] = title

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deal_update_custom_fields_type_0 import DealUpdateCustomFieldsType0  # noqa: PLC0415
        from ..models.deal_update_external_ids_type_0 import DealUpdateExternalIdsType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_amount(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        amount = _parse_amount(d.pop("amount", UNSET))

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

        def _parse_currency(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        currency = _parse_currency(d.pop("currency", UNSET))

        def _parse_custom_fields(data: object) -> DealUpdateCustomFieldsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                custom_fields_type_0 = DealUpdateCustomFieldsType0.from_dict(data)

                return custom_fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DealUpdateCustomFieldsType0 | None | Unset, data)

        custom_fields = _parse_custom_fields(d.pop("custom_fields", UNSET))

        def _parse_expected_close(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                expected_close_type_0 = datetime.date.fromisoformat(data)

                return expected_close_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        expected_close = _parse_expected_close(d.pop("expected_close", UNSET))

        def _parse_external_ids(data: object) -> DealUpdateExternalIdsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                external_ids_type_0 = DealUpdateExternalIdsType0.from_dict(data)

                return external_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DealUpdateExternalIdsType0 | None | Unset, data)

        external_ids = _parse_external_ids(d.pop("external_ids", UNSET))

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

        def _parse_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

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

        deal_update = cls(
            amount=amount,
            company_id=company_id,
            contact_id=contact_id,
            currency=currency,
            custom_fields=custom_fields,
            expected_close=expected_close,
            external_ids=external_ids,
            owner_id=owner_id,
            source=source,
            tags=tags,
            title=title,
        )

        return deal_update
