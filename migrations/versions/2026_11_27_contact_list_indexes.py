"""Indexes for the contact lists at a million contacts, and the vocabulary of search
words that typo'd queries are corrected against (filled here from the existing records
on PostgreSQL, where it is used).

The live list's (updated_at, id), (owner_id, ...) and (team_id, ...) indexes become
partial (archived contacts are not in the list) and, on PostgreSQL, carry the columns the
common filters read, so a filtered page is found by an index-only scan; archived
contacts get an index of their own.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# persistence.records.search_words in SQL: runs of three or more letters, at most 64.
_BACKFILL = """
INSERT INTO search_words (word)
SELECT DISTINCT m[1]
FROM (SELECT search_text FROM contacts UNION ALL SELECT search_text FROM companies) AS t,
     regexp_matches(t.search_text, '([[:alpha:]]{3,})', 'g') AS m
WHERE length(m[1]) <= 64
ON CONFLICT DO NOTHING
"""


_LIVE = sa.text("archived_at IS NULL")
_ARCHIVED = sa.text("archived_at IS NOT NULL")
_FILTERED = ["owner_id", "team_id", "lifecycle_stage", "country", "city"]
_LIVE_KEYS = {
    "ix_contacts_live_updated_at_id": ["updated_at", "id"],
    "ix_contacts_live_owner_id_updated_at_id": ["owner_id", "updated_at", "id"],
    "ix_contacts_live_team_id_updated_at_id": ["team_id", "updated_at", "id"],
}
# Replaced by the live ones above.
_OLD_KEYS = {
    "ix_contacts_updated_at_id": ["updated_at", "id"],
    "ix_contacts_owner_id_updated_at": ["owner_id", "updated_at", "id"],
    "ix_contacts_team_id_updated_at": ["team_id", "updated_at", "id"],
}


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    for name, key in _LIVE_KEYS.items():
        op.create_index(
            name,
            "contacts",
            key,
            postgresql_include=[c for c in _FILTERED if c not in key],
            postgresql_where=_LIVE,
            sqlite_where=_LIVE,
        )
    op.create_index(
        "ix_contacts_archived_updated_at_id",
        "contacts",
        ["updated_at", "id"],
        postgresql_where=_ARCHIVED,
        sqlite_where=_ARCHIVED,
    )
    for name in _OLD_KEYS:
        op.drop_index(name, table_name="contacts")

    op.create_table(
        "search_words",
        sa.Column("word", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("word", name=op.f("pk_search_words")),
    )
    if _postgresql():
        op.create_index(
            "ix_search_words_word_trgm",
            "search_words",
            ["word"],
            postgresql_using="gin",
            postgresql_ops={"word": "gin_trgm_ops"},
        )
        op.execute(_BACKFILL)


def downgrade() -> None:
    if _postgresql():
        op.drop_index("ix_search_words_word_trgm", table_name="search_words")
    op.drop_table("search_words")
    for name, key in _OLD_KEYS.items():
        op.create_index(name, "contacts", key)
    op.drop_index("ix_contacts_archived_updated_at_id", table_name="contacts")
    for name in _LIVE_KEYS:
        op.drop_index(name, table_name="contacts")
