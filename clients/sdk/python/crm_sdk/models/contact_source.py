from enum import StrEnum


class ContactSource(StrEnum):
    ADVERTISING = "advertising"
    CALL = "call"
    EMAIL = "email"
    EVENT = "event"
    IMPORT = "import"
    OTHER = "other"
    PARTNER = "partner"
    REFERRAL = "referral"
    SOCIAL = "social"
    WEB_FORM = "web_form"

    def __str__(self) -> str:
        return str(self.value)
