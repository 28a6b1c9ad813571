from enum import StrEnum


class AgendaItemReadType(StrEnum):
    INTERACTION = "interaction"
    TASK = "task"

    def __str__(self) -> str:
        return str(self.value)
