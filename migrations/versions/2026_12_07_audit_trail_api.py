"""The audit trail as an API: an index per filter, each in the list's order (record id,
entity type, actor, action, time; the record's history now goes by its id alone, so a
filter on the id without the type is served too), `details` for events that change no
record (sign-ins, exports), and `entity_id` optional for a failed sign-in with an e-mail
no user has.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_INDEXES = {
    "ix_audit_events_entity_id": ["entity_id", "occurred_at", "id"],
    "ix_audit_events_entity_type": ["entity_type", "occurred_at", "id"],
    "ix_audit_events_occurred_at_id": ["occurred_at", "id"],
    "ix_audit_events_actor": ["actor_id", "occurred_at", "id"],
    "ix_audit_events_action": ["action", "occurred_at", "id"],
}


def upgrade() -> None:
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "details",
                sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
                nullable=True,
            )
        )
        batch_op.alter_column("entity_id", existing_type=sa.Uuid(), nullable=True)
        batch_op.drop_index("ix_audit_events_record")
        for name, columns in _INDEXES.items():
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    # Events that name no record cannot stay once every event must name one.
    op.execute(sa.text("DELETE FROM audit_events WHERE entity_id IS NULL"))
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        for name in reversed(_INDEXES):
            batch_op.drop_index(name)
        batch_op.create_index(
            "ix_audit_events_record",
            ["entity_type", "entity_id", "occurred_at", "id"],
            unique=False,
        )
        batch_op.alter_column("entity_id", existing_type=sa.Uuid(), nullable=False)
        batch_op.drop_column("details")
