"""Core (`mentiondesk/*.py`) does not import the web desk: the desk imports core's numbers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[1] / "mentiondesk"
# The commands that start the desk or manage its logins are about the web desk itself.
DESK_COMMANDS = {"cli_web.py", "cli_users.py"}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return found


@pytest.mark.parametrize(
    "path",
    sorted(p for p in CORE.glob("*.py") if p.name not in DESK_COMMANDS),
    ids=lambda p: p.name,
)
def test_core_does_not_import_the_web_desk(path: Path) -> None:
    web = sorted(
        m for m in _imports(path) if m == "mentiondesk.web" or m.startswith("mentiondesk.web.")
    )
    assert not web, f"{path.name} imports {web}"
