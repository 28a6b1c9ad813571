"""Owned records as a whole: what happens to every record of one owner at once."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from persistence import deal_totals
from persistence.companies import CompanyRow
from persistence.contacts import ContactRow
from persistence.funnel_rows import DealRow, StageChangeRow
from persistence.interactions import InteractionRow
from persistence.requests import RequestRow
from persistence.tasks import TaskRow

# Each kind of record, and the column naming the user whose team it belongs to: its
# owner's, except a task's, which is its assignee's (domain/interactions/tasks.py: the
# team that does the work sees it).
_TEAM_FOLLOWS: tuple[tuple[str, Any, Any], ...] = (
    ("contacts", ContactRow, ContactRow.owner_id),
    ("companies", CompanyRow, CompanyRow.owner_id),
    ("deals", DealRow, DealRow.owner_id),
    ("interactions", InteractionRow, InteractionRow.owner_id),
    ("tasks", TaskRow, TaskRow.assignee_id),
    ("requests", RequestRow, RequestRow.owner_id),
)


class SqlOwnedRecordRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def follow_owner(
        self, user_id: uuid.UUID, team_id: uuid.UUID | None, at: datetime
    ) -> dict[str, list[uuid.UUID]]:
        moved: dict[str, list[uuid.UUID]] = {}
        for kind, row, whose in _TEAM_FOLLOWS:
            # One statement per table, however many records: a new version and time, as
            # for any change, so a stale write (If-Match, a concurrent deal write whose
            # running totals were computed from the old team) is refused, and sync sees it.
            result: Any = await self.session.execute(
                update(row)
                .where(whose == user_id, row.team_id.is_distinct_from(team_id))
                .values(team_id=team_id, version=row.version + 1, updated_at=at)
                .returning(row.id)
                .execution_options(synchronize_session=False)
            )
            moved[kind] = sorted(result.scalars())
        # The deals' copies: the funnel reads their stage changes and running totals by
        # owner and team, so those follow the deals.
        await self.session.execute(
            update(StageChangeRow)
            .where(StageChangeRow.owner_id == user_id)
            .values(team_id=team_id)
            .execution_options(synchronize_session=False)
        )
        await deal_totals.move_owner(self.session, user_id, team_id)
        return moved
