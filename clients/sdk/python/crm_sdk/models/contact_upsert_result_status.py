from enum import StrEnum


class ContactUpsertResultStatus(StrEnum):
    CREATED = "created"
    ERROR = "error"
    UPDATED = "updated"

    def __str__(self) -> str:
        return str(self.value)
