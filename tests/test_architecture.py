"""The layer rules import-linter cannot say as allow-lists (`make lint` checks the rest):
what the domain and the migrations may import, read from the source, and that no layer
has an import circle."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import grimp
import pytest

from domain.funnel.pipelines import DEFAULT_PIPELINE
from domain.interactions.interactions import DEFAULT_OUTCOMES
from migrations import frozen

ROOT = Path(__file__).resolve().parent.parent


def imported_roots(path: Path) -> set[str]:
    """The top-level packages a module imports, at any depth of its code."""
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def modules_under(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_the_domain_imports_the_standard_library_and_itself_only() -> None:
    """Business rules run without a web framework, a database or any other library: no
    module of `domain/` imports anything but the standard library and `domain`."""
    allowed = set(sys.stdlib_module_names) | {"domain", "__future__"}
    found = {
        str(path.relative_to(ROOT)): sorted(imported_roots(path) - allowed)
        for path in modules_under("domain")
    }
    assert {module: extra for module, extra in found.items() if extra} == {}


def test_migrations_import_neither_the_domain_nor_persistence() -> None:
    """An old migration runs on yesterday's schema: it must not run today's code. The
    revisions import alembic, SQLAlchemy, the standard library and their own frozen data
    (migrations/frozen.py) only."""
    allowed = set(sys.stdlib_module_names) | {"alembic", "sqlalchemy", "migrations", "__future__"}
    paths = [*modules_under("migrations/versions"), ROOT / "migrations" / "frozen.py"]
    found = {str(p.relative_to(ROOT)): sorted(imported_roots(p) - allowed) for p in paths}
    assert {module: extra for module, extra in found.items() if extra} == {}


def test_the_frozen_seed_data_is_what_the_domain_starts_with() -> None:
    """The default pipeline and call outcomes the migrations seed are the ones the domain
    names (a new installation and the code agree; changing either needs a migration)."""
    assert str(DEFAULT_PIPELINE.id) == frozen.DEFAULT_PIPELINE_ID
    assert DEFAULT_PIPELINE.name == frozen.DEFAULT_PIPELINE_NAME
    assert list(frozen.DEFAULT_STAGES) == [
        (str(s.id), s.name, s.position, s.probability, s.kind.value)
        for s in DEFAULT_PIPELINE.stages
    ]
    assert [s.rotting_days for s in DEFAULT_PIPELINE.stages] == [None] * len(frozen.DEFAULT_STAGES)
    assert list(frozen.DEFAULT_OUTCOMES) == [(o.key, o.label, o.position) for o in DEFAULT_OUTCOMES]


def import_circles(package: str) -> list[list[str]]:
    """The groups of modules of `package` that import one another round a circle, at
    run time (imports inside functions count; those only for type checkers do not)."""
    graph = grimp.build_graph(package, exclude_type_checking_imports=True)
    order: dict[str, int] = {}
    lowest: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(module: str) -> None:
        # Tarjan's strongly connected components.
        order[module] = lowest[module] = len(order)
        stack.append(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if not imported.startswith(package):
                continue
            if imported not in order:
                visit(imported)
                lowest[module] = min(lowest[module], lowest[imported])
            elif imported in stack:
                lowest[module] = min(lowest[module], order[imported])
        if lowest[module] == order[module]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in order:
            visit(module)
    return circles


@pytest.mark.parametrize("package", ["domain", "persistence", "api", "auth"])
def test_no_module_imports_itself_round_a_circle(package: str) -> None:
    """Each layer reads as a tree: no module reaches, through the modules it imports at
    run time, back to itself (a deferred import inside a function is no way out)."""
    assert import_circles(package) == []
