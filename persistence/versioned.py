"""Optimistic-concurrency writes: an UPDATE that only lands on the version it read."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from domain.errors import LostUpdate


async def versioned_update(
    session: AsyncSession,
    model: Any,
    record_id: uuid.UUID,
    expected_version: int,
    values: dict[str, Any],
) -> None:
    result = await session.execute(
        update(model)
        .where(model.id == record_id, model.version == expected_version)
        .values(**values, version=expected_version + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise LostUpdate("The record was changed by someone else meanwhile; reload and retry.")
