from enum import StrEnum


class ItemType(StrEnum):
    INTERACTION = "interaction"
    REQUEST = "request"
    TASK = "task"

    def __str__(self) -> str:
        return str(self.value)
