"""Small text rules shared by every record: names are trimmed and never blank."""

from __future__ import annotations

from domain.errors import FieldErrorCode, ValidationFailed


def clean_name(value: str, field: str = "name") -> str:
    """Collapses runs of white space; a name of nothing but spaces is refused."""
    cleaned = " ".join(value.split())
    if not cleaned:
        raise ValidationFailed.on(field, "must not be blank", FieldErrorCode.REQUIRED)
    return cleaned


def optional_text(value: object) -> str | None:
    """Free text with white space collapsed; empty means absent."""
    if value is None:
        return None
    cleaned = " ".join(str(value).split())
    return cleaned or None
