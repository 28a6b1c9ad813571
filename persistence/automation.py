"""Automation rules and their runs."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    delete,
    exists,
    literal,
    select,
    tuple_,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute, Mapped, mapped_column

from domain.contacts.contacts import LifecycleStage
from domain.funnel.automation.model import (
    Action,
    ActionType,
    AutomationRule,
    Condition,
    IdleDeal,
    Operator,
    RuleFilter,
    RuleRun,
    RuleTrigger,
    RunOutcome,
)
from domain.funnel.triggers import Trigger
from domain.pagination import Page, PageRequest
from persistence.base import Base, JSONDocument, insert_ignoring_conflicts
from persistence.funnel_rows import DealRow
from persistence.mapping import RowMapping
from persistence.pagination import fetch_page
from persistence.user_rows import UserRow
from persistence.versioned import versioned_update


class AutomationRuleRow(Base):
    __tablename__ = "automation_rules"
    __table_args__ = (Index("ix_automation_rules_trigger_enabled", "trigger", "enabled"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    sort_name: Mapped[str] = mapped_column(String(200))
    enabled: Mapped[bool] = mapped_column(Boolean)
    trigger: Mapped[str] = mapped_column(String(40))
    # No foreign key: a rule outlives a deleted stage (and then never fires).
    trigger_stage_id: Mapped[uuid.UUID | None]
    trigger_days: Mapped[int | None] = mapped_column(Integer)
    conditions: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument)
    actions: Mapped[list[dict[str, Any]]] = mapped_column(JSONDocument)
    created_by: Mapped[uuid.UUID] = mapped_column(ForeignKey(UserRow.id, ondelete="RESTRICT"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)


class AutomationRunRow(Base):
    __tablename__ = "automation_runs"
    __table_args__ = (
        # The idle trigger's claim: once per rule, deal and stage entry. Event runs leave
        # stage_entered_at NULL, which never collides.
        UniqueConstraint("rule_id", "record_id", "stage_entered_at"),
        Index("ix_automation_runs_rule_id_at", "rule_id", "at", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    rule_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(AutomationRuleRow.id, ondelete="CASCADE"))
    record_type: Mapped[str] = mapped_column(String(20))
    # No foreign key: the log outlives the records it speaks of.
    record_id: Mapped[uuid.UUID]
    stage_entered_at: Mapped[datetime | None]
    outcome: Mapped[str] = mapped_column(String(10))
    detail: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[uuid.UUID | None]
    depth: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime]


# A rule's mapping is written out, not a RowMapping: its trigger is one field over
# three columns (one of them named as the field); conditions and actions are JSON.
def _action_out(action: Action) -> dict[str, Any]:
    values: dict[str, Any] = {
        "type": action.type.value,
        "stage_id": str(action.stage_id) if action.stage_id else None,
        "lost_reason": action.lost_reason,
        "title": action.title,
        "due_in_days": action.due_in_days,
        "team_id": str(action.team_id) if action.team_id else None,
        "stage": action.stage.value if action.stage else None,
        "tag": action.tag,
    }
    return {key: value for key, value in values.items() if value is not None}


def _action_in(data: dict[str, Any]) -> Action:
    return Action(
        type=ActionType(data["type"]),
        stage_id=uuid.UUID(data["stage_id"]) if data.get("stage_id") else None,
        lost_reason=data.get("lost_reason"),
        title=data.get("title"),
        due_in_days=data.get("due_in_days"),
        team_id=uuid.UUID(data["team_id"]) if data.get("team_id") else None,
        stage=LifecycleStage(data["stage"]) if data.get("stage") else None,
        tag=data.get("tag"),
    )


def _values(rule: AutomationRule) -> dict[str, Any]:
    return {
        "name": rule.name,
        "sort_name": rule.name.lower(),
        "enabled": rule.enabled,
        "trigger": rule.trigger.type.value,
        "trigger_stage_id": rule.trigger.stage_id,
        "trigger_days": rule.trigger.days,
        "conditions": [
            {"field": c.field, "op": c.op.value, "value": c.value} for c in rule.conditions
        ],
        "actions": [_action_out(a) for a in rule.actions],
        "updated_at": rule.updated_at,
    }


def _to_domain(row: AutomationRuleRow) -> AutomationRule:
    return AutomationRule(
        id=row.id,
        name=row.name,
        enabled=row.enabled,
        trigger=RuleTrigger(Trigger(row.trigger), row.trigger_stage_id, row.trigger_days),
        conditions=[Condition(c["field"], Operator(c["op"]), c["value"]) for c in row.conditions],
        actions=[_action_in(a) for a in row.actions],
        created_by=row.created_by,
        created_at=row.created_at,
        updated_at=row.updated_at,
        version=row.version,
    )


RUN_ROWS = RowMapping(RuleRun, AutomationRunRow.__table__)


class SqlAutomationRepository:
    sorts: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {
        "created_at": AutomationRuleRow.created_at,
        "updated_at": AutomationRuleRow.updated_at,
        "name": AutomationRuleRow.sort_name,
    }
    run_sorts: ClassVar[dict[str, InstrumentedAttribute[Any]]] = {"at": AutomationRunRow.at}

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, rule_id: uuid.UUID) -> AutomationRule | None:
        row = await self.session.scalar(
            select(AutomationRuleRow).where(AutomationRuleRow.id == rule_id)
        )
        return _to_domain(row) if row else None

    async def find_page(self, filters: RuleFilter, page: PageRequest) -> Page[AutomationRule]:
        statement = select(AutomationRuleRow)
        if filters.trigger is not None:
            statement = statement.where(AutomationRuleRow.trigger == filters.trigger.value)
        if filters.enabled is not None:
            statement = statement.where(AutomationRuleRow.enabled.is_(filters.enabled))
        return await fetch_page(
            self.session, statement, AutomationRuleRow.id, self.sorts, page, _to_domain
        )

    async def add(self, rule: AutomationRule) -> None:
        self.session.add(
            AutomationRuleRow(
                id=rule.id,
                created_by=rule.created_by,
                created_at=rule.created_at,
                version=rule.version,
                **_values(rule),
            )
        )
        await self.session.flush()

    async def update(self, rule: AutomationRule, expected_version: int) -> None:
        await versioned_update(
            self.session, AutomationRuleRow, rule.id, expected_version, _values(rule)
        )
        rule.version = expected_version + 1

    async def delete(self, rule: AutomationRule) -> None:
        await self.session.execute(delete(AutomationRuleRow).where(AutomationRuleRow.id == rule.id))

    async def enabled_for(self, trigger: Trigger) -> list[AutomationRule]:
        rows = await self.session.scalars(
            select(AutomationRuleRow)
            .where(AutomationRuleRow.trigger == trigger.value, AutomationRuleRow.enabled.is_(True))
            .order_by(AutomationRuleRow.created_at, AutomationRuleRow.id)
        )
        return [_to_domain(row) for row in rows]

    async def claim_run(self, run: RuleRun) -> bool:
        return await insert_ignoring_conflicts(
            self.session,
            AutomationRunRow,
            RUN_ROWS.new_row_values(run),
            ["rule_id", "record_id", "stage_entered_at"],
        )

    async def set_outcome(self, run_id: uuid.UUID, outcome: RunOutcome, detail: str | None) -> None:
        await self.session.execute(
            update(AutomationRunRow)
            .where(AutomationRunRow.id == run_id)
            .values(outcome=outcome.value, detail=detail)
        )

    async def runs_page(self, rule_id: uuid.UUID, page: PageRequest) -> Page[RuleRun]:
        statement = select(AutomationRunRow).where(AutomationRunRow.rule_id == rule_id)
        return await fetch_page(
            self.session, statement, AutomationRunRow.id, self.run_sorts, page, RUN_ROWS.record_of
        )

    async def idle_deals(
        self,
        rule_id: uuid.UUID,
        stage_id: uuid.UUID,
        entered_before: datetime,
        after: IdleDeal | None,
        limit: int,
    ) -> list[IdleDeal]:
        handled = exists().where(
            AutomationRunRow.rule_id == rule_id,
            AutomationRunRow.record_id == DealRow.id,
            AutomationRunRow.stage_entered_at == DealRow.stage_entered_at,
        )
        statement = select(DealRow.id, DealRow.stage_entered_at).where(
            DealRow.stage_id == stage_id, DealRow.stage_entered_at <= entered_before, ~handled
        )
        if after is not None:
            statement = statement.where(
                tuple_(DealRow.stage_entered_at, DealRow.id)
                > tuple_(
                    literal(after.stage_entered_at, DealRow.stage_entered_at.type),
                    literal(after.deal_id, DealRow.id.type),
                )
            )
        rows = await self.session.execute(
            statement.order_by(DealRow.stage_entered_at, DealRow.id).limit(limit)
        )
        return [IdleDeal(deal_id, entered_at) for deal_id, entered_at in rows.all()]
