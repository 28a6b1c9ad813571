"""The lead rotation: the team members listed to take the team's inbound leads in turn,
each of whom can be paused. A team that distributes leads already keeps doing so: its
active members who may own contacts are listed, less its administrators and leaders
(whoever may manage users), who take leads only when added.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07
"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "team_rotation_members",
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["team_id"],
            ["teams.id"],
            name=op.f("fk_team_rotation_members_team_id_teams"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_team_rotation_members_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("team_id", "user_id", name=op.f("pk_team_rotation_members")),
    )
    with op.batch_alter_table("team_rotation_members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_team_rotation_members_user_id"), ["user_id"], unique=False
        )
    _list_current_takers()


def _list_current_takers() -> None:
    # Permissions are a JSON list, read in Python: the same on both databases.
    connection = op.get_bind()
    rows = connection.execute(
        sa.text(
            "SELECT u.team_id, u.id, r.permissions FROM users u"
            " JOIN roles r ON r.id = u.role_id"
            " JOIN team_distribution d ON d.team_id = u.team_id"
            " WHERE d.leads AND u.is_active"
        )
    ).all()
    takers = []
    for team_id, user_id, permissions in rows:
        held = json.loads(permissions) if isinstance(permissions, str) else permissions
        if "contacts:write" in held and "users:manage" not in held:
            # The ids as read: each database takes back what it gave.
            takers.append({"team_id": team_id, "user_id": user_id})
    if takers:
        connection.execute(
            sa.text(
                "INSERT INTO team_rotation_members (team_id, user_id, paused)"
                " VALUES (:team_id, :user_id, FALSE)"
            ),
            takers,
        )


def downgrade() -> None:
    with op.batch_alter_table("team_rotation_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_team_rotation_members_user_id"))
    op.drop_table("team_rotation_members")
