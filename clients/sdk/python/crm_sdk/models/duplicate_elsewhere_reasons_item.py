from enum import StrEnum


class DuplicateElsewhereReasonsItem(StrEnum):
    EMAIL = "email"
    NAME_AT_COMPANY = "name_at_company"
    PHONE = "phone"

    def __str__(self) -> str:
        return str(self.value)
