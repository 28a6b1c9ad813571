from enum import StrEnum


class TaskStatus(StrEnum):
    CANCELED = "canceled"
    DONE = "done"
    OPEN = "open"

    def __str__(self) -> str:
        return str(self.value)
