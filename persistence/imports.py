"""Contact imports: the uploaded file, the options and the progress."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, LargeBinary, String, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, deferred, mapped_column

from domain.access.levels import AccessMatrix
from domain.access.principal import Principal
from domain.access.roles import Permission, legacy_access
from domain.contacts.contact_import import ContactImport, Dedupe, ImportStatus, OnError, RowError
from persistence.base import Base, JSONDocument


class ContactImportRow(Base):
    __tablename__ = "contact_imports"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    created_by: Mapped[uuid.UUID] = mapped_column(index=True)
    # Who uploaded, with the rights they had then: the import runs as them.
    principal: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    file_name: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    mapping: Mapped[dict[str, str]] = mapped_column(JSONDocument)
    dedupe: Mapped[str] = mapped_column(String(10))
    on_error: Mapped[str] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20))
    total_rows: Mapped[int] = mapped_column(Integer)
    validated_rows: Mapped[int] = mapped_column(Integer)
    processed_rows: Mapped[int] = mapped_column(Integer)
    created: Mapped[int] = mapped_column(Integer)
    updated: Mapped[int] = mapped_column(Integer)
    skipped: Mapped[int] = mapped_column(Integer)
    failed: Mapped[int] = mapped_column(Integer)
    errors: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument)
    created_at: Mapped[datetime]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]


def _principal_out(principal: Principal) -> dict[str, Any]:
    return {
        "user_id": str(principal.user_id),
        "role_id": str(principal.role_id),
        "rank": principal.rank,
        "permissions": sorted(p.value for p in principal.permissions),
        "access": principal.access.compact(),
        "team_id": str(principal.team_id) if principal.team_id else None,
    }


def _principal_in(data: dict[str, Any]) -> Principal:
    return Principal(
        user_id=uuid.UUID(data["user_id"]),
        role_id=uuid.UUID(data["role_id"]),
        rank=int(data["rank"]),
        permissions=frozenset(Permission(p) for p in data["permissions"]),
        access=_access_in(data),
        team_id=uuid.UUID(data["team_id"]) if data["team_id"] else None,
    )


def _access_in(data: dict[str, Any]) -> AccessMatrix:
    """The access of the uploader. An import queued before access levels were per kind
    carries the one scope of the time: its record permissions at that scope."""
    if "access" in data:
        return AccessMatrix.from_compact(data["access"])
    return legacy_access(data["scope"], frozenset(Permission(p) for p in data["permissions"]))


def _progress(record: ContactImport) -> dict[str, Any]:
    return {
        "status": record.status.value,
        "total_rows": record.total_rows,
        "validated_rows": record.validated_rows,
        "processed_rows": record.processed_rows,
        "created": record.created,
        "updated": record.updated,
        "skipped": record.skipped,
        "failed": record.failed,
        "errors": [{"row": e.row, "field": e.field, "message": e.message} for e in record.errors],
        "started_at": record.started_at,
        "finished_at": record.finished_at,
    }


class SqlImportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, record: ContactImport, content: bytes) -> None:
        self.session.add(
            ContactImportRow(
                id=record.id,
                created_by=record.created_by,
                principal=_principal_out(record.principal),
                file_name=record.file_name,
                content=content,
                mapping=record.mapping,
                dedupe=record.dedupe.value,
                on_error=record.on_error.value,
                created_at=record.created_at,
                **_progress(record),
            )
        )
        await self.session.flush()

    async def get(self, import_id: uuid.UUID) -> ContactImport | None:
        row = await self.session.get(ContactImportRow, import_id, populate_existing=True)
        if row is None:
            return None
        return ContactImport(
            id=row.id,
            created_by=row.created_by,
            principal=_principal_in(row.principal),
            file_name=row.file_name,
            mapping=dict(row.mapping),
            dedupe=Dedupe(row.dedupe),
            on_error=OnError(row.on_error),
            status=ImportStatus(row.status),
            total_rows=row.total_rows,
            validated_rows=row.validated_rows,
            processed_rows=row.processed_rows,
            created=row.created,
            updated=row.updated,
            skipped=row.skipped,
            failed=row.failed,
            errors=[RowError(e["row"], e["field"], e["message"]) for e in row.errors],
            created_at=row.created_at,
            started_at=row.started_at,
            finished_at=row.finished_at,
        )

    async def content(self, import_id: uuid.UUID) -> bytes:
        data = await self.session.scalar(
            select(ContactImportRow.content).where(ContactImportRow.id == import_id)
        )
        return data or b""

    async def save_progress(self, record: ContactImport) -> None:
        await self._save(record)

    async def save_progress_from(
        self, record: ContactImport, validated_rows: int, processed_rows: int
    ) -> bool:
        # The import's row stays locked until this transaction ends: a second run saving
        # from the same point waits here, then finds the import moved on and saves nothing.
        return await self._save(
            record,
            ContactImportRow.validated_rows == validated_rows,
            ContactImportRow.processed_rows == processed_rows,
        )

    async def _save(self, record: ContactImport, *where: ColumnElement[bool]) -> bool:
        saved: Any = await self.session.execute(
            update(ContactImportRow)
            .where(ContactImportRow.id == record.id, *where)
            .values(**_progress(record))
        )
        return bool(saved.rowcount)
