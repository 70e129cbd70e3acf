"""CLI messages and help found in review: say what is wrong, name the real thing, read well."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
import typer.main
from typer.testing import CliRunner

from mentiondesk import queue
from mentiondesk.cli import app
from mentiondesk.cli_common import desk_zone
from mentiondesk.config import load_config
from mentiondesk.store import Store
from mentiondesk.tables import OUTBOX
from tests.helpers import (
    complaint_and_praise,
    run_cli,
    shipped_desk,
)

runner = CliRunner()


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return complaint_and_praise(tmp_path)


@pytest.fixture
def ran(config: Path) -> Path:
    """A config whose store holds one run: case MD-000001, drafts 1 and 2."""
    assert md(config, "run", "--once")[0] == 0
    return config


md = run_cli


def help_of(*command: str) -> str:
    """A command's --help, wide enough that no line wraps."""
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kind", "csat", "--score", "6"], "--score for csat must be 1-5, not 6"),
        (["--kind", "nps", "--score", "11"], "--score for nps must be 0-10, not 11"),
        (["--kind", "ces", "--score", "3"], "--kind must be csat or nps, not 'ces'"),
    ],
)
def test_survey_record_blames_the_wrong_option(ran: Path, args: list[str], message: str) -> None:
    code, output = md(ran, "survey", "record", "MD-000001", *args)
    assert code == 2 and message in output


def test_survey_record_says_which_answer_it_replaces(ran: Path) -> None:
    code, output = md(ran, "survey", "record", "MD-000001", "--kind", "csat", "--score", "4")
    assert code == 0 and "replaces" not in output
    code, output = md(ran, "survey", "record", "MD-000001", "--kind", "nps", "--score", "9")
    assert code == 0 and "replaces" not in output  # another kind: both count
    code, output = md(ran, "survey", "record", "MD-000001", "--kind", "csat", "--score", "1")
    today = datetime.now(desk_zone(load_config(ran)))  # the first answer's day, in the desk's zone
    said = " ".join(output.split())
    assert code == 0 and f"replaces the earlier answer 4 of {today:%F}" in said
    help_text = " ".join(md(ran, "survey", "record", "--help")[1].split())
    assert "replaces the earlier one" in help_text


def test_survey_record_accepts_the_kind_in_any_case(ran: Path) -> None:
    code, output = md(ran, "survey", "record", "md-1", "--kind", "CSAT", "--score", "5")
    assert code == 0 and "Recorded csat 5" in output


@pytest.mark.parametrize(
    ("group", "status", "choices"),
    [("drafts", "bogus", "withdrawn"), ("cases", "nope", "resolved")],
)
def test_list_refuses_an_unknown_status(ran: Path, group: str, status: str, choices: str) -> None:
    code, output = md(ran, group, "list", "--status", status)
    said = " ".join(output.replace("│", " ").split())
    assert code == 2 and f"'{status}' is not a {group[:-1]} status; use one of:" in said
    assert choices in said


def test_list_limit_is_at_least_one_and_the_title_says_it_was_cut(ran: Path) -> None:
    assert md(ran, "drafts", "list", "--limit", "0")[0] == 2
    assert "showing 1 of 2 pending drafts" in md(ran, "drafts", "list", "--limit", "1")[1]
    assert "2 pending drafts" in md(ran, "drafts", "list", "--status", "PENDING")[1]
    assert "1 open case" in md(ran, "cases", "list", "--limit", "1")[1]


def _hold_outbox(config: Path) -> None:
    store = Store(load_config(config).store_url())
    with store.engine.begin() as conn:
        conn.execute(sa.update(OUTBOX).where(OUTBOX.c.id == 1).values(status="held"))
    store.dispose()


def test_outbox_list_shows_the_next_try_in_the_desks_zone(ran: Path) -> None:
    _hold_outbox(ran)
    store = Store(load_config(ran).store_url())
    with store.engine.begin() as conn:
        conn.execute(
            sa.update(OUTBOX).values(  # released: a held one shows no next try
                status="pending", next_attempt_at=datetime(2026, 12, 1, 1, 30, tzinfo=UTC)
            )
        )
    store.dispose()
    with ran.open("a", encoding="utf-8") as handle:
        handle.write('\n[desk]\ntimezone = "America/Sao_Paulo"\n')
    listed = md(ran, "outbox", "list")[1]
    assert "2026-11-30" in listed and "22:30:00" in listed and "UTC" not in listed, listed


def test_held_actions_point_to_outbox_list_held(ran: Path) -> None:
    _hold_outbox(ran)
    code, output = md(ran, "run", "--once")
    assert code == 0 and "1 held → mentiondesk outbox list --held" in output
    assert "see the log" not in output
    assert "1 held action" in md(ran, "outbox", "list", "--held")[1]
    assert re.search(r"\b\d+ waiting, 1 held", md(ran, "outbox", "list")[1])


def test_eval_sentiment_on_empty_files_is_an_error_naming_them(
    config: Path, tmp_path: Path
) -> None:
    (tmp_path / "t.txt").write_text("")
    (tmp_path / "l.txt").write_text("")
    args = ["--text", str(tmp_path / "t.txt"), "--labels", str(tmp_path / "l.txt")]
    code, output = md(config, "eval-sentiment", *args)
    assert code == 2 and "l.txt are empty: nothing to evaluate" in output.replace("\n", "")


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [("nope.npz", None, "is missing"), ("notes.txt", "hello", "is not an e5 adapter file")],
)
def test_tune_sentiment_says_the_adapter_file_is_wrong_and_how_to_make_one(
    config: Path, tmp_path: Path, name: str, content: str | None, problem: str
) -> None:
    if content is not None:
        (tmp_path / name).write_text(content)
    args = ["--adapter", str(tmp_path / name), "--tune-on", str(tmp_path), "--out", "o.npz"]
    code, output = md(config, "tune-sentiment", *args)
    output = output.replace("\n", "")
    assert code == 2 and f"{name} {problem}" in output and "--out NEW.npz" in output
    assert "setting" not in output and "pickle" not in output and f"--out {tmp_path}" not in output


def test_cases_close_names_the_case_by_its_number_and_says_if_already_closed(ran: Path) -> None:
    code, output = md(ran, "cases", "close", "md-1")
    # Its pending reply went with it, as the desk's notice says.
    assert code == 0 and "Case MD-000001 closed; 1 pending draft withdrawn." in output
    code, output = md(ran, "cases", "close", "MD-000001")
    assert code == 1 and "case MD-000001 is already closed" in output


def test_cases_close_counts_no_drafts_when_none_was_pending(ran: Path) -> None:
    assert md(ran, "drafts", "reject", "1")[0] == 0  # the case's only draft
    assert md(ran, "cases", "close", "MD-000001") == (0, "Case MD-000001 closed.\n")


def test_cases_resolve_counts_in_the_resolution_rate_and_close_does_not(ran: Path) -> None:
    said = "Case MD-000001 resolved; 1 pending draft withdrawn.\n"
    assert md(ran, "cases", "resolve", "md-1") == (0, said)
    code, output = md(ran, "cases", "close", "MD-000001")
    assert code == 1 and "case MD-000001 is already resolved" in output
    code, output = md(ran, "report", "--format", "json", "--since", "2000-01-01")
    numbers = json.loads(output)
    assert (numbers["cases_resolved"], numbers["cases_closed"]) == (1, 0)


def test_cases_close_says_a_resolved_case_is_already_resolved(ran: Path) -> None:
    store = Store(load_config(ran).store_url())
    queue.close_case(store, 1, by="helpdesk:rt", status="resolved")
    store.dispose()
    code, output = md(ran, "cases", "close", "md-000001")
    assert code == 1 and "case MD-000001 is already resolved" in output


def test_do_not_contact_matches_handles_in_any_case(ran: Path) -> None:
    code, output = md(ran, "authors", "do-not-contact", "X", "@H_A1")
    assert code == 0 and "is on the do-not-contact list" in output
    assert "h_a1" in md(ran, "authors", "list")[1]


def test_do_not_contact_on_an_unknown_platform_names_the_platforms(ran: Path) -> None:
    code, output = md(ran, "authors", "do-not-contact", "twitter", "h_a1")
    assert code == 1 and "no platform 'twitter'; did you mean 'x'?" in output


def test_outbox_retry_says_who_sends_it_and_when(ran: Path) -> None:
    _hold_outbox(ran)
    code, output = md(ran, "outbox", "retry", "1")
    assert code == 0 and "due now: a running `mentiondesk run` sends it within 1 s" in output
    shown = help_of("outbox", "retry")
    assert "as in `outbox list`" in shown and "next outbox pass" in shown
    assert "Make pending or held actions due now" in shown


def _every_command() -> list[list[str]]:
    def walk(command: Any, path: list[str]) -> list[list[str]]:
        below = getattr(command, "commands", {})
        return [path] + [p for name, c in below.items() for p in walk(c, [*path, name])]

    return walk(typer.main.get_command(app), [])


@pytest.mark.parametrize("command", _every_command(), ids=" ".join)
def test_help_names_values_as_people_write_them(command: list[str]) -> None:
    shown = help_of(*command)
    usage = shown.split("Usage:")[1].splitlines()[0]
    for typer_spelling in ("<bool>", "<str>", "FileText", "list[", "{", "}"):
        assert typer_spelling not in shown, f"{typer_spelling} in {' '.join(command)} --help"
    assert not re.search(r" [a-z_]+(\.\.\.)?$| [a-z_]+ ", usage.split("[OPTIONS]")[-1]), usage


def test_help_spells_arguments_as_the_readme_does() -> None:
    assert "Usage: root relabel [OPTIONS] MENTION_ID LABEL" in help_of("relabel")
    assert "[OPTIONS] [FOLDER]..." in help_of("train-sentiment")
    assert "<text|plain|csv|json>" in help_of("report") and "<file>" in help_of("classify")
    assert re.search(r"--verbose\s+-v\s+More log detail", help_of())


def test_run_help_says_it_serves_the_desk_and_makes_the_first_login() -> None:
    shown = " ".join(help_of("run").split())
    assert "serves the desk" in shown and "[desk] host and port" in shown
    assert "creates the admin login `demo`" in shown


def test_the_shipped_config_shows_the_desk_section_to_uncomment() -> None:
    desk = shipped_desk()
    assert (desk.host, desk.port, desk.enabled) == ("127.0.0.1", 8080, True)


def test_drafts_and_cases_show_the_mention_id_that_relabel_takes(ran: Path) -> None:
    assert re.search(r"│ 1\s+│ \w+ · MD-000001 · mention 1 · ", md(ran, "drafts", "list")[1])
    assert re.search(r"MD-000001 .*\n mention 1 ", md(ran, "cases", "list")[1])
    assert '"mention N" under the case in `cases list`' in help_of("relabel")
    code, output = md(ran, "relabel", "1", "positive")
    assert code == 0 and "mention 1: negative → positive" in output
    # In any case, as every other choice; a slip names the labels.
    code, output = md(ran, "relabel", "1", "Neutral")
    assert code == 0 and "mention 1: positive → neutral" in output
    code, output = md(ran, "relabel", "1", "bad")
    said = " ".join("".join(c for c in output if c not in "│╭╮╰╯─").split())
    assert code == 2 and "'bad' is not a label; use negative (or 0, complaint," in said


@pytest.mark.parametrize("name", ["ana smith", "ana\x07", "ana\tb"])
def test_users_add_refuses_a_name_with_spaces_or_controls(config: Path, name: str) -> None:
    code, output = md(config, "users", "add", name, "--password-stdin", stdin="a long secret\n")
    assert code == 2 and "space or control character" in output


def test_users_add_refuses_a_name_taken_in_another_case(config: Path) -> None:
    secret = "a long secret\n"
    assert md(config, "users", "add", "Ana", "--password-stdin", stdin=secret)[0] == 0
    code, output = md(config, "users", "add", "ana", "--password-stdin", stdin=secret)
    assert code == 1 and "a user named 'Ana' already exists" in output


def test_users_add_reads_the_config_before_asking_for_the_password(tmp_path: Path) -> None:
    code, output = md(tmp_path / "nope.toml", "users", "add", "ana", stdin="a long secret\n" * 2)
    assert code == 2 and "file not found" in output and "Password" not in output
