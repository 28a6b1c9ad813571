from __future__ import annotations

from datetime import datetime
from typing import Self
from uuid import UUID

from pydantic import ConfigDict, Field
from pydantic.config import JsonDict

from api.schemas.common import Input, ReadModel
from api.schemas.fields import Timestamp
from api.schemas.roles import RoleSummary
from auth.api_keys import PREFIX
from domain.access.api_keys import MAX_REQUESTS_PER_MINUTE, ApiKey, KeyStatus

_KEY_EXAMPLE: JsonDict = {
    "id": "7f3c2b1a-9d8e-4f60-a1b2-c3d4e5f60718",
    "name": "ERP sync",
    "role": {
        "id": "3a0d9a4e-5a3b-5a8e-9a35-0c6f5bd0c2a1",
        "name": "Manager",
        "rank": 30,
        "template_key": "manager",
    },
    "team_id": "5d2e8f1a-3b4c-4d5e-8f60-7a8b9c0d1e2f",
    "key_prefix": "crm_live_k3v9q2m7x4ab",
    "status": "active",
    "expires_at": "2027-12-31T23:59:59Z",
    "requests_per_minute": None,
    "revoked_at": None,
    "last_used_at": "2026-12-07T09:41:12Z",
    "last_used_address": "203.0.113.24",
    "created_by": "0b7c6f5e-8d3a-4f21-9c6e-2a1d4b5e6f70",
    "created_at": "2026-12-01T10:15:00Z",
    "updated_at": "2026-12-01T10:15:00Z",
    "version": 1,
}


class ApiKeyRead(ReadModel):
    """An API key and the integration it signs in; never its secret."""

    model_config = ConfigDict(json_schema_extra={"examples": [_KEY_EXAMPLE]})

    id: UUID = Field(
        description="Also the integration's user id: the `owner_id` of what it creates and"
        " the `actor_id` of what it does, in the audit trail and the change feed."
    )
    name: str = Field(description="The integration's name, shown as the actor of its work.")
    role: RoleSummary
    team_id: UUID | None
    key_prefix: str = Field(description="The key's start, which finds it in logs and configs.")
    status: KeyStatus
    expires_at: datetime | None
    requests_per_minute: int | None = Field(
        description="Requests a minute the key may send (its `RateLimit-Policy` is named"
        " `key`); null: the server's default for keys."
    )
    revoked_at: datetime | None
    last_used_at: datetime | None = Field(description="Kept to the minute.")
    last_used_address: str | None
    created_by: UUID | None
    created_at: datetime
    updated_at: datetime
    version: int

    @classmethod
    def of_key(cls, key: ApiKey) -> Self:
        return cls.of(key, key_prefix=f"{PREFIX}{key.public_id}")


class ApiKeyCreated(ApiKeyRead):
    """A new key, with its secret: shown this once, stored only hashed."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    **_KEY_EXAMPLE,
                    "key": "crm_live_k3v9q2m7x4ab_Vf3kq9X2mB7rT1nY8pL4sD6wH0jC5eA9uZ2iQ7oK3gM",
                    "last_used_at": None,
                    "last_used_address": None,
                }
            ]
        }
    )

    key: str = Field(
        description="Send it as `Authorization: Bearer <key>`. It cannot be shown again."
    )


class ApiKeyCreate(Input):
    name: str = Field(min_length=1, max_length=200, examples=["ERP sync"])
    role_id: UUID = Field(description="A role ranked below yours, reaching no further.")
    team_id: UUID | None = Field(
        None, description="Defaults to your own team unless you work on all records."
    )
    expires_at: Timestamp | None = Field(None, description="In the future; none: never.")
    requests_per_minute: int | None = Field(
        None,
        ge=1,
        le=MAX_REQUESTS_PER_MINUTE,
        description="Its own rate limit; none: the server's default for keys.",
        examples=[1200],
    )


class ApiKeyUpdate(Input):
    """Send only what changes; `expires_at: null` makes the key never expire and
    `requests_per_minute: null` gives it the server's default rate."""

    name: str | None = Field(None, min_length=1, max_length=200)
    role_id: UUID | None = None
    expires_at: Timestamp | None = None
    requests_per_minute: int | None = Field(None, ge=1, le=MAX_REQUESTS_PER_MINUTE)
