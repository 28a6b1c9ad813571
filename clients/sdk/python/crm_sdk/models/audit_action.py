from enum import StrEnum


class AuditAction(StrEnum):
    ARCHIVED = "archived"
    CREATED = "created"
    MERGED = "merged"
    RESTORED = "restored"
    UPDATED = "updated"

    def __str__(self) -> str:
        return str(self.value)
