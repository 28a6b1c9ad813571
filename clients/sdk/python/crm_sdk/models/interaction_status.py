from enum import StrEnum


class InteractionStatus(StrEnum):
    CANCELED = "canceled"
    DONE = "done"
    PLANNED = "planned"

    def __str__(self) -> str:
        return str(self.value)
