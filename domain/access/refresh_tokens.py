"""Refresh tokens: opaque, stored only as a hash, rotated on every use. Tokens descended
from one sign-in form a family, whose id is its session's (domain/access/auth_sessions.py);
presenting a token that was already rotated means it was copied, so the session ends and
the whole family is revoked."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol
from uuid import UUID, uuid4


@dataclass
class RefreshToken:
    user_id: UUID
    family_id: UUID
    token_hash: str
    expires_at: datetime
    created_at: datetime
    id: UUID = field(default_factory=uuid4)
    used_at: datetime | None = None
    revoked_at: datetime | None = None


class RefreshTokenRepository(Protocol):
    async def add(self, token: RefreshToken) -> None: ...
    async def get_by_hash(self, token_hash: str) -> RefreshToken | None: ...
    async def claim(self, token_id: UUID, now: datetime) -> bool:
        """Marks an unused, unrevoked token used; False when another request got it first."""
        ...
