"""The built web app is served from the API's origin without changing the API."""

from __future__ import annotations

import gzip
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from api.app import create_app
from api.openapi import render_document
from api.settings import Settings
from persistence.database import Database

INDEX = "<!doctype html><title>CRM</title><div id=root></div>"


@pytest.fixture
def build(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "assets" / "index-abc123.js").write_text("console.log('app')")
    (tmp_path / "assets" / "index-abc123.js.gz").write_bytes(gzip.compress(b"console.log('app')"))
    (tmp_path / "assets" / "index-abc123.js.map").write_text('{"sources": ["src/App.tsx"]}')
    (tmp_path / "favicon.svg").write_text("<svg/>")
    (tmp_path.parent / "secret.txt").write_text("not for the web")
    return tmp_path


@pytest.fixture
def web_app(settings: Settings, database: Database, build: Path) -> FastAPI:
    return create_app(settings.model_copy(update={"web_dir": build}), database=database)


@pytest.fixture
async def web(web_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=web_app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c


APP_ROUTES = ["/", "/contacts", "/contacts/0b6c0d7e-1a1b-4c4c-8d8d-0a0b0c0d0e0f"]


@pytest.mark.parametrize("path", APP_ROUTES)
async def test_app_routes_answer_the_index(web: httpx.AsyncClient, path: str) -> None:
    """The app's own routes load index.html, so a reload on any page works."""
    response = await web.get(path)
    assert response.status_code == 200
    assert response.text == INDEX
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"


async def test_a_browser_accepting_gzip_gets_the_compressed_copy(web: httpx.AsyncClient) -> None:
    """The build's gzip copy goes to browsers that accept it, with the original's type;
    others get the file as it is. Caches keep the two apart (Vary)."""
    packed = await web.get("/assets/index-abc123.js", headers={"Accept-Encoding": "gzip"})
    assert packed.status_code == 200
    assert packed.headers["content-encoding"] == "gzip"
    assert packed.text == "console.log('app')"  # httpx decodes it
    assert "Accept-Encoding" in packed.headers["vary"]
    plain = await web.get("/assets/index-abc123.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert packed.headers["content-type"] == plain.headers["content-type"]
    assert "javascript" in plain.headers["content-type"]
    assert plain.text == "console.log('app')"


@pytest.mark.parametrize("path", ["/assets/index-abc123.js.map", "/assets/index-abc123.js.gz"])
async def test_source_maps_and_compressed_copies_are_not_served(
    web: httpx.AsyncClient, path: str
) -> None:
    """Source maps would publish the app's source: 404, not the file (nor index.html)."""
    response = await web.get(path)
    assert response.status_code == 404
    assert "src/App.tsx" not in response.text


async def test_the_app_is_served_under_a_strict_content_security_policy(
    web: httpx.AsyncClient,
) -> None:
    """The app runs only its own scripts, talks only to its own origin and cannot be
    framed; the browser does not sniff types or leak full URLs to other sites."""
    response = await web.get("/contacts")
    policy = dict(
        part.strip().split(" ", 1)
        for part in response.headers["content-security-policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["connect-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"


async def test_hsts_only_over_tls(web_app: FastAPI) -> None:
    """Strict-Transport-Security is sent over HTTPS (as the server sees it), never over
    plain HTTP, where it would mean nothing."""
    transport = httpx.ASGITransport(app=web_app)
    async with httpx.AsyncClient(transport=transport, base_url="https://crm.test") as tls:
        assert "max-age=" in (await tls.get("/healthz")).headers["strict-transport-security"]
    async with httpx.AsyncClient(transport=transport, base_url="http://crm.test") as plain:
        assert "strict-transport-security" not in (await plain.get("/healthz")).headers


async def test_assets_are_served_with_a_long_cache(web: httpx.AsyncClient) -> None:
    """Hashed assets never change under their name, so browsers keep them."""
    response = await web.get("/assets/index-abc123.js")
    assert response.status_code == 200
    assert response.text == "console.log('app')"
    assert "immutable" in response.headers["cache-control"]
    assert (await web.get("/favicon.svg")).text == "<svg/>"


async def test_files_outside_the_build_are_not_served(web: httpx.AsyncClient) -> None:
    """A path that climbs out of the build folder gets the app, never the file."""
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt"):
        response = await web.get(path)
        assert "not for the web" not in response.text


async def test_the_api_keeps_its_answers(web: httpx.AsyncClient) -> None:
    """Unknown API paths stay problem+json 404s, other methods are not answered with the
    app, and the API's own routes win."""
    missing = await web.get("/api/v1/no-such-thing")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert (await web.post("/contacts")).status_code == 404
    assert (await web.get("/healthz")).json() == {"status": "ok"}
    assert (await web.get("/api/v1/contacts")).status_code == 401


async def test_the_contract_does_not_change(web_app: FastAPI, app: FastAPI) -> None:
    """Serving the app adds nothing to openapi.json."""
    assert render_document(web_app.openapi()) == render_document(app.openapi())


def test_without_a_build_nothing_is_served(settings: Settings, tmp_path: Path) -> None:
    """No index.html, no fallback: the router's 404 stays in place."""
    plain = create_app(settings.model_copy(update={"web_dir": tmp_path}))
    assert type(plain.router.default).__name__ != "WebApp"
