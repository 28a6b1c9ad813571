"""Running totals of the deals for the board and the funnel, covering indexes for the
reports, the stages each deal has entered, and on stage changes copies of their deal's
pipeline, creation, owner and team; all filled in from the deals and their history.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
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


NO_TEAM_POSTGRESQL = "'00000000-0000-0000-0000-000000000000'::uuid"
NO_TEAM_SQLITE = "'00000000000000000000000000000000'"


def totals(
    no_team: str,
    month: str,
    changes_month: str,
    close_month: str,
    won_month: str,
    microseconds: str,
) -> tuple[str, ...]:
    """The running totals summed from the deals and their stage changes (see
    persistence/deal_totals.py), in one database's SQL."""
    return (
        f"""
        INSERT INTO deal_stage_totals (stage_id, currency, owner_id, team_key, deals, amount)
        SELECT stage_id, currency, owner_id, coalesce(team_id, {no_team}), count(*), sum(amount)
        FROM deals GROUP BY stage_id, currency, owner_id, coalesce(team_id, {no_team})
        """,  # noqa: S608 - made of the constants below, no input
        f"""
        INSERT INTO deal_open_totals (pipeline_id, month, stage_id, owner_id, team_key,
            currency, deals, amount, weighted)
        SELECT d.pipeline_id, {close_month}, d.stage_id, d.owner_id,
            coalesce(d.team_id, {no_team}), d.currency, count(*), sum(d.amount),
            sum((d.amount * s.probability + 50) / 100)
        FROM deals AS d JOIN stages AS s ON s.id = d.stage_id
        WHERE d.status = 'open' AND d.expected_close IS NOT NULL
        GROUP BY d.pipeline_id, {close_month}, d.stage_id, d.owner_id,
            coalesce(d.team_id, {no_team}), d.currency
        """,  # noqa: S608 - made of the constants below, no input
        f"""
        INSERT INTO deal_won_totals (pipeline_id, month, owner_id, team_key, currency, deals,
            amount)
        SELECT pipeline_id, {won_month}, owner_id, coalesce(team_id, {no_team}), currency,
            count(*), sum(amount)
        FROM deals WHERE status = 'won' AND won_at IS NOT NULL
        GROUP BY pipeline_id, {won_month}, owner_id, coalesce(team_id, {no_team}), currency
        """,  # noqa: S608 - made of the constants below, no input
        f"""
        INSERT INTO deal_cohort_totals (pipeline_id, month, owner_id, team_key,
            entered_stage_ids, status, currency, deals, amount, cycle_us, cycles)
        SELECT pipeline_id, {month}, owner_id, coalesce(team_id, {no_team}), entered_stage_ids,
            status, currency, count(*), sum(amount),
            sum(CASE WHEN won_at IS NULL THEN 0 ELSE {microseconds} END), count(won_at)
        FROM deals
        GROUP BY pipeline_id, {month}, owner_id, coalesce(team_id, {no_team}),
            entered_stage_ids, status, currency
        """,  # noqa: S608 - made of the constants below, no input
        f"""
        INSERT INTO deal_stage_time_totals (pipeline_id, month, owner_id, team_key, stage_id,
            seconds, stays)
        SELECT pipeline_id, {changes_month}, owner_id, coalesce(team_id, {no_team}),
            from_stage_id, sum(seconds_in_previous), count(seconds_in_previous)
        FROM deal_stage_changes
        WHERE from_stage_id IS NOT NULL AND seconds_in_previous IS NOT NULL
        GROUP BY pipeline_id, {changes_month}, owner_id, coalesce(team_id, {no_team}),
            from_stage_id
        """,  # noqa: S608 - made of the constants below, no input
    )


POSTGRESQL_TOTALS = totals(
    NO_TEAM_POSTGRESQL,
    "date_trunc('month', timezone('UTC', created_at))::date",
    "date_trunc('month', timezone('UTC', deal_created_at))::date",
    "date_trunc('month', d.expected_close)::date",
    "date_trunc('month', timezone('UTC', won_at))::date",
    "round(extract(epoch FROM won_at - created_at) * 1000000)::bigint",
)
# SQLite keeps timestamps as "YYYY-MM-DD HH:MM:SS.ffffff" in UTC.
SQLITE_TOTALS = totals(
    NO_TEAM_SQLITE,
    "date(created_at, 'start of month')",
    "date(deal_created_at, 'start of month')",
    "date(d.expected_close, 'start of month')",
    "date(won_at, 'start of month')",
    "(CAST(strftime('%s', won_at) AS INTEGER) - CAST(strftime('%s', created_at) AS INTEGER))"
    " * 1000000 + CAST(substr(won_at, 21, 6) AS INTEGER)"
    " - CAST(substr(created_at, 21, 6) AS INTEGER)",
)


def create_totals() -> None:
    op.create_table(
        "deal_won_totals",
        sa.Column("pipeline_id", sa.Uuid(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("team_key", sa.Uuid(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("deals", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pipeline_id"],
            ["pipelines.id"],
            name=op.f("fk_deal_won_totals_pipeline_id_pipelines"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "pipeline_id",
            "month",
            "owner_id",
            "team_key",
            "currency",
            name=op.f("pk_deal_won_totals"),
        ),
    )
    op.create_table(
        "deal_open_totals",
        sa.Column("pipeline_id", sa.Uuid(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("stage_id", sa.Uuid(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("team_key", sa.Uuid(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("deals", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("weighted", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pipeline_id"],
            ["pipelines.id"],
            name=op.f("fk_deal_open_totals_pipeline_id_pipelines"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["stages.id"],
            name=op.f("fk_deal_open_totals_stage_id_stages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "pipeline_id",
            "month",
            "stage_id",
            "owner_id",
            "team_key",
            "currency",
            name=op.f("pk_deal_open_totals"),
        ),
    )
    op.create_table(
        "deal_cohort_totals",
        sa.Column("pipeline_id", sa.Uuid(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("team_key", sa.Uuid(), nullable=False),
        sa.Column("entered_stage_ids", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("deals", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("cycle_us", sa.BigInteger(), nullable=False),
        sa.Column("cycles", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pipeline_id"],
            ["pipelines.id"],
            name=op.f("fk_deal_cohort_totals_pipeline_id_pipelines"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "pipeline_id",
            "month",
            "owner_id",
            "team_key",
            "entered_stage_ids",
            "status",
            "currency",
            name=op.f("pk_deal_cohort_totals"),
        ),
    )
    op.create_table(
        "deal_stage_time_totals",
        sa.Column("pipeline_id", sa.Uuid(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("team_key", sa.Uuid(), nullable=False),
        sa.Column("stage_id", sa.Uuid(), nullable=False),
        sa.Column("seconds", sa.BigInteger(), nullable=False),
        sa.Column("stays", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pipeline_id"],
            ["pipelines.id"],
            name=op.f("fk_deal_stage_time_totals_pipeline_id_pipelines"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "pipeline_id",
            "month",
            "owner_id",
            "team_key",
            "stage_id",
            name=op.f("pk_deal_stage_time_totals"),
        ),
    )
    op.create_table(
        "deal_stage_totals",
        sa.Column("stage_id", sa.Uuid(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("team_key", sa.Uuid(), nullable=False),
        sa.Column("deals", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["stage_id"],
            ["stages.id"],
            name=op.f("fk_deal_stage_totals_stage_id_stages"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "stage_id", "currency", "owner_id", "team_key", name=op.f("pk_deal_stage_totals")
        ),
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

    create_totals()
    for statement in POSTGRESQL_TOTALS if postgresql_ else SQLITE_TOTALS:
        op.execute(statement)


def downgrade() -> None:
    op.drop_table("deal_open_totals")
    op.drop_table("deal_won_totals")
    op.drop_table("deal_stage_totals")
    op.drop_table("deal_stage_time_totals")
    op.drop_table("deal_cohort_totals")
    with op.batch_alter_table("deals", schema=None) as batch_op:
        batch_op.drop_index("ix_deals_funnel")
        batch_op.drop_index("ix_deals_forecast_won")
        batch_op.drop_index("ix_deals_forecast_open")
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
