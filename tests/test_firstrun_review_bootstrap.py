"""`./demo` and `./test` set themselves up with scripts/bootstrap.sh. On a machine whose
`python3` is older than 3.11 (Ubuntu 22.04's 3.10) it made a .venv that could never install
mentiondesk, and every later run reused it; where `python3 -m venv` failed half-way (Debian
without python3-venv) the half-made .venv had a `bin/python`, so the next run skipped making
it and failed on a missing pip instead. Both now stop at once, saying what to install, and
leave no .venv behind. Run against a copy of the script, with a stand-in `python3`."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).parent.parent

# The stand-in: `-c` is the version check (FAKE_OLD makes it 3.10), `-m venv DIR` fails
# after making DIR/bin/python, as Debian's venv does without ensurepip.
FAKE_PYTHON = """#!/usr/bin/env bash
if [ "$1" = "-c" ]; then
  if [ -n "${FAKE_OLD:-}" ]; then echo 3.10; exit 1; fi
  echo 3.12; exit 0
fi
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
  mkdir -p "$3/bin" && printf '#!/bin/sh\\nexit 1\\n' > "$3/bin/python" && chmod +x "$3/bin/python"
  echo "The virtual environment was not created successfully because ensurepip is not" >&2
  echo "available.  On Debian/Ubuntu systems, you need to install the python3-venv" >&2
  exit 1
fi
exit 1
"""


def _bootstrap(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "scripts" / "bootstrap.sh", project / "scripts" / "bootstrap.sh")
    (project / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    fake = tmp_path / "bin"
    fake.mkdir(exist_ok=True)
    (fake / "python3").write_text(FAKE_PYTHON, encoding="utf-8")
    (fake / "python3").chmod(0o755)
    path = f"{fake}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["bash", "-c", "source scripts/bootstrap.sh demo\necho READY"],  # as ./demo: errexit
        cwd=project,
        env={**os.environ, "PATH": path, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_an_old_python_is_named_before_any_venv_is_made(tmp_path: Path) -> None:
    ran = _bootstrap(tmp_path, FAKE_OLD="1")
    assert ran.returncode != 0 and "READY" not in ran.stdout
    assert "Python 3.11 or newer" in ran.stderr and "3.10" in ran.stderr, ran.stderr
    assert not (tmp_path / "project" / ".venv").exists()


def test_a_venv_that_failed_half_way_is_not_left_for_the_next_run(tmp_path: Path) -> None:
    for _ in range(2):  # the second run fails the same way, not on a missing pip
        ran = _bootstrap(tmp_path)
        assert ran.returncode != 0 and "READY" not in ran.stdout
        assert "python3-venv" in ran.stderr, ran.stderr
        assert "Installing mentiondesk" not in ran.stderr, ran.stderr
        assert not (tmp_path / "project" / ".venv").exists()
