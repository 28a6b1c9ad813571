"""Every error is an RFC 9457 problem; nothing internal leaks."""

from __future__ import annotations

import httpx
from fastapi import APIRouter

from api.app import create_app
from api.settings import Settings
from persistence.database import Database
from tests.conftest import Staff


async def test_unknown_route_is_a_problem(client: httpx.AsyncClient) -> None:
    """A 404 from routing is problem+json too."""
    response = await client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404 and body["type"].endswith("/404")


async def test_wrong_method_is_a_problem_naming_every_allowed_method(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A 405 is problem+json and its Allow header lists every method the path serves,
    although each method is a separate route."""
    response = await client.put(f"/api/v1/teams/{owner.id}", headers=owner.headers)
    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["allow"] == "DELETE, GET, PATCH"


async def test_validation_error_names_each_field(client: httpx.AsyncClient, owner: Staff) -> None:
    """FastAPI's own validation errors come as one 422 problem listing every field."""
    response = await client.get(
        "/api/v1/users", params={"limit": 0, "team_id": "nope"}, headers=owner.headers
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    fields = {error["field"] for error in response.json()["errors"]}
    assert fields == {"limit", "team_id"}


async def test_malformed_json_body_is_a_422_problem(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """A body that is not JSON is refused with a problem, not a server error."""
    response = await client.post(
        "/api/v1/teams",
        content=b"{not json",
        headers={**owner.headers, "content-type": "application/json"},
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"


async def test_unexpected_error_is_a_500_problem_without_internals(
    settings: Settings, database: Database
) -> None:
    """An unhandled exception answers a generic 500 problem with the request id and no
    trace or message of the exception."""
    app = create_app(settings, database=database)  # its own app: the route is test-only
    router = APIRouter()

    @router.get("/__boom")
    async def boom() -> None:
        raise RuntimeError("secret internal detail: SELECT * FROM users")

    app.include_router(router)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        response = await client.get("/__boom", headers={"X-Request-ID": "trace-me-42"})
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert "secret" not in response.text and "SELECT" not in response.text
    assert body["request_id"] == "trace-me-42"
    assert response.headers["x-request-id"] == "trace-me-42"


async def test_nul_characters_are_refused_not_a_server_error(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Text with a NUL character (which PostgreSQL cannot store) is a 422 naming where it
    is, in a body and in a query string; found by schemathesis as a 500."""
    body = await client.post(
        "/api/v1/contacts",
        json={"first_name": "Ada", "custom_fields": {"note": "a\u0000b"}},
        headers=owner.headers,
    )
    assert body.status_code == 422
    assert "custom_fields.note" in body.json()["errors"][0]["message"]
    query = await client.get("/api/v1/contacts", params={"q": "a\x00b"}, headers=owner.headers)
    assert query.status_code == 422
    assert query.headers["content-type"] == "application/problem+json"


async def test_a_word_where_an_id_belongs_is_no_route(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """PATCH /contacts/batch is a 405 naming POST (the batch route), not a 422 about an
    invalid contact id: ids only match UUIDs."""
    response = await client.patch("/api/v1/contacts/batch", json={}, headers=owner.headers)
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
