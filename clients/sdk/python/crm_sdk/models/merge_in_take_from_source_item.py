from enum import StrEnum


class MergeInTakeFromSourceItem(StrEnum):
    CITY = "city"
    COMPANY_ID = "company_id"
    COUNTRY = "country"
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    LIFECYCLE_STAGE = "lifecycle_stage"
    MARKETING_CONSENT = "marketing_consent"
    OWNER_ID = "owner_id"
    PROCESSING_CONSENT = "processing_consent"
    SOURCE = "source"
    TITLE = "title"

    def __str__(self) -> str:
        return str(self.value)
