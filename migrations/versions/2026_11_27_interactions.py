"""Interactions with their participants and outcome list; contact engagement columns;
the settings:manage permission in the role templates.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from migrations.frozen import DEFAULT_OUTCOMES, seed_role_templates_with_scope

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "interaction_outcomes",
        sa.Column("key", sa.String(length=50), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_interaction_outcomes")),
    )
    op.create_table(
        "interactions",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("channel", sa.String(length=20), nullable=False),
        sa.Column("direction", sa.String(length=10), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=50), nullable=True),
        sa.Column("scheduled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=True),
        sa.Column("contact_id", sa.Uuid(), nullable=True),
        sa.Column("company_id", sa.Uuid(), nullable=True),
        sa.Column("owner_id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["company_id"],
            ["companies.id"],
            name=op.f("fk_interactions_company_id_companies"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_interactions_contact_id_contacts"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"],
            ["users.id"],
            name=op.f("fk_interactions_owner_id_users"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["teams.id"],
            name=op.f("fk_interactions_team_id_teams"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interactions")),
    )
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.create_index("ix_interactions_at_id", ["at", "id"], unique=False)
        batch_op.create_index(
            "ix_interactions_company_id_at", ["company_id", "at", "id"], unique=False
        )
        batch_op.create_index(
            "ix_interactions_contact_id_at", ["contact_id", "at", "id"], unique=False
        )
        batch_op.create_index("ix_interactions_owner_id_at", ["owner_id", "at", "id"], unique=False)

    op.create_table(
        "interaction_contacts",
        sa.Column("interaction_id", sa.Uuid(), nullable=False),
        sa.Column("contact_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["contacts.id"],
            name=op.f("fk_interaction_contacts_contact_id_contacts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_interaction_contacts_interaction_id_interactions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "interaction_id", "contact_id", name=op.f("pk_interaction_contacts")
        ),
    )
    with op.batch_alter_table("interaction_contacts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_interaction_contacts_contact_id"), ["contact_id"], unique=False
        )

    op.create_table(
        "interaction_users",
        sa.Column("interaction_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["interaction_id"],
            ["interactions.id"],
            name=op.f("fk_interaction_users_interaction_id_interactions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_interaction_users_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("interaction_id", "user_id", name=op.f("pk_interaction_users")),
    )
    with op.batch_alter_table("interaction_users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interaction_users_user_id"), ["user_id"], unique=False)

    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("last_interaction_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("next_interaction_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("interaction_count", sa.Integer(), nullable=False, server_default="0")
        )

    outcomes = sa.table(
        "interaction_outcomes",
        sa.column("key", sa.String),
        sa.column("label", sa.String),
        sa.column("position", sa.Integer),
        sa.column("active", sa.Boolean),
    )
    op.bulk_insert(
        outcomes,
        [
            {"key": key, "label": label, "position": position, "active": True}
            for key, label, position in DEFAULT_OUTCOMES
        ],
    )
    seed_role_templates_with_scope(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_column("interaction_count")
        batch_op.drop_column("next_interaction_at")
        batch_op.drop_column("last_interaction_at")

    with op.batch_alter_table("interaction_users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interaction_users_user_id"))

    op.drop_table("interaction_users")
    with op.batch_alter_table("interaction_contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interaction_contacts_contact_id"))

    op.drop_table("interaction_contacts")
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.drop_index("ix_interactions_owner_id_at")
        batch_op.drop_index("ix_interactions_contact_id_at")
        batch_op.drop_index("ix_interactions_company_id_at")
        batch_op.drop_index("ix_interactions_at_id")

    op.drop_table("interactions")
    op.drop_table("interaction_outcomes")
