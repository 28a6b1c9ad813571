from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, Field, StrictBool, StrictInt

from api.schemas.common import Input
from domain.custom_fields import CustomEntity, CustomFieldDefinition, FieldType


class CustomFieldRead(BaseModel):
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

    @classmethod
    def of(cls, definition: CustomFieldDefinition) -> CustomFieldRead:
        return cls(
            id=definition.id,
            entity=definition.entity,
            key=definition.key,
            label=definition.label,
            type=definition.type,
            required=definition.required,
            choices=definition.choices,
            position=definition.position,
            created_at=definition.created_at,
            updated_at=definition.updated_at,
            version=definition.version,
        )


class CustomFieldList(BaseModel):
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
