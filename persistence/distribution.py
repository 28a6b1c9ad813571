"""Per-team distribution settings, the lead rotation's members and whose turn it is."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Boolean, ForeignKey, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from domain.access.roles import Permission
from domain.funnel.distribution import Kind, RotationMember
from persistence.base import Base, insert_ignoring_conflicts
from persistence.roles import role_to_domain
from persistence.user_rows import RoleRow, TeamRow, UserRow


class DistributionRow(Base):
    __tablename__ = "team_distribution"

    team_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(TeamRow.id, ondelete="CASCADE"), primary_key=True
    )
    requests: Mapped[bool] = mapped_column(Boolean)
    leads: Mapped[bool] = mapped_column(Boolean)
    last_requests_user_id: Mapped[uuid.UUID | None]
    last_leads_user_id: Mapped[uuid.UUID | None]
    last_deals_user_id: Mapped[uuid.UUID | None]


class RotationMemberRow(Base):
    """A member listed in their team's lead rotation. Membership of the team itself is
    the user's (users.team_id): a listed user who left the team is no longer in it."""

    __tablename__ = "team_rotation_members"

    team_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(TeamRow.id, ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(UserRow.id, ondelete="CASCADE"), primary_key=True, index=True
    )
    paused: Mapped[bool] = mapped_column(Boolean)


_LAST: dict[Kind, str] = {
    "requests": "last_requests_user_id",
    "leads": "last_leads_user_id",
    "deals": "last_deals_user_id",
}


class SqlDistributionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _row(self, team_id: uuid.UUID, lock: bool = False) -> DistributionRow | None:
        statement = select(DistributionRow).where(DistributionRow.team_id == team_id)
        if lock:
            statement = statement.with_for_update()
        return await self.session.scalar(statement.execution_options(populate_existing=True))

    async def settings(self, team_id: uuid.UUID) -> dict[str, bool]:
        row = await self._row(team_id)
        return {"requests": bool(row and row.requests), "leads": bool(row and row.leads)}

    async def set_settings(self, team_id: uuid.UUID, requests: bool, leads: bool) -> None:
        row = await self._row(team_id, lock=True)
        if row is None:
            self.session.add(DistributionRow(team_id=team_id, requests=requests, leads=leads))
        else:
            row.requests, row.leads = requests, leads
        await self.session.flush()

    async def last_assigned(self, team_id: uuid.UUID, kind: Kind) -> uuid.UUID | None:
        row = await self._row(team_id, lock=True)
        if row is None:
            # A team without settings yet (distribution off): its turn starts here. Two
            # transactions may get here at once; the loser's insert is a no-op and it
            # then waits for the winner's row lock like any other.
            await insert_ignoring_conflicts(
                self.session,
                DistributionRow,
                {"team_id": team_id, "requests": False, "leads": False},
                ["team_id"],
            )
            row = await self._row(team_id, lock=True)
            if row is None:  # pragma: no cover - the row was just written
                return None
        last: uuid.UUID | None = getattr(row, _LAST[kind])
        return last

    async def record_assigned(self, team_id: uuid.UUID, kind: Kind, user_id: uuid.UUID) -> None:
        column = _LAST[kind]
        await self.session.execute(
            update(DistributionRow)
            .where(DistributionRow.team_id == team_id)
            .values({column: user_id})
        )

    async def eligible_members(self, team_id: uuid.UUID, permission: Permission) -> list[uuid.UUID]:
        rows = await self.session.execute(
            select(UserRow.id, RoleRow)
            .join(RoleRow, RoleRow.id == UserRow.role_id)
            .where(UserRow.team_id == team_id, UserRow.is_active.is_(True))
            .order_by(UserRow.id)
        )
        return [
            user_id
            for user_id, role in rows.all()
            if permission in role_to_domain(role).permissions
        ]

    async def rotation(self, team_id: uuid.UUID) -> list[RotationMember]:
        rows = await self.session.execute(
            select(UserRow.id, UserRow.full_name, RotationMemberRow.paused)
            .join(RotationMemberRow, RotationMemberRow.user_id == UserRow.id)
            .where(RotationMemberRow.team_id == team_id, UserRow.team_id == team_id)
            .order_by(UserRow.full_name, UserRow.id)
        )
        return [RotationMember(user_id, name, paused) for user_id, name, paused in rows.all()]

    async def rotation_turn(self, team_id: uuid.UUID, permission: Permission) -> list[uuid.UUID]:
        rows = await self.session.execute(
            select(UserRow.id, RoleRow)
            .join(RoleRow, RoleRow.id == UserRow.role_id)
            .join(RotationMemberRow, RotationMemberRow.user_id == UserRow.id)
            .where(
                RotationMemberRow.team_id == team_id,
                RotationMemberRow.paused.is_(False),
                UserRow.team_id == team_id,
                UserRow.is_active.is_(True),
            )
            .order_by(UserRow.id)
        )
        return [
            user_id
            for user_id, role in rows.all()
            if permission in role_to_domain(role).permissions
        ]

    async def set_rotation_member(
        self, team_id: uuid.UUID, user_id: uuid.UUID, paused: bool
    ) -> None:
        values = {"team_id": team_id, "user_id": user_id, "paused": paused}
        if await insert_ignoring_conflicts(
            self.session, RotationMemberRow, values, ["team_id", "user_id"]
        ):
            return
        await self.session.execute(
            update(RotationMemberRow)
            .where(RotationMemberRow.team_id == team_id, RotationMemberRow.user_id == user_id)
            .values(paused=paused)
            .execution_options(synchronize_session=False)
        )

    async def remove_rotation_member(self, team_id: uuid.UUID, user_id: uuid.UUID) -> bool:
        result: Any = await self.session.execute(
            delete(RotationMemberRow).where(
                RotationMemberRow.team_id == team_id, RotationMemberRow.user_id == user_id
            )
        )
        return bool(result.rowcount)

    async def leave_other_rotations(self, user_id: uuid.UUID, team_id: uuid.UUID | None) -> None:
        statement = delete(RotationMemberRow).where(RotationMemberRow.user_id == user_id)
        if team_id is not None:
            statement = statement.where(RotationMemberRow.team_id != team_id)
        await self.session.execute(statement)
