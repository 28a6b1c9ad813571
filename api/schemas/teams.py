from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, Field

from api.schemas.common import Input
from domain.teams import Team


class TeamRead(BaseModel):
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
