"""Keyset pagination: a page of items and the opaque cursor of the next one.

A cursor is the sort key of the last row a page showed, as JSON, signed with an HMAC of
a key only the server knows: clients cannot read anything into it, and a cursor the
server did not write (edited, forged, garbage) is refused as a 400 before any of it is
used. Its content is still checked once the signature holds, so a cursor from another
list or another sort is refused too, not a crash."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, Generic, TypeVar
from uuid import UUID

from domain.errors import InvalidCursor

T = TypeVar("T")

MAX_PAGE_SIZE = 200
DEFAULT_PAGE_SIZE = 50

# 16 bytes of HMAC-SHA256: guessing a valid one is as hopeless as guessing a UUID twice.
_MAC_BYTES = 16
_BASE64URL = re.compile(r"[A-Za-z0-9_-]+")


def cursor_key(secret: str) -> bytes:
    """The key cursors are signed with, derived from the server's secret so the same
    secret signing tokens never signs anything a client could turn into one."""
    return hmac.new(secret.encode(), b"crm pagination cursor v1", hashlib.sha256).digest()


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    if not _BASE64URL.fullmatch(text) or len(text) % 4 == 1:
        raise InvalidCursor()
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise InvalidCursor() from error


@lru_cache(maxsize=16)
def _keyed(key: bytes) -> hmac.HMAC:
    """The HMAC's state after taking in the key, made once per key and copied for each
    cursor: a page of the change feed signs a thousand (one per event)."""
    return hmac.new(key, digestmod=hashlib.sha256)


def _mac(key: bytes, payload: str) -> bytes:
    mac = _keyed(key).copy()
    mac.update(payload.encode())
    return mac.digest()[:_MAC_BYTES]


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


# json.dumps(parts, separators=(",", ":")), without making an encoder for each call.
_compact_json = json.JSONEncoder(separators=(",", ":")).encode


def seal(key: bytes, parts: list[Any]) -> str:
    payload = _b64(_compact_json(parts).encode())
    return f"{payload}.{_b64(_mac(key, payload))}"


def unseal(key: bytes, cursor: str, count: int) -> list[Any]:
    """The `count` parts of a cursor `seal` wrote with `key`; InvalidCursor for anything
    else. The signature is checked first: nothing of an unsigned cursor is decoded."""
    payload, dot, signature = cursor.partition(".")
    if not dot or not hmac.compare_digest(_unb64(signature), _mac(key, payload)):
        raise InvalidCursor()
    try:
        parts = json.loads(_unb64(payload), parse_constant=_no_constant)
    except ValueError as error:  # UnicodeDecodeError and JSONDecodeError included
        raise InvalidCursor() from error
    if not isinstance(parts, list) or len(parts) != count:
        raise InvalidCursor()
    return parts


def cursor_moment(value: Any) -> datetime:
    """A moment a cursor carries, in UTC, or InvalidCursor: a naive one or one beyond the
    calendar once in UTC would fail in the database."""
    try:
        if not isinstance(value, str):
            raise TypeError("not text")
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError("no UTC offset")
        return moment.astimezone(UTC)
    except (ValueError, TypeError, OverflowError) as error:
        raise InvalidCursor() from error


def cursor_id(value: Any) -> UUID:
    try:
        if not isinstance(value, str):  # UUID() fails on other types with AttributeError
            raise TypeError("the row id is not a string")
        return UUID(value)
    except (ValueError, TypeError) as error:
        raise InvalidCursor() from error


def cursor_value(value: Any) -> Any:
    """A plain sort value (text or number) a cursor carries, or InvalidCursor for what no
    column holds: text with NUL characters, numbers beyond 64 bits, NaN."""
    if isinstance(value, str) and "\x00" not in value:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63:
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    raise InvalidCursor()


@dataclass(frozen=True)
class PageRequest:
    limit: int = DEFAULT_PAGE_SIZE
    cursor: str | None = None
    sort: str = "-created_at"
    # Signs the cursors this list hands out and checks the one it was given. The API sets
    # it from the server's secret; a list read inside the server (an export) pages with
    # the default, its cursors never leaving the process.
    cursor_key: bytes = field(default=b"", repr=False)

    def next_cursor(self, *parts: Any) -> str:
        return seal(self.cursor_key, list(parts))

    def cursor_parts(self, count: int) -> list[Any] | None:
        """The parts of the given cursor (None without one), or InvalidCursor."""
        return None if self.cursor is None else unseal(self.cursor_key, self.cursor, count)


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str | None
