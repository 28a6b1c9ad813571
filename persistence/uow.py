"""The SQL unit of work: one session, one transaction, the repositories over it."""

from __future__ import annotations

import logging
from contextlib import AbstractAsyncContextManager
from types import TracebackType

from sqlalchemy import UniqueConstraint
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from domain import handlers
from domain.errors import ConcurrentWrite, Conflict, FieldError, FieldErrorCode
from domain.events import Changed
from persistence.api_keys import SqlApiKeyRepository
from persistence.audit import SqlAuditRepository
from persistence.auth_sessions import SqlAuthSessionRepository
from persistence.automation import SqlAutomationRepository
from persistence.calendar_feeds import SqlCalendarFeedRepository
from persistence.changes import SqlChangeRepository
from persistence.companies import SqlCompanyRepository
from persistence.contacts import SqlContactRepository
from persistence.custom_fields import SqlCustomFieldRepository
from persistence.deals import SqlDealRepository
from persistence.distribution import SqlDistributionRepository
from persistence.external_ids import SqlExternalIdRepository
from persistence.idempotency import SqlIdempotencyStore
from persistence.imports import SqlImportRepository
from persistence.interactions import SqlInteractionRepository
from persistence.jobs import job_queue
from persistence.login_throttles import SqlLoginThrottleRepository
from persistence.owned_records import SqlOwnedRecordRepository
from persistence.pipelines import SqlPipelineRepository
from persistence.process_copies import ProcessCopies
from persistence.refresh_tokens import SqlRefreshTokenRepository
from persistence.reports import SqlReportRepository
from persistence.requests import SqlRequestRepository
from persistence.roles import SqlRoleRepository
from persistence.tables import metadata
from persistence.tasks import SqlTaskRepository
from persistence.teams import SqlTeamRepository
from persistence.timeline import SqlTimelineRepository
from persistence.users import SqlUserRepository
from persistence.webhooks import SqlWebhookRepository

log = logging.getLogger("crm.database")


class SqlUnitOfWork:
    def __init__(self, session: AsyncSession, copies: ProcessCopies | None = None) -> None:
        # `copies`: the process's copies of the set-up, which read requests take.
        self.session = session
        self.users = SqlUserRepository(session)
        self.teams = SqlTeamRepository(session)
        self.roles = SqlRoleRepository(session)
        self.api_keys = SqlApiKeyRepository(session)
        self.refresh_tokens = SqlRefreshTokenRepository(session)
        self.auth_sessions = SqlAuthSessionRepository(session)
        self.login_throttles = SqlLoginThrottleRepository(session)
        self.companies = SqlCompanyRepository(session)
        self.external_ids = SqlExternalIdRepository(session)
        self.contacts = SqlContactRepository(session, self.external_ids)
        self.custom_fields = SqlCustomFieldRepository(
            session, copies.definitions if copies else None
        )
        self.audit = SqlAuditRepository(session)
        self.changes = SqlChangeRepository(session)
        self.idempotency = SqlIdempotencyStore(session)
        self.imports = SqlImportRepository(session)
        self.jobs = job_queue(session)
        self.interactions = SqlInteractionRepository(session)
        self.tasks = SqlTaskRepository(session)
        self.calendar_feeds = SqlCalendarFeedRepository(session)
        self.requests = SqlRequestRepository(session)
        self.distribution = SqlDistributionRepository(session)
        self.pipelines = SqlPipelineRepository(session, copies.pipelines if copies else None)
        self.deals = SqlDealRepository(session, self.external_ids)
        self.reports = SqlReportRepository(session)
        self.automation = SqlAutomationRepository(session)
        self.records = SqlOwnedRecordRepository(session)
        self.timeline = SqlTimelineRepository(session)
        self.webhooks = SqlWebhookRepository(session)

    def savepoint(self) -> AbstractAsyncContextManager[object]:
        return self.session.begin_nested()

    async def emit(self, event: Changed) -> bool:
        return await handlers.dispatch(self, event)

    async def commit(self) -> None:
        await self.session.commit()

    async def rollback(self) -> None:
        await self.session.rollback()

    async def __aenter__(self) -> SqlUnitOfWork:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        # Whatever the use case did not commit is thrown away: no half-written state.
        await self.session.rollback()
        await self.session.close()
        if not isinstance(exc, DBAPIError):
            return
        code = _sqlstate(exc)
        if code in _CONCURRENT_WRITE:
            # Rare (writes mostly take their locks in a fixed order), and worth knowing of.
            log.warning("transaction broken off by the database: %s", code)
            raise ConcurrentWrite() from exc
        if code == _FOREIGN_KEY_VIOLATION or "FOREIGN KEY constraint failed" in str(exc.orig):
            # Use cases check the records a write touches before writing, so a foreign key
            # that fails anyway met a change made meanwhile (a stage removed while a deal
            # moved into it). Logged: it would also be how a missing check shows.
            log.warning("foreign key refused a write: %s", exc.orig)
            raise Conflict(
                "The request conflicts with a change made meanwhile to a record it refers"
                " to or removes; nothing was written. Reload and try again."
            ) from exc
        if code == _UNIQUE_VIOLATION or "UNIQUE constraint failed" in str(exc.orig):
            # Use cases check "is it taken?" first; two requests can both pass that check
            # and race to write, and the loser breaks the unique key, whether at a flush
            # inside the route or at the commit. The same 409 the check gives, not a 500.
            log.info("unique key refused a write: %s", exc.orig)
            column = _unique_column(exc)
            raise Conflict(
                "A record with the same unique value was written meanwhile; nothing was"
                " written. Reload and try again.",
                [FieldError(column, "already taken", FieldErrorCode.DUPLICATE)] if column else None,
            ) from exc


# PostgreSQL's deadlock_detected and serialization_failure: the transaction collided with
# another and was rolled back whole, so the same request may simply be sent again.
_CONCURRENT_WRITE = frozenset({"40P01", "40001"})
_FOREIGN_KEY_VIOLATION = "23503"  # SQLite names no code: "FOREIGN KEY constraint failed"
_UNIQUE_VIOLATION = "23505"  # SQLite: "UNIQUE constraint failed: table.column"


def _unique_columns() -> dict[str, list[str]]:
    """The columns of every unique key, by the name the naming convention gives it."""
    keys = {}
    for table in metadata.tables.values():
        for constraint in table.constraints:
            if isinstance(constraint, UniqueConstraint) and isinstance(constraint.name, str):
                keys[constraint.name] = [column.name for column in constraint.columns]
        for index in table.indexes:
            if index.unique and isinstance(index.name, str):
                keys[index.name] = [column.name for column in index.columns]
    return keys


_UNIQUE_COLUMNS = _unique_columns()


def _unique_column(error: DBAPIError) -> str | None:
    """The one column a broken unique key is on (a user's `email`, a team's `name`), to
    name in the problem as the check before the write does; None for a key on several."""
    text = str(error.orig)
    marker = "UNIQUE constraint failed: "  # SQLite: "...: pipelines.name[, ...]"
    if marker in text:
        columns = [part.strip().rpartition(".")[2] for part in text.split(marker, 1)[1].split(",")]
    else:  # asyncpg names the constraint on the error the driver adapter wraps
        name = getattr(getattr(error.orig, "__cause__", None), "constraint_name", None)
        columns = _UNIQUE_COLUMNS.get(name, []) if isinstance(name, str) else []
    return columns[0] if len(columns) == 1 else None


def _sqlstate(error: DBAPIError) -> str | None:
    code = getattr(error.orig, "sqlstate", None)
    return code if isinstance(code, str) else None
