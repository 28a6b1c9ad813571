"""Seed data as it was when a migration was written. Migrations take their data from
here, never from `domain/` or `persistence/`: an old migration must write what it wrote
then, on the schema of its time, whatever today's code says."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# The role templates while a role had one record scope (migrations 0001 and 0004):
# id, key, name, rank, scope, permissions, description.
ROLE_TEMPLATES_WITH_SCOPE: tuple[tuple[str, str, str, int, str, list[str], str], ...] = (
    (
        "e3377a7a-d83a-5de3-ab3e-b373ae6f4be1", "owner", "Owner", 100, "all",
        ["audit:read", "automation:manage", "companies:read", "companies:write", "contacts:read",
         "contacts:write", "custom_fields:manage", "data:export", "data:import", "deals:read",
         "deals:write", "interactions:read", "interactions:write", "pipelines:manage",
         "reports:read", "requests:read", "requests:write", "roles:manage", "settings:manage",
         "tasks:read", "tasks:write", "users:manage", "users:read"],
        "Runs the business: everything, including other administrators.",
    ),
    (
        "8ae58884-903f-54a6-851e-f78614e58153", "full_access", "Full access", 90, "all",
        ["audit:read", "automation:manage", "companies:read", "companies:write", "contacts:read",
         "contacts:write", "custom_fields:manage", "data:export", "data:import", "deals:read",
         "deals:write", "interactions:read", "interactions:write", "pipelines:manage",
         "reports:read", "requests:read", "requests:write", "roles:manage", "settings:manage",
         "tasks:read", "tasks:write", "users:manage", "users:read"],
        "Every permission on every record; cannot manage Owners.",
    ),
    (
        "c45fedc1-14e5-5e23-afd0-343c150dd333", "advanced_access", "Advanced access", 70, "all",
        ["audit:read", "companies:read", "companies:write", "contacts:read", "contacts:write",
         "custom_fields:manage", "data:export", "data:import", "deals:read", "deals:write",
         "interactions:read", "interactions:write", "pipelines:manage", "reports:read",
         "requests:read", "requests:write", "settings:manage", "tasks:read", "tasks:write",
         "users:read"],
        "Works with all customer data and the funnel set-up; no user or role administration.",
    ),
    (
        "3668e781-ae43-5722-829d-056711ca2563", "senior_manager", "Senior manager", 50, "team",
        ["companies:read", "companies:write", "contacts:read", "contacts:write", "data:export",
         "deals:read", "deals:write", "interactions:read", "interactions:write", "reports:read",
         "requests:read", "requests:write", "tasks:read", "tasks:write", "users:manage",
         "users:read"],
        "Leads a team: sees the team's records, adds Managers and Salespeople to it.",
    ),
    (
        "105843f6-eaa0-557e-ac29-fe36f85cf097", "manager", "Manager", 30, "own",
        ["companies:read", "companies:write", "contacts:read", "contacts:write", "deals:read",
         "deals:write", "interactions:read", "interactions:write", "reports:read",
         "requests:read", "requests:write", "tasks:read", "tasks:write", "users:read"],
        "Works their own customers and deals, with reports on them.",
    ),
    (
        "d431bad6-9981-598f-a8ff-fd3c042475cc", "salesperson", "Salesperson", 20, "own",
        ["companies:read", "companies:write", "contacts:read", "contacts:write", "deals:read",
         "deals:write", "interactions:read", "interactions:write", "requests:read",
         "requests:write", "tasks:read", "tasks:write", "users:read"],
        "Works their own customers and deals.",
    ),
    (
        "553cff20-1c18-51fd-8198-962ce614f1c8", "storekeeper", "Storekeeper", 10, "all",
        ["companies:read", "contacts:read"],
        "Reads the catalogue of contacts and companies; changes nothing.",
    ),
)  # fmt: skip

# The call outcomes an installation starts with (migration 0004): key, label, position.
DEFAULT_OUTCOMES: tuple[tuple[str, str, int], ...] = (
    ("no_answer", "No answer", 10),
    ("left_voicemail", "Left voicemail", 20),
    ("interested", "Interested", 30),
    ("not_interested", "Not interested", 40),
    ("follow_up_needed", "Follow-up needed", 50),
    ("meeting_booked", "Meeting booked", 60),
    ("closed", "Closed", 70),
)


_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upsert_roles(connection: sa.Connection, rows: list[dict[str, Any]]) -> None:
    """Makes the template rows (by `id`) hold `rows`' values, inserting the missing."""
    table = sa.table(
        "roles",
        sa.column("id", sa.Uuid()),
        sa.column("template_key", sa.String()),
        sa.column("name", sa.String()),
        sa.column("rank", sa.Integer()),
        sa.column("description", sa.Text()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
        sa.column("version", sa.Integer()),
        *(sa.column(name, _JSON) for name in ("permissions", "access")),
        *(sa.column(name, sa.String()) for name in ("scope",) if any(name in r for r in rows)),
    )
    now = datetime.now(UTC)
    for row in rows:
        row = {**row, "id": uuid.UUID(row["id"])}
        values = {key: value for key, value in row.items() if key not in ("id", "template_key")}
        values["updated_at"] = now
        exists = connection.execute(sa.select(table.c.id).where(table.c.id == row["id"])).first()
        if exists:
            connection.execute(table.update().where(table.c.id == row["id"]).values(**values))
        else:
            connection.execute(
                table.insert().values(
                    id=row["id"],
                    template_key=row["template_key"],
                    created_at=now,
                    version=1,
                    **values,
                )
            )


def seed_role_templates_with_scope(connection: sa.Connection) -> None:
    upsert_roles(
        connection,
        [
            {
                "id": id_, "template_key": key, "name": name, "rank": rank, "scope": scope,
                "permissions": permissions, "description": description,
            }
            for id_, key, name, rank, scope, permissions, description in ROLE_TEMPLATES_WITH_SCOPE
        ],
    )  # fmt: skip


# The default pipeline (migration 0005): its id and name, and its stages: id, name,
# position, probability, kind. Tests check it against domain.funnel.pipelines.DEFAULT_PIPELINE.
DEFAULT_PIPELINE_ID = "0b5e0c6a-9f9e-4d7e-8a3f-5f1c2e0a7d01"
DEFAULT_PIPELINE_NAME = "Sales"
DEFAULT_STAGES: tuple[tuple[str, str, int, int, str], ...] = (
    ("0b5e0c6a-9f9e-4d7e-8a3f-5f1c2e0a7d11", "New", 0, 10, "open"),
    ("0b5e0c6a-9f9e-4d7e-8a3f-5f1c2e0a7d12", "Qualified", 1, 25, "open"),
    ("0b5e0c6a-9f9e-4d7e-8a3f-5f1c2e0a7d13", "Proposal", 2, 50, "open"),
    ("0b5e0c6a-9f9e-4d7e-8a3f-5f1c2e0a7d14", "Negotiation", 3, 75, "open"),
    ("0b5e0c6a-9f9e-4d7e-8a3f-5f1c2e0a7d15", "Won", 4, 100, "won"),
    ("0b5e0c6a-9f9e-4d7e-8a3f-5f1c2e0a7d16", "Lost", 5, 0, "lost"),
)


def seed_default_pipeline(connection: sa.Connection) -> None:
    """The default pipeline (New, Qualified, Proposal, Negotiation, Won, Lost)."""
    now = datetime.now(UTC)
    pipelines = sa.table(
        "pipelines",
        sa.column("id", sa.Uuid()),
        sa.column("name", sa.String()),
        sa.column("is_default", sa.Boolean()),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)),
        sa.column("version", sa.Integer()),
    )
    stages = sa.table(
        "stages",
        sa.column("id", sa.Uuid()),
        sa.column("pipeline_id", sa.Uuid()),
        sa.column("name", sa.String()),
        sa.column("position", sa.Integer()),
        sa.column("probability", sa.Integer()),
        sa.column("kind", sa.String()),
        sa.column("rotting_days", sa.Integer()),
    )
    pipeline_id = uuid.UUID(DEFAULT_PIPELINE_ID)
    connection.execute(
        pipelines.insert().values(
            id=pipeline_id, name=DEFAULT_PIPELINE_NAME, is_default=True, created_at=now,
            updated_at=now, version=1,
        )
    )  # fmt: skip
    connection.execute(
        stages.insert(),
        [
            {
                "id": uuid.UUID(id_), "pipeline_id": pipeline_id, "name": name,
                "position": position, "probability": probability, "kind": kind,
                "rotting_days": None,
            }
            for id_, name, position, probability, kind in DEFAULT_STAGES
        ],
    )  # fmt: skip
