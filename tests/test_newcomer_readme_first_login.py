"""The README's demo shows the first-login line as a terminal prints it (it had lost the
"Add people with …" hint the line ends with), and says how to type the hints' commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mentiondesk.cli_web import announce_first_user
from mentiondesk.config import load_config
from mentiondesk.pipeline import App
from tests.desk.seed import write_config

ROOT = Path(__file__).resolve().parent.parent


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


def _readme_first_login() -> str:
    """The demo block's first-login line, spaces folded."""
    found = re.search(r"^ *First login created: .*$", _readme(), re.MULTILINE)
    assert found is not None
    return " ".join(found[0].split())


async def test_the_readme_shows_the_first_login_line_as_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_config(tmp_path, f"sqlite:///{tmp_path / 'desk.db'}")
    with path.open("a", encoding="utf-8") as f:
        f.write('\n[sentiment]\nclassifier = "vader"\n')
    async with App(load_config(path)) as app:
        announce_first_user(app, on_terminal=True)
    printed = " ".join(capsys.readouterr().err.split())
    # The password is random: the README writes it as "…".
    printed = re.sub(r"password \S+ \(admin\)", "password … (admin)", printed)
    assert printed == _readme_first_login()


def test_the_readme_says_where_the_hints_command_is_after_the_demo() -> None:
    """`./demo` installs into .venv/: the hints' bare `mentiondesk` is not on PATH there."""
    readme = _readme()
    demo_part = readme[: readme.index("## A short tour")]
    assert "Add people with `mentiondesk users add" in demo_part
    assert "`source .venv/bin/activate`" in demo_part
