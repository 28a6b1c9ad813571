"""The contract as served, rendered the one way it is committed: sorted keys, indented."""

from __future__ import annotations

import json

from api.app import create_app
from api.settings import Settings

# Rendering the contract signs nothing; the app factory just wants some secret.
_PLACEHOLDER_SECRET = "contract-rendering-needs-no-real-secret-at-all"  # noqa: S105


def render_contract() -> str:
    app = create_app(Settings(jwt_secret=_PLACEHOLDER_SECRET))
    return json.dumps(app.openapi(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
