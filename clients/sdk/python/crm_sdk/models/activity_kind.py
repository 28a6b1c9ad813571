from enum import StrEnum


class ActivityKind(StrEnum):
    INTERACTION = "interaction"
    TASK = "task"

    def __str__(self) -> str:
        return str(self.value)
