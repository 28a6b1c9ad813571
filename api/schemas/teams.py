from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import Input
from domain.teams import Team


class TeamRead(BaseModel):
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

    @classmethod
    def of(cls, team: Team) -> TeamRead:
        return cls(
            id=team.id,
            name=team.name,
            description=team.description,
            created_at=team.created_at,
            updated_at=team.updated_at,
            version=team.version,
        )


class TeamCreate(Input):
    name: str = Field(min_length=1, max_length=200, examples=["North region"])
    description: str = Field("", max_length=2000)


class TeamUpdate(Input):
    name: str | None = Field(None, min_length=1, max_length=200)
    description: str | None = Field(None, max_length=2000)
