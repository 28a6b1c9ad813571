"""Who may read each event's record (issue 16): one row per person and team, with the
event's position, so a reader who reads only their own records or their team's finds
their events along their own range instead of walking everybody's.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As persistence/changes.py found readers when this was written: the people of the
# events' `user_ids` and `former_user_ids` (ids between spaces), their team and former
# team.
_BACKFILL_POSTGRESQL = """
    INSERT INTO event_readers (reader_id, tx, seq, entity_type, action)
    SELECT reader.id, events.tx, events.seq, events.entity_type, events.action
    FROM events CROSS JOIN LATERAL (
        SELECT CAST(person AS uuid) AS id
        FROM unnest(string_to_array(
            events.user_ids || ' ' || coalesce(events.former_user_ids, ''), ' '
        )) AS person
        WHERE person <> ''
        UNION SELECT events.team_id
        UNION SELECT events.former_team_id
    ) AS reader
    WHERE events.tx > 0 AND reader.id IS NOT NULL
"""


def upgrade() -> None:
    readers = op.create_table(
        "event_readers",
        sa.Column("reader_id", sa.Uuid(), nullable=False),
        sa.Column("tx", sa.BigInteger(), nullable=False),
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("entity_type", sa.String(length=20), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint(
            "reader_id",
            "tx",
            "seq",
            name=op.f("pk_event_readers"),
            postgresql_include=["entity_type", "action"],
        ),
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(_BACKFILL_POSTGRESQL)
        return
    events = sa.table(
        "events",
        sa.column("tx", sa.BigInteger()),
        sa.column("seq", sa.Integer()),
        sa.column("entity_type", sa.String()),
        sa.column("action", sa.String()),
        sa.column("team_id", sa.Uuid()),
        sa.column("user_ids", sa.Text()),
        sa.column("former_team_id", sa.Uuid()),
        sa.column("former_user_ids", sa.Text()),
    )
    rows = []
    for tx, seq, kind, action, team, people, former_team, former_people in bind.execute(
        sa.select(events).where(events.c.tx > 0)
    ):
        ids = {uuid.UUID(p) for p in f"{people} {former_people or ''}".split()}
        ids |= {t for t in (team, former_team) if t is not None}
        rows += [
            {"reader_id": i, "tx": tx, "seq": seq, "entity_type": kind, "action": action}
            for i in ids
        ]
    if rows:
        op.bulk_insert(readers, rows)


def downgrade() -> None:
    op.drop_table("event_readers")
