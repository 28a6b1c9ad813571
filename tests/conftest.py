"""Test fixtures: every test runs once on SQLite and once on PostgreSQL.

One migrated database per backend per test run (per xdist worker); between tests every
table is emptied except the seeded role templates. Tests commit for real (use cases
commit before the response, and concurrency tests need separate transactions), which is
why cleaning replaces the usual rolled-back outer transaction."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy import delete, insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from api.app import create_app
from api.cli import migrate_database
from api.settings import Settings
from auth.passwords import Argon2PasswordHasher
from auth.sessions import sign_in_as
from auth.tokens import TokenSettings
from domain.access.roles import TEMPLATES_BY_KEY
from domain.access.teams import Team
from domain.access.users import User
from domain.interactions.interactions import DEFAULT_OUTCOMES
from migrations.frozen import seed_default_pipeline
from persistence.changes import EventClockRow
from persistence.database import Database
from persistence.interactions import OutcomeRow
from persistence.tables import metadata
from persistence.uow import SqlUnitOfWork
from persistence.user_rows import RoleRow
from tests.scoped_roles import SCOPED_ROLES

TEST_SECRET = "test-secret-that-is-long-enough-for-hs256-signing"
DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
BACKENDS = [b.strip() for b in os.environ.get("CRM_TEST_BACKENDS", "sqlite,postgresql").split(",")]
PASSWORD = "correct horse battery staple"


def postgres_admin_url() -> str:
    return os.environ.get("CRM_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)


async def create_postgres_database(prefix: str) -> str:
    """Creates a throwaway database; under CI=true a missing server fails the run."""
    admin_url = postgres_admin_url()
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    engine = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
    except (OSError, Exception) as error:
        message = f"PostgreSQL is not reachable at {admin_url}: {error}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (CI=true: the PostgreSQL leg must run)")
        pytest.skip(message)
    finally:
        await engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


async def drop_postgres_database(url: str) -> None:
    name = make_url(url).database
    engine = create_async_engine(postgres_admin_url(), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
async def database_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[str]:
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("sqlite") / "crm.db"
        url = f"sqlite+aiosqlite:///{path}"
        await asyncio.to_thread(migrate_database, url)
        yield url
        return
    url = await create_postgres_database("crm_test")
    try:
        await asyncio.to_thread(migrate_database, url)
        yield url
    finally:
        await drop_postgres_database(url)


@pytest.fixture(scope="session")
async def database(database_url: str) -> AsyncIterator[Database]:
    db = Database(database_url)
    yield db
    await db.dispose()


UNLIMITED = "1000000/minute"


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    # The web app is tested on its own (tests/api/test_web.py), whether or not it is built.
    # Webhook tests deliver to a receiver they start on this machine, over plain http.
    # Every test's client comes from one address, and some tests send thousands of
    # requests as one person: rate limits are tested on apps of their own
    # (tests/api/test_rate_limits.py).
    return Settings(
        database_url=database_url,
        jwt_secret=TEST_SECRET,
        web_dir=None,
        webhook_allowed_hosts=["127.0.0.1"],
        webhook_allow_http=True,
        rate_limit_key=UNLIMITED,
        rate_limit_user=UNLIMITED,
        rate_limit_anonymous=UNLIMITED,
    )


@pytest.fixture(scope="session")
def token_settings() -> TokenSettings:
    return TokenSettings(secret=TEST_SECRET)


@pytest.fixture(scope="session")
async def app(settings: Settings, database: Database):  # type: ignore[no-untyped-def]
    return create_app(settings, database=database)


@pytest.fixture(autouse=True)
async def clean_database(request: pytest.FixtureRequest) -> AsyncIterator[None]:
    yield
    if "database" not in request.fixturenames:
        return
    db: Database = request.getfixturevalue("database")
    async with db.engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            if table.name == EventClockRow.__tablename__:
                continue  # seeded by the migration; its count only ever goes up
            if table.name == RoleRow.__tablename__:
                await connection.execute(delete(table).where(table.c.template_key.is_(None)))
            else:
                await connection.execute(delete(table))
        if connection.dialect.name == "postgresql":
            # The job queue's tables on PostgreSQL (procrastinate's, revision 0024).
            await connection.execute(
                text(
                    "TRUNCATE procrastinate_events, procrastinate_periodic_defers,"
                    " procrastinate_jobs, procrastinate_workers"
                )
            )
        # Reference data the migrations seed comes back as seeded.
        await connection.run_sync(seed_default_pipeline)
        await connection.execute(
            insert(OutcomeRow),
            [
                {"key": o.key, "label": o.label, "position": o.position, "active": True}
                for o in DEFAULT_OUTCOMES
            ],
        )


@pytest.fixture
async def client(app) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


@pytest.fixture(scope="session")
async def password_hash() -> str:
    """Hashing costs tens of milliseconds by design; tests seed users with one hash."""
    return await Argon2PasswordHasher().hash_new(PASSWORD, [])


@dataclass
class Staff:
    """A seeded user and a ready access token for them."""

    user: User
    token: str

    @property
    def id(self) -> str:
        return str(self.user.id)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


MakeStaff = Callable[..., Awaitable[Staff]]
MakeTeam = Callable[[str], Awaitable[Team]]


@pytest.fixture
def make_team(database: Database) -> MakeTeam:
    async def make(name: str) -> Team:
        team = Team(name=name)
        async with SqlUnitOfWork(database.sessions()) as uow:
            await uow.teams.add(team)
            await uow.commit()
        return team

    return make


@pytest.fixture
def make_staff(database: Database, token_settings: TokenSettings, password_hash: str) -> MakeStaff:
    async def make(
        role: str = "owner",
        team: Team | None = None,
        email: str | None = None,
        is_active: bool = True,
    ) -> Staff:
        async with SqlUnitOfWork(database.sessions()) as uow:
            if role in SCOPED_ROLES:
                role_entity = await uow.roles.get(SCOPED_ROLES[role].id)
                if role_entity is None:
                    role_entity = SCOPED_ROLES[role]
                    await uow.roles.add(role_entity)
            else:
                role_entity = await uow.roles.get(TEMPLATES_BY_KEY[role].id)
            assert role_entity is not None
            user = User(
                email=email or f"{role}-{uuid.uuid4().hex[:8]}@example.com",
                full_name=f"{role.replace('_', ' ').title()} Person",
                role=role_entity,
                team_id=team.id if team else None,
                password_hash=password_hash,
                is_active=is_active,
            )
            await uow.users.add(user)
            token = await sign_in_as(uow, token_settings, user)
            await uow.commit()
        return Staff(user, token)

    return make


@pytest.fixture
async def owner(make_staff: MakeStaff) -> Staff:
    return await make_staff("owner", email="owner@example.com")
