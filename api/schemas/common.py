"""Shapes shared by every resource: problems and pages."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

T = TypeVar("T")


class FieldErrorOut(BaseModel):
    field: str = Field(description="Dotted path of the offending input, e.g. `emails.0`.")
    message: str


class Problem(BaseModel):
    """RFC 9457 problem details."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "https://crm.example/problems/validation-failed",
                    "title": "Validation failed",
                    "status": 422,
                    "detail": "Invalid input: email.",
                    "request_id": "5f0c2b0e3a8d4f7b9c1e2d3f4a5b6c7d",
                    "errors": [{"field": "email", "message": "value is not a valid email"}],
                }
            ]
        }
    )

    type: str
    title: str
    status: int
    detail: str
    request_id: str | None = None
    errors: list[FieldErrorOut] = []


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; null on the last page."
    )


def _nul_path(value: Any, path: str) -> str | None:
    """The first place a NUL character hides in a JSON value, or None."""
    if isinstance(value, str):
        return path if "\x00" in value else None
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, item in items:
        found = _nul_path(item, f"{path}.{key}" if path else str(key))
        if found is not None:
            return found
    return None


class Input(BaseModel):
    """Request bodies refuse unknown fields (id, version, ...) instead of ignoring them,
    and text with NUL characters, which PostgreSQL cannot store."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _no_nul(cls, data: Any) -> Any:
        where = _nul_path(data, "")
        if where is not None:
            raise PydanticCustomError(
                "nul_character", "{where} contains a NUL character", {"where": where or "text"}
            )
        return data
