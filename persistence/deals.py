"""The deals repository and their stage changes (the tables: funnel_rows.py)."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import fields
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import Select, func, insert, select, union_all, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from domain.access.levels import RecordKind
from domain.access.principal import Principal
from domain.funnel.deals import Deal, DealFilter, StageChange, StageColumn
from domain.funnel.pipelines import Pipeline
from domain.pagination import Page, PageRequest
from persistence import deal_totals
from persistence.base import among_ids, dialect_of, read
from persistence.contacts import ContactRow
from persistence.deal_totals import DealFacts, StageTotalRow
from persistence.external_ids import SqlExternalIdRepository, pairs_column, pairs_of
from persistence.funnel_rows import DealRow, StageChangeRow
from persistence.mapping import RowMapping
from persistence.pagination import fetch_page, timeline_window
from persistence.scope import readable
from persistence.versioned import versioned_update


def scoped_deals(statement: Any, principal: Principal) -> Any:
    return readable(statement, principal, RecordKind.DEALS, DealRow.owner_id, DealRow.team_id)


def scoped_changes(statement: Any, principal: Principal) -> Any:
    """Stage changes of the deals the principal sees, by the deal's copies they carry."""
    return readable(
        statement, principal, RecordKind.DEALS, StageChangeRow.owner_id, StageChangeRow.team_id
    )


DEAL_ROWS = RowMapping(
    Deal, DealRow.__table__, derived=lambda deal: {"sort_title": deal.title.lower()}
)
STAGE_CHANGE_ROWS = RowMapping(StageChange, StageChangeRow.__table__)


def _facts_columns() -> list[Any]:
    """The deal row's columns the running totals are made of, in DealFacts' order."""
    return [getattr(DealRow, f.name) for f in fields(DealFacts)]


# SQLite binds each id of an IN list as a parameter of its own, and takes 32,766 at most.
_IDS_AT_ONCE = 1000


def _change_values(change: StageChange, deal: DealFacts) -> dict[str, Any]:
    """A stage change's row, with the copies of its deal's columns it carries."""
    return {
        **STAGE_CHANGE_ROWS.new_row_values(change),
        "pipeline_id": deal.pipeline_id,
        "deal_created_at": deal.created_at,
        "owner_id": deal.owner_id,
        "team_id": deal.team_id,
    }


def stage_change_selection(
    principal: Principal,
    contact_id: uuid.UUID | None,
    company_id: uuid.UUID | None,
    before_key: tuple[datetime, uuid.UUID] | None,
    after: datetime | None,
    before: datetime | None,
) -> Select[Any]:
    """Stage changes of visible deals about the contact (or the company's contacts),
    strictly before the keyset boundary: their ids, scoped by the deal's owner and team
    the changes carry, so the newest are read along the contact's index alone."""
    if contact_id is not None:
        about: Any = StageChangeRow.contact_id == contact_id
    else:
        about = StageChangeRow.contact_id.in_(
            select(ContactRow.id).where(ContactRow.company_id == company_id)
        )
    statement: Select[Any] = scoped_changes(select(StageChangeRow.id), principal).where(about)
    statement = statement.where(
        *timeline_window(StageChangeRow.at, StageChangeRow.id, before_key, after, before)
    )
    return statement


class SqlDealRepository:
    sorts: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "updated_at": DealRow.updated_at,
        "created_at": DealRow.created_at,
        "title": DealRow.sort_title,
    }

    def __init__(self, session: AsyncSession, external_ids: SqlExternalIdRepository) -> None:
        self.session = session
        # Told the external ids of the deals the board reads.
        self.external_ids = external_ids
        # The running totals' columns of each deal as read (with the version read) and as
        # this transaction last wrote them: a move reads its deal once. A versioned
        # update proves the row still is what was read; a row this transaction wrote
        # stays locked to it until the commit.
        self._read: dict[uuid.UUID, tuple[int, DealFacts]] = {}
        self._written: dict[uuid.UUID, DealFacts] = {}

    async def get(self, deal_id: uuid.UUID, visible_to: Principal | None = None) -> Deal | None:
        statement = select(DealRow).where(DealRow.id == deal_id)
        if visible_to is not None:
            statement = scoped_deals(statement, visible_to)
        row = await self.session.scalar(statement)
        if row is None:
            return None
        self._read[row.id] = (
            row.version,
            DealFacts(*(getattr(row, f.name) for f in fields(DealFacts))),
        )
        return DEAL_ROWS.record_of(row)

    async def titles(
        self, deal_ids: Collection[uuid.UUID], principal: Principal
    ) -> dict[uuid.UUID, str]:
        if not deal_ids:
            return {}
        statement = scoped_deals(
            select(DealRow.id, DealRow.title).where(DealRow.id.in_(list(deal_ids))), principal
        )
        return {row.id: row.title for row in await self.session.execute(statement)}

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
            self.session, statement, DealRow.id, self.sorts, page, DEAL_ROWS.record_of
        )

    async def _facts(self, deal_id: uuid.UUID) -> DealFacts:
        written = self._written.pop(deal_id, None)
        if written is not None:
            return written
        row = (
            await self.session.execute(select(*_facts_columns()).where(DealRow.id == deal_id))
        ).one()
        return DealFacts(*row)

    async def add(self, deal: Deal) -> None:
        self.session.add(DealRow(entered_stage_ids="", **DEAL_ROWS.new_row_values(deal)))
        await self.session.flush()
        facts = DealFacts(
            pipeline_id=deal.pipeline_id,
            stage_id=deal.stage_id,
            status=deal.status.value,
            currency=deal.currency,
            amount=deal.amount,
            owner_id=deal.owner_id,
            team_id=deal.team_id,
            created_at=deal.created_at,
            won_at=deal.won_at,
            expected_close=deal.expected_close,
            entered_stage_ids="",
        )
        await deal_totals.apply(self.session, None, facts)
        self._written[deal.id] = facts

    async def update(self, deal: Deal, expected_version: int) -> None:
        # The row as it stands, for what the deal added to the running totals so far; if
        # it changed meanwhile, the versioned update below refuses and nothing is applied.
        read_version, read_facts = self._read.pop(deal.id, (None, None))
        before = read_facts if read_version == expected_version and read_facts else None
        before = before or await self._facts(deal.id)
        await versioned_update(
            self.session, DealRow, deal.id, expected_version, DEAL_ROWS.values(deal)
        )
        deal.version = expected_version + 1
        after = before.with_(
            stage_id=deal.stage_id,
            status=deal.status.value,
            currency=deal.currency,
            amount=deal.amount,
            owner_id=deal.owner_id,
            team_id=deal.team_id,
            won_at=deal.won_at,
            expected_close=deal.expected_close,
        )
        await deal_totals.apply(self.session, before, after)
        self._written[deal.id] = after
        if (before.owner_id, before.team_id) == (after.owner_id, after.team_id):
            return
        # Handed over: its time in stages now counts for the new owner and team, and its
        # stage changes carry them.
        stays = (
            await self.session.execute(
                select(
                    StageChangeRow.from_stage_id,
                    func.sum(StageChangeRow.seconds_in_previous),
                    func.count(StageChangeRow.seconds_in_previous),
                )
                .where(
                    StageChangeRow.deal_id == deal.id,
                    StageChangeRow.from_stage_id.is_not(None),
                    StageChangeRow.seconds_in_previous.is_not(None),
                )
                .group_by(StageChangeRow.from_stage_id)
            )
        ).all()
        await deal_totals.move_stays(
            self.session,
            before,
            [(stage, int(seconds or 0), int(count)) for stage, seconds, count in stays if stage],
            after.owner_id,
            after.team_id,
        )
        await self.session.execute(
            update(StageChangeRow)
            .where(StageChangeRow.deal_id == deal.id)
            .values(owner_id=deal.owner_id, team_id=deal.team_id)
            .execution_options(synchronize_session=False)
        )

    async def add_change(self, change: StageChange) -> None:
        """Records the change with the deal's copies it carries, and notes the stage among
        those the deal has entered. The deal is written already."""
        deal = await self._facts(change.deal_id)
        self.session.add(StageChangeRow(**_change_values(change, deal)))
        entered = " ".join(sorted({*deal.entered_stage_ids.split(), str(change.to_stage_id)}))
        if entered != deal.entered_stage_ids:
            await self.session.execute(
                update(DealRow)
                .where(DealRow.id == change.deal_id)
                .values(entered_stage_ids=entered)
                .execution_options(synchronize_session=False)
            )
            await deal_totals.apply(self.session, deal, deal.with_(entered_stage_ids=entered))
        if change.from_stage_id is not None and change.seconds_in_previous is not None:
            await deal_totals.add_stay(
                self.session, deal, change.from_stage_id, change.seconds_in_previous
            )
        await self.session.flush()

    async def in_stage(self, stage_id: uuid.UUID) -> list[Deal]:
        # Locked: a deal moved meanwhile by another request waits for this transaction,
        # then finds its version taken (409), instead of being moved twice.
        statement = (
            select(DealRow.__table__)
            .where(DealRow.stage_id == stage_id)
            .order_by(DealRow.id)
            .with_for_update()
        )
        return [DEAL_ROWS.record_of(row) for row in await read(self.session, statement)]

    async def move_all(self, moves: Sequence[tuple[Deal, StageChange]]) -> None:
        if not moves:
            return
        statement = select(DealRow.id, *_facts_columns())
        statement = statement.where(among_ids(dialect_of(self.session), DealRow.id))
        ids = [deal.id for deal, _ in moves]
        facts_of: dict[uuid.UUID, DealFacts] = {}
        for start in range(0, len(ids), _IDS_AT_ONCE):
            found = await read(self.session, statement, {"ids": ids[start : start + _IDS_AT_ONCE]})
            facts_of.update((row[0], DealFacts(*list(row)[1:])) for row in found.all())
        totals, stays, deals, changes = [], [], [], []
        for deal, change in moves:
            before = facts_of[deal.id]
            entered = " ".join(sorted({*before.entered_stage_ids.split(), str(deal.stage_id)}))
            totals.append((before, before.with_(stage_id=deal.stage_id, entered_stage_ids=entered)))
            if change.from_stage_id is not None and change.seconds_in_previous is not None:
                stays.append((before, change.from_stage_id, change.seconds_in_previous))
            deal.version += 1
            deals.append(
                {
                    "id": deal.id,
                    "stage_id": deal.stage_id,
                    "stage_entered_at": deal.stage_entered_at,
                    "updated_at": deal.updated_at,
                    "version": deal.version,  # the row is locked (in_stage): no one else's
                    "entered_stage_ids": entered,
                }
            )
            changes.append(_change_values(change, before))
        # By primary key, each row its own values, in one executemany each.
        await self.session.execute(update(DealRow), deals)
        await self.session.execute(insert(StageChangeRow), changes)
        await deal_totals.apply_all(self.session, totals, stays)

    async def changes(self, deal_id: uuid.UUID) -> list[StageChange]:
        rows = await self.session.scalars(
            select(StageChangeRow)
            .where(StageChangeRow.deal_id == deal_id)
            .order_by(StageChangeRow.at.desc(), StageChangeRow.id.desc())
        )
        return [STAGE_CHANGE_ROWS.record_of(row) for row in rows]

    async def board(
        self, principal: Principal, pipeline: Pipeline, per_stage: int
    ) -> list[StageColumn]:
        stages = [stage.id for stage in pipeline.ordered_stages]
        in_pipeline = (
            deal_totals.scoped_totals(
                select(
                    StageTotalRow.stage_id,
                    StageTotalRow.currency,
                    func.sum(StageTotalRow.deals),
                    func.sum(StageTotalRow.amount),
                ),
                principal,
                StageTotalRow,
            )
            .where(StageTotalRow.stage_id.in_(stages))
            .group_by(StageTotalRow.stage_id, StageTotalRow.currency)
            .having(func.sum(StageTotalRow.deals) != 0)
        )
        counts: dict[uuid.UUID, int] = {}
        totals: dict[uuid.UUID, dict[str, int]] = {}
        for stage_id, currency, count, amount in (await self.session.execute(in_pipeline)).all():
            counts[stage_id] = counts.get(stage_id, 0) + int(count)
            totals.setdefault(stage_id, {})[currency] = int(amount or 0)
        # One short walk down (stage_id, updated_at) per stage, instead of ranking every
        # deal of the pipeline to keep the first few of each stage.
        firsts = [
            scoped_deals(select(DealRow.id), principal)
            .where(DealRow.stage_id == stage.id)
            .order_by(DealRow.updated_at.desc(), DealRow.id.desc())
            .limit(per_stage)
            .subquery()
            for stage in pipeline.ordered_stages
        ]
        # Rows, not ORM objects: loading a board's cards into the session cost more than
        # reading them.
        # With their external ids, told to the unit of work's, which shows them without
        # a query of its own.
        ids = pairs_column(RecordKind.DEALS, DealRow.id, dialect_of(self.session))
        rows = (
            await self.session.execute(
                select(DealRow.__table__, ids)
                .where(DealRow.id.in_(union_all(*(select(first.c.id) for first in firsts))))
                .order_by(DealRow.updated_at.desc(), DealRow.id.desc())
            )
        ).all()
        self.external_ids.remember(
            RecordKind.DEALS, {row.id: pairs_of(row.external_ids_json) for row in rows}
        )
        first: dict[uuid.UUID, list[Deal]] = {}
        for deal in DEAL_ROWS.records_of(rows):
            first.setdefault(deal.stage_id, []).append(deal)
        return [
            StageColumn(
                stage=stage,
                count=counts.get(stage.id, 0),
                totals=totals.get(stage.id, {}),
                deals=first.get(stage.id, []),
            )
            for stage in pipeline.ordered_stages
        ]
