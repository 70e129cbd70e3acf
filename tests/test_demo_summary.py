"""The README's demo shows what the demo prints: its summary and its count of alerts, run
here on the shipped config and samples (the README had said 113 alerts for a run's 114)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parent.parent


def _readme_demo() -> tuple[list[str], int]:
    """The README's summary lines (its heading to "Awaiting a reply") and alerts in all."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("Lumora — mentiondesk summary") :]
    end = block.index("\n", block.index("Awaiting a reply"))
    lines = block[:end].splitlines()
    alerts = re.search(r"one line per alert, (\d+) in all", readme)
    assert alerts is not None
    return [" ".join(line.split()) for line in lines], int(alerts[1])


def test_the_demo_prints_what_the_readme_shows(tmp_path: Path) -> None:
    for name in ("config.toml", "saved_replies.toml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "samples", tmp_path / "samples")
    code, output = run_cli(tmp_path / "config.toml", "run", "--once")
    assert code == 0, output
    printed = [" ".join(line.split()) for line in output.splitlines()]
    summary, alerts = _readme_demo()
    start = printed.index(summary[0])
    assert printed[start : start + len(summary)] == summary
    assert sum(line.startswith("[alert] ") for line in printed) == alerts
