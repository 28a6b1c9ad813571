"""The README's SDK examples are the files the SDK tests run, word for word."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = [
    REPO / "clients" / "sdk" / "typescript" / "examples" / "quickstart.ts",
    REPO / "clients" / "sdk" / "examples" / "python_quickstart.py",
]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_readme_shows_the_tested_example(example: Path) -> None:
    readme = (REPO / "README.md").read_text()
    assert example.read_text().strip() in readme, (
        f"README.md no longer shows {example.relative_to(REPO)} as it is: copy it over"
    )
