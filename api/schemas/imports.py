from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel, Field

from domain.contact_import import ContactImport, Dedupe, ImportStatus, OnError


class RowErrorOut(BaseModel):
    row: int = Field(description="Line in the file; the header is line 1.")
    field: str
    message: str


class ImportRead(BaseModel):
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

    @classmethod
    def of(cls, record: ContactImport) -> ImportRead:
        return cls(
            id=record.id,
            status=record.status,
            file_name=record.file_name,
            mapping=record.mapping,
            dedupe=record.dedupe,
            on_error=record.on_error,
            total_rows=record.total_rows,
            validated_rows=record.validated_rows,
            processed_rows=record.processed_rows,
            created=record.created,
            updated=record.updated,
            skipped=record.skipped,
            failed=record.failed,
            errors=[
                RowErrorOut(row=e.row, field=e.field, message=e.message) for e in record.errors
            ],
            created_at=record.created_at,
            started_at=record.started_at,
            finished_at=record.finished_at,
        )
