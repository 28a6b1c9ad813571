from enum import StrEnum


class RecordKind(StrEnum):
    COMPANIES = "companies"
    CONTACTS = "contacts"
    DEALS = "deals"
    INTERACTIONS = "interactions"
    REQUESTS = "requests"
    TASKS = "tasks"

    def __str__(self) -> str:
        return str(self.value)
