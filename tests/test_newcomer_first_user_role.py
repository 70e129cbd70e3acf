"""`users add NAME` without `--role` makes an agent: as the first login, no one could then add
people on the desk, and nothing said so. It now says how to make an admin, while none is."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import complaint_and_praise, run_cli

HINT = "no active admin"
PASSWORD = "uma palavra-passe longa\n"


def _add(config: Path, name: str, *role: str) -> str:
    code, output = run_cli(config, "users", "add", name, *role, "--password-stdin", stdin=PASSWORD)
    assert code == 0, output
    return " ".join(output.split())


def test_a_first_login_added_as_an_agent_says_how_to_add_an_admin(tmp_path: Path) -> None:
    config = complaint_and_praise(tmp_path)
    said = _add(config, "joana")
    assert "User joana added as agent." in said
    assert HINT in said and "mentiondesk users add NAME --role admin" in said


def test_nothing_is_said_once_there_is_an_admin(tmp_path: Path) -> None:
    config = complaint_and_praise(tmp_path)
    assert HINT not in _add(config, "ana", "--role", "admin")
    assert HINT not in _add(config, "rita")


def test_a_disabled_admin_is_no_admin(tmp_path: Path) -> None:
    config = complaint_and_praise(tmp_path)
    _add(config, "ana", "--role", "admin")
    code, _ = run_cli(config, "users", "disable", "ana")
    assert code == 0
    assert HINT in _add(config, "rita")
