from enum import StrEnum


class RecordType(StrEnum):
    CONTACT = "contact"
    DEAL = "deal"
    INTERACTION = "interaction"
    REQUEST = "request"

    def __str__(self) -> str:
        return str(self.value)
