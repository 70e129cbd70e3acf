"""The layers of DESIGN.md: core (`mentiondesk/*.py`) does not import the web desk, and the
component packages import only `mentiondesk.models` from the glue package."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "mentiondesk"
COMPONENTS = ("listener", "sentiment", "playbooks", "responders")
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


@pytest.mark.parametrize("package", COMPONENTS)
def test_components_import_only_the_models_of_the_glue_package(package: str) -> None:
    # A component that reached into the glue (store, config, pipeline) could not be reused or
    # tested on its own; mentiondesk.models is the contract they share.
    found = {
        f"{path.relative_to(ROOT)}: {module}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for module in _imports(path)
        if module.split(".")[0] == "mentiondesk" and not _is_models(module)
    }
    assert not found, sorted(found)


def _is_models(module: str) -> bool:
    return module in ("mentiondesk", "mentiondesk.models") or module.startswith(
        "mentiondesk.models."
    )
