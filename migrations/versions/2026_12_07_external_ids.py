"""External ids (issue 18): contacts, companies and deals known by a source system's id.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The primary key is the unique key: one record per (kind, source, external id).
    op.create_table(
        "external_ids",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("external_id", sa.String(length=200), nullable=False),
        sa.Column("record_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "source", "external_id", name=op.f("pk_external_ids")),
    )
    op.create_index(
        "ix_external_ids_kind_record_id", "external_ids", ["kind", "record_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_external_ids_kind_record_id", table_name="external_ids")
    op.drop_table("external_ids")
