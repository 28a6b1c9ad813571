"""A user's list of sign-ins (issue 14): the client each sign-in began from (its
User-Agent, cut to 300 characters, and address) and when it last refreshed its access.
Sign-ins from before know no client; their last use is taken as their start.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("auth_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_agent", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("client_address", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE auth_sessions SET last_used_at = created_at")
    with op.batch_alter_table("auth_sessions", schema=None) as batch_op:
        batch_op.alter_column(
            "last_used_at", existing_type=sa.DateTime(timezone=True), nullable=False
        )


def downgrade() -> None:
    with op.batch_alter_table("auth_sessions", schema=None) as batch_op:
        batch_op.drop_column("last_used_at")
        batch_op.drop_column("client_address")
        batch_op.drop_column("user_agent")
