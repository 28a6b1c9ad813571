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
from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field
from pydantic_core import PydanticCustomError

from api.schemas.common import ReadModel


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


# The years a moment or a day the API accepts may fall in. Far wider than any record
# needs, and narrow enough that converting to UTC, adding a day or a reminder's lead time
# never leaves the calendar Python and the databases hold (years 1 to 9999): at its edge,
# `0001-01-01T00:00:00+14:00` is a moment of year 0 in UTC, and the conversion a crash.
MIN_YEAR, MAX_YEAR = 1900, 2200
_RANGE = f"must lie in the years {MIN_YEAR} to {MAX_YEAR}"


def _iso_date(value: object) -> object:
    """Only `YYYY-MM-DD` text, as the contract's `format: date` says: pydantic alone would
    also read `0` or `1.5` as seconds after 1970."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise PydanticCustomError("invalid_date", "must be a date as YYYY-MM-DD, e.g. 2026-11-27")
    return value


def _out_of_range() -> PydanticCustomError:
    return PydanticCustomError("out_of_range", _RANGE, {"ge": MIN_YEAR, "le": MAX_YEAR})


def _day_in_range(value: date) -> date:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise _out_of_range()
    return value


CalendarDate = Annotated[date, BeforeValidator(_iso_date), AfterValidator(_day_in_range)]


def _iso_8601(value: object) -> object:
    """Only RFC 3339 text: pydantic would also read `0.5` as seconds after 1970."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or "T" not in value.upper():
        raise PydanticCustomError(
            "invalid_format", "must be an RFC 3339 timestamp with offset, e.g. 2026-11-27T09:00:00Z"
        )
    return value


def _moment_in_range(value: datetime) -> datetime:
    # The year as written: within 1900-2200 no offset (at most a day) can push the UTC
    # moment out of the calendar.
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise _out_of_range()
    return value


# Every moment the API accepts, in a body or a query: RFC 3339 with an offset, in range.
Timestamp = Annotated[AwareDatetime, BeforeValidator(_iso_8601), AfterValidator(_moment_in_range)]


def at_most(limit: int) -> AfterValidator:
    """A length limit checked before anything else runs, for text that reaches the
    database or a password hash. Kept out of the schema on purpose: there, a limit added
    to an input after release counts as breaking (api/contract_diff.py), while no value
    over these limits was ever meaningful. The parameter's description states it."""

    def check(value: str | None) -> str | None:
        if value is not None and len(value) > limit:
            raise PydanticCustomError(
                "too_long", "must be at most {max_length} characters", {"max_length": limit}
            )
        return value

    return AfterValidator(check)


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


class OwnedRead(ReadModel):
    """What every owned customer record shows."""

    owner_id: UUID
    team_id: UUID | None
    archived_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int


# Checked by the domain (domain/external_ids.py), which names the offending source in
# its 422 (`external_ids.erp`); here only their shape.
ExternalIdsIn = Annotated[
    dict[str, str | None] | None,
    Field(
        description="Ids other systems know the record by, by source (1 to 40 lowercase "
        "letters, digits, '-' or '_'; an id: 1 to 200 printable characters). Sources sent "
        "are set, a null id removes that source's; sources not sent keep theirs. A pair "
        "another record holds is a 409.",
        examples=[{"erp": "C-10023", "shop": "42"}],
    ),
]
ExternalIdsOut = Annotated[
    dict[str, str],
    Field(
        description="Ids other systems know the record by, by source.",
        examples=[{"erp": "C-10023", "shop": "42"}],
    ),
]
