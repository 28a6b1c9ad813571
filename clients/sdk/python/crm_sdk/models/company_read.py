from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.size_band import SizeBand

if TYPE_CHECKING:
    from ..models.company_read_custom_fields import CompanyReadCustomFields
    from ..models.company_read_external_ids import CompanyReadExternalIds


T = TypeVar("T", bound="CompanyRead")


@_attrs_define
class CompanyRead:
    """
    Attributes:
        address (None | str):
        archived_at (datetime.datetime | None):
        city (None | str):
        country (None | str):
        created_at (datetime.datetime):
        custom_fields (CompanyReadCustomFields):
        domain (None | str):
        external_ids (CompanyReadExternalIds): Ids other systems know the record by, by source.
        id (UUID):
        industry (None | str):
        name (str):
        owner_id (UUID):
        phone (None | str):
        size_band (None | SizeBand):
        tags (list[str]):
        team_id (None | UUID):
        updated_at (datetime.datetime):
        version (int):
    """

    address: None | str
    archived_at: datetime.datetime | None
    city: None | str
    country: None | str
    created_at: datetime.datetime
    custom_fields: CompanyReadCustomFields
    domain: None | str
    external_ids: CompanyReadExternalIds
    id: UUID
    industry: None | str
    name: str
    owner_id: UUID
    phone: None | str
    size_band: None | SizeBand
    tags: list[str]
    team_id: None | UUID
    updated_at: datetime.datetime
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        address: None | str
        address = self.address

        archived_at: None | str
        if isinstance(self.archived_at, datetime.datetime):
            archived_at = self.archived_at.isoformat()
        else:
            archived_at = self.archived_at

        city: None | str
        city = self.city

        country: None | str
        country = self.country

        created_at = self.created_at.isoformat()

        custom_fields = self.custom_fields.to_dict()

        domain: None | str
        domain = self.domain

        external_ids = self.external_ids.to_dict()

        id = str(self.id)

        industry: None | str
        industry = self.industry

        name = self.name

        owner_id = str(self.owner_id)

        phone: None | str
        phone = self.phone

        size_band: None | str
        if isinstance(self.size_band, SizeBand):
            size_band = self.size_band.value
        else:
            size_band = self.size_band

        tags = self.tags

        team_id: None | str
        if isinstance(self.team_id, UUID):
            team_id = str(self.team_id)
        else:
            team_id = self.team_id

        updated_at = self.updated_at.isoformat()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "address": address,
                "archived_at": archived_at,
                "city": city,
                "country": country,
                "created_at": created_at,
                "custom_fields": custom_fields,
                "domain": domain,
                "external_ids": external_ids,
                "id": id,
                "industry": industry,
                "name": name,
                "owner_id": owner_id,
                "phone": phone,
                "size_band": size_band,
                "tags": tags,
                "team_id": team_id,
                "updated_at": updated_at,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.company_read_custom_fields import CompanyReadCustomFields  # noqa: PLC0415
        from ..models.company_read_external_ids import CompanyReadExternalIds  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_address(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        address = _parse_address(d.pop("address"))

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

        def _parse_country(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        country = _parse_country(d.pop("country"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        custom_fields = CompanyReadCustomFields.from_dict(d.pop("custom_fields"))

        def _parse_domain(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        domain = _parse_domain(d.pop("domain"))

        external_ids = CompanyReadExternalIds.from_dict(d.pop("external_ids"))

        id = UUID(d.pop("id"))

        def _parse_industry(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        industry = _parse_industry(d.pop("industry"))

        name = d.pop("name")

        owner_id = UUID(d.pop("owner_id"))

        def _parse_phone(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        phone = _parse_phone(d.pop("phone"))

        def _parse_size_band(data: object) -> None | SizeBand:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                size_band_type_0 = SizeBand(data)

                return size_band_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SizeBand, data)

        size_band = _parse_size_band(d.pop("size_band"))

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

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        version = d.pop("version")

        company_read = cls(
            address=address,
            archived_at=archived_at,
            city=city,
            country=country,
            created_at=created_at,
            custom_fields=custom_fields,
            domain=domain,
            external_ids=external_ids,
            id=id,
            industry=industry,
            name=name,
            owner_id=owner_id,
            phone=phone,
            size_band=size_band,
            tags=tags,
            team_id=team_id,
            updated_at=updated_at,
            version=version,
        )

        company_read.additional_properties = d
        return company_read

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
