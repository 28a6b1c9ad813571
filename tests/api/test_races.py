"""Races between requests answer what HTTP says: a lost unique-name race is a 409, a
lost If-Match race a 412, never a 500."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from fastapi import APIRouter
from sqlalchemy import insert

from api.app import create_app
from api.deps import UoW
from api.settings import Settings
from persistence.database import Database
from persistence.records import SearchWordRow
from tests.conftest import Staff
from tests.helpers import API, CONTACTS, assert_one_wins, assert_problem, create_contact

PIPELINES = f"{API}/pipelines"
STAGES = [
    {"name": "New", "probability": 10},
    {"name": "Won", "probability": 100, "kind": "won"},
    {"name": "Lost", "probability": 0, "kind": "lost"},
]


async def test_a_unique_violation_at_flush_is_a_409(settings: Settings, database: Database) -> None:
    """A write the database refuses as a duplicate of a unique key, met when the route
    flushes (not only at commit), answers a 409 problem on either database."""
    app = create_app(settings, database=database)  # its own app: the route is test-only
    router = APIRouter()

    @router.post("/__duplicate")
    async def duplicate(uow: UoW) -> None:
        session = uow.contacts.session
        await session.execute(insert(SearchWordRow).values(word="twice"))
        await session.execute(insert(SearchWordRow).values(word="twice"))

    app.include_router(router)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.post("/__duplicate")
    assert_problem(response, 409)


async def test_parallel_creates_of_one_pipeline_name_are_201_and_409s(
    client: httpx.AsyncClient, owner: Staff, database: Database
) -> None:
    """20 creates of a pipeline with the same name at once: exactly one 201, every other
    a 409 problem naming `name` (whether the name check or the unique key caught it),
    never a 500."""
    body: dict[str, Any] = {"name": "Renewals", "stages": STAGES}
    calls = [client.post(PIPELINES, json=body, headers=owner.headers) for _ in range(20)]
    responses = await asyncio.wait_for(asyncio.gather(*calls), timeout=60)
    assert_one_wins(responses, 201, 409, "name")


async def test_losers_of_an_if_match_race_get_412(
    client: httpx.AsyncClient, owner: Staff, database: Database
) -> None:
    """30 PATCHes of one contact at once, all with the If-Match of the version read: one
    wins, and every other answers 412 Precondition Failed (the version it named is gone),
    even when the loss shows only at the compare-and-set update, not 409."""
    if database.engine.dialect.name != "postgresql":
        pytest.skip(
            "SQLite runs one writing transaction at a time: each loser sees the new version"
        )
    contact = await create_contact(client, owner)
    url = f"{CONTACTS}/{contact['id']}"
    headers = {**owner.headers, "If-Match": '"1"'}
    calls = [client.patch(url, json={"city": f"City {n}"}, headers=headers) for n in range(30)]
    responses = await asyncio.wait_for(asyncio.gather(*calls), timeout=60)
    assert_one_wins(responses, 200, 412)
