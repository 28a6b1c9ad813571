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


# What a list answers as `next_cursor`: opaque to clients, the sort key signed by the
# server (domain/pagination.py).
_CURSOR_EXAMPLE = (
    "WyItY3JlYXRlZF9hdCIsImQiLCIyMDI2LTExLTIwVDA5OjMwOjAwKzAwOjAwIiwiN2YzZTJkMWMtMGI5YS00"
    "ODc2LWE1NDMtMjEwZmVkY2JhOTg3Il0.2zlbrsZO3S2gZo3vZJYtAQ"
)


def first_example(model: type[BaseModel]) -> Any:
    """The first example a model's JSON schema shows (its json_schema_extra), or None."""
    examples = model.model_json_schema(mode="serialization").get("examples")
    return examples[0] if isinstance(examples, list) and examples else None


def _page_examples(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """A page shows one item: the item model's own first example."""
    args = model.__pydantic_generic_metadata__["args"]
    item = args[0] if args else None
    example = (
        first_example(item) if isinstance(item, type) and issubclass(item, BaseModel) else None
    )
    if example is not None:
        schema["examples"] = [{"items": [example], "next_cursor": _CURSOR_EXAMPLE}]


class Page(BaseModel, Generic[T]):
    """One page of a list; `next_cursor` fetches the next."""

    model_config = ConfigDict(json_schema_extra=_page_examples)

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
