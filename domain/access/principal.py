"""Who is calling. Built by `auth/` from a verified access token (or an API key) and
handed to every use case, which decides permission and record access from it alone."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.access.levels import AccessLevel, AccessMatrix, Action
from domain.access.roles import Permission


@dataclass(frozen=True)
class Principal:
    user_id: UUID
    role_id: UUID
    rank: int
    # Every permission the role gives, the record permissions its access implies included.
    permissions: frozenset[Permission]
    access: AccessMatrix
    team_id: UUID | None
    # The sign-in an access token belongs to and the version of the claims it carries
    # (domain/access/auth_sessions.py); None for work done outside a sign-in (the command line,
    # seeding, jobs).
    session_id: UUID | None = None
    security_version: int = 1
    # Set when an automation rule acts on this user's behalf: what it changes is
    # attributed to the user *via* the rule, and `rule_depth` counts how many rules deep
    # the change is (see domain/funnel/automation.py: rules fire rules only so deep).
    rule_id: UUID | None = None
    rule_depth: int = 0

    def has(self, permission: Permission) -> bool:
        return permission in self.permissions

    @property
    def reach(self) -> AccessLevel:
        """How much of the company the caller works on, the widest level they write any
        kind of record at: it bounds which users and teams they see and administer."""
        return max(self.access.widest(Action.WRITE), AccessLevel.OWN, key=lambda x: x.breadth)
