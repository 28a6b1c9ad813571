from enum import StrEnum


class AccessLevel(StrEnum):
    ALL = "all"
    NONE = "none"
    OWN = "own"
    TEAM = "team"

    def __str__(self) -> str:
        return str(self.value)
