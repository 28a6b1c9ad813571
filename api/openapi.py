"""The contract as served, rendered the one way it is committed: sorted keys, indented;
and the checks `crm openapi --check` runs on it (valid OpenAPI 3.1, no breaking change
against the newest released contract in openapi/released/ without a version bump)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from api.app import create_app
from api.contract_diff import version_key
from api.settings import Settings

# Rendering the contract signs nothing; the app factory just wants some secret.
_PLACEHOLDER_SECRET = "contract-rendering-needs-no-real-secret-at-all"  # noqa: S105
_RELEASED_NAME = re.compile(r"openapi-(?P<version>.+)\.json")


def render_contract() -> str:
    app = create_app(Settings(jwt_secret=_PLACEHOLDER_SECRET))
    return render_document(app.openapi())


def render_document(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def validation_errors(document: dict[str, Any]) -> list[str]:
    """What makes the document invalid OpenAPI 3.1 (openapi-spec-validator, which checks
    the official 3.1 JSON Schema and more: references resolve, path parameters are
    declared, operationIds are unique); empty when it is valid."""
    from openapi_spec_validator import OpenAPIV31SpecValidator

    version = str(document.get("openapi", ""))
    if not version.startswith("3.1."):
        return [f"`openapi` is {version!r}, not 3.1.x"]
    errors = []
    try:
        for error in OpenAPIV31SpecValidator(document).iter_errors():
            where = "/".join(str(part) for part in error.absolute_path)
            message = error.message.split("\n\n", 1)[0]
            errors.append(f"{where or '(root)'}: {message}")
    except Exception as crash:
        # Its semantic pass (after the JSON Schema one) trips over malformed objects.
        errors.append(f"(the validator stopped: {type(crash).__name__}: {str(crash)[:200]})")
    return errors


def released_contracts(directory: Path) -> list[tuple[str, Path]]:
    """(version, file) of every released contract, oldest first."""
    found = []
    for path in directory.glob("openapi-*.json"):
        match = _RELEASED_NAME.fullmatch(path.name)
        if match and version_key(match["version"]) is not None:
            found.append((match["version"], path))
    return sorted(found, key=lambda item: version_key(item[0]) or ())


def latest_release(directory: Path) -> tuple[str, Path] | None:
    released = released_contracts(directory)
    return released[-1] if released else None
