from enum import StrEnum


class Operator(StrEnum):
    EQUALS = "equals"
    GREATER_THAN = "greater_than"
    IN = "in"

    def __str__(self) -> str:
        return str(self.value)
