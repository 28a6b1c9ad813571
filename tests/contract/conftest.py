"""The app under schemathesis: on a database of its own per test module (generated writes
must not reach other tests), with an Owner and a Salesperson signed in."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, cast

import pytest
from fastapi import FastAPI
from schemathesis.python.asgi import get_client, shutdown_lifespans

from api.app import create_app
from api.cli import migrate_database
from api.settings import Settings
from auth.passwords import Argon2PasswordHasher
from domain.roles import TEMPLATES_BY_KEY
from domain.users import bootstrap_owner
from persistence.database import Database
from persistence.uow import SqlUnitOfWork
from tests.conftest import (
    BACKENDS,
    PASSWORD,
    TEST_SECRET,
    create_postgres_database,
    drop_postgres_database,
)

OWNER_EMAIL = "fuzz-owner@example.com"
SALES_EMAIL = "fuzz-sales@example.com"


@dataclass
class Target:
    app: FastAPI
    owner_token: str
    salesperson_token: str
    database_url: str


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
        app = create_app(Settings(database_url=url, jwt_secret=TEST_SECRET))
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
        yield Target(app, owner_token, _sign_in(app, SALES_EMAIL), url)
    finally:
        if request.param != "sqlite":
            shutdown_lifespans()  # releases the pool before the database is dropped
            asyncio.run(drop_postgres_database(url))
