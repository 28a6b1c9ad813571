"""The generated Python SDK (clients/sdk/python, `make sdk`) against a live API: uvicorn
on a free port, a fresh migrated SQLite file and a first Owner; through the SDK: sign in,
create a contact, list it back, and page through results by cursor."""

from __future__ import annotations

import importlib.util
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

import httpx
import pytest
from crm_sdk import AuthenticatedClient, Client
from crm_sdk.api.auth import auth_me, auth_refresh, auth_token
from crm_sdk.api.contacts import (
    contacts_archive,
    contacts_create,
    contacts_get,
    contacts_list,
    contacts_update,
)
from crm_sdk.models import (
    BodyAuthToken,
    ContactCreate,
    ContactRead,
    ContactUpdate,
    EmailIn,
    MeRead,
    PageContactRead,
    Problem,
    RefreshIn,
    TokenPairOut,
)

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "clients" / "sdk" / "examples" / "python_quickstart.py"
MIRROR = REPO / "clients" / "sdk" / "examples" / "python_mirror.py"
EMAIL = "owner@sdk.example"
PASSWORD = "correct horse battery staple"

# One server for the module: keep its tests on one xdist worker.
pytestmark = pytest.mark.xdist_group("python-sdk")


@dataclass(frozen=True)
class LiveApi:
    base_url: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def live_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    """`crm serve --no-with-worker`: migrates the new SQLite file, creates the Owner from
    CRM_BOOTSTRAP_OWNER_*, and serves the app with uvicorn."""
    directory = tmp_path_factory.mktemp("python-sdk")
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{directory / 'crm.db'}",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "CRM_JWT_SECRET": secrets.token_urlsafe(48),
        "CRM_BOOTSTRAP_OWNER_EMAIL": EMAIL,
        "CRM_BOOTSTRAP_OWNER_PASSWORD": PASSWORD,
        "CRM_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(REPO),
    }
    log = directory / "server.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "api.cli", "serve", "--no-with-worker"],
            cwd=directory,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                pytest.fail(f"the API exited with {server.returncode}:\n{log.read_text()}")
            try:
                if httpx.get(f"{base_url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the API did not become ready in 60 s:\n{log.read_text()}")
            time.sleep(0.2)
        yield LiveApi(base_url)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _sign_in(live_api: LiveApi) -> TokenPairOut:
    with Client(base_url=live_api.base_url) as anonymous:
        tokens = auth_token.sync(
            client=anonymous, body=BodyAuthToken(username=EMAIL, password=PASSWORD)
        )
    assert isinstance(tokens, TokenPairOut), tokens
    return tokens


@pytest.fixture
def client(live_api: LiveApi) -> Iterator[AuthenticatedClient]:
    tokens = _sign_in(live_api)
    with AuthenticatedClient(base_url=live_api.base_url, token=tokens.access_token) as client:
        yield client


def test_signs_in_and_tells_who_is_signed_in(client: AuthenticatedClient) -> None:
    me = auth_me.sync(client=client)
    assert isinstance(me, MeRead)
    assert me.email == EMAIL


def test_creates_a_contact_and_lists_it_back(client: AuthenticatedClient) -> None:
    created = contacts_create.sync_detailed(
        client=client,
        body=ContactCreate(
            first_name="Maria", last_name="Lopez", emails=[EmailIn(email="maria@acme.example")]
        ),
    )
    assert created.status_code == 201
    contact = created.parsed
    assert isinstance(contact, ContactRead)
    assert contact.last_name == "Lopez"

    page = contacts_list.sync(client=client, q="Lopez")
    assert isinstance(page, PageContactRead)
    assert [c.id for c in page.items] == [contact.id]

    again = contacts_get.sync(client=client, contact_id=contact.id)
    assert isinstance(again, ContactRead)
    assert again.emails[0].email == "maria@acme.example"


def test_pages_through_results_by_cursor(client: AuthenticatedClient) -> None:
    made: set[UUID] = set()
    for number in range(5):
        contact = contacts_create.sync(
            client=client, body=ContactCreate(first_name=f"Pager {number}", tags=["paging-py"])
        )
        assert isinstance(contact, ContactRead)
        made.add(contact.id)

    seen: list[UUID] = []
    cursor: str | None = None
    pages = 0
    while True:
        page = contacts_list.sync(
            client=client, tag=["paging-py"], limit=2, cursor=cursor, sort="created_at"
        )
        assert isinstance(page, PageContactRead)
        assert len(page.items) <= 2
        seen.extend(c.id for c in page.items)
        pages += 1
        if not isinstance(page.next_cursor, str):
            break
        cursor = page.next_cursor
    assert pages == 3
    assert len(seen) == 5
    assert set(seen) == made


def test_errors_are_problem_details(client: AuthenticatedClient, live_api: LiveApi) -> None:
    missing = contacts_get.sync_detailed(
        client=client, contact_id=UUID("00000000-0000-4000-8000-000000000000")
    )
    assert missing.status_code == 404
    assert isinstance(missing.parsed, Problem)
    assert missing.parsed.status == 404

    with AuthenticatedClient(base_url=live_api.base_url, token="not-a-jwt") as stranger:
        refused = contacts_list.sync_detailed(client=stranger)
    assert refused.status_code == 401
    assert isinstance(refused.parsed, Problem)


def test_refresh_rotates_the_token_pair(live_api: LiveApi) -> None:
    first = _sign_in(live_api)
    with Client(base_url=live_api.base_url) as anonymous:
        second = auth_refresh.sync(
            client=anonymous, body=RefreshIn(refresh_token=first.refresh_token)
        )
        assert isinstance(second, TokenPairOut)
        assert second.refresh_token != first.refresh_token
        spent = auth_refresh.sync_detailed(
            client=anonymous, body=RefreshIn(refresh_token=first.refresh_token)
        )
    assert spent.status_code == 401


def test_the_readme_example_runs(live_api: LiveApi) -> None:
    """clients/sdk/examples/python_quickstart.py, as the README shows it."""
    result = subprocess.run(  # noqa: S603 - our own interpreter and example
        [sys.executable, str(EXAMPLE)],
        env={
            **os.environ,
            "CRM_URL": live_api.base_url,
            "CRM_EMAIL": EMAIL,
            "CRM_PASSWORD": PASSWORD,
            "PYTHONPATH": str(REPO / "clients" / "sdk" / "python"),
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    created = re.search(r"^created (\S+)$", result.stdout, flags=re.MULTILINE)
    assert created, result.stdout
    assert f"{created.group(1)}  Maria Lopez" in result.stdout.splitlines()


def test_the_mirror_example_keeps_a_copy_in_step_through_the_feed(
    client: AuthenticatedClient, tmp_path: Path
) -> None:
    """clients/sdk/examples/python_mirror.py: after a first sync the local copy holds every
    live contact at its version; after an update and an archive it holds the new version
    and no longer the archived contact, exactly the contacts the list shows; a sync with
    nothing new changes nothing."""
    spec = importlib.util.spec_from_file_location("python_mirror", MIRROR)
    assert spec is not None and spec.loader is not None
    mirror = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mirror)

    made = []
    for name in ("Ada", "Grace", "Edsger"):
        created = contacts_create.sync(client=client, body=ContactCreate(last_name=name))
        assert isinstance(created, ContactRead)
        made.append(created)
    db = mirror.open_mirror(str(tmp_path / "mirror.db"))

    def held() -> dict[str, int]:
        return {row[0]: row[1] for row in db.execute("SELECT id, version FROM contacts")}

    def listed() -> dict[str, int]:
        page = contacts_list.sync(client=client, limit=200)
        assert isinstance(page, PageContactRead)
        return {str(c.id): c.version for c in page.items}

    assert mirror.sync(client, db) >= 3
    assert held() == listed()

    changed = contacts_update.sync(
        made[0].id, client=client, body=ContactUpdate(title="Countess"), if_match='"1"'
    )
    assert isinstance(changed, ContactRead) and changed.version == 2
    archived = contacts_archive.sync_detailed(made[1].id, client=client, if_match='"1"')
    assert archived.status_code < 300, archived.content
    assert mirror.sync(client, db) == 2
    assert held() == listed()
    assert held()[str(made[0].id)] == 2 and str(made[1].id) not in held()
    assert mirror.sync(client, db) == 0
