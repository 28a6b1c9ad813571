from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.size_band import SizeBand
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.company_create_custom_fields_type_0 import CompanyCreateCustomFieldsType0
    from ..models.company_create_external_ids_type_0 import CompanyCreateExternalIdsType0


T = TypeVar("T", bound="CompanyCreate")


@_attrs_define
class CompanyCreate:
    """
    Attributes:
        name (str):
        address (None | str | Unset):
        city (None | str | Unset):
        country (None | str | Unset):
        custom_fields (CompanyCreateCustomFieldsType0 | None | Unset): Values for the custom fields defined for
            companies; null removes.
        domain (None | str | Unset):
        external_ids (CompanyCreateExternalIdsType0 | None | Unset): Ids other systems know the record by, by source (1
            to 40 lowercase letters, digits, '-' or '_'; an id: 1 to 200 printable characters). Sources sent are set, a null
            id removes that source's; sources not sent keep theirs. A pair another record holds is a 409.
        industry (None | str | Unset):
        owner_id (None | Unset | UUID): Defaults to you; handing to others depends on your record scope.
        phone (None | str | Unset): Stored in E.164; a local number is read in `country`.
        size_band (None | SizeBand | Unset):
        tags (list[str] | None | Unset):
    """

    name: str
    address: None | str | Unset = UNSET
    city: None | str | Unset = UNSET
    country: None | str | Unset = UNSET
    custom_fields: CompanyCreateCustomFieldsType0 | None | Unset = UNSET
    domain: None | str | Unset = UNSET
    external_ids: CompanyCreateExternalIdsType0 | None | Unset = UNSET
    industry: None | str | Unset = UNSET
    owner_id: None | Unset | UUID = UNSET
    phone: None | str | Unset = UNSET
    size_band: None | SizeBand | Unset = UNSET
    tags: list[str] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.company_create_custom_fields_type_0 import CompanyCreateCustomFieldsType0  # noqa: PLC0415
        from ..models.company_create_external_ids_type_0 import CompanyCreateExternalIdsType0  # noqa: PLC0415

        name = self.name

        address: None | str | Unset
        if isinstance(self.address, Unset):
            address = UNSET
        else:
            address = self.address

        city: None | str | Unset
        if isinstance(self.city, Unset):
            city = UNSET
        else:
            city = self.city

        country: None | str | Unset
        if isinstance(self.country, Unset):
            country = UNSET
        else:
            country = self.country

        custom_fields: dict[str, Any] | None | Unset
        if isinstance(self.custom_fields, Unset):
            custom_fields = UNSET
        elif isinstance(self.custom_fields, CompanyCreateCustomFieldsType0):
            custom_fields = self.custom_fields.to_dict()
        else:
            custom_fields = self.custom_fields

        domain: None | str | Unset
        if isinstance(self.domain, Unset):
            domain = UNSET
        else:
            domain = self.domain

        external_ids: dict[str, Any] | None | Unset
        if isinstance(self.external_ids, Unset):
            external_ids = UNSET
        elif isinstance(self.external_ids, CompanyCreateExternalIdsType0):
            external_ids = self.external_ids.to_dict()
        else:
            external_ids = self.external_ids

        industry: None | str | Unset
        if isinstance(self.industry, Unset):
            industry = UNSET
        else:
            industry = self.industry

        owner_id: None | str | Unset
        if isinstance(self.owner_id, Unset):
            owner_id = UNSET
        elif isinstance(self.owner_id, UUID):
            owner_id = str(self.owner_id)
        else:
            owner_id = self.owner_id

        phone: None | str | Unset
        if isinstance(self.phone, Unset):
            phone = UNSET
        else:
            phone = self.phone

        size_band: None | str | Unset
        if isinstance(self.size_band, Unset):
            size_band = UNSET
        elif isinstance(self.size_band, SizeBand):
            size_band = self.size_band.value
        else:
            size_band = self.size_band

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
                "name": name,
            }
        )
        if address is not UNSET:
            field_dict["address"] = address
        if city is not UNSET:
            field_dict["city"] = city
        if country is not UNSET:
            field_dict["country"] = country
        if custom_fields is not UNSET:
            field_dict["custom_fields"] = custom_fields
        if domain is not UNSET:
            field_dict["domain"] = domain
        if external_ids is not UNSET:
            field_dict["external_ids"] = external_ids
        if industry is not UNSET:
            field_dict["industry"] = industry
        if owner_id is not UNSET:
            field_dict["owner_id"] = owner_id
        if phone is not UNSET:
            field_dict["phone"] = phone
        if size_band is not UNSET:
            field_dict["size_band"] = size_band
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.company_create_custom_fields_type_0 import CompanyCreateCustomFieldsType0  # noqa: PLC0415
        from ..models.company_create_external_ids_type_0 import CompanyCreateExternalIdsType0  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        def _parse_address(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        address = _parse_address(d.pop("address", UNSET))

        def _parse_city(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        city = _parse_city(d.pop("city", UNSET))

        def _parse_country(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        country = _parse_country(d.pop("country", UNSET))

        def _parse_custom_fields(data: object) -> CompanyCreateCustomFieldsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                custom_fields_type_0 = CompanyCreateCustomFieldsType0.from_dict(data)

                return custom_fields_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CompanyCreateCustomFieldsType0 | None | Unset, data)

        custom_fields = _parse_custom_fields(d.pop("custom_fields", UNSET))

        def _parse_domain(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        domain = _parse_domain(d.pop("domain", UNSET))

        def _parse_external_ids(data: object) -> CompanyCreateExternalIdsType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                external_ids_type_0 = CompanyCreateExternalIdsType0.from_dict(data)

                return external_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CompanyCreateExternalIdsType0 | None | Unset, data)

        external_ids = _parse_external_ids(d.pop("external_ids", UNSET))

        def _parse_industry(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        industry = _parse_industry(d.pop("industry", UNSET))

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

        def _parse_phone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        phone = _parse_phone(d.pop("phone", UNSET))

        def _parse_size_band(data: object) -> None | SizeBand | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                size_band_type_0 = SizeBand(data)

                return size_band_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SizeBand | Unset, data)

        size_band = _parse_size_band(d.pop("size_band", UNSET))

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

        company_create = cls(
            name=name,
            address=address,
            city=city,
            country=country,
            custom_fields=custom_fields,
            domain=domain,
            external_ids=external_ids,
            industry=industry,
            owner_id=owner_id,
            phone=phone,
            size_band=size_band,
            tags=tags,
        )

        return company_create
