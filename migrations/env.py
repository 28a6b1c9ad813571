"""Alembic environment: async engines for both databases, batch mode on SQLite."""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from persistence.database import DEFAULT_URL
from persistence.tables import metadata

config = context.config


def _url() -> str:
    return str(
        config.attributes.get("database_url") or os.environ.get("DATABASE_URL") or DEFAULT_URL
    )


def _include(
    item: object, name: str | None, kind: str, reflected: bool, compare_to: object
) -> bool:
    """Indexes marked POSTGRESQL_ONLY do not exist on SQLite, and are not missed there.
    procrastinate's tables (revision 0024) are the task library's, not our models'."""
    dialect = context.get_bind().dialect.name
    if kind == "table" and reflected and (name or "").startswith("procrastinate_"):
        return False
    if kind == "index" and dialect != "postgresql":
        return not getattr(item, "info", {}).get("postgresql_only", False)
    return True


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        include_object=_include,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_online() -> None:
    engine = create_async_engine(_url())
    async with engine.connect() as connection:
        await connection.run_sync(_run)
        await connection.commit()
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=_url(), target_metadata=metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_online())
