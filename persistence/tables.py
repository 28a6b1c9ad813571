"""Every table, imported in one place so metadata is complete for migrations and tests."""

from persistence.audit import AuditEventRow
from persistence.base import Base
from persistence.companies import CompanyRow
from persistence.contacts import ContactEmailRow, ContactPhoneRow, ContactRow
from persistence.custom_fields import CustomFieldRow
from persistence.idempotency import IdempotencyRow
from persistence.login_throttles import LoginThrottleRow
from persistence.refresh_tokens import RefreshTokenRow
from persistence.roles import RoleRow
from persistence.teams import TeamRow
from persistence.users import UserRow

metadata = Base.metadata

__all__ = [
    "AuditEventRow",
    "CompanyRow",
    "ContactEmailRow",
    "ContactPhoneRow",
    "ContactRow",
    "CustomFieldRow",
    "IdempotencyRow",
    "LoginThrottleRow",
    "RefreshTokenRow",
    "RoleRow",
    "TeamRow",
    "UserRow",
    "metadata",
]
