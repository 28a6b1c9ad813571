from enum import StrEnum


class Dedupe(StrEnum):
    CREATE = "create"
    SKIP = "skip"
    UPDATE = "update"

    def __str__(self) -> str:
        return str(self.value)
