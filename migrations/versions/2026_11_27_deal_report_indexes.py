"""Covering indexes for the deal board and the forecast and funnel reports, the stages
each deal has entered, and on stage changes copies of their deal's pipeline, creation,
owner and team (filled in from the deals and their history).

Revision ID: 0010
Revises: 0007
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SCOPE = ["owner_id", "team_id"]

POSTGRESQL_BACKFILL = (
    """
    UPDATE deal_stage_changes AS c
    SET pipeline_id = d.pipeline_id, deal_created_at = d.created_at,
        owner_id = d.owner_id, team_id = d.team_id
    FROM deals AS d WHERE d.id = c.deal_id
    """,
    """
    UPDATE deals AS d SET entered_stage_ids = e.ids
    FROM (
        SELECT deal_id, string_agg(DISTINCT to_stage_id::text, ' ' ORDER BY to_stage_id::text)
            AS ids
        FROM deal_stage_changes GROUP BY deal_id
    ) AS e
    WHERE e.deal_id = d.id
    """,
    "UPDATE deals SET entered_stage_ids = '' WHERE entered_stage_ids IS NULL",
)

# SQLite keeps a UUID as 32 hex digits; entered_stage_ids holds them as str(uuid) writes
# them, with dashes, as the repository does. (group_concat keeps the subquery's order.)
SQLITE_BACKFILL = (
    """
    UPDATE deal_stage_changes SET
        pipeline_id = (SELECT pipeline_id FROM deals WHERE deals.id = deal_stage_changes.deal_id),
        deal_created_at = (SELECT created_at FROM deals WHERE deals.id = deal_stage_changes.deal_id),
        owner_id = (SELECT owner_id FROM deals WHERE deals.id = deal_stage_changes.deal_id),
        team_id = (SELECT team_id FROM deals WHERE deals.id = deal_stage_changes.deal_id)
    """,
    """
    UPDATE deals SET entered_stage_ids = (
        SELECT coalesce(group_concat(stage, ' '), '') FROM (
            SELECT DISTINCT lower(
                substr(to_stage_id, 1, 8) || '-' || substr(to_stage_id, 9, 4) || '-' ||
                substr(to_stage_id, 13, 4) || '-' || substr(to_stage_id, 17, 4) || '-' ||
                substr(to_stage_id, 21)
            ) AS stage
            FROM deal_stage_changes WHERE deal_stage_changes.deal_id = deals.id
            ORDER BY stage
        )
    )
    """,
)


def upgrade() -> None:
    with op.batch_alter_table("deal_stage_changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pipeline_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("deal_created_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("owner_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("team_id", sa.Uuid(), nullable=True))
    with op.batch_alter_table("deals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("entered_stage_ids", sa.Text(), nullable=True))

    postgresql_ = op.get_bind().dialect.name == "postgresql"
    for statement in POSTGRESQL_BACKFILL if postgresql_ else SQLITE_BACKFILL:
        op.execute(statement)

    with op.batch_alter_table("deal_stage_changes", schema=None) as batch_op:
        batch_op.alter_column("pipeline_id", existing_type=sa.Uuid(), nullable=False)
        batch_op.alter_column(
            "deal_created_at", existing_type=sa.DateTime(timezone=True), nullable=False
        )
        batch_op.alter_column("owner_id", existing_type=sa.Uuid(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_deal_stage_changes_team_id_teams"),
            "teams",
            ["team_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_index(
            "ix_deal_stage_changes_funnel",
            ["pipeline_id", "from_stage_id", "deal_created_at"],
            unique=False,
            postgresql_include=["seconds_in_previous", *SCOPE],
        )

    with op.batch_alter_table("deals", schema=None) as batch_op:
        batch_op.alter_column("entered_stage_ids", existing_type=sa.Text(), nullable=False)
        # Both forecast indexes start with (pipeline_id, status).
        batch_op.drop_index("ix_deals_pipeline_id_status")
        batch_op.create_index(
            "ix_deals_board",
            ["pipeline_id", "stage_id", "currency"],
            unique=False,
            postgresql_include=["amount", *SCOPE],
        )
        batch_op.create_index(
            "ix_deals_forecast_open",
            ["pipeline_id", "status", "expected_close"],
            unique=False,
            postgresql_include=["stage_id", "currency", "amount", *SCOPE],
        )
        batch_op.create_index(
            "ix_deals_forecast_won",
            ["pipeline_id", "status", "won_at"],
            unique=False,
            postgresql_include=["currency", "amount", *SCOPE],
        )
        batch_op.create_index(
            "ix_deals_funnel",
            ["pipeline_id", "created_at"],
            unique=False,
            postgresql_include=[
                "status",
                "currency",
                "amount",
                "won_at",
                "entered_stage_ids",
                *SCOPE,
            ],
        )


def downgrade() -> None:
    with op.batch_alter_table("deals", schema=None) as batch_op:
        batch_op.drop_index("ix_deals_funnel")
        batch_op.drop_index("ix_deals_forecast_won")
        batch_op.drop_index("ix_deals_forecast_open")
        batch_op.drop_index("ix_deals_board")
        batch_op.create_index(
            "ix_deals_pipeline_id_status", ["pipeline_id", "status"], unique=False
        )
        batch_op.drop_column("entered_stage_ids")

    with op.batch_alter_table("deal_stage_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_deal_stage_changes_funnel")
        batch_op.drop_constraint(
            batch_op.f("fk_deal_stage_changes_team_id_teams"), type_="foreignkey"
        )
        batch_op.drop_column("team_id")
        batch_op.drop_column("owner_id")
        batch_op.drop_column("deal_created_at")
        batch_op.drop_column("pipeline_id")
