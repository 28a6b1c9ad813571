"""Custom roles tests name like templates: `make_staff("own_scope")`."""

from __future__ import annotations

import uuid

from domain.access.levels import AccessLevel, AccessMatrix
from domain.access.roles import Permission, Role


def _scoped_role(key: str, rank: int, access: AccessMatrix, *grants: Permission) -> Role:
    return Role(
        id=uuid.uuid5(uuid.NAMESPACE_URL, f"crm-tests/{key}"),
        name=key.replace("_", " ").capitalize(),
        rank=rank,
        access=access,
        grants=frozenset(grants),
        description="",
        template_key=None,
    )


# Custom roles the tests name like templates (`make_staff("own_scope")`). The first two
# reach as roles did before access levels per kind: one level for reading and writing
# every kind, so tests of the own and team machinery on contacts and companies keep a
# role that sees only so far (every template now reads the whole directory).
_O, _T, _A = AccessLevel.OWN, AccessLevel.TEAM, AccessLevel.ALL
SCOPED_ROLES: dict[str, Role] = {
    role.name.lower().replace(" ", "_"): role
    for role in (
        _scoped_role("own_scope", 20, AccessMatrix.uniform(_O, _O), Permission.USERS_READ),
        _scoped_role(
            "team_scope",
            50,
            AccessMatrix.uniform(_T, _T),
            Permission.USERS_READ,
            Permission.USERS_MANAGE,
            Permission.REPORTS_READ,
            Permission.DATA_EXPORT,
        ),
        # The custom role: sees every record of every kind, changes its own.
        _scoped_role("read_all_write_own", 20, AccessMatrix.uniform(_A, _O), Permission.USERS_READ),
    )
}
