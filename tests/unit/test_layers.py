"""The layers import inwards only: bot/ never reaches into api/, domain/ into nothing of ours."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FORBIDDEN = {"bot": {"api"}, "domain": {"api", "bot", "store"}, "store": {"api", "bot"}}


def imported_packages(path: Path) -> set[str]:
    """Top-level packages a module imports, lazily inside functions or not."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_from_the_layers_around_it(layer: str) -> None:
    offending = {
        str(path.relative_to(ROOT)): sorted(imported_packages(path) & FORBIDDEN[layer])
        for path in (ROOT / layer).rglob("*.py")
        if "migrations" not in path.parts
    }
    assert {module: found for module, found in offending.items() if found} == {}
