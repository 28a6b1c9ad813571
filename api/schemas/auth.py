from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from api.schemas.common import Input


class TokenPairOut(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "access_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwYjdjNmY1ZS04"
                    "ZDNhLTRmMjEtOWM2ZS0yYTFkNGI1ZTZmNzAiLCJyb2xlIjoiTWFuYWdlciJ9.Zm9yIGRvY3M",
                    "refresh_token": "Kq3x0yq2Vb1m5mR9dL8fJtP4sWc7hE6nA2uZ0oXiY1g",
                    "token_type": "bearer",
                    "expires_in": 900,
                }
            ]
        }
    )

    access_token: str = Field(description="JWT; send as `Authorization: Bearer <token>`.")
    refresh_token: str = Field(description="Opaque; exchange once at /auth/refresh.")
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - a scheme name
    expires_in: int = Field(description="Seconds until the access token expires.")


class RefreshIn(Input):
    refresh_token: str = Field(min_length=1, max_length=200)
