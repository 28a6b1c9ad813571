from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import Input, ReadModel


class TeamRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "5d2e8f1a-3b4c-4d5e-8f60-7a8b9c0d1e2f",
                    "name": "North region",
                    "description": "Field sales for Hamburg, Bremen and Schleswig-Holstein.",
                    "created_at": "2026-02-16T09:00:00Z",
                    "updated_at": "2026-06-01T14:20:00Z",
                    "version": 2,
                }
            ]
        }
    )

    id: UUID
    name: str
    description: str
    created_at: datetime
    updated_at: datetime
    version: int


class TeamCreate(Input):
    name: str = Field(min_length=1, max_length=200, examples=["North region"])
    description: str = Field("", max_length=2000)


class TeamUpdate(Input):
    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=2000)


class RotationMemberRead(ReadModel):
    user_id: UUID
    full_name: str
    paused: bool = Field(description="A paused member (on holiday, say) is skipped.")


class Rotation(BaseModel):
    """The team members who take the team's inbound leads in turn (imported contacts,
    later web-form and API-key ones), when the team distributes leads. Nobody is on it
    until listed: administrators and leaders take leads only when added."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "team_id": "5d2e8f1a-3b4c-4d5e-8f60-7a8b9c0d1e2f",
                    "members": [
                        {
                            "user_id": "0b7c6f5e-8d3a-4f21-9c6e-2a1d4b5e6f70",
                            "full_name": "Ada Lovelace",
                            "paused": False,
                        }
                    ],
                }
            ]
        }
    )

    team_id: UUID
    members: list[RotationMemberRead]


class RotationMemberPut(Input):
    """Lists the member in the rotation, or pauses or resumes them."""

    paused: bool = Field(False, description="True skips the member until set to false.")
