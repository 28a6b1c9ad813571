"""Migrations go up from an empty database and back down to nothing, on both databases,
and the models never drift from them."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Integer,
    String,
    TableClause,
    Uuid,
    column,
    insert,
    inspect,
    select,
    table,
    text,
)
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from api.cli import alembic_config
from domain.access.levels import AccessLevel, EntityAccess, RecordKind, parse_access
from domain.access.roles import ROLE_TEMPLATES, TEMPLATES_BY_KEY
from domain.funnel.pipelines import DEFAULT_PIPELINE
from persistence import deal_totals
from persistence.base import UTCDateTime
from persistence.database import Database
from persistence.funnel_rows import DealRow, StageChangeRow
from persistence.tables import metadata
from tests.conftest import BACKENDS, create_postgres_database, drop_postgres_database


@pytest.fixture(params=BACKENDS)
async def empty_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'migrations.db'}"
        return
    url = await create_postgres_database("crm_migrations")
    try:
        yield url
    finally:
        await drop_postgres_database(url)


async def _tables(url: str) -> set[str]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            names = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
    finally:
        await engine.dispose()
    return names - {"alembic_version"}


async def test_upgrade_seeds_templates_and_downgrade_removes_everything(
    empty_database_url: str,
) -> None:
    """head creates every table with the role templates; base leaves no table behind;
    going up again works (the downgrade really reversed everything)."""
    config = alembic_config(empty_database_url)
    await asyncio.to_thread(command.upgrade, config, "head")
    assert {"users", "teams", "roles", "refresh_tokens", "login_throttles"} <= await _tables(
        empty_database_url
    )
    engine = create_async_engine(empty_database_url)
    try:
        async with engine.connect() as connection:
            names = (await connection.execute(text("SELECT name FROM roles"))).scalars().all()
    finally:
        await engine.dispose()
    assert sorted(names) == sorted(t.name for t in ROLE_TEMPLATES)

    await asyncio.to_thread(command.downgrade, config, "base")
    assert await _tables(empty_database_url) == set()
    await asyncio.to_thread(command.upgrade, config, "head")


async def test_models_match_the_migrations(empty_database_url: str) -> None:
    """Autogenerate finds nothing to add: every model change came with a migration."""
    config = alembic_config(empty_database_url)
    await asyncio.to_thread(command.upgrade, config, "head")
    await asyncio.to_thread(command.check, config)


async def _all_totals(session: AsyncSession) -> dict[str, set[tuple[Any, ...]]]:
    return {
        name: {tuple(r) for r in (await session.execute(select(table))).all()}
        for name, table in deal_totals.TABLES.items()
    }


async def test_report_columns_are_filled_from_the_history(empty_database_url: str) -> None:
    """Deals and stage changes written before revision 0010 come out of it with the
    stages each deal entered, with their deal's pipeline, creation, owner and team
    copied onto the changes, as the repository would have written them, and with the
    running totals summed from them."""
    config = alembic_config(empty_database_url)
    before = ScriptDirectory.from_config(config).get_revision("0010").down_revision
    assert isinstance(before, str)
    await asyncio.to_thread(command.upgrade, config, before)
    new, qualified = DEFAULT_PIPELINE.stages[0].id, DEFAULT_PIPELINE.stages[1].id
    user, team, deal, idle = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    created = datetime(2026, 1, 5, 9, tzinfo=UTC)
    stamps = {"created_at": created, "updated_at": created, "version": 1}

    def old(table_name: str, /, **columns: Any) -> TableClause:
        """The table as revision 0010 found it, with only the columns given."""
        return table(table_name, *(column(n, t) for n, t in columns.items()))

    at = UTCDateTime()
    teams = old(
        "teams",
        id=Uuid(),
        name=String(),
        description=String(),
        created_at=at,
        updated_at=at,
        version=Integer(),
    )
    users = old(
        "users",
        id=Uuid(),
        email=String(),
        full_name=String(),
        role_id=Uuid(),
        team_id=Uuid(),
        password_hash=String(),
        is_active=Boolean(),
        created_at=at,
        updated_at=at,
        version=Integer(),
    )
    deals = old(
        "deals",
        id=Uuid(),
        title=String(),
        sort_title=String(),
        pipeline_id=Uuid(),
        stage_id=Uuid(),
        status=String(),
        amount=Integer(),
        currency=String(),
        tags=JSON(),
        custom_fields=JSON(),
        stage_entered_at=at,
        won_at=at,
        expected_close=Date(),
        owner_id=Uuid(),
        team_id=Uuid(),
        created_at=at,
        updated_at=at,
        version=Integer(),
    )
    changes = old(
        "deal_stage_changes",
        id=Uuid(),
        deal_id=Uuid(),
        from_stage_id=Uuid(),
        to_stage_id=Uuid(),
        seconds_in_previous=Integer(),
        at=at,
    )
    engine = create_async_engine(empty_database_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(
                insert(teams).values(id=team, name="North", description="", **stamps)
            )
            await connection.execute(
                insert(users).values(
                    id=user,
                    email="u@example.com",
                    full_name="U",
                    is_active=True,
                    role_id=TEMPLATES_BY_KEY["owner"].id,
                    team_id=team,
                    password_hash="x",
                    **stamps,
                )
            )
            won = created + timedelta(days=3, microseconds=123)
            for deal_id, stage, won_at in ((deal, qualified, None), (idle, new, won)):
                await connection.execute(
                    insert(deals).values(
                        id=deal_id,
                        title="D",
                        sort_title="d",
                        pipeline_id=DEFAULT_PIPELINE.id,
                        stage_id=stage,
                        status="won" if won_at else "open",
                        amount=100,
                        currency="EUR",
                        tags=[],
                        custom_fields={},
                        stage_entered_at=created,
                        won_at=won_at,
                        expected_close=date(2026, 2, 14),
                        owner_id=user,
                        team_id=team,
                        **stamps,
                    )
                )
            for from_stage, to_stage in ((None, new), (new, qualified), (qualified, new)):
                await connection.execute(
                    insert(changes).values(
                        id=uuid.uuid4(),
                        deal_id=deal,
                        from_stage_id=from_stage,
                        to_stage_id=to_stage,
                        seconds_in_previous=60,
                        at=created,
                    )
                )
    finally:
        await engine.dispose()

    await asyncio.to_thread(command.upgrade, config, "head")
    database = Database(empty_database_url)
    try:
        async with database.sessions() as session:
            migrated = await _all_totals(session)
            await deal_totals.rebuild(session)
            assert await _all_totals(session) == migrated
            assert all(migrated.values())
            await session.rollback()
            entered = dict(
                (await session.execute(select(DealRow.id, DealRow.entered_stage_ids))).all()
            )
            copies = (
                await session.execute(
                    select(
                        StageChangeRow.pipeline_id,
                        StageChangeRow.deal_created_at,
                        StageChangeRow.owner_id,
                        StageChangeRow.team_id,
                    ).distinct()
                )
            ).all()
    finally:
        await database.dispose()
    assert entered == {deal: " ".join(sorted([str(new), str(qualified)])), idle: ""}
    assert copies == [(DEFAULT_PIPELINE.id, created, user, team)]


def _index_shape(name: str, columns: list[str], options: dict[str, Any]) -> dict[str, Any]:
    where = options.get("postgresql_where")
    return {
        "name": name,
        "columns": columns,
        "include": list(options.get("postgresql_include") or []),
        "where": " ".join(str(where).strip("()").split()) if where is not None else None,
        "using": options.get("postgresql_using") or "btree",
    }


async def test_postgresql_indexes_match_the_models_in_full(empty_database_url: str) -> None:
    """On PostgreSQL every index of the models exists as declared, down to what
    `alembic check` does not compare: INCLUDE columns, the predicate of a partial index
    and the access method."""
    if not empty_database_url.startswith("postgresql"):
        pytest.skip("INCLUDE columns and partial predicates are declared for PostgreSQL")
    await asyncio.to_thread(command.upgrade, alembic_config(empty_database_url), "head")
    engine = create_async_engine(empty_database_url)
    try:
        async with engine.connect() as connection:
            found = await connection.run_sync(
                lambda c: {
                    index["name"]: _index_shape(
                        str(index["name"]),
                        [str(column) for column in index["column_names"]],
                        index["dialect_options"],
                    )
                    for table in metadata.sorted_tables
                    for index in inspect(c).get_indexes(table.name)
                }
            )
    finally:
        await engine.dispose()
    for model in metadata.sorted_tables:
        for index in model.indexes:
            postgresql = index.dialect_options["postgresql"]
            options = {
                "postgresql_include": postgresql["include"],
                "postgresql_where": postgresql["where"],
                "postgresql_using": postgresql["using"],
            }
            declared = _index_shape(str(index.name), [c.name for c in index.columns], options)
            assert found.get(str(index.name)) == declared


async def test_teams_distributing_leads_keep_their_takers_on_the_rotation(
    empty_database_url: str,
) -> None:
    """Revision 0014 lists, for each team that distributed leads before it, the team's
    active members who may own contacts, less those who may manage users (its leaders);
    a team not distributing leads gets an empty rotation."""
    config = alembic_config(empty_database_url)
    await asyncio.to_thread(command.upgrade, config, "0013")
    at = UTCDateTime()
    now = datetime(2026, 12, 1, tzinfo=UTC)
    teams = table(
        "teams", column("id", Uuid()), column("name", String()), column("description", String()),
        column("created_at", at), column("updated_at", at), column("version", Integer()),
    )  # fmt: skip
    users = table(
        "users", column("id", Uuid()), column("email", String()), column("full_name", String()),
        column("role_id", Uuid()), column("team_id", Uuid()), column("password_hash", String()),
        column("is_active", Boolean()), column("created_at", at), column("updated_at", at),
        column("version", Integer()),
    )  # fmt: skip
    distribution = table(
        "team_distribution", column("team_id", Uuid()), column("requests", Boolean()),
        column("leads", Boolean()),
    )  # fmt: skip
    leads_on, leads_off = uuid.uuid4(), uuid.uuid4()
    people = {
        "rep": ("salesperson", leads_on, True),
        "resting": ("salesperson", leads_on, False),
        "lead": ("senior_manager", leads_on, True),
        "keeper": ("storekeeper", leads_on, True),
        "elsewhere": ("salesperson", leads_off, True),
    }
    ids = {name: uuid.uuid4() for name in people}
    engine = create_async_engine(empty_database_url)
    try:
        async with engine.begin() as connection:
            for team_id, leads in ((leads_on, True), (leads_off, False)):
                await connection.execute(
                    insert(teams).values(
                        id=team_id, name=str(team_id), description="", created_at=now,
                        updated_at=now, version=1,
                    )
                )  # fmt: skip
                await connection.execute(
                    insert(distribution).values(team_id=team_id, requests=False, leads=leads)
                )
            for name, (role, team_id, active) in people.items():
                await connection.execute(
                    insert(users).values(
                        id=ids[name], email=f"{name}@example.com", full_name=name,
                        role_id=TEMPLATES_BY_KEY[role].id, team_id=team_id, password_hash="x",
                        is_active=active, created_at=now, updated_at=now, version=1,
                    )
                )  # fmt: skip
        await asyncio.to_thread(command.upgrade, config, "0014")
        async with engine.connect() as connection:
            listed = (
                await connection.execute(
                    text("SELECT team_id, user_id, paused FROM team_rotation_members")
                )
            ).all()
    finally:
        await engine.dispose()
    # SQLite hands back the raw hex and 0/1.
    assert [(uuid.UUID(str(t)), uuid.UUID(str(u)), bool(p)) for t, u, p in listed] == [
        (leads_on, ids["rep"], False)
    ]


async def test_roles_of_one_scope_become_access_levels_keeping_what_they_had(
    empty_database_url: str,
) -> None:
    """Revision 0017 gives a custom role its old scope for reading each kind its
    permissions named (and for writing each it could write, archiving as far: it stores
    no archive level, which reads back as write), keeps only the grants that are not
    about records, and gives the templates their new levels with ids kept; going back
    down gives each role a scope and its record permissions again."""
    NONE, OWN, TEAM = AccessLevel.NONE, AccessLevel.OWN, AccessLevel.TEAM
    config = alembic_config(empty_database_url)
    await asyncio.to_thread(command.upgrade, config, "0016")
    at = UTCDateTime()
    now = datetime(2026, 12, 1, tzinfo=UTC)
    roles = table(
        "roles", column("id", Uuid()), column("name", String()), column("rank", Integer()),
        column("scope", String()), column("permissions", JSON()), column("description", String()),
        column("template_key", String()), column("created_at", at), column("updated_at", at),
        column("version", Integer()),
    )  # fmt: skip
    clerk, scout = uuid.uuid4(), uuid.uuid4()
    engine = create_async_engine(empty_database_url)
    try:
        async with engine.begin() as connection:
            for role_id, name, scope, permissions in (
                (clerk, "Clerk", "own", ["contacts:read", "contacts:write", "deals:read",
                                         "reports:read"]),
                (scout, "Scout", "team", ["companies:read", "companies:write", "data:export"]),
            ):  # fmt: skip
                await connection.execute(
                    insert(roles).values(
                        id=role_id, name=name, rank=5, scope=scope, permissions=permissions,
                        description="", template_key=None, created_at=now, updated_at=now,
                        version=1,
                    )
                )  # fmt: skip
        await asyncio.to_thread(command.upgrade, config, "0017")
        async with engine.connect() as connection:
            rows = (
                await connection.execute(
                    text("SELECT id, access, permissions FROM roles"),
                )
            ).all()
        # 0017 writes no archive level; a role reads it back through `parse_access`, as
        # the roles repository does: archive as far as write.
        found = {uuid.UUID(str(i)): (parse_access(_json(a)), sorted(_json(p))) for i, a, p in rows}
        assert found[clerk][0][RecordKind.CONTACTS] == EntityAccess(OWN, OWN, OWN)
        assert found[clerk][0][RecordKind.DEALS] == EntityAccess(OWN, NONE, NONE)
        assert found[clerk][0][RecordKind.TASKS] == EntityAccess(NONE, NONE, NONE)
        assert found[clerk][1] == ["reports:read"]
        assert found[scout][0][RecordKind.COMPANIES] == EntityAccess(TEAM, TEAM, TEAM)
        assert found[scout][0][RecordKind.CONTACTS] == EntityAccess(NONE, NONE, NONE)
        assert found[scout][1] == ["data:export"]
        for template in ROLE_TEMPLATES:
            assert found[template.id] == (
                template.access,
                sorted(p.value for p in template.grants),
            ), template.key

        await asyncio.to_thread(command.downgrade, config, "0016")
        async with engine.connect() as connection:
            back = (
                await connection.execute(text("SELECT id, scope, permissions FROM roles"))
            ).all()
        restored = {uuid.UUID(str(i)): (s, sorted(_json(p))) for i, s, p in back}
        assert restored[clerk] == (
            "own",
            ["contacts:read", "contacts:write", "deals:read", "reports:read"],
        )
        assert restored[scout] == ("team", ["companies:read", "companies:write", "data:export"])
    finally:
        await engine.dispose()


def _json(value: Any) -> Any:
    """SQLite hands JSON columns back as text when read with plain SQL."""
    return json.loads(value) if isinstance(value, str) else value


async def test_waiting_jobs_move_to_procrastinate_and_back(empty_database_url: str) -> None:
    """On PostgreSQL, revision 0024 hands the jobs still waiting in the `jobs` table (or
    left running by a dead worker) to procrastinate's queue with the runs they had, and
    leaves done ones and ones given up; the downgrade hands the waiting ones back."""
    if not empty_database_url.startswith("postgresql"):
        pytest.skip("SQLite keeps the jobs table")
    config = alembic_config(empty_database_url)
    await asyncio.to_thread(command.upgrade, config, "0023")
    jobs = table(
        "jobs",
        column("id", Uuid()),
        column("kind", String()),
        column("payload", JSON()),
        column("status", String()),
        column("attempts", Integer()),
        column("created_at", UTCDateTime()),
    )
    now = datetime.now(UTC)
    rows = [
        ("queued", 0, "a"),
        ("running", 1, "b"),
        ("done", 1, "c"),
        ("running", 3, "d"),
    ]
    engine = create_async_engine(empty_database_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(
                insert(jobs),
                [
                    {
                        "id": uuid.uuid4(),
                        "kind": "contact_import",
                        "payload": {"import_id": name},
                        "status": status,
                        "attempts": attempts,
                        "created_at": now + timedelta(seconds=n),
                    }
                    for n, (status, attempts, name) in enumerate(rows)
                ],
            )
        await asyncio.to_thread(command.upgrade, config, "0024")
        async with engine.connect() as connection:
            moved = await connection.execute(
                text(
                    "SELECT queue_name, task_name, args, status::text, attempts"
                    " FROM procrastinate_jobs ORDER BY id"
                )
            )
            assert [tuple(row) for row in moved] == [
                ("crm", "contact_import", {"import_id": "a"}, "todo", 0),
                ("crm", "contact_import", {"import_id": "b"}, "todo", 1),
            ]
            left = await connection.execute(select(jobs.c.status).order_by(jobs.c.created_at))
            assert list(left.scalars()) == ["done", "running"]

        await asyncio.to_thread(command.downgrade, config, "0023")
        async with engine.connect() as connection:
            back = await connection.execute(
                select(jobs.c.status, jobs.c.attempts, jobs.c.payload).where(
                    jobs.c.status == "queued"
                )
            )
            assert sorted(tuple(row) for row in back) == [
                ("queued", 0, {"import_id": "a"}),
                ("queued", 1, {"import_id": "b"}),
            ]
    finally:
        await engine.dispose()
