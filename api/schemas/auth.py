from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from api.schemas.common import Input


class TokenPairOut(BaseModel):
    access_token: str = Field(description="JWT; send as `Authorization: Bearer <token>`.")
    refresh_token: str = Field(description="Opaque; exchange once at /auth/refresh.")
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - a scheme name
    expires_in: int = Field(description="Seconds until the access token expires.")


class RefreshIn(Input):
    refresh_token: str = Field(min_length=1, max_length=200)
