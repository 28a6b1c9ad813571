from enum import StrEnum


class RecordScope(StrEnum):
    ALL = "all"
    OWN = "own"
    TEAM = "team"

    def __str__(self) -> str:
        return str(self.value)
