from enum import StrEnum


class ValueKind(StrEnum):
    BOOLEAN = "boolean"
    CHOICE = "choice"
    ID = "id"
    NUMBER = "number"
    OUTCOME = "outcome"
    TAGS = "tags"
    TEXT = "text"

    def __str__(self) -> str:
        return str(self.value)
