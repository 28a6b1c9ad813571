"""The breaking-change comparer (api/contract_diff.py) on small hand-written contracts:
each test changes one thing and says what the comparer must report."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from api.contract_diff import Change, Kind, breaking_changes, check_release, is_newer


def contract(version: str = "1.0.0") -> dict[str, Any]:
    """A tiny API: create/get/list contacts, with a shared ContactRead and a $ref'd enum."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": version},
        "paths": {
            "/contacts": {
                "get": {
                    "operationId": "contacts_list",
                    "parameters": [
                        {
                            "name": "limit",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "integer", "minimum": 1, "maximum": 200},
                        },
                        {
                            "name": "stage",
                            "in": "query",
                            "schema": {
                                "anyOf": [{"$ref": "#/components/schemas/Stage"}, {"type": "null"}]
                            },
                        },
                        {"name": "q", "in": "query", "schema": {"type": "string"}},
                    ],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {
                                            "items": {
                                                "type": "array",
                                                "items": {
                                                    "$ref": "#/components/schemas/ContactRead"
                                                },
                                            }
                                        },
                                        "required": ["items"],
                                    }
                                }
                            },
                        }
                    },
                },
                "post": {
                    "operationId": "contacts_create",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/ContactCreate"}
                            }
                        },
                    },
                    "responses": {
                        "201": {
                            "description": "created",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/ContactRead"}
                                }
                            },
                        }
                    },
                },
            },
            "/contacts/{contact_id}": {
                "get": {
                    "operationId": "contacts_get",
                    "parameters": [
                        {
                            "name": "contact_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "format": "uuid"},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/ContactRead"}
                                }
                            },
                        }
                    },
                },
            },
        },
        "components": {
            "schemas": {
                "Stage": {"type": "string", "enum": ["lead", "prospect", "customer"]},
                "ContactCreate": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "name": {"type": "string", "maxLength": 200},
                        "title": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                        "stage": {"$ref": "#/components/schemas/Stage"},
                        "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 50},
                        "score": {"type": "number"},
                    },
                    "required": ["name"],
                },
                "ContactRead": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "format": "uuid"},
                        "name": {"type": "string"},
                        "title": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                        "stage": {"$ref": "#/components/schemas/Stage"},
                        "company": {"$ref": "#/components/schemas/CompanyRef"},
                    },
                    "required": ["id", "name", "title", "stage"],
                },
                "CompanyRef": {
                    "type": "object",
                    "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
                    "required": ["id", "name"],
                },
            }
        },
    }


def changed(edit: Any) -> list[Change]:
    """The breaking changes from `contract()` to `contract()` with `edit` applied."""
    old = contract()
    new = copy.deepcopy(old)
    edit(new)
    return breaking_changes(old, new)


def kinds(changes: list[Change]) -> list[Kind]:
    return [c.kind for c in changes]


def schemas(document: dict[str, Any]) -> dict[str, Any]:
    return document["components"]["schemas"]  # type: ignore[no-any-return]


def test_an_unchanged_contract_has_no_breaking_change() -> None:
    assert breaking_changes(contract(), contract()) == []


def test_additions_do_not_break() -> None:
    """New operations, optional parameters, optional request fields, response fields and
    enum values in inputs are all compatible."""

    def edit(doc: dict[str, Any]) -> None:
        doc["paths"]["/companies"] = {"get": {"operationId": "companies_list", "responses": {}}}
        doc["paths"]["/contacts"]["get"]["parameters"].append(
            {"name": "tag", "in": "query", "schema": {"type": "string"}}
        )
        schemas(doc)["ContactCreate"]["properties"]["city"] = {"type": "string"}
        schemas(doc)["ContactRead"]["properties"]["city"] = {"type": "string"}
        schemas(doc)["Stage"]["enum"].append("churned")

    assert changed(edit) == []


def test_removed_operation_is_named_by_method_path_and_operation_id() -> None:
    result = changed(lambda doc: doc["paths"]["/contacts/{contact_id}"].pop("get"))
    assert result == [
        Change(
            Kind.REMOVED_OPERATION,
            "GET /contacts/{contact_id} (contacts_get)",
            "the operation is gone",
        )
    ]


def test_renaming_a_path_parameter_is_not_a_removal() -> None:
    def edit(doc: dict[str, Any]) -> None:
        item = doc["paths"].pop("/contacts/{contact_id}")
        item["get"]["parameters"][0]["name"] = "id"
        doc["paths"]["/contacts/{id}"] = item

    assert changed(edit) == []


def test_removed_response_field_in_a_shared_schema_is_reported_per_operation() -> None:
    result = changed(lambda doc: schemas(doc)["ContactRead"]["properties"].pop("title"))
    assert {(c.kind, c.detail) for c in result} == {(Kind.REMOVED_RESPONSE_FIELD, "`title`")}
    assert {c.location for c in result} == {
        "GET /contacts (contacts_list) 200 response.items[]",
        "POST /contacts (contacts_create) 201 response",
        "GET /contacts/{contact_id} (contacts_get) 200 response",
    }


def test_a_nested_response_field_that_is_gone_is_found_through_references() -> None:
    result = changed(lambda doc: schemas(doc)["CompanyRef"]["properties"].pop("name"))
    assert (
        Change(
            Kind.REMOVED_RESPONSE_FIELD,
            "GET /contacts/{contact_id} (contacts_get) 200 response.company",
            "`name`",
        )
        in result
    )


def test_a_response_field_no_longer_required_counts_as_removed() -> None:
    result = changed(lambda doc: schemas(doc)["ContactRead"]["required"].remove("stage"))
    assert set(kinds(result)) == {Kind.REMOVED_RESPONSE_FIELD}
    assert all("no longer always present" in c.detail for c in result)


def test_a_response_field_that_may_now_be_null_is_a_widened_type() -> None:
    def edit(doc: dict[str, Any]) -> None:
        schemas(doc)["ContactRead"]["properties"]["name"] = {
            "anyOf": [{"type": "string"}, {"type": "null"}]
        }

    result = changed(edit)
    assert set(kinds(result)) == {Kind.WIDENED_RESPONSE_TYPE}
    assert result[0].detail == "can now be null"


def test_newly_required_request_field() -> None:
    result = changed(lambda doc: schemas(doc)["ContactCreate"]["required"].append("title"))
    assert result == [
        Change(
            Kind.NEWLY_REQUIRED_REQUEST_FIELD, "POST /contacts (contacts_create) body", "`title`"
        )
    ]


def test_a_new_required_request_field_breaks_too() -> None:
    def edit(doc: dict[str, Any]) -> None:
        create = schemas(doc)["ContactCreate"]
        create["properties"]["owner"] = {"type": "string"}
        create["required"].append("owner")

    assert kinds(changed(edit)) == [Kind.NEWLY_REQUIRED_REQUEST_FIELD]


def test_a_request_field_refused_by_a_closed_body_is_reported() -> None:
    result = changed(lambda doc: schemas(doc)["ContactCreate"]["properties"].pop("score"))
    assert kinds(result) == [Kind.REMOVED_REQUEST_FIELD]


def test_removed_enum_value_in_a_referenced_enum_breaks_every_input_using_it() -> None:
    result = changed(lambda doc: schemas(doc)["Stage"]["enum"].remove("prospect"))
    assert {(c.kind, c.location) for c in result} == {
        (Kind.REMOVED_ENUM_VALUE, "GET /contacts (contacts_list) query parameter `stage`"),
        (Kind.REMOVED_ENUM_VALUE, "POST /contacts (contacts_create) body.stage"),
    }
    assert all(c.detail == "'prospect' is no longer accepted" for c in result)


def test_narrowed_types_in_inputs() -> None:
    """Null no longer accepted, a number that must now be an integer, a shorter maximum
    length, a smaller item count, a lower maximum, a free string now an enum."""

    def edit(doc: dict[str, Any]) -> None:
        create = schemas(doc)["ContactCreate"]["properties"]
        create["title"] = {"type": "string"}
        create["score"] = {"type": "integer"}
        create["name"]["maxLength"] = 100
        create["tags"]["maxItems"] = 10
        parameters = doc["paths"]["/contacts"]["get"]["parameters"]
        parameters[0]["schema"]["maximum"] = 100
        parameters[2]["schema"] = {"type": "string", "enum": ["a", "b"]}

    result = changed(edit)
    assert set(kinds(result)) == {Kind.NARROWED_TYPE}
    assert {(c.location.split(") ")[1], c.detail) for c in result} == {
        ("body.title", "no longer accepts null"),
        ("body.score", "no longer accepts number"),
        ("body.name", "maxLength 200 -> 100"),
        ("body.tags", "maxItems 50 -> 10"),
        ("query parameter `limit`", "maximum 200 -> 100"),
        ("query parameter `q`", "now limited to ['a', 'b']"),
    }


def test_widened_inputs_do_not_break() -> None:
    """An integer field that now takes any number, a longer maximum length, null allowed."""

    def edit(doc: dict[str, Any]) -> None:
        create = schemas(doc)["ContactCreate"]["properties"]
        create["name"] = {"anyOf": [{"type": "string", "maxLength": 500}, {"type": "null"}]}
        doc["paths"]["/contacts"]["get"]["parameters"][0]["schema"]["type"] = "number"

    assert changed(edit) == []


def test_removed_and_newly_required_parameters() -> None:
    def edit(doc: dict[str, Any]) -> None:
        parameters = doc["paths"]["/contacts"]["get"]["parameters"]
        parameters.pop(2)  # q
        parameters[0]["required"] = True  # limit
        parameters.append({"name": "X-Tenant", "in": "header", "required": True,
                           "schema": {"type": "string"}})  # fmt: skip

    result = changed(edit)
    assert {(c.kind, c.detail) for c in result} == {
        (Kind.REMOVED_PARAMETER, "query parameter `q`"),
        (Kind.NEWLY_REQUIRED_PARAMETER, "query parameter `limit`"),
        (Kind.NEWLY_REQUIRED_PARAMETER, "header parameter `x-tenant`"),
    }


def test_a_success_status_that_changed_is_a_removed_response() -> None:
    def edit(doc: dict[str, Any]) -> None:
        responses = doc["paths"]["/contacts"]["post"]["responses"]
        responses["200"] = responses.pop("201")

    assert changed(edit) == [
        Change(Kind.REMOVED_RESPONSE, "POST /contacts (contacts_create)", "status 201")
    ]


def test_recursive_schemas_terminate() -> None:
    """A self-referencing schema (a tree of companies) is compared without looping, and a
    field removed deep in it is still found."""

    def tree(doc: dict[str, Any]) -> None:
        schemas(doc)["CompanyRef"]["properties"]["parent"] = {
            "anyOf": [{"$ref": "#/components/schemas/CompanyRef"}, {"type": "null"}]
        }

    old = contract()
    tree(old)
    new = copy.deepcopy(old)
    schemas(new)["CompanyRef"]["properties"].pop("name")
    result = breaking_changes(old, new)
    assert result and set(kinds(result)) == {Kind.REMOVED_RESPONSE_FIELD}
    assert breaking_changes(old, copy.deepcopy(old)) == []


def test_release_check_fails_only_without_a_version_bump() -> None:
    released = contract("0.1.0")
    broken = copy.deepcopy(released)
    broken["paths"].pop("/contacts/{contact_id}")

    same_version = check_release(released, broken)
    assert same_version.changes and not same_version.ok

    broken["info"]["version"] = "0.2.0"
    bumped = check_release(released, broken)
    assert bumped.changes and bumped.ok

    compatible = check_release(released, copy.deepcopy(released))
    assert compatible.ok and not compatible.changes


@pytest.mark.parametrize(
    ("version", "than", "newer"),
    [
        ("0.2.0", "0.1.0", True),
        ("0.10.0", "0.9.1", True),
        ("1.0", "0.9.9", True),
        ("0.1.0", "0.1.0", False),
        ("0.1", "0.1.0", False),
        ("0.0.9", "0.1.0", False),
    ],
)
def test_versions_compare_numerically(version: str, than: str, newer: bool) -> None:
    assert is_newer(version, than) is newer
