"""The unit of work: one transaction per use case, committed once by the use case."""

from __future__ import annotations

from typing import Protocol

from domain.login_throttle import LoginThrottleRepository
from domain.refresh_tokens import RefreshTokenRepository
from domain.roles import RoleRepository
from domain.teams import TeamRepository
from domain.users import UserRepository


class UnitOfWork(Protocol):
    # Read-only properties, so an implementation may hold more specific repositories.
    @property
    def users(self) -> UserRepository: ...
    @property
    def teams(self) -> TeamRepository: ...
    @property
    def roles(self) -> RoleRepository: ...
    @property
    def refresh_tokens(self) -> RefreshTokenRepository: ...
    @property
    def login_throttles(self) -> LoginThrottleRepository: ...

    async def commit(self) -> None: ...
    async def rollback(self) -> None: ...
