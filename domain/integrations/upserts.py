"""Upsert by external id (issue 18): an integrator's system sends its records under its
own ids, one at a time or up to a hundred, and each becomes a create or an update of the
CRM's record holding that id. The records are made and changed by their kinds' own use
cases, so access, audit and the change feed are as for any create or update."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import TYPE_CHECKING, Generic, TypeVar

from domain.access.roles import require
from domain.contacts.companies import (
    COMPANIES,
    Company,
    CompanyChanges,
    create_company,
    update_company,
)
from domain.contacts.contacts import (
    CONTACTS,
    Contact,
    ContactChanges,
    ContactOrigin,
    create_contact,
    update_contact,
)
from domain.errors import DomainError, FieldErrorCode, ValidationFailed
from domain.external_ids import Upserted, upsert
from domain.funnel.deals import DEALS, Deal, DealChanges, NewDeal, create_deal, update_deal

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.records import OwnedKind, OwnedRecord
    from domain.uow import UnitOfWork

MAX_BATCH = 100
C = TypeVar("C")
R = TypeVar("R", bound="OwnedRecord")


@dataclass(frozen=True)
class UpsertCommand(Generic[C]):
    """The record `source` knows as `external_id`: its fields (`changes`, as a create
    gives them; for an update, the fields not given stay as they are), its other
    external ids, and for an update the version the caller read."""

    source: str
    external_id: str
    changes: C
    external_ids: Mapping[str, str | None] = field(default_factory=dict)
    expected_version: int | None = None


async def upsert_contact(
    uow: UnitOfWork, principal: Principal, command: UpsertCommand[ContactChanges]
) -> Upserted[Contact]:
    return await upsert(
        uow,
        CONTACTS,
        command.source,
        command.external_id,
        command.external_ids,
        command.expected_version,
        # As a user's own create: the integration's records are its own, not leads for
        # the team's rotation (the same origin `POST /contacts` gives).
        lambda: create_contact(uow, principal, command.changes, ContactOrigin.MANUAL),
        lambda record_id, ids: update_contact(
            uow, principal, record_id, command.changes, command.expected_version, ids
        ),
    )


async def upsert_company(
    uow: UnitOfWork, principal: Principal, command: UpsertCommand[CompanyChanges]
) -> Upserted[Company]:
    return await upsert(
        uow,
        COMPANIES,
        command.source,
        command.external_id,
        command.external_ids,
        command.expected_version,
        lambda: create_company(uow, principal, command.changes),
        lambda record_id, ids: update_company(
            uow, principal, record_id, command.changes, command.expected_version, ids
        ),
    )


# A deal's stage changes by a move, never by an update: an update by external id leaves
# the pipeline, stage and lost reason of the create body aside.
_DEAL_FIELDS = tuple(f.name for f in fields(DealChanges))


async def upsert_deal(
    uow: UnitOfWork, principal: Principal, command: UpsertCommand[NewDeal]
) -> Upserted[Deal]:
    given = command.changes
    changes = DealChanges(**{name: getattr(given, name) for name in _DEAL_FIELDS})
    return await upsert(
        uow,
        DEALS,
        command.source,
        command.external_id,
        command.external_ids,
        command.expected_version,
        lambda: create_deal(uow, principal, given),
        lambda record_id, ids: update_deal(
            uow, principal, record_id, changes, command.expected_version, ids
        ),
    )


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    ERROR = "error"


@dataclass(frozen=True)
class ItemResult(Generic[R]):
    """What became of one item of a batch: its record, or the error it met."""

    outcome: Outcome
    record: R | None = None
    error: DomainError | None = None


async def batch_upsert(
    uow: UnitOfWork,
    principal: Principal,
    of: OwnedKind[R],
    commands: Sequence[UpsertCommand[C]],
    one: Callable[[UnitOfWork, Principal, UpsertCommand[C]], Awaitable[Upserted[R]]],
) -> list[ItemResult[R]]:
    """Up to a hundred upserts, each in a savepoint of its own (as a contacts batch
    tries its items): one that fails is undone alone and answered with its problem,
    the others are kept. Unlike that batch, not all or nothing: a source system syncing
    its records wants the good ones in and the bad ones named, to send again."""
    require(principal, of.write)
    if len(commands) > MAX_BATCH:
        raise ValidationFailed.on(
            "items", f"at most {MAX_BATCH} items", FieldErrorCode.TOO_MANY, max_length=MAX_BATCH
        )
    results: list[ItemResult[R]] = []
    for command in commands:
        try:
            async with uow.savepoint():
                done = await one(uow, principal, command)
        except DomainError as error:
            results.append(ItemResult(Outcome.ERROR, error=error))
        else:
            outcome = Outcome.CREATED if done.created else Outcome.UPDATED
            results.append(ItemResult(outcome, record=done.record))
    return results
