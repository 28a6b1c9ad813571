from enum import StrEnum


class LifecycleStage(StrEnum):
    CHURNED = "churned"
    CUSTOMER = "customer"
    LEAD = "lead"
    PROSPECT = "prospect"

    def __str__(self) -> str:
        return str(self.value)
