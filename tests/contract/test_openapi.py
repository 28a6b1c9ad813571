"""The committed contract is exactly what the app serves, and reads well for SDKs."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import httpx

from api.openapi import render_contract

CONTRACT = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
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
