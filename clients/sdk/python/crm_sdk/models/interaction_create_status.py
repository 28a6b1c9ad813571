from enum import StrEnum


class InteractionCreateStatus(StrEnum):
    DONE = "done"
    PLANNED = "planned"

    def __str__(self) -> str:
        return str(self.value)
