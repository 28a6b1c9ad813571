from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import ConfigDict, Field
from pydantic.config import JsonDict

from api.schemas.common import ReadModel
from domain.contacts.contact_import import Dedupe, ImportStatus, OnError

_ROW_ERROR_EXAMPLE: JsonDict = {
    "row": 17,
    "field": "emails.0.email",
    "message": "not a valid e-mail",
}


class RowErrorOut(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_ROW_ERROR_EXAMPLE]})

    row: int = Field(description="Line in the file; the header is line 1.")
    field: str
    message: str


class ImportRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "2c4e6a8b-0d1f-4335-9577-9bbdd1f13355",
                    "status": "done",
                    "file_name": "trade-fair-leads.csv",
                    "mapping": {
                        "E-Mail": "email",
                        "Vorname": "first_name",
                        "Nachname": "last_name",
                        "Firma": "company",
                        "Kundennummer": "custom_fields.customer_number",
                    },
                    "dedupe": "skip",
                    "on_error": "skip_row",
                    "total_rows": 250,
                    "validated_rows": 250,
                    "processed_rows": 250,
                    "created": 231,
                    "updated": 0,
                    "skipped": 18,
                    "failed": 1,
                    "errors": [_ROW_ERROR_EXAMPLE],
                    "created_at": "2026-11-20T10:02:00Z",
                    "started_at": "2026-11-20T10:02:01Z",
                    "finished_at": "2026-11-20T10:02:09Z",
                }
            ]
        }
    )

    id: UUID
    status: ImportStatus
    file_name: str
    mapping: dict[str, str]
    dedupe: Dedupe
    on_error: OnError
    total_rows: int
    validated_rows: int
    processed_rows: int
    created: int
    updated: int
    skipped: int
    failed: int
    errors: list[RowErrorOut] = Field(description="The first 1000 row errors.")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
