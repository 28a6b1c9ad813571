"""Automation rules and their runs (the idle trigger's once-per-stage-entry claim among
them); audit events and stage changes name the rule that made a change; a round-robin
turn for deals; deals found by how long they have been in their stage.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "automation_rules",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("sort_name", sa.String(length=200), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("trigger", sa.String(length=40), nullable=False),
        sa.Column("trigger_stage_id", sa.Uuid(), nullable=True),
        sa.Column("trigger_days", sa.Integer(), nullable=True),
        sa.Column("conditions", JSON, nullable=False),
        sa.Column("actions", JSON, nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
            name=op.f("fk_automation_rules_created_by_users"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_automation_rules")),
    )
    with op.batch_alter_table("automation_rules", schema=None) as batch_op:
        batch_op.create_index(
            "ix_automation_rules_trigger_enabled", ["trigger", "enabled"], unique=False
        )

    op.create_table(
        "automation_runs",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("rule_id", sa.Uuid(), nullable=False),
        sa.Column("record_type", sa.String(length=20), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.Column("stage_entered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=10), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("depth", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["rule_id"],
            ["automation_rules.id"],
            name=op.f("fk_automation_runs_rule_id_automation_rules"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_automation_runs")),
        sa.UniqueConstraint(
            "rule_id",
            "record_id",
            "stage_entered_at",
            name=op.f("uq_automation_runs_rule_id_record_id_stage_entered_at"),
        ),
    )
    with op.batch_alter_table("automation_runs", schema=None) as batch_op:
        batch_op.create_index(
            "ix_automation_runs_rule_id_at", ["rule_id", "at", "id"], unique=False
        )

    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rule_id", sa.Uuid(), nullable=True))
    with op.batch_alter_table("deal_stage_changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rule_id", sa.Uuid(), nullable=True))
    with op.batch_alter_table("deals", schema=None) as batch_op:
        batch_op.create_index(
            "ix_deals_stage_id_stage_entered_at", ["stage_id", "stage_entered_at"], unique=False
        )
    with op.batch_alter_table("team_distribution", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_deals_user_id", sa.Uuid(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("team_distribution", schema=None) as batch_op:
        batch_op.drop_column("last_deals_user_id")
    with op.batch_alter_table("deals", schema=None) as batch_op:
        batch_op.drop_index("ix_deals_stage_id_stage_entered_at")
    with op.batch_alter_table("deal_stage_changes", schema=None) as batch_op:
        batch_op.drop_column("rule_id")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_column("rule_id")

    with op.batch_alter_table("automation_runs", schema=None) as batch_op:
        batch_op.drop_index("ix_automation_runs_rule_id_at")
    op.drop_table("automation_runs")
    with op.batch_alter_table("automation_rules", schema=None) as batch_op:
        batch_op.drop_index("ix_automation_rules_trigger_enabled")
    op.drop_table("automation_rules")
