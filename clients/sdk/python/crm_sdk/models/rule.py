from enum import StrEnum


class Rule(StrEnum):
    ALL = "all"
    INACTIVE = "inactive"
    IN_CHARGE = "in_charge"
    NO_ACCESS = "no_access"
    OUT_OF_REACH = "out_of_reach"
    OWNER = "owner"
    RESPONSIBLE = "responsible"
    TEAM = "team"

    def __str__(self) -> str:
        return str(self.value)
