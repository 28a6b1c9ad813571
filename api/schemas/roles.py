from __future__ import annotations

from typing import Any, Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StrictInt
from pydantic.config import JsonDict

from api.schemas.access import Access, AccessInput
from api.schemas.common import Input, ReadModel
from domain.access.roles import MAX_RANK, MIN_RANK, Permission, Role

_ROLE_EXAMPLE: JsonDict = {
    "id": "3a0d9a4e-5a3b-5a8e-9a35-0c6f5bd0c2a1",
    "name": "Manager",
    "rank": 30,
    "access": {
        "contacts": {"read": "all", "write": "own", "archive": "own"},
        "companies": {"read": "all", "write": "own", "archive": "own"},
        "deals": {"read": "own", "write": "own", "archive": "own"},
        "interactions": {"read": "own", "write": "own", "archive": "own"},
        "tasks": {"read": "own", "write": "own", "archive": "own"},
        "requests": {"read": "own", "write": "own", "archive": "own"},
    },
    "permissions": ["companies:read", "contacts:read", "contacts:write", "users:read"],
    "description": "Reads the whole directory; works their own customers and deals.",
    "is_template": True,
    "template_key": "manager",
    "version": 1,
}


class RoleSummary(ReadModel):
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


class RoleRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_ROLE_EXAMPLE]})

    id: UUID
    name: str
    rank: int
    access: Access
    permissions: list[Permission] = Field(
        description="Everything the role may do: its grants and the record permissions its"
        " access implies (`contacts:read` when it reads contacts at all, ...)."
    )
    description: str
    is_template: bool
    template_key: str | None
    version: int

    @classmethod
    def of(cls, role: Role, /, **given: Any) -> Self:
        # The access matrix and the permissions it implies, in the shapes the API shows.
        shown = {"access": Access.of(role.access), "permissions": sorted(role.permissions)}
        return super().of(role, **shown | given)


class RoleList(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [_ROLE_EXAMPLE]}]})

    items: list[RoleRead]


class RoleCreate(Input):
    name: str = Field(min_length=1, max_length=100)
    rank: StrictInt = Field(ge=MIN_RANK, le=MAX_RANK)
    access: AccessInput
    permissions: list[Permission] = Field(
        default_factory=list,
        max_length=len(Permission),
        description="Permissions not about records (`reports:read`, `data:export`, ...)."
        " Record permissions follow from `access`; one listed must agree with it.",
    )
    description: str = Field("", max_length=2000)


class RoleUpdate(Input):
    name: str | None = Field(None, min_length=1, max_length=100)
    rank: StrictInt | None = Field(None, ge=MIN_RANK, le=MAX_RANK)
    access: AccessInput | None = Field(None, description="Replaces all of the role's levels.")
    permissions: list[Permission] | None = Field(
        None, max_length=len(Permission), description="Replaces the role's grants."
    )
    description: str | None = Field(None, max_length=2000)
