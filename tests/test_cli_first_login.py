"""`run --once` serves no desk, so it makes no first login (`run` does, serving it): with no
login at all it says, after the summary, how to make one; once one exists, it says nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import complaint_and_praise, run_cli

HINT = "No one can log in to the desk yet: mentiondesk users add NAME --role admin"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return complaint_and_praise(tmp_path)


def test_run_once_on_a_fresh_store_says_how_to_make_a_login(config: Path) -> None:
    code, output = run_cli(config, "run", "--once")
    assert code == 0 and HINT in output
    assert output.index("mentiondesk summary") < output.index(HINT)  # after the summary
    _, users = run_cli(config, "users", "list")
    assert "demo" not in users  # none was made


def test_no_hint_once_someone_can_log_in(config: Path) -> None:
    run_cli(
        config,
        "users",
        "add",
        "boss",
        "--role",
        "admin",
        "--password-stdin",
        stdin="s3cret-pass-words\n",
    )
    code, output = run_cli(config, "run", "--once")
    assert code == 0 and "mentiondesk summary" in output and "log in" not in output
