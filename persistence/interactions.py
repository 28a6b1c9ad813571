"""Interactions, their participants, the outcome list, and contact engagement."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import datetime
from functools import cache
from typing import Any, ClassVar

from sqlalchemy import (
    Boolean,
    ColumnElement,
    ForeignKey,
    Index,
    Integer,
    Select,
    String,
    Text,
    and_,
    delete,
    func,
    literal,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, Mapped, mapped_column, relationship, selectinload

from domain.access.levels import RecordKind
from domain.access.principal import Principal
from domain.interactions.interactions import (
    Interaction,
    InteractionFilter,
    InteractionStatus,
    Outcome,
)
from domain.interactions.next_activity import ActivityKind, NextActivity
from domain.pagination import Page, PageRequest
from persistence.base import Base, among_ids, dialect_of, first_of_each, read
from persistence.companies import CompanyRow
from persistence.contacts import ContactRow
from persistence.funnel_rows import DealRow
from persistence.mapping import RowMapping
from persistence.pagination import fetch_keyed_page, timeline_window
from persistence.requests import RequestRow
from persistence.scope import readable
from persistence.user_rows import TeamRow, UserRow
from persistence.versioned import versioned_update


class InteractionContactRow(Base):
    __tablename__ = "interaction_contacts"
    # A contact's newest participations first, for its timeline.
    __table_args__ = (
        Index("ix_interaction_contacts_contact_id_at", "contact_id", "at", "interaction_id"),
    )

    interaction_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(ContactRow.id, ondelete="CASCADE"), primary_key=True
    )
    # The interaction's `at`, rewritten with the participants on every write of it.
    at: Mapped[datetime]


class InteractionUserRow(Base):
    __tablename__ = "interaction_users"

    interaction_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("interactions.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(UserRow.id, ondelete="CASCADE"), primary_key=True, index=True
    )


class OutcomeRow(Base):
    __tablename__ = "interaction_outcomes"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    label: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean)


class InteractionRow(Base):
    __tablename__ = "interactions"
    __table_args__ = (
        Index("ix_interactions_contact_id_at", "contact_id", "at", "id"),
        Index("ix_interactions_company_id_at", "company_id", "at", "id"),
        Index("ix_interactions_deal_id_at", "deal_id", "at", "id"),
        Index("ix_interactions_request_id_at", "request_id", "at", "id"),
        Index("ix_interactions_owner_id_at", "owner_id", "at", "id"),
        Index("ix_interactions_at_id", "at", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    direction: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(10))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(50))
    scheduled_at: Mapped[datetime | None]
    occurred_at: Mapped[datetime | None]
    # occurred_at, else scheduled_at: one column to order timelines by.
    at: Mapped[datetime]
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    contact_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(ContactRow.id, ondelete="SET NULL")
    )
    company_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(CompanyRow.id, ondelete="SET NULL")
    )
    deal_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(DealRow.id, ondelete="SET NULL"))
    request_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(RequestRow.id, ondelete="SET NULL")
    )
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(UserRow.id, ondelete="RESTRICT"))
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(TeamRow.id, ondelete="SET NULL"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)

    contacts: Mapped[list[InteractionContactRow]] = relationship(lazy="raise")
    users: Mapped[list[InteractionUserRow]] = relationship(lazy="raise")


def _involved(user_id: uuid.UUID) -> ColumnElement[bool]:
    """Participants see the interactions they take part in."""
    return InteractionRow.id.in_(
        select(InteractionUserRow.interaction_id).where(InteractionUserRow.user_id == user_id)
    )


def scoped_interactions(statement: Any, principal: Principal) -> Any:
    return readable(
        statement,
        principal,
        RecordKind.INTERACTIONS,
        InteractionRow.owner_id,
        InteractionRow.team_id,
        involved=_involved,
    )


def about_contact(contact_id: uuid.UUID) -> list[ColumnElement[bool]]:
    """An interaction is about a contact as its contact or as a participant: two
    conditions a page reads each along its own index."""
    return [
        InteractionRow.contact_id == contact_id,
        InteractionRow.id.in_(
            select(InteractionContactRow.interaction_id).where(
                InteractionContactRow.contact_id == contact_id
            )
        ),
    ]


def about_company(company_id: uuid.UUID) -> list[ColumnElement[bool]]:
    """About a company, or about one of its contacts."""
    return [
        InteractionRow.company_id == company_id,
        InteractionRow.contact_id.in_(
            select(ContactRow.id).where(ContactRow.company_id == company_id)
        ),
    ]


# `at` (when it happened or is planned) orders the interaction among a timeline's items.
INTERACTION_ROWS = RowMapping(
    Interaction, InteractionRow.__table__, derived=lambda interaction: {"at": interaction.at}
)


def interaction_to_domain(row: InteractionRow) -> Interaction:
    """An interaction from its ORM row, with its contacts and participants loaded with it."""
    return INTERACTION_ROWS.record_of(
        row,
        contact_ids=[c.contact_id for c in row.contacts],
        user_ids=[u.user_id for u in row.users],
    )


def select_interactions() -> Any:
    return select(InteractionRow).options(
        selectinload(InteractionRow.contacts), selectinload(InteractionRow.users)
    )


def interaction_selection(
    principal: Principal, filters: InteractionFilter
) -> tuple[Select[Any], list[ColumnElement[bool]] | None]:
    """The ids of the interactions `filters` select in the principal's scope, and the
    branches (about a contact: as its contact or as a participant) a page reads each on
    its own (see fetch_keyed_page)."""
    statement: Select[Any] = scoped_interactions(select(InteractionRow.id), principal)
    branches = None
    if filters.contact_id is not None:
        branches = about_contact(filters.contact_id)
    if filters.company_id is not None:
        if branches is None:
            branches = about_company(filters.company_id)
        else:
            statement = statement.where(or_(*about_company(filters.company_id)))
    if filters.deal_id is not None:
        statement = statement.where(InteractionRow.deal_id == filters.deal_id)
    if filters.request_id is not None:
        statement = statement.where(InteractionRow.request_id == filters.request_id)
    if filters.owner_id is not None:
        statement = statement.where(InteractionRow.owner_id == filters.owner_id)
    if filters.channel is not None:
        statement = statement.where(InteractionRow.channel == filters.channel.value)
    if filters.status is not None:
        statement = statement.where(InteractionRow.status == filters.status.value)
    statement = statement.where(
        *timeline_window(
            InteractionRow.at, InteractionRow.id, filters.before_key, filters.after, filters.before
        )
    )
    return statement, branches


def about_contact_in_time_order(
    principal: Principal, contact_id: uuid.UUID, filters: InteractionFilter
) -> list[tuple[Select[Any], Any, Any]]:
    """The interactions `filters` select about the contact, as two selections that each
    read their newest first along an index: as its contact (by the interaction's time)
    and as a participant (by the time the participation carries). Each comes with the
    time and id columns to order it by."""
    window = (filters.before_key, filters.after, filters.before)
    statement, branches = interaction_selection(
        principal, replace(filters, before_key=None, after=None, before=None)
    )
    if branches is not None:  # about a company as well
        statement = statement.where(or_(*branches))
    as_contact = statement.where(
        InteractionRow.contact_id == contact_id,
        *timeline_window(InteractionRow.at, InteractionRow.id, *window),
    )
    taking_part = statement.join(
        InteractionContactRow, InteractionContactRow.interaction_id == InteractionRow.id
    ).where(
        InteractionContactRow.contact_id == contact_id,
        *timeline_window(InteractionContactRow.at, InteractionContactRow.interaction_id, *window),
    )
    return [
        (as_contact, InteractionRow.at, InteractionRow.id),
        (taking_part, InteractionContactRow.at, InteractionContactRow.interaction_id),
    ]


@cache
def _participants(dialect: str) -> Any:
    """The contacts and users taking part in the interactions `ids`. Built once, as
    building a union of two tables' columns costs more than running it."""
    taking_part = union_all(
        select(
            literal(True).label("is_contact"),
            InteractionContactRow.interaction_id,
            InteractionContactRow.contact_id.label("participant"),
        ).where(among_ids(dialect, InteractionContactRow.interaction_id)),
        select(literal(False), InteractionUserRow.interaction_id, InteractionUserRow.user_id).where(
            among_ids(dialect, InteractionUserRow.interaction_id)
        ),
    ).subquery()
    return select(taking_part).order_by(taking_part.c.interaction_id, taking_part.c.participant)


async def participants_of(
    session: AsyncSession, ids: list[uuid.UUID]
) -> tuple[dict[uuid.UUID, list[uuid.UUID]], dict[uuid.UUID, list[uuid.UUID]]]:
    """The contacts and the users taking part in each of the interactions, read together
    in one query."""
    contacts: dict[uuid.UUID, list[uuid.UUID]] = {i: [] for i in ids}
    users: dict[uuid.UUID, list[uuid.UUID]] = {i: [] for i in ids}
    if not ids:
        return contacts, users
    taking_part = await read(session, _participants(dialect_of(session)), {"ids": ids})
    # Unpacked, not read by attribute: a row's attribute lookup costs more than the rest.
    found: Sequence[Any] = taking_part.all()
    for is_contact, interaction_id, participant in found:
        (contacts if is_contact else users)[interaction_id].append(participant)
    return contacts, users


class SqlInteractionRepository:
    sorts: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "at": InteractionRow.at,
        "created_at": InteractionRow.created_at,
    }

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def next_for_deals(
        self, deal_ids: Collection[uuid.UUID], principal: Principal
    ) -> dict[uuid.UUID, NextActivity]:
        if not deal_ids:
            return {}
        statement = first_of_each(
            scoped_interactions(
                select(
                    InteractionRow.id,
                    InteractionRow.deal_id,
                    InteractionRow.subject,
                    InteractionRow.channel,
                    InteractionRow.scheduled_at,
                ).where(
                    InteractionRow.deal_id.in_(list(deal_ids)),
                    InteractionRow.status == InteractionStatus.PLANNED.value,
                    InteractionRow.scheduled_at.is_not(None),
                ),
                principal,
            ),
            InteractionRow.deal_id,
            InteractionRow.scheduled_at,
            InteractionRow.id,
        )
        return {
            row.deal_id: NextActivity(
                ActivityKind.INTERACTION,
                row.id,
                row.subject,
                row.scheduled_at,
                channel=row.channel,
            )
            for row in await self.session.execute(statement)
        }

    async def get(
        self, interaction_id: uuid.UUID, visible_to: Principal | None = None
    ) -> Interaction | None:
        statement = select_interactions().where(InteractionRow.id == interaction_id)
        if visible_to is not None:
            statement = scoped_interactions(statement, visible_to)
        row = await self.session.scalar(statement)
        return interaction_to_domain(row) if row else None

    async def find_page(
        self, principal: Principal, filters: InteractionFilter, page: PageRequest
    ) -> Page[Interaction]:
        statement, branches = interaction_selection(principal, filters)
        return await fetch_keyed_page(
            self.session,
            statement,
            InteractionRow.id,
            self.sorts,
            page,
            InteractionRow.__table__,
            self._interactions_of,
            branches,
        )

    async def _interactions_of(self, rows: Sequence[Any]) -> list[Interaction]:
        """Interactions from rows of their table, with their participants."""
        contacts, users = await participants_of(self.session, [row.id for row in rows])
        return [
            INTERACTION_ROWS.record_of(row, contact_ids=contacts[row.id], user_ids=users[row.id])
            for row in rows
        ]

    async def _write_participants(self, interaction: Interaction) -> None:
        await self.session.execute(
            delete(InteractionContactRow).where(
                InteractionContactRow.interaction_id == interaction.id
            )
        )
        await self.session.execute(
            delete(InteractionUserRow).where(InteractionUserRow.interaction_id == interaction.id)
        )
        self.session.add_all(
            [
                InteractionContactRow(
                    interaction_id=interaction.id, contact_id=c, at=interaction.at
                )
                for c in interaction.contact_ids
            ]
            + [
                InteractionUserRow(interaction_id=interaction.id, user_id=u)
                for u in interaction.user_ids
            ]
        )
        await self.session.flush()

    async def add(self, interaction: Interaction) -> None:
        self.session.add(InteractionRow(**INTERACTION_ROWS.new_row_values(interaction)))
        await self.session.flush()
        await self._write_participants(interaction)

    async def update(self, interaction: Interaction, expected_version: int) -> None:
        values = INTERACTION_ROWS.values(interaction)
        await versioned_update(
            self.session, InteractionRow, interaction.id, expected_version, values
        )
        await self._write_participants(interaction)
        interaction.version = expected_version + 1

    async def planned_for(self, user_id: uuid.UUID, before: datetime) -> list[Interaction]:
        statement = select_interactions().where(
            InteractionRow.status == InteractionStatus.PLANNED.value,
            InteractionRow.scheduled_at < before,
            or_(InteractionRow.owner_id == user_id, _involved(user_id)),
        )
        rows = await self.session.scalars(
            statement.order_by(InteractionRow.scheduled_at, InteractionRow.id)
        )
        return [interaction_to_domain(row) for row in rows]

    async def outcomes(self) -> list[Outcome]:
        rows = await self.session.scalars(select(OutcomeRow).order_by(OutcomeRow.position))
        return [Outcome(r.key, r.label, r.position, r.active) for r in rows]

    async def save_outcomes(self, outcomes: list[Outcome]) -> None:
        await self.session.execute(delete(OutcomeRow))
        self.session.add_all(
            [
                OutcomeRow(key=o.key, label=o.label, position=o.position, active=o.active)
                for o in outcomes
            ]
        )
        await self.session.flush()

    async def refresh_engagement(self, contact_ids: set[uuid.UUID]) -> None:
        if not contact_ids:
            return
        # One UPDATE with subqueries correlated to each contact row: a merge or a
        # multi-participant meeting touches many contacts, one round trip for all.
        about = or_(
            InteractionRow.contact_id == ContactRow.id,
            InteractionRow.id.in_(
                select(InteractionContactRow.interaction_id)
                .where(InteractionContactRow.contact_id == ContactRow.id)
                # Two levels down, auto-correlation stops: name the UPDATE's row.
                .correlate(ContactRow)
            ),
        )
        done = and_(about, InteractionRow.status == InteractionStatus.DONE.value)
        # Overdue planned interactions count as next: they still wait to be done.
        planned = and_(about, InteractionRow.status == InteractionStatus.PLANNED.value)
        await self.session.execute(
            update(ContactRow)
            .where(ContactRow.id.in_(contact_ids))
            .values(
                last_interaction_at=select(func.max(InteractionRow.occurred_at))
                .where(done)
                .scalar_subquery(),
                next_interaction_at=select(func.min(InteractionRow.scheduled_at))
                .where(planned)
                .scalar_subquery(),
                interaction_count=select(func.count(InteractionRow.id))
                .where(done)
                .scalar_subquery(),
            )
        )
