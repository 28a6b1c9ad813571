"""The pipelines, stages, deals and stage changes tables. Apart from their repositories
(pipelines.py, deals.py) and the running totals (deal_totals.py) because each of those
reads the others' tables: a pipeline counts its deals, the totals are summed from the
deals, and a deal's write keeps the totals."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from persistence.base import Base, JSONDocument
from persistence.companies import CompanyRow
from persistence.contacts import ContactRow
from persistence.user_rows import TeamRow, UserRow


class StageRow(Base):
    __tablename__ = "stages"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    pipeline_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("pipelines.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer)
    probability: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    rotting_days: Mapped[int | None] = mapped_column(Integer)


class PipelineRow(Base):
    __tablename__ = "pipelines"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    is_default: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)

    stages: Mapped[list[StageRow]] = relationship(lazy="raise", order_by=StageRow.position)


# The scope columns ride along in the report indexes so that PostgreSQL answers the
# reports from the index alone (index-only scans) for every record scope; 200,000 deals
# read from the table instead take several times longer (bench/DEALS.md).
_SCOPE = ["owner_id", "team_id"]


class DealRow(Base):
    __tablename__ = "deals"
    __table_args__ = (
        Index("ix_deals_stage_id_updated_at", "stage_id", "updated_at", "id"),
        Index("ix_deals_owner_id_updated_at", "owner_id", "updated_at", "id"),
        Index("ix_deals_updated_at_id", "updated_at", "id"),
        Index("ix_deals_created_at_id", "created_at", "id"),
        # Deals idle in a stage since before a time (the automation's idle trigger).
        Index("ix_deals_stage_id_stage_entered_at", "stage_id", "stage_entered_at"),
        Index(
            "ix_deals_forecast_open",
            "pipeline_id",
            "status",
            "expected_close",
            postgresql_include=["stage_id", "currency", "amount", *_SCOPE],
        ),
        Index(
            "ix_deals_forecast_won",
            "pipeline_id",
            "status",
            "won_at",
            postgresql_include=["currency", "amount", *_SCOPE],
        ),
        Index(
            "ix_deals_funnel",
            "pipeline_id",
            "created_at",
            postgresql_include=[
                "status",
                "currency",
                "amount",
                "won_at",
                "entered_stage_ids",
                *_SCOPE,
            ],
        ),
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
    # Every stage the deal has entered: the ids, sorted, space-separated. add_change keeps
    # it from the stage changes it records, so the funnel learns how far each deal got
    # from this row instead of from the deal's whole history; plain text, because the
    # funnel groups by it and hashing text costs a fraction of hashing JSON.
    entered_stage_ids: Mapped[str] = mapped_column(Text, default="")


class StageChangeRow(Base):
    __tablename__ = "deal_stage_changes"
    __table_args__ = (
        Index("ix_deal_stage_changes_contact_at", "contact_id", "at", "id"),
        Index(
            "ix_deal_stage_changes_funnel",
            "pipeline_id",
            "from_stage_id",
            "deal_created_at",
            postgresql_include=["seconds_in_previous", *_SCOPE],
        ),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    deal_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(DealRow.id, ondelete="CASCADE"), index=True
    )
    from_stage_id: Mapped[uuid.UUID | None]
    to_stage_id: Mapped[uuid.UUID]
    by: Mapped[uuid.UUID | None]
    # No foreign key: the history outlives a deleted rule.
    rule_id: Mapped[uuid.UUID | None]
    seconds_in_previous: Mapped[int | None] = mapped_column(BigInteger)
    contact_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(ContactRow.id, ondelete="SET NULL")
    )
    at: Mapped[datetime]
    # Copies of the deal's, so the funnel's time in stage reads the changes alone, within
    # scope. A deal's pipeline and creation never change; its owner and team are copied
    # again whenever the deal is written (SqlDealRepository.update).
    pipeline_id: Mapped[uuid.UUID]
    deal_created_at: Mapped[datetime]
    owner_id: Mapped[uuid.UUID]
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(TeamRow.id, ondelete="SET NULL"))
