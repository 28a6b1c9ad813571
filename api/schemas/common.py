"""Shapes shared by every resource: problems, pages, and response models read from records."""

from __future__ import annotations

from typing import Any, Generic, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from domain.errors import FieldErrorCode, ParamValue

T = TypeVar("T")

# What each code means, for the contract. Clients translate by `code` (with `params`),
# never by `message`, and show a generic text for a code they do not know yet.
FIELD_ERROR_CODES: dict[FieldErrorCode, str] = {
    FieldErrorCode.REQUIRED: "a value is needed (missing, null or blank)",
    FieldErrorCode.TOO_SHORT: "text shorter than `params.min_length` characters",
    FieldErrorCode.TOO_LONG: "text longer than `params.max_length` characters",
    FieldErrorCode.TOO_FEW: "a list with fewer than `params.min_length` items",
    FieldErrorCode.TOO_MANY: "a list with more than `params.max_length` items",
    FieldErrorCode.OUT_OF_RANGE: (
        "a number or time outside its range: `params.min`/`params.max` (inclusive) or"
        " `params.gt`/`params.lt` (exclusive) when known"
    ),
    FieldErrorCode.INVALID_TYPE: "a value of the wrong type (text for a number, ...)",
    FieldErrorCode.INVALID_FORMAT: "text not in the expected format (an id, a timestamp, ...)",
    FieldErrorCode.INVALID_DATE: "not a calendar date as YYYY-MM-DD",
    FieldErrorCode.INVALID_EMAIL: "not an e-mail address",
    FieldErrorCode.INVALID_PHONE: "not a (valid) phone number",
    FieldErrorCode.INVALID_COUNTRY: "not an ISO 3166-1 alpha-2 country code",
    FieldErrorCode.INVALID_CURRENCY: "not an ISO 4217 currency code",
    FieldErrorCode.INVALID_CHOICE: "not one of the allowed values (`params.choices` when known)",
    FieldErrorCode.UNKNOWN_FIELD: "a field the request does not take",
    FieldErrorCode.NOT_FOUND: "names a record that does not exist or that you cannot see",
    FieldErrorCode.DUPLICATE: "already taken, or listed twice",
    FieldErrorCode.NOT_ALLOWED: "a value you may not set here",
    FieldErrorCode.WEAK_PASSWORD: "a password too easy to guess",
    FieldErrorCode.INVALID: "anything else: `message` explains",
}


class FieldErrorOut(BaseModel):
    model_config = ConfigDict(use_enum_values=True)

    field: str = Field(description="Dotted path of the offending input, e.g. `emails.0`.")
    message: str = Field(description="What is wrong, in English, for developers and logs.")
    code: FieldErrorCode = Field(
        description="What is wrong, for clients to translate; a closed, stable vocabulary:\n"
        + "\n".join(f"- `{code.value}`: {meaning}" for code, meaning in FIELD_ERROR_CODES.items())
    )
    params: dict[str, ParamValue] = Field(
        default_factory=dict,
        description='What a translation of `code` needs, e.g. `{"max_length": 200}`.',
    )


class ReadModel(BaseModel):
    """A response model read from a domain record: each field from the record's attribute
    of the same name, nested models too (pydantic's `from_attributes`), so a field added
    to a record and to its model needs no mapping code."""

    model_config = ConfigDict(from_attributes=True)

    @classmethod
    def of(cls, record: Any, /, **given: Any) -> Self:
        """`record` as this model; the `given` values, which the API works out itself
        (custom fields still defined, values derived from others), take precedence."""
        if not given:
            return cls.model_validate(record)
        # pydantic-core reads an `(object, dict)` pair as the object's attributes with the
        # dict's items over them (pydantic-core#306), in Rust: as fast as the record alone,
        # where merging in Python cost a fifth more. pydantic's docs do not show it, so
        # tests/api/test_read_models.py holds it to that.
        return cls.model_validate((record, given))


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
                    "errors": [
                        {
                            "field": "email",
                            "message": "value is not a valid email address",
                            "code": "invalid_email",
                            "params": {},
                        }
                    ],
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
