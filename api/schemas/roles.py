from __future__ import annotations

from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StrictInt
from pydantic.config import JsonDict

from api.schemas.common import Input
from domain.roles import MAX_RANK, MIN_RANK, Permission, RecordScope, Role

_ROLE_EXAMPLE: JsonDict = {
    "id": "3a0d9a4e-5a3b-5a8e-9a35-0c6f5bd0c2a1",
    "name": "Manager",
    "rank": 30,
    "scope": "own",
    "permissions": ["contacts:read", "contacts:write"],
    "description": "Works their own customers and deals.",
    "is_template": True,
    "template_key": "manager",
    "version": 1,
}


class RoleSummary(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "3a0d9a4e-5a3b-5a8e-9a35-0c6f5bd0c2a1",
                    "name": "Manager",
                    "rank": 30,
                    "template_key": "manager",
                }
            ]
        }
    )

    id: UUID
    name: str
    rank: int
    template_key: str | None = Field(
        None, description="The template this role is (`owner`, `manager`, ...), else null."
    )


class RoleRead(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_ROLE_EXAMPLE]})

    id: UUID
    name: str
    rank: int
    scope: RecordScope
    permissions: list[Permission]
    description: str
    is_template: bool
    template_key: str | None
    version: int

    @classmethod
    def of(cls, role: Role) -> RoleRead:
        return cls(
            id=role.id,
            name=role.name,
            rank=role.rank,
            scope=role.scope,
            permissions=sorted(role.permissions),
            description=role.description,
            is_template=role.is_template,
            template_key=role.template_key,
            version=role.version,
        )


class RoleList(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [_ROLE_EXAMPLE]}]})

    items: list[RoleRead]


class RoleCreate(Input):
    name: str = Field(min_length=1, max_length=100)
    rank: StrictInt = Field(ge=MIN_RANK, le=MAX_RANK)
    scope: RecordScope
    permissions: list[Permission] = Field(max_length=len(Permission))
    description: str = Field("", max_length=2000)


class RoleUpdate(Input):
    name: str | None = Field(None, min_length=1, max_length=100)
    rank: StrictInt | None = Field(None, ge=MIN_RANK, le=MAX_RANK)
    scope: RecordScope | None = None
    permissions: list[Permission] | None = Field(None, max_length=len(Permission))
    description: str | None = Field(None, max_length=2000)
