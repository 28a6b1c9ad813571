"""Statement templates (persistence/templates.py): a statement built once per shape must
answer each request with that request's values, and a builder that branches on a value
must be refused rather than cached."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from domain.clock import utcnow
from persistence.base import read
from persistence.database import Database
from persistence.templates import Templates
from persistence.user_rows import TeamRow


def teams_named_after(values: Mapping[str, Any]) -> Any:
    return (
        select(TeamRow.name)
        .where(TeamRow.id != values["id"], TeamRow.created_at > values["since"])
        .order_by(TeamRow.name)
    )


def test_each_value_becomes_a_named_parameter() -> None:
    """The stand-ins become parameters named like the values, and nothing else does."""
    templates = Templates()
    values = {"id": uuid.uuid4(), "since": utcnow()}
    template = templates.get("teams", values, teams_named_after)
    assert template.names == {"id", "since"}
    assert template.params(values) == values


def test_the_template_is_built_once_per_shape() -> None:
    """A second request of the same shape reuses the statement; another shape gets its
    own; the least recently used shape is dropped once the cache is full."""
    built: list[Mapping[str, Any]] = []

    def build(values: Mapping[str, Any]) -> Any:
        built.append(values)
        return teams_named_after(values)

    templates = Templates(size=1)
    first = {"id": uuid.uuid4(), "since": utcnow()}
    second = {"id": uuid.uuid4(), "since": utcnow() - timedelta(days=3)}
    one = templates.get("one", first, build)
    assert templates.get("one", second, build) is one
    assert len(built) == 2  # two sets of stand-ins, to compare
    templates.get("two", first, build)
    assert templates.get("one", first, build) is not one
    assert len(built) == 6


def test_a_builder_branching_on_a_value_is_refused() -> None:
    """The stand-ins differ between the two builds: a statement whose structure follows
    a value cannot serve other values."""

    def build(values: Mapping[str, Any]) -> Any:
        statement = select(TeamRow.name).where(TeamRow.id != values["id"])
        if values["since"].year % 2:  # the two stand-ins are a year apart
            statement = statement.where(TeamRow.created_at > values["since"])
        return statement

    values = {"id": uuid.uuid4(), "since": datetime(2026, 1, 1, tzinfo=UTC)}
    with pytest.raises(ValueError, match="depends on its values"):
        Templates().get("branching", values, build)


def test_only_ids_and_moments_have_stand_ins() -> None:
    with pytest.raises(TypeError, match="name"):
        Templates().get("text", {"name": "Sales"}, lambda values: select(TeamRow.id))


async def test_a_template_answers_with_each_requests_values(database: Database) -> None:
    """Run on both databases: the same template, bound to two requests' values, finds
    what each request asks for."""
    now = utcnow()
    rows = [
        TeamRow(id=uuid.uuid4(), name=name, created_at=now - timedelta(days=age), updated_at=now)
        for name, age in (("North", 10), ("South", 5), ("West", 1))
    ]
    templates = Templates()
    async with database.sessions() as session:
        session.add_all(rows)
        await session.flush()
        found = []
        for excluded, days in ((rows[2].id, 7), (rows[0].id, 30)):
            values = {"id": excluded, "since": now - timedelta(days=days)}
            template = templates.get("teams", values, teams_named_after)
            result = await read(session, template.statement, template.params(values))
            found.append([name for (name,) in result if name in {"North", "South", "West"}])
        await session.rollback()
    assert found == [["South"], ["South", "West"]]
