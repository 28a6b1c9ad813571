from enum import StrEnum


class CustomEntity(StrEnum):
    COMPANY = "company"
    CONTACT = "contact"
    DEAL = "deal"

    def __str__(self) -> str:
        return str(self.value)
