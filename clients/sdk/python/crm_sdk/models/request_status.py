from enum import StrEnum


class RequestStatus(StrEnum):
    CLOSED = "closed"
    NEW = "new"
    OPEN = "open"
    PENDING = "pending"
    RESOLVED = "resolved"

    def __str__(self) -> str:
        return str(self.value)
