from enum import StrEnum


class GroupBy(StrEnum):
    MONTH = "month"
    OWNER = "owner"

    def __str__(self) -> str:
        return str(self.value)
