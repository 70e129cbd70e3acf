"""A new user's read of `--help`: each command says what it does in words that fit it, a
command list gives one line per command, and one value is named alike everywhere."""

from __future__ import annotations

from typer.testing import CliRunner

from mentiondesk.cli import app


def help_of(*command: str) -> str:
    """The help on one line per paragraph or row (wide), its box's edges dropped."""
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "1000"})
    assert result.exit_code == 0, result.output
    return result.output


def _said(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


def test_check_config_says_it_checks_the_playbooks_and_the_store_too() -> None:
    said = _said(help_of("check-config"))
    assert "Check the config file, its playbooks and the store" in said
    assert "the store must be reachable, its tables there or creatable by its user" in said
    # And its line in the command list says so, briefly.
    listed = [ln for ln in help_of().splitlines() if "check-config" in ln]
    assert "its playbooks and the store" in listed[0]


def test_sources_lists_check_on_one_short_line() -> None:
    (row,) = [ln for ln in help_of("sources").splitlines() if " check " in ln]
    assert len(_said(row)) < 100, row
    assert "Exit status, for a monitoring cron" not in help_of("sources")
    assert "Exit status, for a monitoring cron: 1 when any source fails its probe" in _said(
        help_of("sources", "check")
    )


def test_outbox_retry_says_the_reused_number_hold_plainly() -> None:
    said = _said(help_of("outbox", "retry"))
    assert "ticket is, released by a person, filed beside" not in said
    assert (
        "Once you release one, it is filed as a separate ticket beside that customer's, "
        "not added to it." in said
    )


def test_classifier_is_a_name_in_every_command_that_takes_one() -> None:
    for command in ("classify", "eval-sentiment"):
        (row,) = [ln for ln in help_of(command).splitlines() if "--classifier" in ln]
        assert _said(row) == "--classifier <name> Classifier to use instead of the configured one."
