"""The committed SDKs are what their pinned generators make from the committed contract:
each is regenerated into a temporary folder and compared file by file. After changing
the API: `make openapi sdk`."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CONTRACT = REPO / "openapi" / "openapi.json"
PYTHON_SDK = REPO / "clients" / "sdk" / "python"
PYTHON_CONFIG = REPO / "openapi" / "sdk-python.yaml"
# The hand-written part of the Python SDK (its webhook verification), as templates.
PYTHON_TEMPLATES = REPO / "openapi" / "sdk-python-templates"
TYPESCRIPT_SDK = REPO / "clients" / "sdk" / "typescript"
NOT_GENERATED = {".ruff_cache", "__pycache__", ".pytest_cache", ".mypy_cache"}
METHODS = {"get", "post", "put", "patch", "delete"}

# Operations a generator leaves out because of the contract, with the reason. Fix the
# contract instead of adding to this.
# Operations openapi-python-client cannot generate, each with the reason (none today).
PYTHON_SKIPS: dict[str, str] = {}


def _files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not NOT_GENERATED.intersection(path.relative_to(root).parts)
    }


def _assert_same(committed: Path, fresh: Path, name: str) -> None:
    expected, actual = _files(fresh), _files(committed)
    assert expected, f"the {name} generator wrote nothing"
    differ = sorted(p for p in expected.keys() | actual.keys() if expected.get(p) != actual.get(p))
    assert not differ, (
        f"the {name} SDK in {committed.relative_to(REPO)} is not what the generator makes "
        f"from openapi/openapi.json ({len(differ)} files differ, e.g. {differ[:5]}): "
        "run `make sdk` and commit the result"
    )


def _operation_ids() -> list[str]:
    document = json.loads(CONTRACT.read_text())
    return [
        operation["operationId"]
        for item in document["paths"].values()
        for method, operation in item.items()
        if method in METHODS
    ]


def _node_or_skip() -> tuple[str, Path]:
    node = shutil.which("node")
    generator = TYPESCRIPT_SDK / "node_modules" / "@hey-api" / "openapi-ts" / "bin" / "run.js"
    if node is None:
        reason = "Node.js is not installed: the TypeScript SDK cannot be checked"
    elif not generator.exists():
        reason = f"no {generator.relative_to(REPO)}: run `npm ci` in clients/sdk/typescript"
    else:
        return node, generator
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(reason + " (CI=true: the TypeScript SDK must be checked)")
    pytest.skip(reason)


def test_python_sdk_is_generated_from_the_current_contract(tmp_path: Path) -> None:
    bin_dir = Path(sys.executable).parent  # openapi-python-client and ruff (its post-hooks)
    fresh = tmp_path / "python"
    result = subprocess.run(  # noqa: S603 - the pinned generator from our own venv
        [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            str(CONTRACT),
            "--config",
            str(PYTHON_CONFIG),
            "--custom-template-path",
            str(PYTHON_TEMPLATES),
            "--output-path",
            str(fresh),
            "--overwrite",
            "--meta",
            "uv",
        ],
        cwd=REPO,
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    _assert_same(PYTHON_SDK, fresh, "Python")


def test_python_sdk_has_every_operation() -> None:
    generated = {path.stem for path in (PYTHON_SDK / "crm_sdk" / "api").glob("*/*.py")}
    missing = {op for op in _operation_ids() if op not in generated}
    unexpected = missing - PYTHON_SKIPS.keys()
    assert not unexpected, f"openapi-python-client left out {sorted(unexpected)}: see `make sdk`"


def test_typescript_sdk_is_generated_from_the_current_contract(tmp_path: Path) -> None:
    node, generator = _node_or_skip()
    fresh = tmp_path / "generated"
    result = subprocess.run(  # noqa: S603 - the pinned generator from the SDK's lock file
        [node, str(generator)],
        cwd=TYPESCRIPT_SDK,
        env={**os.environ, "CRM_SDK_OUTPUT": str(fresh)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    _assert_same(TYPESCRIPT_SDK / "src" / "generated", fresh, "TypeScript")


def test_typescript_sdk_has_every_operation() -> None:
    sdk = (TYPESCRIPT_SDK / "src" / "generated" / "sdk.gen.ts").read_text()
    exported = set(re.findall(r"^export const (\w+) =", sdk, flags=re.MULTILINE))
    camel = {op: re.sub(r"_([a-z])", lambda m: m.group(1).upper(), op) for op in _operation_ids()}
    missing = sorted(op for op, name in camel.items() if name not in exported)
    assert not missing, f"the TypeScript SDK lacks {missing}: run `make sdk`"
