"""Deals and their stage changes."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Date,
    ForeignKey,
    Index,
    Integer,
    Select,
    String,
    Text,
    func,
    literal,
    select,
    tuple_,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, Mapped, mapped_column

from domain.deals import Deal, DealFilter, DealStatus, StageChange, StageColumn
from domain.pagination import Page, PageRequest
from domain.pipelines import Pipeline
from domain.principal import Principal
from persistence.base import Base, JSONDocument
from persistence.companies import CompanyRow
from persistence.contacts import ContactRow
from persistence.pagination import fetch_page
from persistence.pipelines import PipelineRow, StageRow
from persistence.scope import readable
from persistence.teams import TeamRow
from persistence.users import UserRow
from persistence.versioned import versioned_update


class DealRow(Base):
    __tablename__ = "deals"
    __table_args__ = (
        Index("ix_deals_stage_id_updated_at", "stage_id", "updated_at", "id"),
        Index("ix_deals_owner_id_updated_at", "owner_id", "updated_at", "id"),
        Index("ix_deals_updated_at_id", "updated_at", "id"),
        Index("ix_deals_created_at_id", "created_at", "id"),
        Index("ix_deals_pipeline_id_status", "pipeline_id", "status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    sort_title: Mapped[str] = mapped_column(String(300))
    pipeline_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(PipelineRow.id, ondelete="RESTRICT"))
    stage_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(StageRow.id, ondelete="RESTRICT"))
    status: Mapped[str] = mapped_column(String(10))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    contact_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(ContactRow.id, ondelete="SET NULL"), index=True
    )
    company_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(CompanyRow.id, ondelete="SET NULL"), index=True
    )
    expected_close: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String(100))
    tags: Mapped[list[str]] = mapped_column(JSONDocument)
    custom_fields: Mapped[dict[str, Any]] = mapped_column(JSONDocument)
    lost_reason: Mapped[str | None] = mapped_column(Text)
    won_at: Mapped[datetime | None]
    lost_at: Mapped[datetime | None]
    stage_entered_at: Mapped[datetime]
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(UserRow.id, ondelete="RESTRICT"))
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(TeamRow.id, ondelete="SET NULL"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)


class StageChangeRow(Base):
    __tablename__ = "deal_stage_changes"
    __table_args__ = (Index("ix_deal_stage_changes_contact_at", "contact_id", "at", "id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    deal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(DealRow.id, ondelete="CASCADE"), index=True
    )
    from_stage_id: Mapped[uuid.UUID | None]
    to_stage_id: Mapped[uuid.UUID]
    by: Mapped[uuid.UUID | None]
    seconds_in_previous: Mapped[int | None] = mapped_column(BigInteger)
    contact_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(ContactRow.id, ondelete="SET NULL")
    )
    at: Mapped[datetime]


def scoped_deals(statement: Any, principal: Principal) -> Any:
    return readable(statement, principal, DealRow.owner_id, DealRow.team_id)


def _values(deal: Deal) -> dict[str, Any]:
    return {
        "title": deal.title,
        "sort_title": deal.title.lower(),
        "pipeline_id": deal.pipeline_id,
        "stage_id": deal.stage_id,
        "status": deal.status.value,
        "amount": deal.amount,
        "currency": deal.currency,
        "contact_id": deal.contact_id,
        "company_id": deal.company_id,
        "expected_close": deal.expected_close,
        "source": deal.source,
        "tags": deal.tags,
        "custom_fields": deal.custom_fields,
        "lost_reason": deal.lost_reason,
        "won_at": deal.won_at,
        "lost_at": deal.lost_at,
        "stage_entered_at": deal.stage_entered_at,
        "owner_id": deal.owner_id,
        "team_id": deal.team_id,
        "updated_at": deal.updated_at,
    }


def deal_to_domain(row: Any) -> Deal:
    return Deal(
        id=row.id,
        title=row.title,
        pipeline_id=row.pipeline_id,
        stage_id=row.stage_id,
        status=DealStatus(row.status),
        amount=row.amount,
        currency=row.currency,
        contact_id=row.contact_id,
        company_id=row.company_id,
        expected_close=row.expected_close,
        source=row.source,
        tags=list(row.tags),
        custom_fields=dict(row.custom_fields),
        lost_reason=row.lost_reason,
        won_at=row.won_at,
        lost_at=row.lost_at,
        stage_entered_at=row.stage_entered_at,
        owner_id=row.owner_id,
        team_id=row.team_id,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.version,
    )


def change_to_domain(row: Any) -> StageChange:
    return StageChange(
        id=row.id,
        deal_id=row.deal_id,
        from_stage_id=row.from_stage_id,
        to_stage_id=row.to_stage_id,
        by=row.by,
        seconds_in_previous=row.seconds_in_previous,
        contact_id=row.contact_id,
        at=row.at,
    )


def stage_change_selection(
    principal: Principal,
    contact_id: uuid.UUID | None,
    company_id: uuid.UUID | None,
    before_key: tuple[datetime, uuid.UUID] | None,
    after: datetime | None,
    before: datetime | None,
) -> Select[Any]:
    """Stage changes of visible deals about the contact (or the company's contacts),
    strictly before the keyset boundary: their ids, from the changes joined to their
    deals."""
    if contact_id is not None:
        about: Any = StageChangeRow.contact_id == contact_id
    else:
        about = StageChangeRow.contact_id.in_(
            select(ContactRow.id).where(ContactRow.company_id == company_id)
        )
    statement: Select[Any] = scoped_deals(
        select(StageChangeRow.id).join(DealRow, DealRow.id == StageChangeRow.deal_id),
        principal,
    ).where(about)
    if before_key is not None:
        at, last_id = before_key
        statement = statement.where(
            tuple_(StageChangeRow.at, StageChangeRow.id)
            < tuple_(literal(at, StageChangeRow.at.type), literal(last_id, StageChangeRow.id.type))
        )
    if after is not None:
        statement = statement.where(StageChangeRow.at >= after)
    if before is not None:
        statement = statement.where(StageChangeRow.at < before)
    return statement


class SqlDealRepository:
    sorts: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "updated_at": DealRow.updated_at,
        "created_at": DealRow.created_at,
        "title": DealRow.sort_title,
    }

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, deal_id: uuid.UUID, visible_to: Principal | None = None) -> Deal | None:
        statement = select(DealRow).where(DealRow.id == deal_id)
        if visible_to is not None:
            statement = scoped_deals(statement, visible_to)
        row = await self.session.scalar(statement)
        return deal_to_domain(row) if row else None

    async def find_page(
        self, principal: Principal, filters: DealFilter, page: PageRequest
    ) -> Page[Deal]:
        statement = scoped_deals(select(DealRow), principal)
        for column, value in (
            (DealRow.pipeline_id, filters.pipeline_id),
            (DealRow.stage_id, filters.stage_id),
            (DealRow.owner_id, filters.owner_id),
            (DealRow.contact_id, filters.contact_id),
            (DealRow.company_id, filters.company_id),
        ):
            if value is not None:
                statement = statement.where(column == value)
        if filters.status is not None:
            statement = statement.where(DealRow.status == filters.status.value)
        if filters.close_after is not None:
            statement = statement.where(DealRow.expected_close >= filters.close_after)
        if filters.close_before is not None:
            statement = statement.where(DealRow.expected_close < filters.close_before)
        if filters.q:
            statement = statement.where(
                DealRow.sort_title.contains(filters.q.strip().lower(), autoescape=True)
            )
        return await fetch_page(
            self.session, statement, DealRow.id, self.sorts, page, deal_to_domain
        )

    async def add(self, deal: Deal) -> None:
        self.session.add(
            DealRow(id=deal.id, created_at=deal.created_at, version=deal.version, **_values(deal))
        )
        await self.session.flush()

    async def update(self, deal: Deal, expected_version: int) -> None:
        await versioned_update(self.session, DealRow, deal.id, expected_version, _values(deal))
        deal.version = expected_version + 1

    async def add_change(self, change: StageChange) -> None:
        self.session.add(
            StageChangeRow(
                id=change.id,
                deal_id=change.deal_id,
                from_stage_id=change.from_stage_id,
                to_stage_id=change.to_stage_id,
                by=change.by,
                seconds_in_previous=change.seconds_in_previous,
                contact_id=change.contact_id,
                at=change.at,
            )
        )
        await self.session.flush()

    async def changes(self, deal_id: uuid.UUID) -> list[StageChange]:
        rows = await self.session.scalars(
            select(StageChangeRow)
            .where(StageChangeRow.deal_id == deal_id)
            .order_by(StageChangeRow.at.desc(), StageChangeRow.id.desc())
        )
        return [change_to_domain(row) for row in rows]

    async def board(
        self, principal: Principal, pipeline: Pipeline, per_stage: int
    ) -> list[StageColumn]:
        in_pipeline = scoped_deals(
            select(DealRow.stage_id, DealRow.currency, func.count(), func.sum(DealRow.amount)),
            principal,
        ).where(DealRow.pipeline_id == pipeline.id)
        counts: dict[uuid.UUID, int] = {}
        totals: dict[uuid.UUID, dict[str, int]] = {}
        for stage_id, currency, count, amount in (
            await self.session.execute(in_pipeline.group_by(DealRow.stage_id, DealRow.currency))
        ).all():
            counts[stage_id] = counts.get(stage_id, 0) + int(count)
            totals.setdefault(stage_id, {})[currency] = int(amount or 0)
        ranked = scoped_deals(
            select(
                DealRow.id,
                func.row_number()
                .over(
                    partition_by=DealRow.stage_id,
                    order_by=(DealRow.updated_at.desc(), DealRow.id.desc()),
                )
                .label("place"),
            ),
            principal,
        ).where(DealRow.pipeline_id == pipeline.id)
        top = ranked.subquery()
        rows = await self.session.scalars(
            select(DealRow)
            .join(top, top.c.id == DealRow.id)
            .where(top.c.place <= per_stage)
            .order_by(DealRow.updated_at.desc(), DealRow.id.desc())
        )
        first: dict[uuid.UUID, list[Deal]] = {}
        for row in rows:
            first.setdefault(row.stage_id, []).append(deal_to_domain(row))
        return [
            StageColumn(
                stage=stage,
                count=counts.get(stage.id, 0),
                totals=totals.get(stage.id, {}),
                deals=first.get(stage.id, []),
            )
            for stage in pipeline.ordered_stages
        ]
