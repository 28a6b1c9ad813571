"""Tasks and interactions about a deal or a customer request.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deal_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("request_id", sa.Uuid(), nullable=True))
        batch_op.create_index("ix_interactions_deal_id_at", ["deal_id", "at", "id"], unique=False)
        batch_op.create_index(
            "ix_interactions_request_id_at", ["request_id", "at", "id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_interactions_deal_id_deals"),
            "deals",
            ["deal_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_interactions_request_id_requests"),
            "requests",
            ["request_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("deal_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("request_id", sa.Uuid(), nullable=True))
        batch_op.create_index("ix_tasks_deal_id_at", ["deal_id", "at", "id"], unique=False)
        batch_op.create_index("ix_tasks_request_id_at", ["request_id", "at", "id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_tasks_request_id_requests"),
            "requests",
            ["request_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_tasks_deal_id_deals"), "deals", ["deal_id"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_tasks_deal_id_deals"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_tasks_request_id_requests"), type_="foreignkey")
        batch_op.drop_index("ix_tasks_request_id_at")
        batch_op.drop_index("ix_tasks_deal_id_at")
        batch_op.drop_column("request_id")
        batch_op.drop_column("deal_id")

    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_interactions_request_id_requests"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("fk_interactions_deal_id_deals"), type_="foreignkey")
        batch_op.drop_index("ix_interactions_request_id_at")
        batch_op.drop_index("ix_interactions_deal_id_at")
        batch_op.drop_column("request_id")
        batch_op.drop_column("deal_id")
