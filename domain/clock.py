"""The current time, in one place, so tests can freeze it."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_utc(moment: datetime | None) -> datetime | None:
    """Any offset in, UTC out: the CRM keeps and answers every time in UTC."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("a time without an offset is ambiguous")
    return moment.astimezone(UTC)
