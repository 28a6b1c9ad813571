"""Migrations go up from an empty database and back down to nothing, on both databases,
and the models never drift from them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import create_async_engine

from api.cli import alembic_config
from domain.roles import ROLE_TEMPLATES
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
