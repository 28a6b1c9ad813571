"""Errors as RFC 9457 problem details, for every error the API can answer."""

from __future__ import annotations

from typing import Any, cast

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from api.logging import request_id
from api.schemas.common import FieldErrorOut, Problem
from domain.errors import (
    AuthenticationFailed,
    ConcurrentWrite,
    DomainError,
    FieldErrorCode,
    InvalidToken,
    LostUpdate,
    ParamValue,
    PreconditionFailed,
    RateLimited,
    TooManyAttempts,
)

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://crm.example/problems/"

_TITLES = {
    400: "Bad request",
    401: "Authentication failed",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    412: "Precondition failed",
    415: "Unsupported media type",
    422: "Validation failed",
    410: "Gone",
    429: "Too many attempts",
    500: "Internal server error",
}


def problem_response(
    status: int,
    detail: str,
    code: str | None = None,
    title: str | None = None,
    errors: list[FieldErrorOut] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = Problem(
        type=TYPE_BASE + (code or str(status)),
        title=title or _TITLES.get(status, "Error"),
        status=status,
        detail=detail,
        request_id=request_id.get(),
        errors=errors or [],
    )
    return JSONResponse(
        body.model_dump(mode="json"),
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


_C = FieldErrorCode
# Pydantic's error types (https://docs.pydantic.dev/latest/errors/validation_errors/) as
# field error codes; validators of this API raise PydanticCustomError with a code as type.
_PYDANTIC_CODES: dict[str, FieldErrorCode] = {
    "missing": _C.REQUIRED,
    "string_too_short": _C.TOO_SHORT,
    "string_too_long": _C.TOO_LONG,
    "too_short": _C.TOO_FEW,
    "too_long": _C.TOO_MANY,
    "greater_than": _C.OUT_OF_RANGE,
    "greater_than_equal": _C.OUT_OF_RANGE,
    "less_than": _C.OUT_OF_RANGE,
    "less_than_equal": _C.OUT_OF_RANGE,
    "finite_number": _C.OUT_OF_RANGE,
    "enum": _C.INVALID_CHOICE,
    "literal_error": _C.INVALID_CHOICE,
    "extra_forbidden": _C.UNKNOWN_FIELD,
    "date_type": _C.INVALID_DATE,
    "date_parsing": _C.INVALID_DATE,
    "date_from_datetime_parsing": _C.INVALID_DATE,
    "date_from_datetime_inexact": _C.INVALID_DATE,
    **{
        kind: _C.INVALID_TYPE
        for kind in (
            "string_type",
            "int_type",
            "int_parsing",
            "int_from_float",
            "float_type",
            "float_parsing",
            "bool_type",
            "bool_parsing",
            "list_type",
            "dict_type",
            "model_type",
            "model_attributes_type",
            "none_required",
            "decimal_type",
            "decimal_parsing",
            "set_type",
            "tuple_type",
            "is_instance_of",
        )
    },
    **{
        kind: _C.INVALID_FORMAT
        for kind in (
            "uuid_type",
            "uuid_parsing",
            "uuid_version",
            "datetime_type",
            "datetime_parsing",
            "datetime_from_date_parsing",
            "timezone_aware",
            "timezone_naive",
            "url_type",
            "url_parsing",
            "url_scheme",
            "string_pattern_mismatch",
            "json_invalid",
            "json_type",
            "nul_character",
            "time_parsing",
            "time_type",
        )
    },
}
# Which of pydantic's error context a translation needs, under the name it goes by here.
_PYDANTIC_PARAMS = {
    "min_length": "min_length",
    "max_length": "max_length",
    "ge": "min",
    "le": "max",
    "gt": "gt",
    "lt": "lt",
    "expected": "choices",
}


def _code(kind: str, message: str) -> FieldErrorCode:
    if kind in FieldErrorCode.__members__.values():
        return FieldErrorCode(kind)
    if kind == "value_error" and "not a valid email address" in message:
        return _C.INVALID_EMAIL  # pydantic's EmailStr
    return _PYDANTIC_CODES.get(kind, _C.INVALID)


def _params(context: dict[str, Any] | None) -> dict[str, ParamValue]:
    params: dict[str, ParamValue] = {}
    for key, value in (context or {}).items():
        name = _PYDANTIC_PARAMS.get(key)
        if (
            name is not None
            and isinstance(value, str | int | float)
            and not isinstance(value, bool)
        ):
            params[name] = value
    return params


def _field_error(item: dict[str, Any]) -> FieldErrorOut:
    kind, message = str(item.get("type", "")), str(item.get("msg", ""))
    location = tuple(item.get("loc", ()))
    context = item.get("ctx") or {}
    if isinstance(context.get("at"), str):  # a validator of a list names the item it refuses
        location = (*location, *context["at"].split("."))
    code = _code(kind, message)
    if code is _C.TOO_SHORT and context.get("min_length") == 1:
        code = _C.REQUIRED  # blank text where some is needed
    return FieldErrorOut(
        field=_field_path(location), message=message, code=code, params=_params(context)
    )


def _field_path(location: tuple[int | str, ...]) -> str:
    # ("body", "emails", 0) -> "emails.0"; ("query", "limit") -> "limit"
    parts = (
        location[1:]
        if location and location[0] in ("body", "query", "path", "header")
        else location
    )
    return ".".join(str(part) for part in parts) or "body"


async def _on_domain_error(request: Request, error: Exception) -> JSONResponse:
    error = cast(DomainError, error)
    if isinstance(error, LostUpdate) and request.headers.get("if-match", "*") != "*":
        # The use case checked If-Match against the version it read, and a concurrent
        # write replaced that version before this one landed: the precondition failed.
        error = PreconditionFailed(
            "The record changed since you read it; reload and retry.", error.errors
        )
    headers: dict[str, str] = {}
    if isinstance(error, InvalidToken):
        headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    elif isinstance(error, AuthenticationFailed):
        headers["WWW-Authenticate"] = "Bearer"  # RFC 6750: no error code without a token
    if isinstance(error, TooManyAttempts | ConcurrentWrite | RateLimited):
        headers["Retry-After"] = str(error.retry_after_seconds)
    return problem_response(
        error.status,
        error.detail,
        code=error.code,
        title=error.title,
        errors=[
            FieldErrorOut(field=e.field, message=e.message, code=e.code, params=e.params)
            for e in error.errors
        ],
        headers=headers or None,
    )


async def _on_validation_error(request: Request, error: Exception) -> JSONResponse:
    error = cast(RequestValidationError, error)
    errors = [_field_error(item) for item in error.errors()]
    names = ", ".join(sorted({e.field for e in errors}))
    return problem_response(
        422, f"Invalid input: {names}.", code="validation-failed", errors=errors
    )


def _allowed_methods(request: Request) -> str:
    """Every method some route serves at this path. Starlette's own 405 names only the
    first route that matched, while one path here is served by several routes."""
    allowed = []
    for method in ("GET", "POST", "PUT", "PATCH", "DELETE"):
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes):
            allowed.append(method)
    return ", ".join(sorted(allowed))


async def _on_http_error(request: Request, error: Exception) -> JSONResponse:
    error = cast(StarletteHTTPException, error)
    detail = error.detail if isinstance(error.detail, str) else _TITLES.get(error.status_code, "")
    headers = dict(error.headers or {})
    if error.status_code == 405:
        headers["Allow"] = _allowed_methods(request)
    return problem_response(error.status_code, detail, headers=headers or None)


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _on_domain_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(HTTPException, _on_http_error)


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """Documents the problem responses an operation can give, for the SDKs."""
    documented: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        documented[status] = {
            "description": _TITLES.get(status, "Error"),
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": _PROBLEM_REF}}},
        }
        if status == 429:
            documented[status]["headers"] = _RETRY_AFTER
    return documented


_PROBLEM_REF = "#/components/schemas/Problem"
_RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before sending the request again",
        "schema": {"type": "integer"},
    }
}
_RATE_LIMITED = (
    "Too many requests: the caller's quota (per API key, person, or address without a"
    " credential) is spent for this window; the RateLimit header of every answer says"
    " what is left. Send again after Retry-After seconds."
)
_BAD_CURSOR = "Bad request: a `cursor` this list did not answer (edited, forged or another list's)"
_CONCURRENT_WRITE = (
    "Concurrent write: the database broke the request off as it collided with another;"
    " nothing was written, so it may be sent again after Retry-After seconds"
)


def document_problems(schema: dict[str, Any]) -> dict[str, Any]:
    """Makes the contract say what the API does: every error response, FastAPI's own
    422 included, is application/problem+json with the Problem schema."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    components.update(problem.pop("$defs", {}))
    components["Problem"] = problem
    for path, path_item in schema.get("paths", {}).items():
        for method, operation in path_item.items():
            if path.startswith("/api/"):
                # api/rate_limits.py: every request to the API counts against a quota.
                operation["responses"].setdefault(
                    "429", {"description": _RATE_LIMITED, "headers": _RETRY_AFTER}
                )
            if any(p.get("name") == "cursor" for p in operation.get("parameters", [])):
                # domain/pagination.py: a cursor the server did not sign is malformed.
                operation["responses"].setdefault("400", {"description": _BAD_CURSOR})
            if "requestBody" in operation:
                # A body that cannot even be decoded is refused before validation.
                operation["responses"].setdefault("400", {"description": _TITLES[400]})
            if method in ("post", "put", "patch", "delete") and "auth" not in operation.get(
                "tags", []
            ):
                # What a write to records may meet (persistence/uow.py): a record it refers
                # to changed meanwhile, or a collision the database broke off. Signing in
                # and out touch only the caller's own tokens.
                operation["responses"].setdefault("409", {"description": _TITLES[409]})
                operation["responses"].setdefault(
                    "503", {"description": _CONCURRENT_WRITE, "headers": _RETRY_AFTER}
                )
            for code, response in operation.get("responses", {}).items():
                if code[0] in "45":
                    response["content"] = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": _PROBLEM_REF}}}
                    if code == "422":
                        response["description"] = _TITLES[422]
    for fastapi_default in ("HTTPValidationError", "ValidationError"):
        components.pop(fastapi_default, None)
    return schema
