from __future__ import annotations

from typing import Any
from uuid import UUID

from pydantic import ConfigDict, Field, ValidationInfo, field_validator

from api.schemas.common import Input
from api.schemas.fields import (
    CountryCode,
    ExternalIdsIn,
    ExternalIdsOut,
    OwnedRead,
    Tags,
    parse_phone,
)
from domain.contacts.companies import SizeBand


class CompanyRead(OwnedRead):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "c1a2b3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
                    "name": "Acme GmbH",
                    "domain": "acme.example",
                    "industry": "Manufacturing",
                    "size_band": "201-1000",
                    "country": "DE",
                    "city": "Berlin",
                    "address": "Friedrichstrasse 123, 10117 Berlin",
                    "phone": "+49301234500",
                    "tags": ["key-account"],
                    "custom_fields": {"customer_number": "K-10442"},
                    "external_ids": {"erp": "K-10442"},
                    "owner_id": "0b7c6f5e-8d3a-4f21-9c6e-2a1d4b5e6f70",
                    "team_id": "5d2e8f1a-3b4c-4d5e-8f60-7a8b9c0d1e2f",
                    "archived_at": None,
                    "created_at": "2026-03-18T08:45:00Z",
                    "updated_at": "2026-10-02T13:10:27Z",
                    "version": 5,
                }
            ]
        }
    )

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
    external_ids: ExternalIdsOut


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
    external_ids: ExternalIdsIn = None


class CompanyUpdate(_CompanyFields):
    """Send only what changes."""

    name: str | None = Field(None, min_length=1, max_length=300)
    external_ids: ExternalIdsIn = None
