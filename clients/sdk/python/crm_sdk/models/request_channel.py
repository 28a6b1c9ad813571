from enum import StrEnum


class RequestChannel(StrEnum):
    CALL = "call"
    CHAT = "chat"
    EMAIL = "email"
    IN_PERSON = "in_person"
    OTHER = "other"
    SOCIAL = "social"
    WEB_FORM = "web_form"

    def __str__(self) -> str:
        return str(self.value)
