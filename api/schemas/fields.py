"""Input types shared by resources: country codes, phone numbers, tags, owned-record reads.

Country codes are checked against ISO 3166-1 (pycountry) and phone numbers parsed into
E.164 (phonenumbers, Google's libphonenumber): both are data a library keeps current."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated
from uuid import UUID

import phonenumbers
import pycountry
from pydantic import BaseModel, BeforeValidator, Field
from pydantic_core import PydanticCustomError


def _country(value: object) -> object:
    """Before the length check, so "Sweden" is refused as a country, not as too long."""
    if not isinstance(value, str):
        return value  # refused as not text
    code = value.strip().upper()
    if len(code) != 2 or pycountry.countries.get(alpha_2=code) is None:
        raise PydanticCustomError(
            "invalid_country", "must be an ISO 3166-1 alpha-2 country code such as DE or US"
        )
    return code


CountryCode = Annotated[
    str, Field(min_length=2, max_length=2, examples=["DE"]), BeforeValidator(_country)
]


def _iso_date(value: object) -> object:
    """Only `YYYY-MM-DD` text, as the contract's `format: date` says: pydantic alone would
    also read `0` or `1.5` as seconds after 1970."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("must be a date as YYYY-MM-DD, e.g. 2026-11-27")
    return value


CalendarDate = Annotated[date, BeforeValidator(_iso_date)]


def parse_phone(raw: str, region: str | None, at: str | None = None) -> str:
    """E.164 (`+4930123456`). Without a leading + the number is read in `region`. A refused
    number is an `invalid_phone` error; `at` names the list item it is (`0`)."""
    context: dict[str, str] = {"number": repr(raw)}
    if at is not None:
        context["at"] = at
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException as error:
        raise PydanticCustomError(
            "invalid_phone", "{number} is not a phone number", context
        ) from error
    if not phonenumbers.is_valid_number(number):
        hint = "" if raw.strip().startswith("+") else " (add the country code, e.g. +49)"
        raise PydanticCustomError(
            "invalid_phone", "{number} is not a valid phone number" + hint, context
        )
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


Tag = Annotated[str, Field(min_length=1, max_length=50)]
Tags = Annotated[list[Tag], Field(max_length=50, examples=[["vip", "newsletter"]])]


class OwnedRead(BaseModel):
    """What every owned customer record shows."""

    owner_id: UUID
    team_id: UUID | None
    archived_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int
