"""Customer requests with their status changes, response times per priority, and
per-team round-robin distribution.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "request_response_times",
        sa.Column("priority", sa.String(length=10), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("priority", name=op.f("pk_request_response_times")),
    )
    op.create_table(
        "team_distribution",
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("requests", sa.Boolean(), nullable=False),
        sa.Column("leads", sa.Boolean(), nullable=False),
        sa.Column("last_requests_user_id", sa.Uuid(), nullable=True),
        sa.Column("last_leads_user_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["teams.id"],
            name=op.f("fk_team_distribution_team_id_teams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("team_id", name=op.f("pk_team_distribution")),
    )
    op.create_table(
        "requests",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("priority", sa.String(length=10), nullable=False),
        sa.Column("assignee_id", sa.Uuid(), nullable=True),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=True),
        sa.Column("due_by", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolution", sa.Text(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assignee_id"],
            ["users.id"],
            name=op.f("fk_requests_assignee_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_requests_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], name=op.f("fk_requests_owner_id_users"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_requests_team_id_teams"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_requests")),
    )
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.create_index(
            "ix_requests_assignee_id_status", ["assignee_id", "status"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_requests_contact_id"), ["contact_id"], unique=False)
        batch_op.create_index("ix_requests_created_at_id", ["created_at", "id"], unique=False)
        batch_op.create_index("ix_requests_due_by_id", ["due_by", "id"], unique=False)
        batch_op.create_index("ix_requests_status_due_by", ["status", "due_by", "id"], unique=False)

    op.create_table(
        "request_status_changes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("request_id", sa.Uuid(), nullable=False),
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.Column("from_status", sa.String(length=10), nullable=True),
        sa.Column("to_status", sa.String(length=10), nullable=False),
        sa.Column("by", sa.Uuid(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_request_status_changes_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["requests.id"],
            name=op.f("fk_request_status_changes_request_id_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_request_status_changes")),
    )
    with op.batch_alter_table("request_status_changes", schema=None) as batch_op:
        batch_op.create_index(
            "ix_request_status_changes_contact_at", ["contact_id", "at", "id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_request_status_changes_request_id"), ["request_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("request_status_changes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_request_status_changes_request_id"))
        batch_op.drop_index("ix_request_status_changes_contact_at")

    op.drop_table("request_status_changes")
    with op.batch_alter_table("requests", schema=None) as batch_op:
        batch_op.drop_index("ix_requests_status_due_by")
        batch_op.drop_index("ix_requests_due_by_id")
        batch_op.drop_index("ix_requests_created_at_id")
        batch_op.drop_index(batch_op.f("ix_requests_contact_id"))
        batch_op.drop_index("ix_requests_assignee_id_status")

    op.drop_table("requests")
    op.drop_table("team_distribution")
    op.drop_table("request_response_times")
