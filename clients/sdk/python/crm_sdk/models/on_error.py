from enum import StrEnum


class OnError(StrEnum):
    ABORT = "abort"
    SKIP_ROW = "skip_row"

    def __str__(self) -> str:
        return str(self.value)
