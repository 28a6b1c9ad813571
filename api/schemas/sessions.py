"""The caller's own sign-ins (domain/access/auth_sessions.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import ReadModel
from domain.access.auth_sessions import MAX_USER_AGENT, MySession

_EXAMPLE: dict[str, Any] = {
    "id": "5b0e7c1a-3f2d-4c8e-9a61-2d4f0b7e8c13",
    "created_at": "2026-12-07T08:12:40Z",
    "last_used_at": "2026-12-07T10:47:03Z",
    "user_agent": "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15"
    " (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
    "client_address": "203.0.113.24",
    "current": True,
}


class MySessionRead(ReadModel):
    """One live sign-in: a client that signed in and can still refresh its access."""

    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    id: UUID = Field(description="The sign-in's id (the `sid` of its access tokens).")
    created_at: datetime = Field(description="When it signed in.")
    last_used_at: datetime = Field(
        description="When it last refreshed its access (its sign-in until the first refresh)."
    )
    user_agent: str | None = Field(
        description=f"The User-Agent it signed in with, at most {MAX_USER_AGENT} characters."
    )
    client_address: str | None = Field(description="The address it signed in from.")
    current: bool = Field(description="True for the sign-in making this request.")

    @classmethod
    def of(cls, mine: MySession, /, **given: Any) -> Self:
        # The session itself, with whether it is the caller's and its last use filled in.
        session = mine.session
        last_used_at = session.last_used_at or session.created_at
        return super().of(
            session, **{"last_used_at": last_used_at, "current": mine.current} | given
        )


class MySessions(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [_EXAMPLE]}]})

    items: list[MySessionRead] = Field(description="Newest sign-in first.")
