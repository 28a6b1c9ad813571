from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt
from pydantic.config import JsonValue

from api.schemas.common import Input, ReadModel
from domain.contacts.custom_fields import CustomEntity, FieldType

_FIELD_EXAMPLES: list[JsonValue] = [
    {
        "id": "6e5d4c3b-2a19-4807-b6f5-e4d3c2b1a091",
        "entity": "contact",
        "key": "customer_number",
        "label": "Customer number",
        "type": "text",
        "required": False,
        "choices": [],
        "position": 10,
        "created_at": "2026-03-01T09:00:00Z",
        "updated_at": "2026-03-01T09:00:00Z",
        "version": 1,
    },
    {
        "id": "0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d",
        "entity": "company",
        "key": "payment_terms",
        "label": "Payment terms",
        "type": "single_choice",
        "required": True,
        "choices": ["prepaid", "net 14", "net 30"],
        "position": 20,
        "created_at": "2026-03-01T09:05:00Z",
        "updated_at": "2026-05-12T16:30:00Z",
        "version": 3,
    },
]


class CustomFieldRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": _FIELD_EXAMPLES[:1]})

    id: UUID
    entity: CustomEntity
    key: str
    label: str
    type: FieldType
    required: bool
    choices: list[str]
    position: int
    created_at: datetime
    updated_at: datetime
    version: int


class CustomFieldList(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": _FIELD_EXAMPLES}]})

    items: list[CustomFieldRead]


class CustomFieldCreate(Input):
    entity: CustomEntity
    key: str = Field(min_length=1, max_length=50, examples=["customer_number"])
    label: str = Field(min_length=1, max_length=200, examples=["Customer number"])
    type: FieldType
    required: StrictBool = False
    choices: list[str] = Field(default_factory=list, max_length=200)
    position: StrictInt = Field(0, ge=0, le=10_000)


class CustomFieldUpdate(Input):
    """Key and type cannot change: stored values were checked against them."""

    label: str | None = Field(None, min_length=1, max_length=200)
    required: StrictBool | None = None
    choices: list[str] | None = Field(None, max_length=200)
    position: StrictInt | None = Field(None, ge=0, le=10_000)
