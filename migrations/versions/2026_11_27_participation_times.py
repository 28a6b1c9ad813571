"""Each participation of a contact in an interaction carries the interaction's time, and
is indexed by contact and time: a timeline reads a contact's newest participations in
order instead of all of them, sorted.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("interaction_contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("at", sa.DateTime(timezone=True), nullable=True))
    op.execute(
        "UPDATE interaction_contacts SET at = "
        "(SELECT interactions.at FROM interactions"
        " WHERE interactions.id = interaction_contacts.interaction_id)"
    )
    with op.batch_alter_table("interaction_contacts", schema=None) as batch_op:
        batch_op.alter_column("at", existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.drop_index(batch_op.f("ix_interaction_contacts_contact_id"))
        batch_op.create_index(
            "ix_interaction_contacts_contact_id_at",
            ["contact_id", "at", "interaction_id"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("interaction_contacts", schema=None) as batch_op:
        batch_op.drop_index("ix_interaction_contacts_contact_id_at")
        batch_op.create_index(
            batch_op.f("ix_interaction_contacts_contact_id"), ["contact_id"], unique=False
        )
        batch_op.drop_column("at")
