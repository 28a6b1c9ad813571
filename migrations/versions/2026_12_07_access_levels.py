"""Access per record kind (issue 15): a role holds, for contacts, companies, deals,
interactions, tasks and requests, a read level and a write level (none/own/team/all) in
place of one record scope. Its stored permissions keep only the grants that are not about
records; the record permissions follow from the levels.

The templates are migrated in place, ids kept: everyone who works with customers reads
the whole directory of contacts and companies. A custom role keeps exactly what it had:
its old scope for each kind its permissions named.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07
"""

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from migrations.frozen import upsert_roles

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")
KINDS = ("contacts", "companies", "deals", "interactions", "tasks", "requests")
LEVELS = {"n": "none", "o": "own", "t": "team", "a": "all"}
RECORD_PERMISSIONS = {f"{kind}:{action}" for kind in KINDS for action in ("read", "write")}

# id, key, name, rank, access (kind:<read><write>, n/o/t/a), grants, description.
TEMPLATES: tuple[tuple[str, str, str, int, str, list[str], str], ...] = (
    (
        "e3377a7a-d83a-5de3-ab3e-b373ae6f4be1", "owner", "Owner", 100,
        "contacts:aa,companies:aa,deals:aa,interactions:aa,tasks:aa,requests:aa",
        ["audit:read", "automation:manage", "custom_fields:manage", "data:export",
         "data:import", "pipelines:manage", "reports:read", "roles:manage", "settings:manage",
         "users:manage", "users:read"],
        "Runs the business: everything, including other administrators.",
    ),
    (
        "8ae58884-903f-54a6-851e-f78614e58153", "full_access", "Full access", 90,
        "contacts:aa,companies:aa,deals:aa,interactions:aa,tasks:aa,requests:aa",
        ["audit:read", "automation:manage", "custom_fields:manage", "data:export",
         "data:import", "pipelines:manage", "reports:read", "roles:manage", "settings:manage",
         "users:manage", "users:read"],
        "Every permission on every record; cannot manage Owners.",
    ),
    (
        "c45fedc1-14e5-5e23-afd0-343c150dd333", "advanced_access", "Advanced access", 70,
        "contacts:aa,companies:aa,deals:aa,interactions:aa,tasks:aa,requests:aa",
        ["audit:read", "custom_fields:manage", "data:export", "data:import",
         "pipelines:manage", "reports:read", "settings:manage", "users:read"],
        "Works with all customer data and the funnel set-up; no user or role administration.",
    ),
    (
        "3668e781-ae43-5722-829d-056711ca2563", "senior_manager", "Senior manager", 50,
        "contacts:at,companies:at,deals:tt,interactions:tt,tasks:tt,requests:tt",
        ["data:export", "reports:read", "users:manage", "users:read"],
        "Leads a team: reads the whole directory, works the team's customers and deals, adds"
        " Managers and Salespeople to it.",
    ),
    (
        "105843f6-eaa0-557e-ac29-fe36f85cf097", "manager", "Manager", 30,
        "contacts:ao,companies:ao,deals:oo,interactions:oo,tasks:oo,requests:oo",
        ["reports:read", "users:read"],
        "Reads the whole directory; works their own customers and deals, with reports on them.",
    ),
    (
        "d431bad6-9981-598f-a8ff-fd3c042475cc", "salesperson", "Salesperson", 20,
        "contacts:ao,companies:ao,deals:oo,interactions:oo,tasks:oo,requests:oo",
        ["users:read"],
        "Reads the whole directory; works their own customers and deals.",
    ),
    (
        "553cff20-1c18-51fd-8198-962ce614f1c8", "storekeeper", "Storekeeper", 10,
        "contacts:an,companies:an,deals:nn,interactions:nn,tasks:nn,requests:nn",
        [],
        "Reads the catalogue of contacts and companies; changes nothing.",
    ),
)  # fmt: skip


def _matrix(compact: str) -> dict[str, dict[str, str]]:
    entries = dict(part.split(":") for part in compact.split(","))
    return {kind: {"read": LEVELS[v[0]], "write": LEVELS[v[1]]} for kind, v in entries.items()}


def _from_scope(scope: str, permissions: set[str]) -> dict[str, dict[str, str]]:
    def level(*needed: str) -> str:
        return scope if all(p in permissions for p in needed) else "none"

    return {
        kind: {"read": level(f"{kind}:read"), "write": level(f"{kind}:read", f"{kind}:write")}
        for kind in KINDS
    }


def _json(value: Any) -> list[str]:
    return json.loads(value) if isinstance(value, str) else list(value)


def upgrade() -> None:
    with op.batch_alter_table("roles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("access", _JSON, nullable=True))
    connection = op.get_bind()
    roles = sa.table(
        "roles",
        sa.column("id", sa.Uuid()),
        sa.column("scope", sa.String()),
        sa.column("permissions", _JSON),
        sa.column("access", _JSON),
        sa.column("template_key", sa.String()),
    )
    custom = connection.execute(
        sa.select(roles.c.id, roles.c.scope, roles.c.permissions).where(
            roles.c.template_key.is_(None)
        )
    ).all()
    for role_id, scope, stored in custom:
        permissions = set(_json(stored))
        connection.execute(
            roles.update()
            .where(roles.c.id == role_id)
            .values(
                access=_from_scope(scope, permissions),
                permissions=sorted(permissions - RECORD_PERMISSIONS),
            )
        )
    upsert_roles(
        connection,
        [
            {
                "id": id_, "template_key": key, "name": name, "rank": rank,
                "access": _matrix(access), "permissions": grants, "description": description,
            }
            for id_, key, name, rank, access, grants, description in TEMPLATES
        ],
    )  # fmt: skip
    with op.batch_alter_table("roles", schema=None) as batch_op:
        batch_op.alter_column("access", existing_type=_JSON, nullable=False)
        batch_op.drop_column("scope")


def downgrade() -> None:
    """Back to one scope per role: the widest level it read anything at (or `own`), with
    the record permissions its levels implied."""
    with op.batch_alter_table("roles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scope", sa.String(length=8), nullable=True))
    connection = op.get_bind()
    roles = sa.table(
        "roles",
        sa.column("id", sa.Uuid()),
        sa.column("scope", sa.String()),
        sa.column("permissions", _JSON),
        sa.column("access", _JSON),
    )
    order = ["none", "own", "team", "all"]
    for role_id, access, stored in connection.execute(
        sa.select(roles.c.id, roles.c.access, roles.c.permissions)
    ).all():
        matrix = json.loads(access) if isinstance(access, str) else access
        widest = max((entry["read"] for entry in matrix.values()), key=order.index, default="own")
        implied = {
            f"{kind}:{action}"
            for kind, entry in matrix.items()
            for action in ("read", "write")
            if entry[action] != "none"
        }
        connection.execute(
            roles.update()
            .where(roles.c.id == role_id)
            .values(
                scope="own" if widest == "none" else widest,
                permissions=sorted(set(_json(stored)) | implied),
            )
        )
    with op.batch_alter_table("roles", schema=None) as batch_op:
        batch_op.alter_column("scope", existing_type=sa.String(length=8), nullable=False)
        batch_op.drop_column("access")
