from enum import StrEnum


class Channel(StrEnum):
    CALL = "call"
    CHAT = "chat"
    EMAIL = "email"
    IN_PERSON = "in_person"
    MEETING = "meeting"
    NOTE = "note"
    OTHER = "other"
    SMS = "sms"
    SOCIAL = "social"

    def __str__(self) -> str:
        return str(self.value)
