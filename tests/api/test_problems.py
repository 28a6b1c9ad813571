"""Every error is an RFC 9457 problem; nothing internal leaks."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import APIRouter

from api.app import create_app
from api.settings import Settings
from persistence.database import Database
from tests.conftest import Staff
from tests.helpers import CONTACTS, CUSTOM_FIELDS, assert_problem, define_field


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


def _errors(response: httpx.Response) -> dict[str, dict[str, Any]]:
    """A problem's field errors by field, each with the code clients translate."""
    return {error["field"]: error for error in response.json()["errors"]}


async def test_request_validation_errors_carry_a_code_and_its_params(
    client: httpx.AsyncClient, owner: Staff
) -> None:
    """Each field error of a refused body has a code from the closed vocabulary and what
    a translation needs (a maximum length) besides the English message; a country that is
    a name is refused as a country, a bad phone at its item."""
    response = await client.post(
        CONTACTS,
        json={
            "first_name": "x" * 201,
            "country": "Sweden",
            "emails": [{"email": "not-an-address"}],
            "phones": [{"phone": "+49 30 1234567"}, {"phone": "12ab"}],
            "lifecycle_stage": "friend",
            "nickname": "Bob",
        },
        headers=owner.headers,
    )
    assert_problem(response, 422)
    errors = _errors(response)
    assert errors["first_name"]["code"] == "too_long"
    assert errors["first_name"]["params"] == {"max_length": 200}
    assert errors["country"]["code"] == "invalid_country"
    assert errors["emails.0.email"]["code"] == "invalid_email"
    assert errors["phones.1.phone"]["code"] == "invalid_phone"
    assert "12ab" in errors["phones.1.phone"]["message"]
    assert "Value error" not in errors["phones.1.phone"]["message"]
    assert errors["lifecycle_stage"]["code"] == "invalid_choice"
    assert errors["nickname"]["code"] == "unknown_field"
    for error in errors.values():
        assert error["message"]  # the English text stays for API users


async def test_query_validation_errors_carry_codes(client: httpx.AsyncClient, owner: Staff) -> None:
    response = await client.get(
        "/api/v1/users", params={"limit": 0, "team_id": "nope"}, headers=owner.headers
    )
    errors = _errors(response)
    assert errors["limit"]["code"] == "out_of_range"
    assert errors["limit"]["params"] == {"min": 1}
    assert errors["team_id"]["code"] == "invalid_format"


async def test_domain_field_errors_carry_codes(client: httpx.AsyncClient, owner: Staff) -> None:
    """Errors the domain finds (custom fields, references, duplicates) are coded too."""
    await define_field(client, owner, "contact", "customer_number", "text", required=True)
    await define_field(client, owner, "contact", "tier", "single_choice", choices=["a", "b"])
    missing = await client.post(
        CONTACTS,
        json={"first_name": "Ada", "custom_fields": {"tier": "z", "nope": 1}},
        headers=owner.headers,
    )
    assert_problem(missing, 422)
    errors = _errors(missing)
    assert errors["custom_fields.customer_number"]["code"] == "required"
    assert errors["custom_fields.tier"]["code"] == "invalid_choice"
    assert errors["custom_fields.nope"]["code"] == "not_found"
    too_long = await client.post(
        CONTACTS,
        json={"first_name": "Ada", "custom_fields": {"customer_number": "9" * 2001}},
        headers=owner.headers,
    )
    assert _errors(too_long)["custom_fields.customer_number"]["code"] == "too_long"
    assert _errors(too_long)["custom_fields.customer_number"]["params"] == {"max_length": 2000}
    nowhere = await client.post(
        CONTACTS,
        json={"first_name": "Ada", "company_id": "00000000-0000-4000-8000-000000000001"},
        headers=owner.headers,
    )
    assert _errors(nowhere)["company_id"]["code"] == "not_found"
    taken = await client.post(
        CUSTOM_FIELDS,
        json={"entity": "contact", "key": "tier", "label": "Tier", "type": "text"},
        headers=owner.headers,
    )
    assert_problem(taken, 409)
    assert _errors(taken)["key"]["code"] == "duplicate"


async def test_the_contract_lists_the_field_error_codes(client: httpx.AsyncClient) -> None:
    """The vocabulary is closed and documented: an enum in the contract, each code
    explained in its description."""
    schema = (await client.get("/openapi.json")).json()
    field_error = schema["components"]["schemas"]["FieldErrorOut"]
    assert set(field_error["required"]) >= {"field", "message", "code"}
    code = field_error["properties"]["code"]
    enum_schema = schema["components"]["schemas"][code["$ref"].rsplit("/", 1)[1]]
    assert {"required", "too_long", "invalid_phone", "invalid_country", "not_found"} <= set(
        enum_schema["enum"]
    )
    for value in enum_schema["enum"]:
        assert f"`{value}`" in code.get("description", "") or f"`{value}`" in enum_schema.get(
            "description", ""
        )
