"""The command line: exit codes, the run summary, drafts and cases, classify and report."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mentiondesk.cli import app
from tests.helpers import (
    COMPLAINT,
    PRAISE,
    complaint_and_praise,
    mention,
    run_cli,
    with_store,
    write_config,
    write_mentions,
)

runner = CliRunner()


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return complaint_and_praise(tmp_path)


md = run_cli


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["run"],
        ["drafts"],
        ["drafts", "approve"],
        ["cases"],
        ["classify"],
        ["report"],
        ["check-config"],
    ],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Usage" in result.output


def test_bad_config_exits_2_naming_key_and_fix(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[brand]\nname = "L"\n[desk]\nprot = 80\n')
    code, output = md(path, "run", "--once")
    assert code == 2 and "desk.prot: unknown key; did you mean 'port'?" in output


def test_missing_config_file_exits_2(tmp_path: Path) -> None:
    code, output = md(tmp_path / "nope.toml", "check-config")
    assert code == 2 and "file not found" in output


def test_check_config_accepts_a_good_file(config: Path) -> None:
    assert (
        md(config, "users", "add", "Ana", "--password-stdin", stdin="a long passphrase\n")[0] == 0
    )
    code, output = md(config, "check-config")
    assert code == 0 and "is valid" in output and "desk.db (reachable, ready)" in output


def test_check_config_creates_no_store_for_a_new_sqlite_path(config: Path) -> None:
    config.write_text(config.read_text().replace("sqlite:///desk.db", "sqlite:///dsk.db"))
    code, output = md(config, "check-config")
    assert code == 0, output
    new = config.parent / "dsk.db"
    assert f"a new, empty store will be created at {new} on first run" in output
    assert not new.exists() and "reachable" not in output


def test_check_config_refuses_a_new_sqlite_path_in_a_folder_not_there(config: Path) -> None:
    config.write_text(config.read_text().replace("sqlite:///desk.db", "sqlite:///gone/desk.db"))
    code, output = md(config, "check-config")
    assert code == 2 and "store.url: folder" in output and "does not exist" in output
    assert not (config.parent / "gone").exists()


def test_check_config_refuses_a_new_sqlite_path_in_a_read_only_folder(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (config.parent / "ro").mkdir(mode=0o555)
    config.write_text(config.read_text().replace("sqlite:///desk.db", "sqlite:///ro/desk.db"))
    if os.access(config.parent / "ro", os.W_OK):  # root writes anywhere: be another user
        real = os.access
        monkeypatch.setattr(os, "access", lambda p, mode: real(p, mode) and Path(p).name != "ro")
    code, output = md(config, "check-config")
    assert code == 2 and "store.url: folder" in output and "is not writable" in output


def test_check_config_and_run_name_a_store_they_cannot_open(config: Path) -> None:
    url = "postgresql+psycopg://postgres:s3cret@127.0.0.1:5499/nowhere"
    config.write_text(config.read_text().replace("sqlite:///desk.db", url))
    for command in (["check-config"], ["run", "--once"]):
        code, output = md(config, *command)
        assert code == 2 and "store.url: cannot open" in output and "s3cret" not in output
        assert "Traceback" not in output


def test_check_config_names_a_playbook_alert_to_an_unknown_responder(
    config: Path, tmp_path: Path
) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(
        '[[rules]]\nname = "loud"\nwhen = { label = ["negative"] }\n'
        'actions = [{ type = "alert", to = "slak" }]\n'
    )
    config.write_text(config.read_text() + '\n[playbooks]\npaths = ["rules.toml"]\n')
    code, output = md(config, "check-config")
    assert code == 2 and "rule 'loud': alert to = 'slak': no responder has that name" in output
    assert f"{rules}: rule 'loud'" in " ".join(output.split())  # its file, among several
    # Only those that take alerts are offered: `cases` (the local help desk) takes tickets.
    assert "use one of: console; or add a [[responders]] table with that name" in output
    rules.write_text(rules.read_text().replace("slak", "consol"))
    code, output = md(config, "check-config")
    assert code == 2 and "alert to = 'consol': no responder has that name; did you mean " in output
    assert "'console'? or add a [[responders]] table" in output


def test_brackets_in_names_and_paths_are_printed_as_written(tmp_path: Path) -> None:
    folder = tmp_path / "br[x]"
    folder.mkdir()
    samples = write_mentions(folder / "m.jsonl", [mention(1, COMPLAINT)])
    config = write_config(folder, db_url="sqlite:///desk.db", samples=samples)
    config.write_text(config.read_text().replace('name = "Lumora"', 'name = "[b]Lum[/b]ora"'))
    code, output = md(config, "check-config")
    assert code == 0 and "br[x]" in output
    code, output = md(config, "run", "--once")
    assert code == 0 and "[b]Lum[/b]ora — mentiondesk summary" in output


def test_run_once_prints_summary_and_is_idempotent(config: Path) -> None:
    code, output = md(config, "run", "--once")
    assert code == 0 and "[alert] MD-000001" in output
    assert "Mentions read             2   (2 new in this run)" in output
    code, again = md(config, "run", "--once")
    assert code == 0 and "[alert]" not in again
    assert "Mentions read             2   (0 new in this run)" in again
    _, report = md(config, "report", "--format", "json", "--since", "2026-11-01")
    data = json.loads(report)
    assert (data["mentions"], data["cases_open"], data["drafts_pending"], data["alerts_sent"]) == (
        2,
        1,
        2,
        1,
    )
    assert set(data["by_label"]) == {"negative", "neutral", "positive"} and "by_topic" in data


def test_approve_sends_once_and_counts_first_response(config: Path) -> None:
    md(config, "run", "--once")
    code, output = md(config, "drafts", "approve", "1", "--text", "x" * 10_001)
    assert code == 1 and "the reply is 10001 characters; x allows 10000" in output
    code, output = md(config, "drafts", "approve", "1", "--text", "Sorry Ana, DM us your order")
    assert code == 0 and "[post] private message to x @h_a1" in output and "Reply sent." in output
    code, output = md(config, "drafts", "approve", "1")
    assert code == 1 and "already approved" in output
    data = json.loads(md(config, "report", "--format", "json", "--since", "2026-11-01")[1])
    assert data["replies_sent"] == 1 and data["first_response"]["count"] == 1


def test_reject_and_close(config: Path) -> None:
    md(config, "run", "--once")
    assert md(config, "drafts", "reject", "2")[0] == 0
    assert "1 rejected draft" in md(config, "drafts", "list", "--status", "rejected")[1]
    code, output = md(config, "cases", "list")
    assert code == 0 and "MD-000001" in output
    assert md(config, "cases", "close", "MD-000001")[0] == 0
    assert md(config, "cases", "close", "MD-000001")[0] == 1
    assert md(config, "cases", "close", "MD-999999")[0] == 1
    assert "0 open cases" in md(config, "cases", "list")[1]


def test_classify_writes_one_json_line_per_text_in_order(config: Path) -> None:
    texts = [COMPLAINT, PRAISE, "", "🙂", "Que atendimento horrível, nunca mais compro na Lumora"]
    code, output = md(config, "classify", stdin="\n".join(texts) + "\n")
    lines = [json.loads(line) for line in output.splitlines()]
    assert code == 0 and len(lines) == len(texts)
    assert all(set(line) == {"label", "score", "lang"} for line in lines)
    assert [lines[0]["label"], lines[1]["label"]] == ["negative", "positive"]
    assert lines[2]["lang"] == "und" and lines[4]["lang"] == "pt"


def test_run_sources_splits_the_listening_between_workers(config: Path) -> None:
    code, output = md(config, "run", "--once", "--sources", "none")  # reads, decides, delivers
    assert code == 0 and "Mentions read             0   (0 new in this run)" in output
    code, output = md(config, "run", "--once", "--sources", "samples")
    assert code == 0 and "Mentions read             2   (2 new in this run)" in output


def test_run_sources_names_an_unknown_source_and_the_known_ones(config: Path) -> None:
    code, output = md(config, "run", "--once", "--sources", "samples,twiter")
    assert code == 2 and "--sources: no source named twiter" in output
    assert "(samples) or 'none'" in output


@pytest.mark.parametrize(
    ("since", "says"),
    [
        ("2026-02-30", "'2026-02-30' is not a day; write the day as YYYY-MM-DD"),
        ("0206-01-01", "'0206-01-01' is before 1970; write the year in full"),  # a typo for 2026
    ],
)
def test_report_since_a_day_that_cannot_be_is_refused_in_words(
    config: Path, since: str, says: str
) -> None:
    code, output = md(config, "report", "--since", since)
    words = " ".join(output.replace("│", " ").split())  # click's error box, its borders out
    assert code == 2 and says in words, output


@pytest.mark.parametrize(("days", "span"), [("1", "last 1 day\n"), ("2", "last 2 days\n")])
def test_report_heading_counts_its_days_in_words(config: Path, days: str, span: str) -> None:
    code, output = md(with_store(config), "report", "--days", days)
    assert code == 0 and f"mentiondesk report · {span}" in output, output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ["drafts", "list", "--status", "foo"],
            "'foo' is not a draft status; use one of: pending, approved, rejected, withdrawn",
        ),
        (
            ["drafts", "approve", "abc"],
            "'abc' is not a draft id (a whole number, as in `drafts list`)",
        ),
        (["drafts", "reject", "1.5"], "'1.5' is not a draft id (a whole number"),
        (
            ["cases", "list", "--status", "x"],
            "'x' is not a case status; use one of: open, resolved",
        ),
        (
            ["outbox", "hold", "1", "x"],
            "'x' is not an action id (a whole number, as in `outbox list`)",
        ),
        (
            ["cases", "list", "--limit", "0"],
            "Invalid value for '--limit': 0 is too small; give 1 to 1,000,000",
        ),
        (["report", "--days", "x"], "'x' is not a number of days (a whole number)"),
        (["report", "--days", "40000"], "40,000 is too large; give 1 to 36,500"),
        (["store", "purge", "--days", "3"], "3 is too small; give 30 to 36,500"),
        (
            ["survey", "record", "MD-000001", "--kind", "csat", "--score", "five"],
            "'five' is not a score (a whole number, 1-5 for csat, 0-10 for nps)",
        ),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused_in_the_clis_words(
    config: Path, args: list[str], says: str
) -> None:
    code, output = md(config, *args)
    words = " ".join(output.replace("│", " ").split())  # click's error box, its borders out
    assert code == 2 and says in words, output
    assert "Input should" not in words and "Value error" not in words


def test_a_status_is_taken_in_any_case(config: Path) -> None:
    md(config, "run", "--once")
    assert "2 pending drafts" in md(config, "drafts", "list", "--status", "Pending")[1]
    assert "1 open case" in md(config, "cases", "list", "--status", "OPEN")[1]
