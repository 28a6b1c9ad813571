"""The teams repository (the table: user_rows.py)."""

from __future__ import annotations

import uuid
from contextlib import AbstractContextManager
from typing import Any, ClassVar

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from domain.access.teams import Team
from domain.pagination import Page, PageRequest
from persistence import deal_totals
from persistence.base import unique_as_conflict
from persistence.mapping import RowMapping
from persistence.pagination import fetch_page
from persistence.user_rows import TeamRow, UserRow
from persistence.versioned import versioned_update

TEAM_ROWS = RowMapping(Team, TeamRow.__table__)


def _name_taken() -> AbstractContextManager[None]:
    return unique_as_conflict("uq_teams_name", "teams.name", "name", "A team of this name exists.")


class SqlTeamRepository:
    sorts: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "name": TeamRow.name,
        "created_at": TeamRow.created_at,
    }

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, team_id: uuid.UUID) -> Team | None:
        row = await self.session.get(TeamRow, team_id)
        return TEAM_ROWS.record_of(row) if row else None

    async def get_by_name(self, name: str) -> Team | None:
        row = await self.session.scalar(
            select(TeamRow).where(func.lower(TeamRow.name) == name.lower())
        )
        return TEAM_ROWS.record_of(row) if row else None

    async def find_page(self, page: PageRequest) -> Page[Team]:
        return await fetch_page(
            self.session, select(TeamRow), TeamRow.id, self.sorts, page, TEAM_ROWS.record_of
        )

    async def add(self, team: Team) -> None:
        self.session.add(TeamRow(**TEAM_ROWS.new_row_values(team)))
        with _name_taken():
            await self.session.flush()

    async def update(self, team: Team, expected_version: int) -> None:
        with _name_taken():
            await versioned_update(
                self.session,
                TeamRow,
                team.id,
                expected_version,
                TEAM_ROWS.values(team),
            )
        team.version = expected_version + 1

    async def delete(self, team: Team) -> None:
        await self.session.execute(delete(TeamRow).where(TeamRow.id == team.id))
        # The team's deals and stage changes have lost their team to ON DELETE SET NULL.
        await deal_totals.forget_team(self.session, team.id)

    async def has_members(self, team_id: uuid.UUID) -> bool:
        found = await self.session.scalar(
            select(UserRow.id).where(UserRow.team_id == team_id).limit(1)
        )
        return found is not None
