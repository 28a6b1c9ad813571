from enum import StrEnum


class FieldErrorCode(StrEnum):
    DUPLICATE = "duplicate"
    INVALID = "invalid"
    INVALID_CHOICE = "invalid_choice"
    INVALID_COUNTRY = "invalid_country"
    INVALID_CURRENCY = "invalid_currency"
    INVALID_DATE = "invalid_date"
    INVALID_EMAIL = "invalid_email"
    INVALID_FORMAT = "invalid_format"
    INVALID_PHONE = "invalid_phone"
    INVALID_TYPE = "invalid_type"
    NOT_ALLOWED = "not_allowed"
    NOT_FOUND = "not_found"
    OUT_OF_RANGE = "out_of_range"
    REQUIRED = "required"
    TOO_FEW = "too_few"
    TOO_LONG = "too_long"
    TOO_MANY = "too_many"
    TOO_SHORT = "too_short"
    UNKNOWN_FIELD = "unknown_field"
    WEAK_PASSWORD = "weak_password"

    def __str__(self) -> str:
        return str(self.value)
