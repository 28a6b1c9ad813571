from enum import StrEnum


class ImportStatus(StrEnum):
    DONE = "done"
    FAILED = "failed"
    IMPORTING = "importing"
    QUEUED = "queued"
    VALIDATING = "validating"

    def __str__(self) -> str:
        return str(self.value)
