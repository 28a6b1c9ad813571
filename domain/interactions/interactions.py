"""Interactions: every touch with a customer, logged after it happened or planned
ahead: calls, e-mails, meetings, chats, messages, visits and notes."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID, uuid4

from domain import changes
from domain.access.levels import RecordKind
from domain.access.roles import Permission, require
from domain.audit import AuditAction
from domain.clock import to_utc, utcnow
from domain.commands import UNSET, Unset, value_or
from domain.concurrency import check_version
from domain.errors import Conflict, FieldError, FieldErrorCode, ValidationFailed
from domain.events import InteractionCompleted
from domain.pagination import Page, PageRequest
from domain.records import OwnedKind, assign_owner, related_records
from domain.text import optional_text

if TYPE_CHECKING:
    from collections.abc import Collection

    from domain.access.principal import Principal
    from domain.interactions.next_activity import NextActivity
    from domain.uow import UnitOfWork

MAX_PARTICIPANTS = 50
MAX_DURATION = timedelta(days=1)


class Channel(StrEnum):
    EMAIL = "email"
    CALL = "call"
    MEETING = "meeting"
    CHAT = "chat"
    SOCIAL = "social"
    SMS = "sms"
    IN_PERSON = "in_person"
    NOTE = "note"
    OTHER = "other"


class Direction(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


class InteractionStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELED = "canceled"


@dataclass
class Outcome:
    """One entry of the configurable outcome list ("interested", "no answer", ...)."""

    key: str
    label: str
    position: int = 0
    active: bool = True


DEFAULT_OUTCOMES = (
    Outcome("no_answer", "No answer", 10),
    Outcome("left_voicemail", "Left voicemail", 20),
    Outcome("interested", "Interested", 30),
    Outcome("not_interested", "Not interested", 40),
    Outcome("follow_up_needed", "Follow-up needed", 50),
    Outcome("meeting_booked", "Meeting booked", 60),
    Outcome("closed", "Closed", 70),
)


@dataclass
class Interaction:
    channel: Channel
    status: InteractionStatus
    owner_id: UUID
    team_id: UUID | None
    subject: str = ""
    body: str = ""
    direction: Direction | None = None
    outcome: str | None = None
    scheduled_at: datetime | None = None
    occurred_at: datetime | None = None
    duration_minutes: int | None = None
    contact_id: UUID | None = None
    company_id: UUID | None = None
    deal_id: UUID | None = None
    request_id: UUID | None = None
    contact_ids: list[UUID] = field(default_factory=list)
    user_ids: list[UUID] = field(default_factory=list)
    id: UUID = field(default_factory=uuid4)
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    version: int = 1

    @property
    def at(self) -> datetime:
        """When it happened, or is planned to (what a timeline orders by)."""
        return self.occurred_at or self.scheduled_at or self.created_at

    def related_contacts(self) -> set[UUID]:
        return ({self.contact_id} if self.contact_id else set()) | set(self.contact_ids)

    def snapshot(self) -> dict[str, Any]:
        return {
            "channel": self.channel.value,
            "status": self.status.value,
            "direction": self.direction.value if self.direction else None,
            "subject": self.subject,
            "body": self.body,
            "outcome": self.outcome,
            "scheduled_at": self.scheduled_at.isoformat() if self.scheduled_at else None,
            "occurred_at": self.occurred_at.isoformat() if self.occurred_at else None,
            "duration_minutes": self.duration_minutes,
            "contact_id": str(self.contact_id) if self.contact_id else None,
            "company_id": str(self.company_id) if self.company_id else None,
            "deal_id": str(self.deal_id) if self.deal_id else None,
            "request_id": str(self.request_id) if self.request_id else None,
            "contact_ids": sorted(str(c) for c in self.contact_ids),
            "user_ids": sorted(str(u) for u in self.user_ids),
            "owner_id": str(self.owner_id),
            "team_id": str(self.team_id) if self.team_id else None,
        }


@dataclass(frozen=True, kw_only=True)
class InteractionChanges:
    """An interaction's fields as a log or a change gives them (checked when applied):
    UNSET ones stay as they are, on a log their defaults."""

    direction: Direction | Unset | None = UNSET
    subject: str | Unset | None = UNSET
    body: str | Unset | None = UNSET
    outcome: str | Unset | None = UNSET
    scheduled_at: datetime | Unset | None = UNSET
    occurred_at: datetime | Unset | None = UNSET
    duration_minutes: int | Unset | None = UNSET
    contact_id: UUID | Unset | None = UNSET
    company_id: UUID | Unset | None = UNSET
    deal_id: UUID | Unset | None = UNSET
    request_id: UUID | Unset | None = UNSET
    contact_ids: tuple[UUID, ...] | Unset | None = UNSET
    user_ids: tuple[UUID, ...] | Unset | None = UNSET
    owner_id: UUID | Unset | None = UNSET


@dataclass(frozen=True, kw_only=True)
class NewInteraction(InteractionChanges):
    """One that happened (status done, the default) or one planned."""

    channel: Channel
    status: InteractionStatus | Unset = UNSET


@dataclass(frozen=True, kw_only=True)
class CompleteInteraction:
    """A planned interaction took place: its outcome, and when (default now)."""

    outcome: str
    occurred_at: datetime | Unset | None = UNSET
    duration_minutes: int | Unset | None = UNSET
    body: str | Unset | None = UNSET


@dataclass(frozen=True)
class InteractionFilter:
    contact_id: UUID | None = None
    company_id: UUID | None = None
    deal_id: UUID | None = None
    request_id: UUID | None = None
    owner_id: UUID | None = None
    channel: Channel | None = None
    status: InteractionStatus | None = None
    after: datetime | None = None
    before: datetime | None = None
    # Keyset boundary for merged feeds: only items strictly before (at, id).
    before_key: tuple[datetime, UUID] | None = None


INTERACTIONS: OwnedKind[Interaction] = OwnedKind(
    RecordKind.INTERACTIONS,
    "Interaction",
    Permission.INTERACTIONS_READ,
    Permission.INTERACTIONS_WRITE,
    lambda uow: uow.interactions,
    # The participants took part: they change it though they do not own it.
    responsible=lambda interaction: frozenset(interaction.user_ids),
)


class InteractionRepository(Protocol):
    async def next_for_deals(
        self, deal_ids: Collection[UUID], principal: Principal
    ) -> dict[UUID, NextActivity]:
        """Per deal, its planned interaction scheduled first, among those the principal
        may read."""
        ...

    async def get(
        self, interaction_id: UUID, visible_to: Principal | None = None
    ) -> Interaction | None: ...
    async def find_page(
        self, principal: Principal, filters: InteractionFilter, page: PageRequest
    ) -> Page[Interaction]: ...
    async def add(self, interaction: Interaction) -> None: ...
    async def update(self, interaction: Interaction, expected_version: int) -> None: ...
    async def planned_for(self, user_id: UUID, before: datetime) -> list[Interaction]:
        """Planned interactions the user owns or takes part in, scheduled before `before`."""
        ...

    async def outcomes(self) -> list[Outcome]: ...
    async def save_outcomes(self, outcomes: list[Outcome]) -> None: ...
    async def refresh_engagement(self, contact_ids: set[UUID]) -> None:
        """Recomputes the contacts' last interaction, next planned one and count."""
        ...


async def _check_outcome(uow: UnitOfWork, outcome: str | None) -> str | None:
    if outcome is None:
        return None
    active = {o.key for o in await uow.interactions.outcomes() if o.active}
    if outcome not in active:
        raise ValidationFailed.on(
            "outcome", f"must be one of {sorted(active)}", FieldErrorCode.INVALID_CHOICE
        )
    return outcome


async def _visible_contact(
    uow: UnitOfWork, principal: Principal, contact_id: UUID, path: str
) -> None:
    if await uow.contacts.get(contact_id, visible_to=principal) is None:
        raise ValidationFailed.on(path, "no such contact in your scope", FieldErrorCode.NOT_FOUND)


def _check_times(interaction: Interaction) -> None:
    if interaction.status is InteractionStatus.PLANNED and interaction.scheduled_at is None:
        raise ValidationFailed.on(
            "scheduled_at", "a planned interaction needs a time", FieldErrorCode.REQUIRED
        )
    if interaction.status is InteractionStatus.DONE and interaction.occurred_at is None:
        interaction.occurred_at = utcnow()
    if interaction.duration_minutes is not None and not (
        0 <= interaction.duration_minutes <= MAX_DURATION.total_seconds() // 60
    ):
        raise ValidationFailed.on(
            "duration_minutes",
            "must be between 0 and 1440",
            FieldErrorCode.OUT_OF_RANGE,
            min=0,
            max=1440,
        )


async def apply_changes(
    uow: UnitOfWork, principal: Principal, interaction: Interaction, given: InteractionChanges
) -> None:
    """Sets the fields given, each checked; UNSET ones stay as they are."""
    if given.subject is not UNSET:
        interaction.subject = optional_text(given.subject) or ""
    if given.body is not UNSET:
        interaction.body = (given.body or "").strip()
    if given.direction is not UNSET:
        interaction.direction = given.direction
    if given.scheduled_at is not UNSET:
        interaction.scheduled_at = to_utc(given.scheduled_at)
    if given.occurred_at is not UNSET:
        interaction.occurred_at = to_utc(given.occurred_at)
    if given.duration_minutes is not UNSET:
        interaction.duration_minutes = given.duration_minutes
    if given.outcome is not UNSET:
        interaction.outcome = await _check_outcome(uow, given.outcome)
    if given.contact_id is not UNSET and given.contact_id != interaction.contact_id:
        if given.contact_id is not None:
            await _visible_contact(uow, principal, given.contact_id, "contact_id")
        interaction.contact_id = given.contact_id
    if given.company_id is not UNSET and given.company_id != interaction.company_id:
        if given.company_id is not None and (
            await uow.companies.get(given.company_id, visible_to=principal) is None
        ):
            raise ValidationFailed.on(
                "company_id", "no such company in your scope", FieldErrorCode.NOT_FOUND
            )
        interaction.company_id = given.company_id
    related = await related_records(
        uow,
        principal,
        interaction.deal_id,
        interaction.request_id,
        given.deal_id,
        given.request_id,
    )
    interaction.deal_id, interaction.request_id = related.deal_id, related.request_id
    # A call logged on a deal or request is with its customer unless told otherwise.
    interaction.contact_id = interaction.contact_id or related.contact_id
    interaction.company_id = interaction.company_id or related.company_id
    if given.contact_ids is not UNSET:
        ids = list(dict.fromkeys(given.contact_ids or ()))
        if len(ids) > MAX_PARTICIPANTS:
            raise ValidationFailed.on(
                "contact_ids",
                f"at most {MAX_PARTICIPANTS}",
                FieldErrorCode.TOO_MANY,
                max_length=MAX_PARTICIPANTS,
            )
        for index, contact_id in enumerate(ids):
            if contact_id not in interaction.contact_ids:
                await _visible_contact(uow, principal, contact_id, f"contact_ids.{index}")
        interaction.contact_ids = ids
    if given.user_ids is not UNSET:
        ids = list(dict.fromkeys(given.user_ids or ()))
        if len(ids) > MAX_PARTICIPANTS:
            raise ValidationFailed.on(
                "user_ids",
                f"at most {MAX_PARTICIPANTS}",
                FieldErrorCode.TOO_MANY,
                max_length=MAX_PARTICIPANTS,
            )
        for index, user_id in enumerate(ids):
            user = await uow.users.get(user_id)
            if user is None or not user.is_active:
                raise ValidationFailed.on(
                    f"user_ids.{index}", "no such active user", FieldErrorCode.NOT_FOUND
                )
        interaction.user_ids = ids
    if given.owner_id is None:
        raise ValidationFailed.on(
            "owner_id", "an interaction always has an owner", FieldErrorCode.REQUIRED
        )
    if given.owner_id is not UNSET and given.owner_id != interaction.owner_id:
        ownership = await assign_owner(uow, principal, RecordKind.INTERACTIONS, given.owner_id)
        interaction.owner_id, interaction.team_id = ownership.owner_id, ownership.team_id
    if interaction.contact_id is None and interaction.company_id is None:
        raise ValidationFailed(
            "An interaction is with a contact or a company.",
            [
                FieldError(
                    "contact_id", "give a contact_id or a company_id", FieldErrorCode.REQUIRED
                )
            ],
        )
    _check_times(interaction)


async def log_interaction(
    uow: UnitOfWork, principal: Principal, new: NewInteraction
) -> Interaction:
    """Records a past interaction (status done) or plans one (status planned)."""
    require(principal, Permission.INTERACTIONS_WRITE)
    owner_id = value_or(new.owner_id, None)
    ownership = await assign_owner(uow, principal, RecordKind.INTERACTIONS, owner_id)
    interaction = Interaction(
        channel=new.channel,
        status=new.status or InteractionStatus.DONE,
        owner_id=ownership.owner_id,
        team_id=ownership.team_id,
    )
    if interaction.status is InteractionStatus.CANCELED:
        raise ValidationFailed.on(
            "status", "log it as planned or done", FieldErrorCode.INVALID_CHOICE
        )
    await apply_changes(uow, principal, interaction, replace(new, owner_id=UNSET))
    await uow.interactions.add(interaction)
    await uow.interactions.refresh_engagement(interaction.related_contacts())
    if interaction.status is InteractionStatus.DONE:
        # Logging one that already happened completes it as much as completing a plan.
        await uow.emit(InteractionCompleted.of(principal, interaction, {}))
    else:
        await changes.record(
            uow, principal, AuditAction.CREATED, RecordKind.INTERACTIONS, [(interaction, {})]
        )
    return interaction


async def get_interaction(
    uow: UnitOfWork, principal: Principal, interaction_id: UUID
) -> Interaction:
    return await INTERACTIONS.get(uow, principal, interaction_id)


async def interaction_to_change(
    uow: UnitOfWork, principal: Principal, interaction_id: UUID
) -> Interaction:
    return await INTERACTIONS.to_change(uow, principal, interaction_id)


async def list_interactions(
    uow: UnitOfWork, principal: Principal, filters: InteractionFilter, page: PageRequest
) -> Page[Interaction]:
    require(principal, Permission.INTERACTIONS_READ)
    return await uow.interactions.find_page(principal, filters, page)


async def _save(
    uow: UnitOfWork,
    principal: Principal,
    interaction: Interaction,
    before: dict[str, Any],
    loaded_version: int,
    touched: set[UUID],
    completed: bool = False,
) -> Interaction:
    interaction.updated_at = utcnow()
    await uow.interactions.update(interaction, loaded_version)
    await uow.interactions.refresh_engagement(touched | interaction.related_contacts())
    if completed:
        # Rules act on the interaction's contact, tasks and so on, never on the interaction.
        await uow.emit(InteractionCompleted.of(principal, interaction, before))
    else:
        await changes.record(
            uow, principal, AuditAction.UPDATED, RecordKind.INTERACTIONS, [(interaction, before)]
        )
    return interaction


async def update_interaction(
    uow: UnitOfWork,
    principal: Principal,
    interaction_id: UUID,
    given: InteractionChanges,
    expected_version: int | None,
) -> Interaction:
    require(principal, Permission.INTERACTIONS_WRITE)
    interaction = await interaction_to_change(uow, principal, interaction_id)
    check_version(interaction.version, expected_version)
    if interaction.status is InteractionStatus.CANCELED:
        raise Conflict("The interaction was canceled; plan a new one instead.")
    before, loaded, touched = (
        interaction.snapshot(),
        interaction.version,
        interaction.related_contacts(),
    )
    await apply_changes(uow, principal, interaction, given)
    if interaction.snapshot() == before:
        return interaction
    return await _save(uow, principal, interaction, before, loaded, touched)


async def complete_interaction(
    uow: UnitOfWork,
    principal: Principal,
    interaction_id: UUID,
    done: CompleteInteraction,
    expected_version: int | None,
) -> Interaction:
    """A planned interaction took place: done, with its outcome and when it happened
    (now, unless told)."""
    require(principal, Permission.INTERACTIONS_WRITE)
    interaction = await interaction_to_change(uow, principal, interaction_id)
    check_version(interaction.version, expected_version)
    if interaction.status is not InteractionStatus.PLANNED:
        raise Conflict(
            f"Only a planned interaction can be completed; this one is {interaction.status.value}."
        )
    before, loaded, touched = (
        interaction.snapshot(),
        interaction.version,
        interaction.related_contacts(),
    )
    interaction.status = InteractionStatus.DONE
    interaction.occurred_at = to_utc(value_or(done.occurred_at, None)) or utcnow()
    given = InteractionChanges(
        outcome=done.outcome,
        occurred_at=done.occurred_at,
        duration_minutes=done.duration_minutes,
        body=done.body,
    )
    await apply_changes(uow, principal, interaction, given)
    return await _save(uow, principal, interaction, before, loaded, touched, completed=True)


async def cancel_interaction(
    uow: UnitOfWork, principal: Principal, interaction_id: UUID, expected_version: int | None
) -> Interaction:
    require(principal, Permission.INTERACTIONS_WRITE)
    interaction = await interaction_to_change(uow, principal, interaction_id)
    check_version(interaction.version, expected_version)
    if interaction.status is not InteractionStatus.PLANNED:
        raise Conflict(
            f"Only a planned interaction can be canceled; this one is {interaction.status.value}."
        )
    before, loaded, touched = (
        interaction.snapshot(),
        interaction.version,
        interaction.related_contacts(),
    )
    interaction.status = InteractionStatus.CANCELED
    return await _save(uow, principal, interaction, before, loaded, touched)


async def list_outcomes(uow: UnitOfWork, principal: Principal) -> list[Outcome]:
    require(principal, Permission.INTERACTIONS_READ)
    return await uow.interactions.outcomes()


async def set_outcomes(
    uow: UnitOfWork, principal: Principal, outcomes: list[Outcome]
) -> list[Outcome]:
    """Replaces the outcome list. An outcome left out is deactivated, not deleted:
    interactions already carry it."""
    require(principal, Permission.SETTINGS_MANAGE)
    keys = [o.key for o in outcomes]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise ValidationFailed.on(
            "items", f"listed twice: {', '.join(duplicates)}", FieldErrorCode.DUPLICATE
        )
    current = {o.key: o for o in await uow.interactions.outcomes()}
    for outcome in current.values():
        if outcome.key not in keys:
            outcome.active = False
    for position, outcome in enumerate(outcomes):
        outcome.position = position
        current[outcome.key] = outcome
    await uow.interactions.save_outcomes(list(current.values()))
    return sorted(current.values(), key=lambda o: (not o.active, o.position, o.key))
