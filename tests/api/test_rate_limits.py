"""Rate limits (api/rate_limits.py): every answer says the quota it was counted against
and what is left; past the limit, 429 with Retry-After before the route runs; a person,
an API key and an address without a credential each have their own count; two server
processes share one count through Redis."""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from api.app import create_app
from api.settings import Settings
from persistence.contacts import ContactRow
from persistence.database import Database
from tests.conftest import Staff
from tests.helpers import API, CONTACTS, assert_problem

KEYS = f"{API}/api-keys"

ROOT = Path(__file__).resolve().parents[2]
RATE = re.compile(r'^"(\w+)";r=(\d+);t=(\d+)$')


@pytest.fixture
async def limited(settings: Settings, database: Database) -> AsyncIterator[httpx.AsyncClient]:
    """An app whose quotas are 3 requests a minute for a person and an address."""
    tight = settings.model_copy(
        update={
            "rate_limit_user": "3/minute",
            "rate_limit_anonymous": "3/minute",
            "rate_limit_key": "1200/minute",
        }
    )
    app = create_app(tight, database=database)
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://test") as client,
    ):
        yield client


def left(response: httpx.Response) -> tuple[str, int]:
    found = RATE.match(response.headers["ratelimit"])
    assert found, response.headers["ratelimit"]
    return found.group(1), int(found.group(2))


async def test_the_headers_count_down_and_the_fourth_request_is_refused_unrun(
    limited: httpx.AsyncClient, owner: Staff, database: Database
) -> None:
    """A person's three requests say 2, 1, 0 left under the policy "user";q=3;w=60; the
    fourth is a 429 problem with Retry-After, and the contact it would create is not."""
    seen = []
    for n in range(3):
        response = await limited.post(CONTACTS, json={"last_name": f"N{n}"}, headers=owner.headers)
        assert response.status_code == 201, response.text
        assert response.headers["ratelimit-policy"] == '"user";q=3;w=60'
        seen.append(left(response))
    assert seen == [("user", 2), ("user", 1), ("user", 0)]
    refused = await limited.post(CONTACTS, json={"last_name": "Four"}, headers=owner.headers)
    assert refused.status_code == 429
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["type"].endswith("/rate-limited")
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    async with database.sessions() as session:
        written = await session.scalar(
            select(func.count()).where(ContactRow.last_name.in_(["N0", "N1", "N2", "Four"]))
        )
    assert written == 3  # the refused request ran nothing


async def test_each_person_has_a_count_of_their_own(
    limited: httpx.AsyncClient, owner: Staff, make_staff: object
) -> None:
    """Another person's requests do not spend the first one's quota."""
    other: Staff = await make_staff("salesperson")  # type: ignore[operator]
    for _ in range(3):
        assert (await limited.get(CONTACTS, headers=owner.headers)).status_code == 200
    assert (await limited.get(CONTACTS, headers=owner.headers)).status_code == 429
    response = await limited.get(CONTACTS, headers=other.headers)
    assert response.status_code == 200 and left(response) == ("user", 2)


async def test_a_key_counts_against_its_own_rate_or_the_default_for_keys(
    limited: httpx.AsyncClient, client: httpx.AsyncClient, owner: Staff
) -> None:
    """A key given 2 requests a minute is refused its third, under the policy
    "key";q=2;w=60; a key without a rate of its own has the server's default for keys;
    setting the rate back to null gives that default; 0 is refused naming the field."""
    roles = (await client.get(f"{API}/roles", headers=owner.headers)).json()["items"]
    role = next(r["id"] for r in roles if r["template_key"] == "salesperson")
    made = await client.post(
        KEYS,
        json={"name": "Slow sync", "role_id": role, "requests_per_minute": 2},
        headers=owner.headers,
    )
    assert made.status_code == 201, made.text
    assert made.json()["requests_per_minute"] == 2
    key = {"Authorization": f"Bearer {made.json()['key']}"}
    answers = [await limited.get(CONTACTS, headers=key) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert answers[0].headers["ratelimit-policy"] == '"key";q=2;w=60'
    assert [left(a) for a in answers[:2]] == [("key", 1), ("key", 0)]

    default = await client.post(
        KEYS, json={"name": "Default", "role_id": role}, headers=owner.headers
    )
    assert default.json()["requests_per_minute"] is None
    other = {"Authorization": f"Bearer {default.json()['key']}"}
    answer = await limited.get(CONTACTS, headers=other)
    assert answer.status_code == 200
    assert answer.headers["ratelimit-policy"] == '"key";q=1200;w=60'

    back = await client.patch(
        f"{KEYS}/{made.json()['id']}",
        json={"requests_per_minute": None},
        headers=owner.headers,
    )
    assert back.status_code == 200 and back.json()["requests_per_minute"] is None
    zero = await client.post(
        KEYS,
        json={"name": "Zero", "role_id": role, "requests_per_minute": 0},
        headers=owner.headers,
    )
    assert_problem(zero, 422, field="requests_per_minute")


async def test_sign_in_attempts_without_a_credential_are_counted_by_address(
    limited: httpx.AsyncClient,
) -> None:
    """Signing in carries no credential: the address's quota counts the attempts, and
    the fourth wrong password within the minute is a 429, not another password check."""
    body = {"username": f"{uuid.uuid4().hex}@x.example", "password": "wrong horse battery"}
    statuses = [(await limited.post("/api/v1/auth/token", data=body)).status_code for _ in range(4)]
    assert statuses[-1] == 429 and 429 not in statuses[:3], statuses


async def test_a_forged_token_counts_against_its_address(limited: httpx.AsyncClient) -> None:
    """A credential that names nobody is a 401 counted like no credential: the fourth is
    a 429."""
    forged = {"Authorization": "Bearer not.a.token"}
    statuses = [(await limited.get(CONTACTS, headers=forged)).status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]


def test_a_rate_the_server_cannot_read_stops_it_naming_the_setting() -> None:
    from api.rate_limits import RateLimits
    from api.settings import SettingsError

    with pytest.raises(SettingsError, match="CRM_RATE_LIMIT_USER"):
        RateLimits(Settings(jwt_secret="x" * 40, rate_limit_user="lots"))


# --- Two processes, one count --------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def two_servers(tmp_path: Path) -> Iterator[list[str]]:
    """Two `crm serve` processes on one SQLite file and one Redis, 5 requests a minute."""
    redis_url = os.environ.get("CRM_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            pass
    except OSError:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip("no Redis on 127.0.0.1:6379")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'crm.db'}",
        "HOST": "127.0.0.1",
        "CRM_JWT_SECRET": secrets.token_urlsafe(48),
        "CRM_BOOTSTRAP_OWNER_EMAIL": "owner@limits.example",
        "CRM_BOOTSTRAP_OWNER_PASSWORD": "correct horse battery staple",
        "CRM_LOG_LEVEL": "WARNING",
        "CRM_WEB_DIR": "",
        "REDIS_URL": redis_url,
        "CRM_RATE_LIMIT_USER": "5/minute",
        "PYTHONPATH": str(ROOT),
    }
    servers, urls = [], []
    for _ in range(2):
        port = _free_port()
        servers.append(
            subprocess.Popen(
                [sys.executable, "-m", "api.cli", "serve", "--no-with-worker"],
                cwd=tmp_path,
                env={**env, "PORT": str(port)},
                stdout=subprocess.DEVNULL,
            )
        )
        urls.append(f"http://127.0.0.1:{port}")
        # One at a time: the first migrates the file and creates the Owner.
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{urls[-1]}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "a server did not start"
            time.sleep(0.2)
    try:
        yield urls
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


def test_two_server_processes_share_one_count_through_redis(two_servers: list[str]) -> None:
    """Requests of one person alternating between two processes count down one quota:
    4, 3, 2, 1, 0 left, and the sixth, wherever it goes, is a 429."""
    first, second = two_servers
    tokens = httpx.post(
        f"{first}/api/v1/auth/token",
        data={"username": "owner@limits.example", "password": "correct horse battery staple"},
    ).json()
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    remaining = []
    for n in range(5):
        response = httpx.get(f"{two_servers[n % 2]}{CONTACTS}", headers=headers)
        assert response.status_code == 200, response.text
        remaining.append(left(response)[1])
    assert remaining == [4, 3, 2, 1, 0]
    assert httpx.get(f"{second}{CONTACTS}", headers=headers).status_code == 429
