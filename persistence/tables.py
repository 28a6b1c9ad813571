"""Every table, imported in one place so metadata is complete for migrations and tests."""

from persistence.api_keys import ApiKeyRow
from persistence.audit import AuditEventRow
from persistence.auth_sessions import AuthSessionRow
from persistence.automation import AutomationRuleRow, AutomationRunRow
from persistence.base import Base
from persistence.calendar_feeds import CalendarFeedRow
from persistence.changes import EventClockRow, EventReaderRow, EventRow
from persistence.companies import CompanyRow
from persistence.contacts import ContactEmailRow, ContactPhoneRow, ContactRow
from persistence.custom_fields import CustomFieldRow
from persistence.deal_totals import (
    CohortTotalRow,
    OpenTotalRow,
    StageTimeTotalRow,
    StageTotalRow,
    WonTotalRow,
)
from persistence.distribution import DistributionRow, RotationMemberRow
from persistence.external_ids import ExternalIdRow
from persistence.funnel_rows import DealRow, PipelineRow, StageChangeRow, StageRow
from persistence.idempotency import IdempotencyRow
from persistence.imports import ContactImportRow
from persistence.interactions import (
    InteractionContactRow,
    InteractionRow,
    InteractionUserRow,
    OutcomeRow,
)
from persistence.jobs import JobRow
from persistence.login_throttles import LoginThrottleRow
from persistence.records import SearchWordRow
from persistence.refresh_tokens import RefreshTokenRow
from persistence.requests import RequestChangeRow, RequestRow, ResponseTimeRow
from persistence.tasks import TaskRow
from persistence.user_rows import RoleRow, TeamRow, UserRow
from persistence.webhooks import WebhookDeliveryRow, WebhookRow

metadata = Base.metadata

__all__ = [
    "ApiKeyRow",
    "AuditEventRow",
    "AuthSessionRow",
    "AutomationRuleRow",
    "AutomationRunRow",
    "CalendarFeedRow",
    "CohortTotalRow",
    "CompanyRow",
    "ContactEmailRow",
    "ContactImportRow",
    "ContactPhoneRow",
    "ContactRow",
    "CustomFieldRow",
    "DealRow",
    "DistributionRow",
    "EventClockRow",
    "EventReaderRow",
    "EventRow",
    "ExternalIdRow",
    "IdempotencyRow",
    "InteractionContactRow",
    "InteractionRow",
    "InteractionUserRow",
    "JobRow",
    "LoginThrottleRow",
    "OpenTotalRow",
    "OutcomeRow",
    "PipelineRow",
    "RefreshTokenRow",
    "RequestChangeRow",
    "RequestRow",
    "ResponseTimeRow",
    "RoleRow",
    "RotationMemberRow",
    "SearchWordRow",
    "StageChangeRow",
    "StageRow",
    "StageTimeTotalRow",
    "StageTotalRow",
    "TaskRow",
    "TeamRow",
    "UserRow",
    "WebhookDeliveryRow",
    "WebhookRow",
    "WonTotalRow",
    "metadata",
]
