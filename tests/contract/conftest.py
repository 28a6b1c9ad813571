"""The app under schemathesis: on a database of its own per test module (generated writes
must not reach other tests), with an Owner and a Salesperson signed in, and a third user
whose sign-ins the operations that end the caller's own sign-ins may end."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, cast

import pytest
from fastapi import FastAPI
from schemathesis.python.asgi import get_client, shutdown_lifespans

from api.app import create_app
from api.cli import migrate_database
from api.settings import Settings
from auth.passwords import Argon2PasswordHasher
from auth.sessions import sign_in_as
from domain.access.roles import TEMPLATES_BY_KEY
from domain.access.users import bootstrap_owner
from persistence.database import Database
from persistence.uow import SqlUnitOfWork
from tests.conftest import (
    BACKENDS,
    PASSWORD,
    TEST_SECRET,
    UNLIMITED,
    create_postgres_database,
    drop_postgres_database,
)

OWNER_EMAIL = "fuzz-owner@example.com"
SALES_EMAIL = "fuzz-sales@example.com"
LEAVER_EMAIL = "fuzz-leaver@example.com"
# Operations that end the caller's own sign-ins (all of them, with DELETE /me/sessions):
# called with the shared tokens they would sign the Owner or the Salesperson out, and
# every operation fuzzed after them would only see 401s.
SIGNS_OUT = {("DELETE", "/api/v1/me/sessions"), ("DELETE", "/api/v1/me/sessions/{session_id}")}


@dataclass
class Target:
    app: FastAPI
    owner_token: str
    salesperson_token: str
    database_url: str
    # A new sign-in of a user of its own each call (no password hashing: straight into
    # the database), for the operations in SIGNS_OUT.
    fresh_token: Callable[[], str]

    def token_for(self, method: str, path: str, token: str) -> str:
        """`token`, unless the operation would end its sign-in."""
        return self.fresh_token() if (method.upper(), path) in SIGNS_OUT else token


async def _seed_owner(url: str) -> None:
    database = Database(url)
    try:
        async with SqlUnitOfWork(database.sessions()) as uow:
            await bootstrap_owner(uow, Argon2PasswordHasher(), OWNER_EMAIL, "Fuzz Owner", PASSWORD)
            await uow.commit()
    finally:
        await database.dispose()


def _sign_in(app: FastAPI, email: str) -> str:
    with get_client(cast(Any, app)) as client:
        response = client.post("/api/v1/auth/token", data={"username": email, "password": PASSWORD})
        response.raise_for_status()
        return str(response.json()["access_token"])


@pytest.fixture(scope="module", params=BACKENDS)
def target(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Target]:
    """An app on its own database (generated writes must not reach other tests), served
    in schemathesis's event loop through the app's own lifespan."""
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('fuzz') / 'crm.db'}"
    else:
        url = asyncio.run(create_postgres_database("crm_fuzz"))
    try:
        migrate_database(url)
        asyncio.run(_seed_owner(url))
        # The fuzzers send thousands of requests a minute as one person: no rate limits.
        app = create_app(
            Settings(
                database_url=url,
                jwt_secret=TEST_SECRET,
                rate_limit_key=UNLIMITED,
                rate_limit_user=UNLIMITED,
                rate_limit_anonymous=UNLIMITED,
            )
        )
        owner_token = _sign_in(app, OWNER_EMAIL)
        with get_client(cast(Any, app)) as client:
            created = client.post(
                "/api/v1/users",
                json={
                    "email": SALES_EMAIL,
                    "full_name": "Fuzz Salesperson",
                    "password": PASSWORD,
                    "role_id": str(TEMPLATES_BY_KEY["salesperson"].id),
                },
                headers={"Authorization": f"Bearer {owner_token}"},
            )
            created.raise_for_status()
            leaver = client.post(
                "/api/v1/users",
                json={
                    "email": LEAVER_EMAIL,
                    "full_name": "Fuzz Leaver",
                    "password": PASSWORD,
                    "role_id": str(TEMPLATES_BY_KEY["salesperson"].id),
                },
                headers={"Authorization": f"Bearer {owner_token}"},
            )
            leaver.raise_for_status()
        # One loop and one connection pool of its own, outside the app's.
        loop = asyncio.new_event_loop()
        database = Database(url)

        async def mint() -> str:
            async with SqlUnitOfWork(database.sessions()) as uow:
                user = await uow.users.get_by_email(LEAVER_EMAIL)
                assert user is not None
                token = await sign_in_as(uow, app.state.token_settings, user)
                await uow.commit()
            return token

        try:
            yield Target(
                app,
                owner_token,
                _sign_in(app, SALES_EMAIL),
                url,
                lambda: loop.run_until_complete(mint()),
            )
        finally:
            loop.run_until_complete(database.dispose())
            loop.close()
    finally:
        if request.param != "sqlite":
            shutdown_lifespans()  # releases the pool before the database is dropped
            asyncio.run(drop_postgres_database(url))
