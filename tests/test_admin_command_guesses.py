"""A command an admin guesses (`mentiondesk check`, `start`) is answered with the one to type,
where typer's look-alike says nothing ('check' is not close enough to 'check-config') or the
wrong thing ('start': 'store')."""

from __future__ import annotations

from typer.testing import CliRunner

from mentiondesk.cli import app


def _said(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, " ".join(result.output.replace("│", " ").split())


def test_check_names_check_config_and_the_probes() -> None:
    code, said = _said("check")
    assert code == 2
    assert "No such command 'check'. Did you mean 'check-config'" in said
    assert "'sources check' or 'responders check'" in said


def test_start_names_run_not_store() -> None:
    code, said = _said("start")
    assert code == 2 and "No such command 'start'. Did you mean 'run'?" in said
    assert "'store'" not in said


def test_a_typo_of_a_command_still_gets_typers_look_alike() -> None:
    code, said = _said("user")
    assert code == 2 and "No such command 'user'. Did you mean 'users'?" in said
