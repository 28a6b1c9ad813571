from enum import StrEnum


class Trigger(StrEnum):
    CONTACT_CREATED = "contact_created"
    DEAL_ENTERED_STAGE = "deal_entered_stage"
    DEAL_IDLE_IN_STAGE = "deal_idle_in_stage"
    INTERACTION_COMPLETED = "interaction_completed"
    REQUEST_CREATED = "request_created"

    def __str__(self) -> str:
        return str(self.value)
