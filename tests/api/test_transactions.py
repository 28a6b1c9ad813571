"""Every request is one transaction: a request that fails half-way leaves nothing."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest
from fastapi import APIRouter
from sqlalchemy import insert, select, text

from api.app import create_app
from api.deps import UoW
from api.settings import Settings
from domain.funnel.pipelines import DEFAULT_PIPELINE
from persistence.contacts import ContactEmailRow
from persistence.database import Database
from persistence.records import SearchWordRow
from tests.conftest import MakeStaff, Staff
from tests.helpers import assert_problem


async def test_failed_patch_leaves_no_half_written_change(
    client: httpx.AsyncClient, owner: Staff, make_staff: MakeStaff
) -> None:
    """The name change applied before the unknown team is found is rolled back with it."""
    target = await make_staff("salesperson")
    response = await client.patch(
        f"/api/v1/users/{target.id}",
        json={"full_name": "Renamed Person", "team_id": str(uuid.uuid4())},
        headers=owner.headers,
    )
    assert response.status_code == 422
    after = await client.get(f"/api/v1/users/{target.id}", headers=owner.headers)
    assert after.json()["full_name"] == target.user.full_name
    assert after.json()["version"] == target.user.version


async def test_success_is_committed_before_the_answer(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A 201 means committed: the next request, on a new session, reads the record."""
    created = await client.post("/api/v1/teams", json={"name": "Committed"}, headers=owner.headers)
    assert created.status_code == 201
    again = await client.get(f"/api/v1/teams/{created.json()['id']}", headers=owner.headers)
    assert again.status_code == 200


async def until_someone_waits_for_a_lock(database: Database) -> None:
    """Returns once a transaction on the test database waits for a row lock (PostgreSQL),
    so a test can make its next move knowing where the other side is. Each look is its
    own transaction: PostgreSQL keeps one snapshot of pg_stat_activity per transaction, so
    polling inside one would keep seeing the moment of the first look."""
    autocommit = database.engine.execution_options(isolation_level="AUTOCOMMIT")
    async with autocommit.connect() as watch:
        for _ in range(400):
            waiting = await watch.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE wait_event_type = 'Lock' AND datname = current_database()"
                )
            )
            if waiting:
                return
            await asyncio.sleep(0.025)
    raise AssertionError("no transaction came to wait for the lock within 10 s")


async def test_a_deadlock_answers_503_to_send_again_and_writes_nothing(
    settings: Settings, database: Database
) -> None:
    """When PostgreSQL breaks a request's transaction off in a deadlock, the caller gets
    a 503 problem with Retry-After (the same request may be sent again), not a 500, and
    nothing the request wrote stays."""
    if database.engine.dialect.name != "postgresql":
        pytest.skip("SQLite runs one writing transaction at a time: no deadlocks")
    app = create_app(settings, database=database)  # its own app: the route is test-only
    router = APIRouter()
    holds_first, other_waits = asyncio.Event(), asyncio.Event()

    @router.post("/__deadlock")
    async def deadlock(uow: UoW) -> None:
        session = uow.contacts.session
        # This side is the one PostgreSQL picks to break off: it checks for a deadlock
        # first, after 50 ms of waiting (the other side waits 10 s before checking).
        await session.execute(text("SET LOCAL deadlock_timeout = '50ms'"))
        await session.execute(insert(SearchWordRow).values(word="written-by-the-request"))
        await session.execute(text("SELECT 1 FROM search_words WHERE word = 'first' FOR UPDATE"))
        holds_first.set()
        await other_waits.wait()
        # PostgreSQL looks for a cycle once, when this side has waited 50 ms: the other
        # side must be waiting for 'first' by then.
        await until_someone_waits_for_a_lock(database)
        await session.execute(text("SELECT 1 FROM search_words WHERE word = 'second' FOR UPDATE"))

    app.include_router(router)
    async with database.engine.begin() as setup:
        await setup.execute(insert(SearchWordRow), [{"word": "first"}, {"word": "second"}])

    async def other_transaction() -> None:
        async with database.engine.begin() as other:
            await other.execute(text("SET LOCAL deadlock_timeout = '10s'"))
            await other.execute(text("SELECT 1 FROM search_words WHERE word = 'second' FOR UPDATE"))
            await holds_first.wait()
            other_waits.set()
            await other.execute(text("SELECT 1 FROM search_words WHERE word = 'first' FOR UPDATE"))

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        both = asyncio.gather(client.post("/__deadlock"), other_transaction())
        response, _ = await asyncio.wait_for(both, timeout=30)  # a failed set-up must not hang
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["retry-after"] == "1"
    assert response.json()["type"].endswith("/concurrent-write")
    async with database.engine.connect() as check:
        words = set((await check.execute(select(SearchWordRow.word))).scalars())
    assert "written-by-the-request" not in words


async def test_other_database_errors_stay_500s(settings: Settings, database: Database) -> None:
    """Only a transaction the database broke off to resolve a collision is worth sending
    again: any other database error is still a 500, which says nothing to retry."""
    app = create_app(settings, database=database)  # its own app: the route is test-only
    router = APIRouter()

    @router.post("/__bad_sql")
    async def bad_sql(uow: UoW) -> None:
        await uow.contacts.session.execute(text("SELECT no_such_column FROM users"))

    app.include_router(router)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.post("/__bad_sql")
    assert response.status_code == 500, response.text
    assert "retry-after" not in response.headers


async def test_a_write_referring_to_a_missing_record_is_a_409(
    settings: Settings, database: Database
) -> None:
    """A write the database refuses for referring to a record that is not there (on
    either database) answers 409, reload and try again, not a 500."""
    app = create_app(settings, database=database)  # its own app: the route is test-only
    router = APIRouter()

    @router.post("/__dangling")
    async def dangling(uow: UoW) -> None:
        values = {"contact_id": uuid.uuid4(), "position": 0, "email": "a@b.example"}
        await uow.contacts.session.execute(
            insert(ContactEmailRow).values(is_primary=True, **values)
        )

    app.include_router(router)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.post("/__dangling")
    assert_problem(response, 409)


async def test_a_reference_removed_meanwhile_is_a_409_not_a_500(
    client: httpx.AsyncClient, owner: Staff, database: Database
) -> None:
    """A deal moving into a stage that another transaction removes meanwhile: the move
    waits for that transaction, then finds the stage gone. The answer is a 409 (reload
    and try again) and the deal stays where it was."""
    if database.engine.dialect.name != "postgresql":
        pytest.skip("SQLite runs one writing transaction at a time: nothing happens meanwhile")
    pipeline = f"/api/v1/pipelines/{DEFAULT_PIPELINE.id}"
    added = await client.post(
        f"{pipeline}/stages", json={"name": "Going", "probability": 50}, headers=owner.headers
    )
    assert added.status_code == 201, added.text
    going = next(s["id"] for s in added.json()["stages"] if s["name"] == "Going")
    created = await client.post("/api/v1/deals", json={"title": "D"}, headers=owner.headers)
    deal = created.json()
    locked = asyncio.Event()

    async def remove_the_stage() -> None:
        async with database.engine.begin() as other:
            await other.execute(
                text("SELECT 1 FROM stages WHERE id = :id FOR UPDATE"), {"id": uuid.UUID(going)}
            )
            locked.set()
            await until_someone_waits_for_a_lock(database)  # the move, at its write
            await other.execute(text("DELETE FROM stages WHERE id = :id"), {"id": uuid.UUID(going)})

    async def move() -> httpx.Response:
        await locked.wait()
        return await client.post(
            f"/api/v1/deals/{deal['id']}/move", json={"stage_id": going}, headers=owner.headers
        )

    _, response = await asyncio.wait_for(asyncio.gather(remove_the_stage(), move()), timeout=30)
    assert_problem(response, 409)
    after = await client.get(f"/api/v1/deals/{deal['id']}", headers=owner.headers)
    assert after.json()["stage_id"] == deal["stage_id"]
    assert after.json()["version"] == deal["version"]
