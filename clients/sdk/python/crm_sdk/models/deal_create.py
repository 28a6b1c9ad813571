from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.deal_create_custom_fields_type_0 import DealCreateCustomFieldsType0
    from ..models.deal_create_external_ids_type_0 import DealCreateExternalIdsType0


T = TypeVar("T", bound="DealCreate")


@_attrs_define
class DealCreate:
    """
    Attributes:
        title (str):
        amount (int | None | Unset):
        company_id (None | Unset | UUID):
        contact_id (None | Unset | UUID):
        currency (None | str | Unset):
        custom_fields (DealCreateCustomFieldsType0 | None | Unset):
        expected_close (datetime.date | None | Unset):
        external_ids (DealCreateExternalIdsType0 | None | Unset): Ids other systems know the record by, by source (1 to
            40 lowercase letters, digits, '-' or '_'; an id: 1 to 200 printable characters). Sources sent are set, a null id
            removes that source's; sources not sent keep theirs. A pair another record holds is a 409.
        lost_reason (None | str | Unset):
        owner_id (None | Unset | UUID):
        pipeline_id (None | Unset | UUID): Default: the default pipeline.
        source (None | str | Unset):
        stage_id (None | Unset | UUID): Default: the first open stage.
        tags (list[str] | None | Unset):
    """

    title: str
    amount: int | None | Unset = UNSET
    company_id: None | Unset | UUID = UNSET
    contact_id: None | Unset | UUID = UNSET
    currency: None | str | Unset = UNSET
    custom_fields: DealCreateCustomFieldsType0 | None | Unset = UNSET
    expected_close: datetime.date | None | Unset = UNSET
    external_ids: DealCreateExternalIdsType0 | None | Unset = UNSET
    lost_reason: None | str | Unset = UNSET
    owner_id: None | Unset | UUID = UNSET
    pipeline_id: None | Unset | UUID = UNSET
    source: None | str | Unset = UNSET
    stage_id: None | Unset | UUID = UNSET
    tags: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.deal_create_custom_fields_type_0 import DealCreateCustomFieldsType0  # noqa: PLC0415
        from ..models.deal_create_external_ids_type_0 import DealCreateExternalIdsType0  # noqa: PLC0415

        title = self.title

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
        elif isinstance(self.custom_fields, DealCreateCustomFieldsType0):
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
        elif isinstance(self.external_ids, DealCreateExternalIdsType0):
            external_ids = self.external_ids.to_dict()
        else:
            external_ids = self.external_ids

        lost_reason: None | str | Unset
        if isinstance(self.lost_reason, Unset):
            lost_reason = UNSET
        else:
            lost_reason = self.lost_reason

        owner_id: None | str | Unset
        if isinstance(self.owner_id, Unset):
            owner_id = UNSET
        elif isinstance(self.owner_id, UUID):
            owner_id = str(self.owner_id)
        else:
            owner_id = self.owner_id

        pipeline_id: None | str | Unset
        if isinstance(self.pipeline_id, Unset):
            pipeline_id = UNSET
        elif isinstance(self.pipeline_id, UUID):
            pipeline_id = str(self.pipeline_id)
        else:
            pipeline_id = self.pipeline_id

        source: None | str | Unset
        if isinstance(self.source, Unset):
            source = UNSET
        else:
            source = self.source

        stage_id: None | str | Unset
        if isinstance(self.stage_id, Unset):
            stage_id = UNSET
        elif isinstance(self.stage_id, UUID):
            stage_id = str(self.stage_id)
        else:
            stage_id = self.stage_id

        tags: list[str] | None | Unset
        if isinstance(self.tags, Unset):
            tags = UNSET
        elif isinstance(self.tags, list):
            tags = self.tags

        else:
            tags = self.tags

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "title": title,
            }
        )
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
        if lost_reason is not UNSET:
            field_dict["lost_reason"] = lost_reason
        if owner_id is not UNSET:
            field_dict["owner_id"] = owner_id
        if pipeline_id is not UNSET:
            field_dict["pipeline_id"] = pipeline_id
        if source is not UNSET:
            field_dict["source"] = source
        if stage_id is not UNSET:
            field_dict["stage_id"] = stage_id
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.deal_create_custom_fields_type_0 import DealCreateCustomFieldsType0  # noqa: PLC0415
        from ..models.deal_create_external_ids_type_0 import DealCreateExternalIdsType0  # noqa: PLC0415

        d = dict(src_dict)
        title = d.pop("title")

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

        def _parse_custom_fields(data: object) -> DealCreateCustomFieldsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                custom_fields_type_0 = DealCreateCustomFieldsType0.from_dict(data)

                return custom_fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DealCreateCustomFieldsType0 | None | Unset, data)

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

        def _parse_external_ids(data: object) -> DealCreateExternalIdsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                external_ids_type_0 = DealCreateExternalIdsType0.from_dict(data)

                return external_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DealCreateExternalIdsType0 | None | Unset, data)

        external_ids = _parse_external_ids(d.pop("external_ids", UNSET))

        def _parse_lost_reason(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        lost_reason = _parse_lost_reason(d.pop("lost_reason", UNSET))

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

        def _parse_pipeline_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                pipeline_id_type_0 = UUID(data)

                return pipeline_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        pipeline_id = _parse_pipeline_id(d.pop("pipeline_id", UNSET))

        def _parse_source(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source = _parse_source(d.pop("source", UNSET))

        def _parse_stage_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                stage_id_type_0 = UUID(data)

                return stage_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        stage_id = _parse_stage_id(d.pop("stage_id", UNSET))

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

        deal_create = cls(
            title=title,
            amount=amount,
            company_id=company_id,
            contact_id=contact_id,
            currency=currency,
            custom_fields=custom_fields,
            expected_close=expected_close,
            external_ids=external_ids,
            lost_reason=lost_reason,
            owner_id=owner_id,
            pipeline_id=pipeline_id,
            source=source,
            stage_id=stage_id,
            tags=tags,
        )

        return deal_create
