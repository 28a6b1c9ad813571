"""Why a user may or may not read and change a record: the answer an administrator
needs when someone says "I cannot see this customer" (GET /access/explain)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.access.levels import AccessLevel, Action, RecordKind
from domain.access.roles import Permission, require
from domain.access.scope import can_archive, can_change
from domain.access.users import principal_of
from domain.errors import NotFound

if TYPE_CHECKING:
    from domain.access.principal import Principal
    from domain.uow import UnitOfWork


class Rule(StrEnum):
    """What decided: the first of these that applies, in this order."""

    INACTIVE = "inactive"  # a deactivated user reads and changes nothing
    NO_ACCESS = "no_access"  # the role's level for this kind and action is none
    ALL = "all"  # the level is all
    OWNER = "owner"  # the user owns the record
    RESPONSIBLE = "responsible"  # the record's assignee or a participant
    TEAM = "team"  # level team, and the record is the user's team's
    IN_CHARGE = "in_charge"  # reading only: work assigned to the user is about the record
    OUT_OF_REACH = "out_of_reach"  # none of these


@dataclass(frozen=True)
class Decision:
    allowed: bool
    rule: Rule
    level: AccessLevel


@dataclass(frozen=True)
class Explanation:
    user_id: UUID
    kind: RecordKind
    record_id: UUID
    read: Decision
    write: Decision
    archive: Decision


def _responsible(record: Any) -> frozenset[UUID]:
    """Who, besides the owner, is responsible for the record: a task's or request's
    assignee, an interaction's participants."""
    if getattr(record, "assignee_id", None) is not None:
        return frozenset({record.assignee_id})
    return frozenset(getattr(record, "user_ids", ()) or ())


async def _get(uow: UnitOfWork, kind: RecordKind, record_id: UUID, visible_to: Principal) -> Any:
    repositories: dict[RecordKind, Any] = {
        RecordKind.CONTACTS: uow.contacts,
        RecordKind.COMPANIES: uow.companies,
        RecordKind.DEALS: uow.deals,
        RecordKind.INTERACTIONS: uow.interactions,
        RecordKind.TASKS: uow.tasks,
        RecordKind.REQUESTS: uow.requests,
    }
    return await repositories[kind].get(record_id, visible_to=visible_to)


def _rule(
    level: AccessLevel,
    user_id: UUID,
    team_id: UUID | None,
    record: Any,
    reached: bool,
    counts_responsible: bool = True,
) -> Rule:
    if level is AccessLevel.NONE:
        return Rule.NO_ACCESS
    if level is AccessLevel.ALL:
        return Rule.ALL
    if record.owner_id == user_id:
        return Rule.OWNER
    if counts_responsible and user_id in _responsible(record):
        return Rule.RESPONSIBLE
    if level is AccessLevel.TEAM and team_id is not None and record.team_id == team_id:
        return Rule.TEAM
    return Rule.IN_CHARGE if reached else Rule.OUT_OF_REACH


async def explain(
    uow: UnitOfWork, principal: Principal, user_id: UUID, kind: RecordKind, record_id: UUID
) -> Explanation:
    """Whether `user_id` may read and change the record, and the rule that decided each.
    Asked by an administrator of users about a user and a record they both see."""
    require(principal, Permission.USERS_MANAGE)
    user = await uow.users.get(user_id, visible_to=principal)
    if user is None:
        raise NotFound("User not found.")
    record = await _get(uow, kind, record_id, principal)
    if record is None:
        raise NotFound(f"No such record among the {kind.value} you read.")
    subject = principal_of(user)
    read_level = subject.access.level(kind, Action.READ)
    write_level = subject.access.level(kind, Action.WRITE)
    archive_level = subject.access.level(kind, Action.ARCHIVE)
    if not user.is_active:
        return Explanation(
            user.id,
            kind,
            record_id,
            Decision(False, Rule.INACTIVE, read_level),
            Decision(False, Rule.INACTIVE, write_level),
            Decision(False, Rule.INACTIVE, archive_level),
        )
    # Reading is decided as every list and get decides it, in SQL, with the
    # responsible-person rule; changing, as every write path does.
    reads = await _get(uow, kind, record_id, subject) is not None
    writes = reads and can_change(
        subject, kind, record.owner_id, record.team_id, _responsible(record)
    )
    # Archiving: as far as the archive level reaches, and only what one may change.
    archives = writes and can_archive(subject, kind, record.owner_id, record.team_id)
    archive_rule = _rule(archive_level, user.id, user.team_id, record, False, False)
    return Explanation(
        user.id,
        kind,
        record_id,
        Decision(reads, _rule(read_level, user.id, user.team_id, record, reads), read_level),
        Decision(writes, _rule(write_level, user.id, user.team_id, record, False), write_level),
        Decision(
            archives,
            archive_rule if writes or archive_rule is Rule.NO_ACCESS else Rule.OUT_OF_REACH,
            archive_level,
        ),
    )
