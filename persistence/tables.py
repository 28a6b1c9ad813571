"""Every table, imported in one place so metadata is complete for migrations and tests."""

from persistence.base import Base
from persistence.login_throttles import LoginThrottleRow
from persistence.refresh_tokens import RefreshTokenRow
from persistence.roles import RoleRow
from persistence.teams import TeamRow
from persistence.users import UserRow

metadata = Base.metadata

__all__ = ["LoginThrottleRow", "RefreshTokenRow", "RoleRow", "TeamRow", "UserRow", "metadata"]
