"""The committed contract is exactly what the app serves, and reads well for SDKs."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from jsonschema_rs import Draft202012Validator
from typer.testing import CliRunner

from api.app import VERSION
from api.cli import app as cli
from api.contract_diff import check_release
from api.openapi import latest_release, render_contract, validation_errors

CONTRACT = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
RELEASED = CONTRACT.parent / "released"
METHODS = {"get", "post", "put", "patch", "delete"}


def _operations() -> list[tuple[str, str, dict[str, Any]]]:
    document = json.loads(CONTRACT.read_text())
    return [
        (path, method, operation)
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    ]


def test_committed_contract_is_what_the_app_serves() -> None:
    """openapi/openapi.json equals the rendered schema; refresh it with `make openapi`."""
    assert CONTRACT.read_text() == render_contract(), "contract is stale: run `make openapi`"


async def test_served_schema_matches_the_committed_one(client: httpx.AsyncClient) -> None:
    """/openapi.json over HTTP is the committed contract."""
    served = (await client.get("/openapi.json")).json()
    assert served == json.loads(CONTRACT.read_text())


def test_every_operation_has_a_stable_snake_case_id_a_tag_and_a_summary() -> None:
    """SDK generators name methods after operationIds: unique, `resource_action`, tagged."""
    ids = [operation["operationId"] for _, _, operation in _operations()]
    assert len(ids) == len(set(ids))
    for path, method, operation in _operations():
        assert re.fullmatch(r"[a-z]+(_[a-z]+)+", operation["operationId"]), (path, method)
        assert len(operation.get("tags", [])) == 1, (path, method)
        assert operation.get("summary"), (path, method)


def test_api_errors_are_documented_as_problem_details() -> None:
    """Every /api/v1 operation documents its 4xx answers as application/problem+json."""
    for path, method, operation in _operations():
        if not path.startswith("/api/v1"):
            continue
        errors = {code: r for code, r in operation["responses"].items() if code.startswith("4")}
        assert errors, (path, method)
        for code, response in errors.items():
            assert "application/problem+json" in response["content"], (path, method, code)


def test_contract_is_valid_openapi_3_1() -> None:
    """openapi-spec-validator finds nothing wrong with the committed contract."""
    document = json.loads(CONTRACT.read_text())
    assert document["openapi"].startswith("3.1.")
    assert validation_errors(document) == []


def test_the_validator_would_notice_an_invalid_contract() -> None:
    """Guards the test above: a parameter without `in`, an undeclared path parameter, a
    duplicate operationId, a dangling reference and another OpenAPI version are reported."""
    contacts, contact = "/api/v1/contacts", "/api/v1/contacts/{contact_id}"

    def broken(edit: Callable[[dict[str, Any]], object]) -> list[str]:
        document = json.loads(CONTRACT.read_text())
        edit(document)
        return validation_errors(document)

    assert any(
        '"in" is a required property' in e
        for e in broken(lambda d: d["paths"][contacts]["get"]["parameters"][0].pop("in"))
    )
    assert any(
        "Path parameter 'contact_id'" in e
        for e in broken(lambda d: d["paths"][contact]["get"].update(parameters=[]))
    )
    assert any(
        "is not unique" in e
        for e in broken(lambda d: d["paths"][contacts]["get"].update(operationId="contacts_get"))
    )
    dangling = {"$ref": "#/components/schemas/Nowhere"}
    assert broken(
        lambda d: d["paths"][contact]["get"]["responses"]["200"]["content"][
            "application/json"
        ].update(schema=dangling)
    )
    assert broken(lambda d: d.update(openapi="3.0.3")) == ["`openapi` is '3.0.3', not 3.1.x"]


def test_contract_breaks_nothing_released_without_a_version_bump() -> None:
    """Against the newest contract in openapi/released/, breaking changes (removed
    operations or fields, narrowed inputs, ...) need a newer `info.version`."""
    latest = latest_release(RELEASED)
    assert latest is not None, "openapi/released/ holds no released contract"
    version, path = latest
    result = check_release(json.loads(path.read_text()), json.loads(CONTRACT.read_text()))
    assert result.released_version == version
    assert result.ok, "\n".join(str(change) for change in result.changes)


def _run_check(tmp_path: Path, released: dict[str, Any]) -> tuple[int, str]:
    rendered = render_contract()
    output = tmp_path / "openapi.json"
    output.write_text(rendered)
    folder = tmp_path / "released"
    folder.mkdir(exist_ok=True)
    version = released["info"]["version"]
    (folder / f"openapi-{version}.json").write_text(json.dumps(released))
    result = CliRunner().invoke(
        cli, ["openapi", "--check", "--output", str(output), "--released", str(folder)]
    )
    return result.exit_code, result.output


def test_openapi_check_fails_on_a_breaking_change_at_the_same_version(tmp_path: Path) -> None:
    """`crm openapi --check` lists what a client of the released contract would lose and
    fails while the version is unchanged; with a newer version it passes, still listing."""
    released = json.loads(render_contract())
    released["paths"]["/api/v1/legacy"] = {
        "get": {"operationId": "legacy_get", "responses": {"200": {"description": "ok"}}}
    }
    released["components"]["schemas"]["ContactRead"]["properties"]["nickname"] = {"type": "string"}
    code, output = _run_check(tmp_path, released)
    assert code == 1, output
    assert "removed-operation: GET /api/v1/legacy (legacy_get)" in output
    assert (
        "removed-response-field: GET /api/v1/contacts/{contact_id} (contacts_get) 200 "
        "response: `nickname`" in output
    )
    assert "bump VERSION" in output

    released["info"]["version"] = "0.0.9"
    (tmp_path / "released" / f"openapi-{VERSION}.json").unlink()
    code, output = _run_check(tmp_path, released)
    assert code == 0, output
    assert "removed-operation" in output and f"the version is bumped to {VERSION}" in output


def test_openapi_check_passes_without_breaking_changes(tmp_path: Path) -> None:
    code, output = _run_check(tmp_path, json.loads(render_contract()))
    assert code == 0, output
    assert "valid OpenAPI 3.1" in output and "No breaking change" in output


# Create operations and what their links must reach at least (the id of the new record).
EXPECTED_LINKS = {
    "contacts_create": {"contacts_get", "contacts_update", "contacts_archive",
                        "contacts_history", "contacts_timeline", "contacts_duplicates"},
    "companies_create": {"companies_get", "companies_update", "companies_archive",
                         "companies_history", "companies_timeline", "companies_contacts"},
    "interactions_create": {"interactions_get", "interactions_update",
                            "interactions_complete", "interactions_cancel"},
    "tasks_create": {"tasks_get", "tasks_update", "me_reminders_acknowledge"},
    "requests_create": {"requests_get", "requests_update"},
    "teams_create": {"teams_get", "teams_update", "teams_delete", "teams_distribution_get"},
    "users_create": {"users_get", "users_update"},
    "roles_create": {"roles_get", "roles_update", "roles_delete"},
    "custom_fields_create": {"custom_fields_get", "custom_fields_update",
                             "custom_fields_delete"},
    "imports_create": {"imports_get"},
}  # fmt: skip


def test_create_operations_link_to_the_operations_taking_the_new_id() -> None:
    """Each create's 201 (202 for imports) names, as OpenAPI links, the operations whose
    path parameter is the created `id`, so stateful clients and testers can follow."""
    by_id = {operation["operationId"]: (path, operation) for path, _, operation in _operations()}
    for create_id, expected in EXPECTED_LINKS.items():
        _, create = by_id[create_id]
        status = "202" if create_id == "imports_create" else "201"
        links = create["responses"][status].get("links", {})
        assert expected <= links.keys(), (create_id, sorted(expected - links.keys()))
    for create_id, (_, create) in by_id.items():
        for response in create["responses"].values():
            for name, link in response.get("links", {}).items():
                target_path, target = by_id[link["operationId"]]
                assert name == link["operationId"]
                assert link.get("parameters") or link.get("requestBody"), (create_id, name)
                for parameter, expression in link.get("parameters", {}).items():
                    assert "{" + parameter + "}" in target_path, (create_id, name, parameter)
                    assert expression == "$response.body#/id"
                    declared = {p["name"] for p in target.get("parameters", [])}
                    assert parameter in declared, (create_id, name, parameter)
                for expression in link.get("requestBody", {}).values():
                    assert expression == "$response.body#/id"
                    assert "requestBody" in target, (create_id, name)


def test_creates_link_to_creates_that_take_the_new_id_in_their_body() -> None:
    """A new contact's id can start a request, task or interaction about it; a new role's
    or team's id a user in it; a new company's id a contact at it."""
    by_id = {operation["operationId"]: operation for _, _, operation in _operations()}
    expected = {
        ("companies_create", "contacts_create"): "company_id",
        ("contacts_create", "requests_create"): "contact_id",
        ("contacts_create", "tasks_create"): "contact_id",
        ("contacts_create", "interactions_create"): "contact_id",
        ("roles_create", "users_create"): "role_id",
        ("teams_create", "users_create"): "team_id",
    }
    for (source, target), field in expected.items():
        link = by_id[source]["responses"]["201"]["links"][target]
        assert link["requestBody"] == {field: "$response.body#/id"}, (source, target)


def _response_components(document: dict[str, Any]) -> set[str]:
    names = set()
    for _, _, operation in _operations():
        for status, response in operation["responses"].items():
            if status.startswith("2"):
                schema = response.get("content", {}).get("application/json", {}).get("schema", {})
                if "$ref" in schema:
                    names.add(schema["$ref"].rsplit("/", 1)[-1])
    return names


def test_every_response_model_has_an_example() -> None:
    document = json.loads(CONTRACT.read_text())
    components = document["components"]["schemas"]
    missing = {
        name for name in _response_components(document) if not components[name].get("examples")
    }
    assert not missing, f"response models without examples: {sorted(missing)}"
    for name in ("UserRead", "TeamRead", "RoleRead", "ContactRead", "CompanyRead",
                 "InteractionRead", "TaskRead", "RequestRead", "ImportRead",
                 "CustomFieldRead", "Page_ContactRead_"):  # fmt: skip
        assert components[name].get("examples"), name


def test_every_example_is_valid_against_its_schema() -> None:
    """Examples are whole (nulls kept, though FastAPI drops them from the rendered
    contract) and realistic enough to pass their own schema, formats included."""
    document = json.loads(CONTRACT.read_text())
    checked = 0
    for name, schema in document["components"]["schemas"].items():
        validator = Draft202012Validator(
            {"$ref": f"#/components/schemas/{name}", "components": document["components"]},
            validate_formats=True,
        )
        for example in schema.get("examples", []):
            errors = [f"{e.instance_path}: {e.message}" for e in validator.iter_errors(example)]
            assert not errors, (name, errors)
            checked += 1
    assert checked >= 30
    contact = document["components"]["schemas"]["ContactRead"]["examples"][0]
    assert contact["archived_at"] is None
