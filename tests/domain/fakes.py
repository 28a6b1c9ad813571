"""An in-memory unit of work for use-case tests: the fast half of the pyramid, with no
database. It keeps what the SQL repositories promise the use cases of contacts, deals and
requests: a record read is a copy (changing it changes nothing stored until `update`),
`update` is compare-and-set on the version (a moved-on version is a `LostUpdate`), a read
`visible_to` a principal is as far as `domain.access.scope` lets them see, and the audit
and change events added are kept in order for tests to read.

Only the repositories and methods those use cases call are here: anything else is an
AttributeError, loud, rather than a silent stand-in. So the fake does not implement the
whole `UnitOfWork` protocol (two dozen repositories) and `as_uow` casts it."""

from __future__ import annotations

import copy
from collections.abc import AsyncIterator, Collection, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import timedelta
from typing import Any, ClassVar, Generic, Protocol, TypeVar, cast
from uuid import UUID, uuid4

from domain import handlers
from domain.access.levels import RecordKind
from domain.access.principal import Principal
from domain.access.roles import TEMPLATES_BY_KEY, Role
from domain.access.scope import can_see, visibility_at
from domain.access.users import User, principal_of
from domain.audit import AuditEvent
from domain.changes import RecordChanged
from domain.contacts.companies import Company
from domain.contacts.contacts import Contact, DuplicateCandidate
from domain.contacts.custom_fields import CustomEntity, CustomFieldDefinition
from domain.errors import LostUpdate
from domain.events import Changed
from domain.funnel.automation.model import AutomationRule, RuleRun
from domain.funnel.deals import Deal, StageChange
from domain.funnel.pipelines import DEFAULT_PIPELINE, Pipeline
from domain.funnel.triggers import Trigger
from domain.interactions.requests import (
    DEFAULT_RESPONSE_TIMES,
    CustomerRequest,
    RequestPriority,
    StatusChange,
)
from domain.uow import UnitOfWork
from tests.scoped_roles import SCOPED_ROLES


class Owned(Protocol):
    id: UUID
    version: int
    owner_id: UUID
    team_id: UUID | None


R = TypeVar("R", bound=Owned)


class OwnedRecords(Generic[R]):
    """Owned records by id, each stored as a copy of what was written."""

    kind: ClassVar[RecordKind]

    def __init__(self) -> None:
        self.rows: dict[UUID, R] = {}

    def responsible(self, record: R) -> frozenset[UUID]:
        """Who reads the record although neither owner nor of its team."""
        return frozenset()

    def visible(self, record: R, principal: Principal) -> bool:
        return can_see(
            principal, self.kind, record.owner_id, record.team_id, self.responsible(record)
        )

    async def get(self, record_id: UUID, visible_to: Principal | None = None) -> R | None:
        record = self.rows.get(record_id)
        if record is None or (visible_to is not None and not self.visible(record, visible_to)):
            return None
        return copy.deepcopy(record)

    async def add(self, record: R) -> None:
        # The primary key would refuse it in SQL: a test adding twice is a broken test.
        assert record.id not in self.rows, f"{record.id} added twice"
        self.rows[record.id] = copy.deepcopy(record)

    async def update(self, record: R, expected_version: int) -> None:
        stored = self.rows.get(record.id)
        if stored is None or stored.version != expected_version:
            raise LostUpdate("The record was changed by someone else meanwhile; reload and retry.")
        record.version = expected_version + 1
        self.rows[record.id] = copy.deepcopy(record)

    def stored(self, record_id: UUID) -> R:
        """The record as written, for assertions."""
        return copy.deepcopy(self.rows[record_id])

    def write_concurrently(self, record_id: UUID) -> None:
        """Another transaction's write to the record commits: its version moves on."""
        self.rows[record_id].version += 1


class FakeUsers:
    def __init__(self) -> None:
        self.rows: dict[UUID, User] = {}

    async def get(self, user_id: UUID, visible_to: Principal | None = None) -> User | None:
        user = self.rows.get(user_id)
        if user is None:
            return None
        if visible_to is not None:
            # persistence/scope.readable_users: as far as the caller works on records.
            seen = visibility_at(visible_to, visible_to.reach)
            within = seen.everything or user.id == seen.user_id
            within = within or (seen.team_id is not None and user.team_id == seen.team_id)
            if seen.nothing or not within:
                return None
        return copy.deepcopy(user)

    async def add(self, user: User) -> None:
        self.rows[user.id] = copy.deepcopy(user)


class FakeCompanies(OwnedRecords[Company]):
    kind = RecordKind.COMPANIES


class FakeContacts(OwnedRecords[Contact]):
    kind = RecordKind.CONTACTS

    def __init__(self, users: FakeUsers) -> None:
        super().__init__()
        self.users = users

    async def is_visible(self, contact_id: UUID, principal: Principal) -> bool:
        return await self.get(contact_id, visible_to=principal) is not None

    async def get_many(
        self, contact_ids: Collection[UUID], visible_to: Principal
    ) -> dict[UUID, Contact]:
        found = {i: await self.get(i, visible_to=visible_to) for i in contact_ids}
        return {i: c for i, c in found.items() if c is not None}

    async def duplicate_candidates(self, probe: Contact, limit: int) -> list[DuplicateCandidate]:
        emails = {e.email for e in probe.emails}
        phones = {p.phone for p in probe.phones}
        found = []
        for other in self.rows.values():
            if other.id == probe.id or other.archived_at is not None:
                continue
            shared_emails = frozenset(e.email for e in other.emails) & emails
            shared_phones = frozenset(p.phone for p in other.phones) & phones
            same_company = probe.company_id is not None and other.company_id == probe.company_id
            if shared_emails or shared_phones or same_company:
                owner = self.users.rows.get(other.owner_id)
                found.append(
                    DuplicateCandidate(
                        id=other.id,
                        owner_id=other.owner_id,
                        owner_name=owner.full_name if owner else "",
                        first_name=other.first_name,
                        last_name=other.last_name,
                        company_id=other.company_id,
                        shared_emails=shared_emails,
                        shared_phones=shared_phones,
                    )
                )
        return found[: 2 * limit]


class FakeDeals(OwnedRecords[Deal]):
    kind = RecordKind.DEALS

    def __init__(self) -> None:
        super().__init__()
        self.stage_changes: list[StageChange] = []

    async def add_change(self, change: StageChange) -> None:
        self.stage_changes.append(change)

    async def changes(self, deal_id: UUID) -> list[StageChange]:
        return [c for c in self.stage_changes if c.deal_id == deal_id]


class FakeRequests(OwnedRecords[CustomerRequest]):
    kind = RecordKind.REQUESTS

    def __init__(self) -> None:
        super().__init__()
        self.status_changes: list[StatusChange] = []
        self.times: dict[RequestPriority, timedelta] = dict(DEFAULT_RESPONSE_TIMES)

    def responsible(self, record: CustomerRequest) -> frozenset[UUID]:
        return frozenset() if record.assignee_id is None else frozenset({record.assignee_id})

    async def add_change(self, change: StatusChange) -> None:
        self.status_changes.append(change)

    async def changes(self, request_id: UUID) -> list[StatusChange]:
        """Newest first, as the SQL repository answers."""
        return [c for c in reversed(self.status_changes) if c.request_id == request_id]

    async def response_times(self) -> dict[RequestPriority, timedelta]:
        return dict(self.times)


class FakePipelines:
    """The seeded default pipeline, as migrations leave it."""

    def __init__(self) -> None:
        default = copy.deepcopy(DEFAULT_PIPELINE)
        self.rows: dict[UUID, Pipeline] = {default.id: default}

    async def all(self) -> list[Pipeline]:
        return [copy.deepcopy(p) for p in self.rows.values()]

    async def get(self, pipeline_id: UUID) -> Pipeline | None:
        pipeline = self.rows.get(pipeline_id)
        return copy.deepcopy(pipeline) if pipeline else None

    async def default(self) -> Pipeline | None:
        return next((copy.deepcopy(p) for p in self.rows.values() if p.is_default), None)


class FakeCustomFields:
    def __init__(self) -> None:
        self.definitions: list[CustomFieldDefinition] = []

    async def for_entity(self, entity: CustomEntity) -> list[CustomFieldDefinition]:
        return [copy.deepcopy(d) for d in self.definitions if d.entity is entity]


class FakeDistribution:
    """No team distributes anything unless a test switches it on (the default)."""

    def __init__(self) -> None:
        self.switches: dict[UUID, dict[str, bool]] = {}

    async def settings(self, team_id: UUID) -> dict[str, bool]:
        return dict(self.switches.get(team_id, {"requests": False, "leads": False}))


class FakeAudit:
    def __init__(self) -> None:
        self.events: list[AuditEvent] = []

    async def add(self, events: Sequence[AuditEvent]) -> None:
        self.events.extend(events)


class FakeChanges:
    """The outbox: every change event added, in order."""

    def __init__(self) -> None:
        self.events: list[RecordChanged] = []

    async def add(self, changes: Sequence[RecordChanged]) -> None:
        self.events.extend(changes)

    def of_type(self, event_type: str) -> list[RecordChanged]:
        return [e for e in self.events if e.type == event_type]


class FakeAutomation:
    """No rules unless a test adds some."""

    def __init__(self) -> None:
        self.rules: list[AutomationRule] = []
        self.runs: list[RuleRun] = []

    async def enabled_for(self, trigger: Trigger) -> list[AutomationRule]:
        return [r for r in self.rules if r.enabled and r.trigger.type is trigger]

    async def claim_run(self, run: RuleRun) -> bool:
        self.runs.append(run)
        return True


class FakeUnitOfWork:
    """One transaction's worth of in-memory repositories. `commit` marks what is written
    as committed; `rollback` and a failing `savepoint` undo back to it, as the database
    would."""

    def __init__(self) -> None:
        self.users = FakeUsers()
        self.companies = FakeCompanies()
        self.contacts = FakeContacts(self.users)
        self.deals = FakeDeals()
        self.requests = FakeRequests()
        self.pipelines = FakePipelines()
        self.custom_fields = FakeCustomFields()
        self.distribution = FakeDistribution()
        self.audit = FakeAudit()
        self.changes = FakeChanges()
        self.automation = FakeAutomation()
        self.commits = 0
        self.rollbacks = 0
        self._committed = self._state()

    def as_uow(self) -> UnitOfWork:
        # A cast: the fake has only the repositories and methods the use cases under test
        # call (see the module's docstring), not the whole protocol.
        return cast(UnitOfWork, self)

    def _repositories(self) -> dict[str, object]:
        return {
            name: repository
            for name, repository in vars(self).items()
            if isinstance(repository, REPOSITORIES)
        }

    def _state(self) -> dict[str, dict[str, Any]]:
        return self._copy({name: vars(r) for name, r in self._repositories().items()})

    def _restore(self, state: dict[str, dict[str, Any]]) -> None:
        copied = self._copy(state)
        for name, repository in self._repositories().items():
            vars(repository).clear()
            vars(repository).update(copied[name])

    def _copy(self, state: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        # Repositories referring to each other stay themselves: only their data is copied.
        keep: dict[int, Any] = {id(r): r for r in self._repositories().values()}
        return copy.deepcopy(state, keep)

    async def emit(self, event: Changed) -> bool:
        # The handlers run as in the real unit of work; the rules over the fake's (by
        # default no) rules.
        return await handlers.dispatch(self.as_uow(), event)

    def savepoint(self) -> AbstractAsyncContextManager[object]:
        return self._savepoint()

    @asynccontextmanager
    async def _savepoint(self) -> AsyncIterator[object]:
        state = self._state()
        try:
            yield self
        except BaseException:
            self._restore(state)
            raise

    async def commit(self) -> None:
        self.commits += 1
        self._committed = self._state()

    async def rollback(self) -> None:
        self.rollbacks += 1
        self._restore(self._committed)

    # --- Setting the scene -----------------------------------------------------------

    def staff(
        self,
        role: str = "owner",
        team_id: UUID | None = None,
        *,
        full_name: str | None = None,
    ) -> Principal:
        """A user of the role (a template's key or one of tests/scoped_roles.py), stored,
        and the principal they act as: what `auth/` builds from their access token."""
        user = User(
            email=f"{role}-{uuid4().hex[:8]}@example.com",
            full_name=full_name or f"{role.replace('_', ' ').title()} Person",
            role=role_named(role),
            team_id=team_id,
            password_hash="not-a-hash",
        )
        self.users.rows[user.id] = user
        return principal_of(user)


REPOSITORIES = (
    OwnedRecords,
    FakeUsers,
    FakePipelines,
    FakeCustomFields,
    FakeDistribution,
    FakeAudit,
    FakeChanges,
    FakeAutomation,
)


def role_named(key: str) -> Role:
    if key in SCOPED_ROLES:
        return SCOPED_ROLES[key]
    template = TEMPLATES_BY_KEY[key]
    return Role(
        id=template.id,
        name=template.name,
        rank=template.rank,
        access=template.access,
        grants=template.grants,
        description=template.description,
        template_key=template.key,
    )
