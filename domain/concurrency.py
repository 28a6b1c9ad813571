"""Optimistic concurrency: every record has a `version`, its ETag on the wire."""

from __future__ import annotations

from domain.errors import PreconditionFailed


def check_version(current: int, expected: int | None) -> None:
    """`If-Match`: a write based on an older version of the record is refused."""
    if expected is not None and expected != current:
        raise PreconditionFailed(
            f"The record changed since you read it (now version {current}); reload and retry."
        )
