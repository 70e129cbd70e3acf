"""A production install (`pip install ./src`, README "Running in production") is a wheel, not
the editable install `./demo` makes: every file the program reads beside its code (the desk's
pages and scripts, the shipped playbook and templates, the classifier's weights) must be in it,
or the desk answers every page with a 500 on a server where the demo worked."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from tests.desk.desk_static import SCRIPTS, STYLESHEETS

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("mentiondesk", "listener", "sentiment", "playbooks", "responders")
# What the program opens at run time, as globs under the repository root.
READ_AT_RUN_TIME = (
    "mentiondesk/web/templates/*.html",
    "mentiondesk/web/static/*",
    "playbooks/shipped/*.toml",
    "playbooks/templates/*/*.j2",
    "sentiment/models/*.npz",
)


def _wheel(tmp_path: Path) -> set[str]:
    """The names in the wheel pip builds from a copy of the source (no build/ left here), with
    the build isolation `pip install ./src` uses (the setuptools pyproject.toml asks for)."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "tuning")
    for package in PACKAGES:
        shutil.copytree(ROOT / package, src / package, ignore=skip)
    out = tmp_path / "wheel"
    pip = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"]
    subprocess.run(
        [*pip, "--disable-pip-version-check", "--wheel-dir", str(out), str(src)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("mentiondesk-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_the_wheel_holds_every_file_read_at_run_time(tmp_path: Path) -> None:
    names = _wheel(tmp_path)
    wanted = sorted(
        str(path.relative_to(ROOT))
        for pattern in READ_AT_RUN_TIME
        for path in ROOT.glob(pattern)
        if path.is_file()
    )
    assert "mentiondesk/web/templates/login.html" in wanted
    # Every part of the desk's style and script that base.html links (tests/desk/desk_static).
    linked = [f"mentiondesk/web/static/{name}" for name in (*STYLESHEETS, *SCRIPTS)]
    assert len(linked) >= 4 and [name for name in linked if name not in wanted] == []
    assert [name for name in wanted if name not in names] == []
