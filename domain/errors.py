"""Domain errors. Each carries the HTTP status it maps to, so the API renders them
globally as problem+json without a router having to translate anything."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as attribute
from enum import StrEnum
from typing import TypeAlias

ParamValue: TypeAlias = str | int | float


class FieldErrorCode(StrEnum):
    """What is wrong with one input field, as a client can translate it. A closed, stable
    vocabulary: codes are added with care and never renamed; a client shows a generic
    message for a code it does not know."""

    REQUIRED = "required"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    TOO_FEW = "too_few"
    TOO_MANY = "too_many"
    OUT_OF_RANGE = "out_of_range"
    INVALID_TYPE = "invalid_type"
    INVALID_FORMAT = "invalid_format"
    INVALID_DATE = "invalid_date"
    INVALID_EMAIL = "invalid_email"
    INVALID_PHONE = "invalid_phone"
    INVALID_COUNTRY = "invalid_country"
    INVALID_CURRENCY = "invalid_currency"
    INVALID_CHOICE = "invalid_choice"
    UNKNOWN_FIELD = "unknown_field"
    NOT_FOUND = "not_found"
    DUPLICATE = "duplicate"
    NOT_ALLOWED = "not_allowed"
    WEAK_PASSWORD = "weak_password"  # noqa: S105 (a code, not a password)
    INVALID = "invalid"


@dataclass(frozen=True)
class FieldError:
    """One offending input field: `field` is a dotted path such as `role_id` or `emails.0`;
    `code` says what is wrong for clients to translate, with what a translation needs
    (a maximum length, a range) in `params`; `message` says it in English."""

    field: str
    message: str
    code: FieldErrorCode = FieldErrorCode.INVALID
    params: dict[str, ParamValue] = attribute(default_factory=dict, compare=False, hash=False)


class DomainError(Exception):
    status: int = 400
    code: str = "bad-request"
    title: str = "Bad request"

    def __init__(self, detail: str, errors: list[FieldError] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors: list[FieldError] = errors or []


class AuthenticationFailed(DomainError):
    status = 401
    code = "unauthenticated"
    title = "Authentication failed"


class InvalidToken(AuthenticationFailed):
    """A credential was presented and it is expired, forged or malformed."""


class PermissionDenied(DomainError):
    status = 403
    code = "forbidden"
    title = "Forbidden"


class NotFound(DomainError):
    """Also the answer for records outside the caller's scope, so ids do not leak."""

    status = 404
    code = "not-found"
    title = "Not found"


class Conflict(DomainError):
    status = 409
    code = "conflict"
    title = "Conflict"


class LostUpdate(Conflict):
    """A compare-and-set write found the record's version moved on since it was read: a
    concurrent write won. Without a precondition that is a 409; when the caller sent
    `If-Match`, the version it named is gone, and the API answers 412 (api/problems.py)."""


class PreconditionFailed(DomainError):
    status = 412
    code = "precondition-failed"
    title = "Precondition failed"


class InvalidCursor(DomainError):
    """A list's `cursor` the server did not issue (edited, forged, from another list or
    sort): a 400, as the request is malformed rather than its values invalid."""

    status = 400
    code = "invalid-cursor"
    title = "Bad request"

    def __init__(
        self, message: str = "is not a cursor this API issued", field_name: str = "cursor"
    ) -> None:
        super().__init__(
            f"Invalid {field_name}: {message}.",
            [FieldError(field_name, message, FieldErrorCode.INVALID_FORMAT)],
        )


class ValidationFailed(DomainError):
    status = 422
    code = "validation-failed"
    title = "Validation failed"

    @classmethod
    def on(
        cls,
        field_name: str,
        message: str,
        code: FieldErrorCode = FieldErrorCode.INVALID,
        **params: ParamValue,
    ) -> ValidationFailed:
        return cls(
            f"Invalid {field_name}: {message}.", [FieldError(field_name, message, code, params)]
        )


class ConcurrentWrite(DomainError):
    """The database broke the transaction off because it collided with a concurrent one
    (a deadlock, or a serialization failure). Nothing of it was written, so sending the
    same request again is safe."""

    status = 503
    code = "concurrent-write"
    title = "Concurrent write"
    retry_after_seconds = 1

    def __init__(self) -> None:
        super().__init__(
            "The request collided with a concurrent change and was rolled back;"
            " nothing was written. Send it again."
        )


class RateLimited(DomainError):
    """More requests in the window than the caller's quota allows (api/rate_limits.py)."""

    status = 429
    code = "rate-limited"
    title = "Too many requests"

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(
            f"Too many requests; this quota allows more in {retry_after_seconds} seconds."
        )
        self.retry_after_seconds = retry_after_seconds


class TooManyAttempts(DomainError):
    status = 429
    code = "too-many-attempts"
    title = "Too many attempts"

    def __init__(self, retry_after_seconds: int) -> None:
        super().__init__(f"Too many failed attempts; try again in {retry_after_seconds} seconds.")
        self.retry_after_seconds = retry_after_seconds
