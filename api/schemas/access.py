"""Record access levels as the API shows and takes them."""

from __future__ import annotations

from typing import Any, Self
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from api.schemas.common import Input, ReadModel
from domain.access.access_explain import Explanation, Rule
from domain.access.levels import AccessLevel, AccessMatrix, RecordKind, parse_access
from domain.access.principal import Principal
from domain.access.roles import Permission


class KindAccess(BaseModel):
    read: AccessLevel = Field(description="How far the role reads this kind of record.")
    write: AccessLevel = Field(
        description="How far it creates, changes and hands them over: never further than read."
    )
    archive: AccessLevel = Field(
        description="How far it archives and restores them: as far as write unless the role"
        " says less."
    )


class KindAccessInput(Input):
    read: AccessLevel = AccessLevel.NONE
    write: AccessLevel = AccessLevel.NONE
    archive: AccessLevel | None = Field(
        None, description="Not given: as far as write. Never further than write."
    )


_EXAMPLE: JsonDict = {
    "contacts": {"read": "all", "write": "own", "archive": "own"},
    "companies": {"read": "all", "write": "own", "archive": "own"},
    "deals": {"read": "own", "write": "own", "archive": "own"},
    "interactions": {"read": "own", "write": "own", "archive": "own"},
    "tasks": {"read": "own", "write": "own", "archive": "own"},
    "requests": {"read": "own", "write": "own", "archive": "own"},
}


class Access(BaseModel):
    """A read and a write level for each kind of customer record."""

    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    contacts: KindAccess
    companies: KindAccess
    deals: KindAccess
    interactions: KindAccess
    tasks: KindAccess
    requests: KindAccess

    @classmethod
    def of(cls, matrix: AccessMatrix) -> Access:
        return cls.model_validate(matrix.as_dict())


class AccessInput(Input):
    """Levels per kind of record: none, own (records you own or are responsible for), team
    (your team's too) or all; write never reaches further than read. A kind left out, or
    a level left out, is none."""

    model_config = ConfigDict(json_schema_extra={"examples": [_EXAMPLE]})

    contacts: KindAccessInput = KindAccessInput()
    companies: KindAccessInput = KindAccessInput()
    deals: KindAccessInput = KindAccessInput()
    interactions: KindAccessInput = KindAccessInput()
    tasks: KindAccessInput = KindAccessInput()
    requests: KindAccessInput = KindAccessInput()

    def to_domain(self) -> AccessMatrix:
        return parse_access(
            {
                kind.value: getattr(self, kind.value).model_dump(mode="json", exclude_none=True)
                for kind in RecordKind
            }
        )


class MyPermissions(ReadModel):
    """What the caller may do: the effective matrix and every permission they hold."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "role_id": "d431bad6-9981-598f-a8ff-fd3c042475cc",
                    "rank": 20,
                    "team_id": "554c9d23-a187-4cbd-a123-3a1e6945f98b",
                    "access": _EXAMPLE,
                    "permissions": [
                        "companies:read",
                        "companies:write",
                        "contacts:read",
                        "contacts:write",
                        "deals:read",
                        "deals:write",
                        "interactions:read",
                        "interactions:write",
                        "requests:read",
                        "requests:write",
                        "tasks:read",
                        "tasks:write",
                        "users:read",
                    ],
                }
            ]
        }
    )

    role_id: UUID
    rank: int
    team_id: UUID | None
    access: Access
    permissions: list[Permission] = Field(
        description="Grants and the record permissions the access levels imply."
    )

    @classmethod
    def of(cls, principal: Principal, /, **given: Any) -> Self:
        # The access matrix and the permissions it implies, in the shapes the API shows.
        shown = {
            "access": Access.of(principal.access),
            "permissions": sorted(principal.permissions),
        }
        return super().of(principal, **shown | given)


class AccessDecision(ReadModel):
    allowed: bool
    rule: Rule = Field(
        description="What decided, the first that applies: `inactive` (the user is"
        " deactivated), `no_access` (the level is none), `all`, `owner`, `responsible`"
        " (assignee or participant), `team` (level team, the record is the user's team's),"
        " `in_charge` (reading only: work assigned to the user is about the record),"
        " `out_of_reach` (none of these)."
    )
    level: AccessLevel = Field(description="The user's level for this kind and action.")


class AccessExplanation(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "user_id": "7d0c1f8e-6a0b-4c8e-9a53-2b1f4f0e6c11",
                    "entity": "contacts",
                    "id": "0b7c3f4a-1d2e-4f5a-8b9c-0d1e2f3a4b5c",
                    "read": {"allowed": True, "rule": "all", "level": "all"},
                    "write": {"allowed": False, "rule": "out_of_reach", "level": "own"},
                    "archive": {"allowed": False, "rule": "out_of_reach", "level": "own"},
                }
            ]
        }
    )

    user_id: UUID
    entity: RecordKind
    id: UUID
    read: AccessDecision
    write: AccessDecision
    archive: AccessDecision

    @classmethod
    def of(cls, explanation: Explanation, /, **given: Any) -> Self:
        # Under the names the API gives them: the kind as `entity`, the record as `id`.
        named = {"entity": explanation.kind, "id": explanation.record_id}
        return super().of(explanation, **named | given)
