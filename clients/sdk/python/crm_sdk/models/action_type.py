from enum import StrEnum


class ActionType(StrEnum):
    ADD_TAG = "add_tag"
    ASSIGN_OWNER_ROUND_ROBIN = "assign_owner_round_robin"
    CREATE_TASK = "create_task"
    MOVE_DEAL_TO_STAGE = "move_deal_to_stage"
    SET_CONTACT_LIFECYCLE_STAGE = "set_contact_lifecycle_stage"

    def __str__(self) -> str:
        return str(self.value)
