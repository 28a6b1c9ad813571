"""The unit of work: one transaction per request, committed once by whoever opened it
(the API's request dependency, the command line), never by a use case. So use cases
compose (a batch runs many creates, all or nothing) and the API can add its own rows
(idempotency records) to the same transaction.

The one exception is a use case that must leave a trace although it fails (a failed
sign-in is counted, a reused refresh token revokes its family): it commits that trace
itself before raising, and says so."""

from __future__ import annotations

from contextlib import AbstractAsyncContextManager
from typing import TYPE_CHECKING, Protocol

from domain.access.api_keys import ApiKeyRepository
from domain.access.auth_sessions import AuthSessionRepository
from domain.access.login_throttle import LoginThrottleRepository
from domain.access.refresh_tokens import RefreshTokenRepository
from domain.access.roles import RoleRepository
from domain.access.teams import TeamRepository
from domain.access.users import UserRepository
from domain.audit import AuditRepository
from domain.changes import ChangeRepository
from domain.contacts.companies import CompanyRepository
from domain.contacts.contact_import import ImportRepository
from domain.contacts.contacts import ContactRepository
from domain.contacts.custom_fields import CustomFieldRepository
from domain.external_ids import ExternalIdRepository
from domain.funnel.automation.model import AutomationRepository
from domain.funnel.deals import DealRepository
from domain.funnel.distribution import DistributionRepository
from domain.funnel.pipelines import PipelineRepository
from domain.funnel.reports import ReportRepository
from domain.interactions.agenda import CalendarFeedRepository
from domain.interactions.interactions import InteractionRepository
from domain.interactions.requests import RequestRepository
from domain.interactions.tasks import TaskRepository
from domain.interactions.timeline import TimelineRepository
from domain.jobs import JobQueue
from domain.records import OwnedRecordRepository

if TYPE_CHECKING:
    from domain.events import Changed


class UnitOfWork(Protocol):
    # Read-only properties, so an implementation may hold more specific repositories.
    @property
    def users(self) -> UserRepository: ...
    @property
    def teams(self) -> TeamRepository: ...
    @property
    def roles(self) -> RoleRepository: ...
    @property
    def api_keys(self) -> ApiKeyRepository: ...
    @property
    def refresh_tokens(self) -> RefreshTokenRepository: ...
    @property
    def auth_sessions(self) -> AuthSessionRepository: ...
    @property
    def login_throttles(self) -> LoginThrottleRepository: ...
    @property
    def companies(self) -> CompanyRepository: ...
    @property
    def contacts(self) -> ContactRepository: ...
    @property
    def custom_fields(self) -> CustomFieldRepository: ...
    @property
    def audit(self) -> AuditRepository: ...
    @property
    def changes(self) -> ChangeRepository: ...
    @property
    def imports(self) -> ImportRepository: ...
    @property
    def jobs(self) -> JobQueue: ...
    @property
    def interactions(self) -> InteractionRepository: ...
    @property
    def tasks(self) -> TaskRepository: ...
    @property
    def calendar_feeds(self) -> CalendarFeedRepository: ...
    @property
    def requests(self) -> RequestRepository: ...
    @property
    def distribution(self) -> DistributionRepository: ...
    @property
    def pipelines(self) -> PipelineRepository: ...
    @property
    def deals(self) -> DealRepository: ...
    @property
    def reports(self) -> ReportRepository: ...
    @property
    def automation(self) -> AutomationRepository: ...
    @property
    def records(self) -> OwnedRecordRepository: ...
    @property
    def external_ids(self) -> ExternalIdRepository: ...

    @property
    def timeline(self) -> TimelineRepository: ...

    async def emit(self, event: Changed) -> bool:
        """Runs what follows from `event` in this transaction (domain/handlers.py: the
        implementation hands it to `handlers.dispatch`); True when records beyond the
        event's own changed (automation rules acted), so the use case reads its record
        again before answering with it."""
        ...

    def savepoint(self) -> AbstractAsyncContextManager[object]:
        """A nested transaction: an error inside undoes only what was done inside."""
        ...

    async def commit(self) -> None: ...
    async def rollback(self) -> None: ...
