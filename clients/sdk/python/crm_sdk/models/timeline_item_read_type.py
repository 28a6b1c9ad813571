from enum import StrEnum


class TimelineItemReadType(StrEnum):
    DEAL = "deal"
    INTERACTION = "interaction"
    REQUEST = "request"
    TASK = "task"

    def __str__(self) -> str:
        return str(self.value)
