from __future__ import annotations

from datetime import datetime
from typing import Any, Self
from uuid import UUID

from pydantic import ConfigDict, EmailStr, Field, StrictBool
from pydantic.config import JsonDict

from api.schemas.access import Access
from api.schemas.common import Input, ReadModel
from api.schemas.roles import RoleSummary
from domain.access.roles import Permission
from domain.access.users import User

_USER_EXAMPLE: JsonDict = {
    "id": "0b7c6f5e-8d3a-4f21-9c6e-2a1d4b5e6f70",
    "email": "maria.lopez@example.com",
    "full_name": "Maria Lopez",
    "role": {
        "id": "3a0d9a4e-5a3b-5a8e-9a35-0c6f5bd0c2a1",
        "name": "Manager",
        "rank": 30,
        "template_key": "manager",
    },
    "team_id": "5d2e8f1a-3b4c-4d5e-8f60-7a8b9c0d1e2f",
    "is_active": True,
    "last_login_at": "2026-11-26T08:12:45Z",
    "created_at": "2026-03-02T10:15:00Z",
    "updated_at": "2026-11-26T08:12:45Z",
    "version": 4,
}


class UserRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_USER_EXAMPLE]})

    id: UUID
    email: str
    full_name: str
    role: RoleSummary
    team_id: UUID | None
    is_active: bool
    last_login_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int


class MeRead(UserRead):
    """The signed-in user, with what their access token lets them do."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_USER_EXAMPLE,
                    "permissions": [
                        "companies:read",
                        "companies:write",
                        "contacts:read",
                        "contacts:write",
                        "interactions:read",
                        "interactions:write",
                        "tasks:read",
                        "tasks:write",
                    ],
                    "access": {
                        "contacts": {"read": "all", "write": "own", "archive": "own"},
                        "companies": {"read": "all", "write": "own", "archive": "own"},
                        "deals": {"read": "own", "write": "own", "archive": "own"},
                        "interactions": {"read": "own", "write": "own", "archive": "own"},
                        "tasks": {"read": "own", "write": "own", "archive": "own"},
                        "requests": {"read": "own", "write": "own", "archive": "own"},
                    },
                }
            ]
        }
    )

    permissions: list[Permission]
    access: Access = Field(description="How far you read and write each kind of record.")

    @classmethod
    def of(cls, user: User, /, **given: Any) -> Self:
        # What the role lets the user do, in the shapes the API shows it.
        role = user.role
        mine = {"permissions": sorted(role.permissions), "access": Access.of(role.access)}
        return super().of(user, **mine | given)


class UserCreate(Input):
    email: EmailStr = Field(examples=["maria.lopez@example.com"])
    full_name: str = Field(min_length=1, max_length=200, examples=["Maria Lopez"])
    password: str = Field(
        min_length=1, max_length=256, description="At least 10 characters, not easily guessed."
    )
    role_id: UUID
    team_id: UUID | None = Field(
        None, description="Defaults to your own team unless you work on all records."
    )


class UserUpdate(Input):
    """Send only what changes; `team_id: null` takes the user out of their team."""

    email: EmailStr | None = None
    full_name: str | None = Field(None, min_length=1, max_length=200)
    password: str | None = Field(None, min_length=1, max_length=256)
    role_id: UUID | None = None
    team_id: UUID | None = None
    is_active: StrictBool | None = Field(
        None, description="false deactivates the user and signs them out everywhere."
    )
