"""The roles, teams and users tables. Apart from their repositories (roles.py, teams.py,
users.py) because each repository reads the others' tables: a role's holders and a
team's members are users, and a user has a role and a team."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.clock import utcnow
from persistence.base import Base, JSONDocument


class RoleRow(Base):
    __tablename__ = "roles"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    rank: Mapped[int] = mapped_column(Integer)
    access: Mapped[dict[str, dict[str, str]]] = mapped_column(JSONDocument)
    permissions: Mapped[list[str]] = mapped_column(JSONDocument)
    description: Mapped[str] = mapped_column(Text, default="")
    template_key: Mapped[str | None] = mapped_column(String(50), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, default=1)


class TeamRow(Base):
    __tablename__ = "teams"
    __table_args__ = (Index("ix_teams_created_at_id", "created_at", "id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)


class UserRow(Base):
    __tablename__ = "users"
    __table_args__ = (Index("ix_users_created_at_id", "created_at", "id"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey(RoleRow.id, ondelete="RESTRICT"), index=True
    )
    team_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey(TeamRow.id, ondelete="RESTRICT"), index=True
    )
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_login_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Raised when the claims an access token carries change (persistence/auth_sessions.py).
    security_version: Mapped[int] = mapped_column(Integer, default=1)
    # A person, or the account of an API key's integration (domain/access/api_keys.py).
    kind: Mapped[str] = mapped_column(String(20), default="person", server_default="person")

    role: Mapped[RoleRow] = relationship(lazy="raise")
