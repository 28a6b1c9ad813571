from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StrictBool,
    StrictInt,
    ValidationInfo,
    field_validator,
)
from pydantic.config import JsonDict

from api.schemas.common import Input, ReadModel
from api.schemas.fields import (
    CountryCode,
    ExternalIdsIn,
    ExternalIdsOut,
    OwnedRead,
    Tags,
    parse_phone,
)
from domain.contacts.contacts import ContactSource, LifecycleStage

# domain.contacts.contact_merge.MERGEABLE_FIELDS, as a type the contract can show.
MergeableField = Literal[
    "first_name",
    "last_name",
    "title",
    "company_id",
    "country",
    "city",
    "source",
    "lifecycle_stage",
    "marketing_consent",
    "processing_consent",
    "owner_id",
]


class EmailOut(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"email": "jonas.weber@acme.example", "primary": True}]}
    )

    email: str
    primary: bool


class PhoneOut(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"phone": "+49301234567", "primary": True}]}
    )

    phone: str = Field(description="E.164")
    primary: bool


class EmailIn(Input):
    email: EmailStr
    primary: StrictBool = False


class PhoneIn(Input):
    phone: str = Field(min_length=1, max_length=40, examples=["+49 30 1234567"])
    primary: StrictBool = False


def _contact_example(**changes: Any) -> dict[str, Any]:
    return {
        "id": "7f3e2d1c-0b9a-4876-a543-210fedcba987",
        "first_name": "Jonas",
        "last_name": "Weber",
        "full_name": "Jonas Weber",
        "emails": [{"email": "jonas.weber@acme.example", "primary": True}],
        "phones": [{"phone": "+49301234567", "primary": True}],
        "title": "Head of Purchasing",
        "company_id": "c1a2b3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
        "country": "DE",
        "city": "Berlin",
        "source": "referral",
        "lifecycle_stage": "prospect",
        "tags": ["vip", "newsletter"],
        "custom_fields": {"customer_number": "K-10442"},
        "external_ids": {"erp": "C-10023", "shop": "42"},
        "marketing_consent": True,
        "marketing_consent_at": "2026-04-03T11:20:00Z",
        "processing_consent": True,
        "processing_consent_at": "2026-04-03T11:20:00Z",
        "last_interaction_at": "2026-11-24T15:00:00Z",
        "next_interaction_at": "2026-12-01T09:30:00Z",
        "interaction_count": 7,
        "owner_id": "0b7c6f5e-8d3a-4f21-9c6e-2a1d4b5e6f70",
        "team_id": "5d2e8f1a-3b4c-4d5e-8f60-7a8b9c0d1e2f",
        "archived_at": None,
        "created_at": "2026-04-03T11:20:00Z",
        "updated_at": "2026-11-24T15:05:12Z",
        "version": 9,
        **changes,
    }


class ContactRead(OwnedRead):
    model_config = ConfigDict(json_schema_extra={"examples": [_contact_example()]})

    id: UUID
    first_name: str
    last_name: str
    full_name: str
    emails: list[EmailOut]
    phones: list[PhoneOut]
    title: str | None
    company_id: UUID | None
    country: str | None
    city: str | None
    source: ContactSource | None
    lifecycle_stage: LifecycleStage
    tags: list[str]
    custom_fields: dict[str, Any]
    external_ids: ExternalIdsOut
    marketing_consent: bool
    marketing_consent_at: datetime | None
    processing_consent: bool
    processing_consent_at: datetime | None
    last_interaction_at: datetime | None = Field(description="The latest done interaction.")
    next_interaction_at: datetime | None = Field(
        description="The earliest planned interaction (overdue ones included)."
    )
    interaction_count: int = Field(description="Done interactions.")


class _ContactFields(Input):
    first_name: str | None = Field(None, max_length=200, examples=["Maria"])
    last_name: str | None = Field(None, max_length=200, examples=["Lopez"])
    # country before phones: a local phone number is read in that country.
    country: CountryCode | None = None
    emails: list[EmailIn] | None = Field(None, max_length=10)
    phones: list[PhoneIn] | None = Field(None, max_length=10)
    title: str | None = Field(None, max_length=200, examples=["Head of Purchasing"])
    company_id: UUID | None = None
    city: str | None = Field(None, max_length=200)
    source: ContactSource | None = None
    lifecycle_stage: LifecycleStage | None = None
    tags: Tags | None = None
    custom_fields: dict[str, Any] | None = Field(
        None, description="Values for the custom fields defined for contacts; null removes."
    )
    marketing_consent: StrictBool | None = Field(
        None, description="Changing it records the time in `marketing_consent_at`."
    )
    processing_consent: StrictBool | None = Field(
        None, description="Changing it records the time in `processing_consent_at`."
    )
    owner_id: UUID | None = Field(
        None, description="Defaults to you; handing to others depends on your record scope."
    )

    @field_validator("phones")
    @classmethod
    def _phones(cls, value: list[PhoneIn] | None, info: ValidationInfo) -> list[PhoneIn] | None:
        if value is None:
            return None
        region = info.data.get("country")
        for index, item in enumerate(value):
            # The first number refused is named (`phones.1`), with the code invalid_phone.
            item.phone = parse_phone(item.phone, region, at=f"{index}.phone")
        return value


class ContactCreate(_ContactFields):
    """At least a first or a last name."""

    external_ids: ExternalIdsIn = None


class ContactUpdate(_ContactFields):
    """Send only what changes; null clears a field."""

    external_ids: ExternalIdsIn = None


_DUPLICATE_EXAMPLE: JsonDict = {
    "contact": _contact_example(
        id="1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a",
        emails=[{"email": "j.weber@acme.example", "primary": True}],
        phones=[],
        title=None,
        source="import",
        lifecycle_stage="lead",
        tags=[],
        custom_fields={},
        marketing_consent=False,
        marketing_consent_at=None,
        processing_consent=False,
        processing_consent_at=None,
        last_interaction_at=None,
        next_interaction_at=None,
        interaction_count=0,
        created_at="2026-10-30T16:02:11Z",
        updated_at="2026-10-30T16:02:11Z",
        version=1,
    ),
    "reasons": ["name_at_company"],
}


DuplicateReasonOut = Literal["email", "phone", "name_at_company"]

_OWNER_EXAMPLE: JsonDict = {"id": "3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7", "full_name": "Lena Vogel"}
_ELSEWHERE_EXAMPLE: JsonDict = {"owner": _OWNER_EXAMPLE, "reasons": ["email"]}


class DuplicateRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_DUPLICATE_EXAMPLE]})

    contact: ContactRead
    reasons: list[DuplicateReasonOut] = Field(description="Why it is probably the same person.")


class DuplicateOwner(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_OWNER_EXAMPLE]})

    id: UUID
    full_name: str


class DuplicateElsewhere(BaseModel):
    """A match you may not read: that it exists, whose it is and why it matches, nothing
    else. Ask its owner to check with `POST /contacts/{contact_id}/duplicates/ask`."""

    model_config = ConfigDict(json_schema_extra={"examples": [_ELSEWHERE_EXAMPLE]})

    owner: DuplicateOwner
    reasons: list[DuplicateReasonOut] = Field(description="Why it is probably the same person.")


class DuplicateList(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"items": [_DUPLICATE_EXAMPLE], "elsewhere": [_ELSEWHERE_EXAMPLE]}]
        }
    )

    items: list[DuplicateRead] = Field(description="Matches you may read, strongest first.")
    elsewhere: list[DuplicateElsewhere] = Field(
        description="Matches you may not read, one entry each, strongest first."
    )


class DuplicateQuery(BaseModel):
    """A contact about to be created, as far as duplicates are told by it."""

    # country before phone: a local phone number is read in that country.
    country: CountryCode | None = Field(None, description="Where a local phone number is.")
    email: list[EmailStr] = Field(
        default_factory=list, max_length=10, description="An e-mail; repeatable."
    )
    phone: list[Annotated[str, Field(min_length=1, max_length=40)]] = Field(
        default_factory=list, max_length=10, description="A phone number; repeatable."
    )
    first_name: str | None = Field(None, max_length=200)
    last_name: str | None = Field(None, max_length=200)
    company_id: UUID | None = Field(
        None, description="With a name: a close name at this company is a match."
    )

    @field_validator("phone")
    @classmethod
    def _phones(cls, value: list[str], info: ValidationInfo) -> list[str]:
        region = info.data.get("country")
        # The first number refused is named (`phone.1`), with the code invalid_phone.
        return [parse_phone(item, region, at=str(index)) for index, item in enumerate(value)]


class DuplicateAsk(Input):
    owner_id: UUID = Field(
        description="The owner of a match listed under `elsewhere` for this contact."
    )


class MergeIn(Input):
    source_id: UUID = Field(description="The contact folded into this one, then archived.")
    take_from_source: list[MergeableField] = Field(
        default_factory=list,
        description="Fields whose value comes from the source instead of this contact. "
        "E-mails, phones, tags and custom fields are combined either way.",
    )


class ContactBatchItem(_ContactFields):
    """Without `id` a new contact; with `id` a partial update of that contact."""

    id: UUID | None = None
    version: StrictInt | None = Field(
        None, description="For an update: the version you read; a newer one fails the item."
    )


class ContactBatchIn(Input):
    items: list[ContactBatchItem] = Field(min_length=1, max_length=100)


class ContactBatchOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"items": [_contact_example(), _DUPLICATE_EXAMPLE["contact"]]}]
        }
    )

    items: list[ContactRead]
