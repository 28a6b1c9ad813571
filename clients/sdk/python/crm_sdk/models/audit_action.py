from enum import StrEnum


class AuditAction(StrEnum):
    ARCHIVED = "archived"
    CREATED = "created"
    DELETED = "deleted"
    EXPORTED = "exported"
    MERGED = "merged"
    RESTORED = "restored"
    SESSION_ENDED = "session_ended"
    SIGNED_IN = "signed_in"
    SIGN_IN_FAILED = "sign_in_failed"
    UPDATED = "updated"

    def __str__(self) -> str:
        return str(self.value)
