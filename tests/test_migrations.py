"""Migrations go up from an empty database and back down to nothing, on both databases,
and the models never drift from them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import create_async_engine

from api.cli import alembic_config
from domain.roles import ROLE_TEMPLATES
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
    for table in metadata.sorted_tables:
        for index in table.indexes:
            postgresql = index.dialect_options["postgresql"]
            options = {
                "postgresql_include": postgresql["include"],
                "postgresql_where": postgresql["where"],
                "postgresql_using": postgresql["using"],
            }
            declared = _index_shape(str(index.name), [c.name for c in index.columns], options)
            assert found.get(str(index.name)) == declared
