"""Companies table and repository."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any, ClassVar, cast

from sqlalchemy import ForeignKey, Index, Integer, String, Table, Text, insert, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, Mapped, mapped_column

from domain.access.levels import RecordKind
from domain.access.principal import Principal
from domain.contacts.companies import Company, CompanyFilter
from domain.pagination import Page, PageRequest
from persistence.base import POSTGRESQL_ONLY, Base, JSONDocument
from persistence.mapping import RowMapping
from persistence.pagination import fetch_page
from persistence.records import (
    Matching,
    apply_record_filter,
    remember_search_words,
    search_page,
)
from persistence.responsibility import responsible_for_company
from persistence.scope import readable
from persistence.user_rows import TeamRow, UserRow
from persistence.versioned import versioned_update


class CompanyRow(Base):
    __tablename__ = "companies"
    __table_args__ = (
        Index("ix_companies_sort_name_id", "sort_name", "id"),
        Index("ix_companies_created_at_id", "created_at", "id"),
        Index("ix_companies_updated_at_id", "updated_at", "id"),
        Index("ix_companies_owner_id_updated_at", "owner_id", "updated_at", "id"),
        Index("ix_companies_team_id_updated_at", "team_id", "updated_at", "id"),
        Index(
            "ix_companies_search_text_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
            info=POSTGRESQL_ONLY,
        ),
        Index("ix_companies_tags", "tags", postgresql_using="gin", info=POSTGRESQL_ONLY),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    sort_name: Mapped[str] = mapped_column(String(300))
    domain: Mapped[str | None] = mapped_column(String(255), index=True)
    industry: Mapped[str | None] = mapped_column(String(200), index=True)
    size_band: Mapped[str | None] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(2), index=True)
    city: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(Text)
    phone: Mapped[str | None] = mapped_column(String(32))
    tags: Mapped[list[str]] = mapped_column(JSONDocument)
    custom_fields: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    search_text: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(UserRow.id, ondelete="RESTRICT"))
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(TeamRow.id, ondelete="SET NULL"))
    archived_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)


def _search_text(company: Company) -> str:
    parts = [company.name, company.domain, company.phone, company.city]
    return " ".join(p for p in parts if p).lower()


def _derived(company: Company) -> dict[str, Any]:
    return {"sort_name": company.name.lower(), "search_text": _search_text(company)}


COMPANY_ROWS = RowMapping(Company, CompanyRow.__table__, derived=_derived)


# Whoever is responsible for work about a record reads it (persistence/responsibility.py).
IN_CHARGE = responsible_for_company(CompanyRow.id)


class SqlCompanyRepository:
    sorts: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "name": CompanyRow.sort_name,
        "created_at": CompanyRow.created_at,
        "updated_at": CompanyRow.updated_at,
    }

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(
        self, company_id: uuid.UUID, visible_to: Principal | None = None
    ) -> Company | None:
        statement = select(CompanyRow).where(CompanyRow.id == company_id)
        if visible_to is not None:
            statement = readable(
                statement,
                visible_to,
                RecordKind.COMPANIES,
                CompanyRow.owner_id,
                CompanyRow.team_id,
                involved=IN_CHARGE,
            )
        row = await self.session.scalar(statement)
        return COMPANY_ROWS.record_of(row) if row else None

    async def names(
        self, company_ids: Collection[uuid.UUID], principal: Principal
    ) -> dict[uuid.UUID, str]:
        if not company_ids:
            return {}
        # readable() is typed for selects of one column
        named: Any = select(CompanyRow.id, CompanyRow.name)
        statement = readable(
            named.where(CompanyRow.id.in_(list(company_ids))),
            principal,
            RecordKind.COMPANIES,
            CompanyRow.owner_id,
            CompanyRow.team_id,
            involved=IN_CHARGE,
        )
        return {row.id: row.name for row in await self.session.execute(statement)}

    async def find_page(
        self, principal: Principal, filters: CompanyFilter, page: PageRequest
    ) -> Page[Company]:
        statement = readable(
            select(CompanyRow),
            principal,
            RecordKind.COMPANIES,
            CompanyRow.owner_id,
            CompanyRow.team_id,
        )
        statement = apply_record_filter(self.session, statement, CompanyRow, filters)
        if filters.industry is not None:
            statement = statement.where(CompanyRow.industry == filters.industry)
        if filters.size_band is not None:
            statement = statement.where(CompanyRow.size_band == filters.size_band.value)

        async def fetch(matching: Matching) -> Page[Company]:
            return await fetch_page(
                self.session,
                statement.where(matching(CompanyRow.search_text)),
                CompanyRow.id,
                self.sorts,
                page,
                COMPANY_ROWS.record_of,
            )

        if not filters.q:
            return await fetch(lambda _: true())

        async def exists_where(matching: Matching) -> bool:
            found = statement.where(matching(CompanyRow.search_text))
            return bool(await self.session.scalar(select(found.exists())))

        return await search_page(self.session, filters.q, page, fetch, exists_where)

    async def find_by_name(self, name: str, principal: Principal) -> Company | None:
        statement = readable(
            select(CompanyRow),
            principal,
            RecordKind.COMPANIES,
            CompanyRow.owner_id,
            CompanyRow.team_id,
        )
        statement = (
            statement.where(
                CompanyRow.archived_at.is_(None), CompanyRow.sort_name == name.strip().lower()
            )
            .order_by(CompanyRow.created_at, CompanyRow.id)
            .limit(1)
        )
        row = await self.session.scalar(statement)
        return COMPANY_ROWS.record_of(row) if row else None

    async def find_by_names(
        self, names: Collection[str], principal: Principal
    ) -> dict[str, Company]:
        """`find_by_name` for many names in one query, by the name as it looks them up
        (trimmed, lower case); names without a company are left out."""
        keys = sorted({name.strip().lower() for name in names})
        if not keys:
            return {}
        statement = readable(
            select(CompanyRow),
            principal,
            RecordKind.COMPANIES,
            CompanyRow.owner_id,
            CompanyRow.team_id,
        )
        statement = statement.where(
            CompanyRow.archived_at.is_(None), CompanyRow.sort_name.in_(keys)
        ).order_by(CompanyRow.created_at, CompanyRow.id)
        found: dict[str, Company] = {}
        for row in await self.session.scalars(statement):
            found.setdefault(row.sort_name, COMPANY_ROWS.record_of(row))  # the oldest
        return found

    async def add(self, company: Company) -> None:
        values = COMPANY_ROWS.new_row_values(company)
        self.session.add(CompanyRow(**values))
        await self.session.flush()
        await remember_search_words(self.session, [values["search_text"]])

    async def add_many(self, companies: Sequence[Company]) -> None:
        """New companies in one statement (those an import's chunk names for the first
        time)."""
        if not companies:
            return
        values = [COMPANY_ROWS.new_row_values(company) for company in companies]
        await self.session.execute(insert(cast(Table, CompanyRow.__table__)), values)
        await remember_search_words(self.session, [v["search_text"] for v in values])

    async def update(self, company: Company, expected_version: int) -> None:
        values = COMPANY_ROWS.values(company)
        await versioned_update(self.session, CompanyRow, company.id, expected_version, values)
        await remember_search_words(self.session, [values["search_text"]])
        company.version = expected_version + 1
