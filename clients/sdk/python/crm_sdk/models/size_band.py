from enum import StrEnum


class SizeBand(StrEnum):
    VALUE_0 = "1-10"
    VALUE_1 = "11-50"
    VALUE_2 = "51-200"
    VALUE_3 = "201-1000"
    VALUE_4 = "1001-5000"
    VALUE_5 = "5001+"

    def __str__(self) -> str:
        return str(self.value)
