"""External ids of contacts, companies and deals (domain/external_ids.py)."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping
from typing import Any

from sqlalchemy import JSON, Index, String, delete, func, insert, select, type_coerce
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from domain.access.levels import RecordKind
from domain.external_ids import MAX_EXTERNAL_ID, MAX_SOURCE
from persistence.base import Base


class ExternalIdRow(Base):
    """One pair per row; the primary key is the unique key that decides races. No
    foreign key: the record is a contact, a company or a deal, as `kind` says."""

    __tablename__ = "external_ids"
    __table_args__ = (Index("ix_external_ids_kind_record_id", "kind", "record_id"),)

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    source: Mapped[str] = mapped_column(String(MAX_SOURCE), primary_key=True)
    external_id: Mapped[str] = mapped_column(String(MAX_EXTERNAL_ID), primary_key=True)
    record_id: Mapped[uuid.UUID] = mapped_column()


def pairs_column(kind: RecordKind, record_id: Any, dialect: str) -> Any:
    """A column of a record's external ids as a JSON array of [source, id], to read in
    the record's own statement (labelled `external_ids_json`); `pairs_of` reads it."""
    array = func.json_build_array if dialect == "postgresql" else func.json_array
    collect = func.json_agg if dialect == "postgresql" else func.json_group_array
    pairs = (
        select(collect(array(ExternalIdRow.source, ExternalIdRow.external_id)))
        .where(ExternalIdRow.kind == kind.value, ExternalIdRow.record_id == record_id)
        .scalar_subquery()
    )
    return type_coerce(pairs, JSON).label("external_ids_json")


def pairs_of(aggregated: list[list[str]] | None) -> dict[str, str]:
    """A record's external ids from `pairs_column`, by source."""
    return dict(sorted(aggregated or []))


class SqlExternalIdRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        # The pairs of records this unit of work read along with their rows (a contact's
        # come in its row's statement: persistence/contacts.py), so showing them costs no
        # query of its own. Dropped for a record whose pairs this unit of work changes.
        self._known: dict[tuple[RecordKind, uuid.UUID], dict[str, str]] = {}

    def remember(self, kind: RecordKind, pairs: Mapping[uuid.UUID, dict[str, str]]) -> None:
        for record_id, of_record in pairs.items():
            self._known[(kind, record_id)] = of_record

    async def find(self, kind: RecordKind, source: str, external_id: str) -> uuid.UUID | None:
        statement = select(ExternalIdRow.record_id).where(
            ExternalIdRow.kind == kind.value,
            ExternalIdRow.source == source,
            ExternalIdRow.external_id == external_id,
        )
        return (await self.session.execute(statement)).scalar_one_or_none()

    async def of(
        self, kind: RecordKind, record_ids: Collection[uuid.UUID]
    ) -> dict[uuid.UUID, dict[str, str]]:
        found: dict[uuid.UUID, dict[str, str]] = {}
        missing = []
        for record_id in record_ids:
            known = self._known.get((kind, record_id))
            if known is None:
                missing.append(record_id)
            elif known:
                found[record_id] = dict(known)
        if not missing:
            return found
        statement = (
            select(ExternalIdRow.record_id, ExternalIdRow.source, ExternalIdRow.external_id)
            .where(ExternalIdRow.kind == kind.value, ExternalIdRow.record_id.in_(missing))
            .order_by(ExternalIdRow.source)
        )
        for record_id, source, external_id in await self.session.execute(statement):
            found.setdefault(record_id, {})[source] = external_id
        return found

    async def claim(
        self, kind: RecordKind, record_id: uuid.UUID, source: str, external_id: str
    ) -> bool:
        self._known.pop((kind, record_id), None)
        statement = insert(ExternalIdRow).values(
            kind=kind.value, source=source, external_id=external_id, record_id=record_id
        )
        try:
            # A savepoint of its own: the unique key's refusal undoes this insert only.
            # On PostgreSQL the insert waits for a racing transaction that inserted the
            # same pair, and fails once that one commits.
            async with self.session.begin_nested():
                await self.session.execute(statement)
        except IntegrityError:
            return False
        return True

    async def release(self, kind: RecordKind, record_id: uuid.UUID, source: str) -> None:
        self._known.pop((kind, record_id), None)
        await self.session.execute(
            delete(ExternalIdRow).where(
                ExternalIdRow.kind == kind.value,
                ExternalIdRow.record_id == record_id,
                ExternalIdRow.source == source,
            )
        )
