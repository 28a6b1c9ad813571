"""Schemathesis drives every operation with generated valid and invalid data, as an Owner
and as a Salesperson, and checks each answer against the contract: no server error, the
documented status codes, content types, headers and response schemas.

`CRM_FUZZ_EXAMPLES` sets examples per operation (50 here; `make fuzz` raises it)."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig
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

EXAMPLES = int(os.environ.get("CRM_FUZZ_EXAMPLES", "50"))
OWNER_EMAIL = "fuzz-owner@example.com"
SALES_EMAIL = "fuzz-sales@example.com"


@dataclass
class Target:
    app: FastAPI
    owner_token: str
    salesperson_token: str


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
        yield Target(app, owner_token, _sign_in(app, SALES_EMAIL))
    finally:
        if request.param != "sqlite":
            shutdown_lifespans()  # releases the pool before the database is dropped
            asyncio.run(drop_postgres_database(url))


@pytest.fixture(scope="module")
def api_schema(target: Target) -> schemathesis.BaseSchema:
    config = SchemathesisConfig.from_dict(
        {
            "generation": {"mode": "all", "max-examples": EXAMPLES},
            "seed": 20261127,
            "checks": {
                # A schema-valid request may still name a record that does not exist, a
                # stale ETag, a cursor this API never issued or a taken e-mail: those
                # are business answers, not contract breaches.
                "positive_data_acceptance": {
                    "expected-statuses": [200, 201, 204, 401, 403, 404, 409, 412, 422, 429]
                }
            },
        }
    )
    return schemathesis.openapi.from_asgi("/openapi.json", target.app, config=config)


schema = schemathesis.pytest.from_fixture("api_schema")
_hypothesis = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@schema.parametrize()
@_hypothesis
def test_conforms_as_owner(case: schemathesis.Case[Any], target: Target) -> None:
    """As an Owner, every generated request gets an answer the contract allows."""
    case.call_and_validate(headers={"Authorization": f"Bearer {target.owner_token}"})


@schema.parametrize()
@_hypothesis
def test_conforms_as_salesperson(case: schemathesis.Case[Any], target: Target) -> None:
    """As a Salesperson (no administration, own scope), likewise."""
    case.call_and_validate(headers={"Authorization": f"Bearer {target.salesperson_token}"})


def test_contract_file_is_the_one_fuzzed() -> None:
    """The fuzzed schema is the committed contract (guards against fuzzing a stale copy)."""
    assert (Path(__file__).parents[2] / "openapi" / "openapi.json").exists()
