from __future__ import annotations

from typing import Any
from uuid import UUID

from pydantic import Field, ValidationInfo, field_validator

from api.schemas.common import Input
from api.schemas.fields import CountryCode, OwnedRead, Tags, parse_phone
from domain.companies import Company, SizeBand


class CompanyRead(OwnedRead):
    id: UUID
    name: str
    domain: str | None
    industry: str | None
    size_band: SizeBand | None
    country: str | None
    city: str | None
    address: str | None
    phone: str | None
    tags: list[str]
    custom_fields: dict[str, Any]

    @classmethod
    def of(cls, company: Company, custom_fields: dict[str, Any]) -> CompanyRead:
        return cls(
            id=company.id,
            name=company.name,
            domain=company.domain,
            industry=company.industry,
            size_band=company.size_band,
            country=company.country,
            city=company.city,
            address=company.address,
            phone=company.phone,
            tags=company.tags,
            custom_fields=custom_fields,
            owner_id=company.owner_id,
            team_id=company.team_id,
            archived_at=company.archived_at,
            created_at=company.created_at,
            updated_at=company.updated_at,
            version=company.version,
        )


class _CompanyFields(Input):
    domain: str | None = Field(None, max_length=255, examples=["acme.example"])
    industry: str | None = Field(None, max_length=200, examples=["Manufacturing"])
    size_band: SizeBand | None = None
    country: CountryCode | None = None
    city: str | None = Field(None, max_length=200)
    address: str | None = Field(None, max_length=2000)
    phone: str | None = Field(
        None, max_length=40, description="Stored in E.164; a local number is read in `country`."
    )
    tags: Tags | None = None
    custom_fields: dict[str, Any] | None = Field(
        None, description="Values for the custom fields defined for companies; null removes."
    )
    owner_id: UUID | None = Field(
        None, description="Defaults to you; handing to others depends on your record scope."
    )

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None, info: ValidationInfo) -> str | None:
        return parse_phone(value, info.data.get("country")) if value else None


class CompanyCreate(_CompanyFields):
    name: str = Field(min_length=1, max_length=300, examples=["Acme GmbH"])


class CompanyUpdate(_CompanyFields):
    """Send only what changes."""

    name: str | None = Field(None, min_length=1, max_length=300)
