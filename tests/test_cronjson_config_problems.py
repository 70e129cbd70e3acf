"""Every `--format json` command, given a bad config, prints one JSON object on stdout (`ok`
false, `exit_status` 2, each problem by its key, as `sources check` gives it) and exits 2, the
problem on stderr as ever. Before, stdout was empty: a cron job piping it into `jq` had
nothing to parse, and its monitoring saw "parse error" instead of the key to correct."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mentiondesk.cli import app
from tests.helpers import complaint_and_praise, with_store

# Each command that takes --format json (besides check-config and sources check, which have
# their own tests), with what it needs besides the config.
COMMANDS = [
    ("drafts", "list"),
    ("cases", "list"),
    ("outbox", "list"),
    ("authors", "list"),
    ("authors", "export", "bluesky", "someone.bsky.social"),
    ("users", "list"),
    ("report",),
    ("eval-sentiment", "--text", "{texts}", "--labels", "{labels}"),
]
# The commands that read the store: a missing one is a config problem too.
STORE_READERS = [c for c in COMMANDS if c[0] != "eval-sentiment"]
_IDS = " ".join


def _invoke(
    tmp_path: Path, config: Path, command: tuple[str, ...], *fmt: str, logs: str = "text"
) -> Any:
    (tmp_path / "texts.txt").write_text("awful\nlovely\n")
    (tmp_path / "labels.txt").write_text("negative\npositive\n")
    places = {"texts": tmp_path / "texts.txt", "labels": tmp_path / "labels.txt"}
    args = [part.format(**places) for part in command]
    return CliRunner().invoke(app, ["--config", str(config), "--log-format", logs, *args, *fmt])


def _problems(result: Any, config: Path) -> list[dict[str, Any]]:
    """The one JSON object on stdout, checked for the shape every command shares."""
    assert result.exit_code == 2, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["exit_status"] == 2
    assert data["config"] == str(config)
    for problem in data["problems"]:
        assert set(problem) == {"key", "problem", "fix", "message"}
        assert problem["message"] in result.stderr  # stderr as ever, for the cron's mail
    problems: list[dict[str, Any]] = data["problems"]
    return problems


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    config = complaint_and_praise(tmp_path)
    config.write_text(config.read_text().replace(old, new, 1))
    return config


@pytest.mark.parametrize("command", COMMANDS, ids=_IDS)
def test_an_unknown_key_is_named_on_stdout(tmp_path: Path, command: tuple[str, ...]) -> None:
    config = _edited(tmp_path, "[store]\n", "[store]\nbogus = 1\n")
    (problem,) = _problems(_invoke(tmp_path, config, command, "-f", "json"), config)
    assert problem["key"] == "store.bogus" and problem["problem"] == "unknown key"
    assert problem["fix"] and problem["fix"].startswith("use one of: url")


@pytest.mark.parametrize("command", COMMANDS, ids=_IDS)
def test_a_missing_secret_is_named_on_stdout(tmp_path: Path, command: tuple[str, ...]) -> None:
    extra = '[store]\nfingerprint_secret_env = "CRONJSON_UNSET_SECRET"\n'
    config = _edited(tmp_path, "[store]\n", extra)
    (problem,) = _problems(_invoke(tmp_path, config, command, "--format", "json"), config)
    assert problem["key"] == "store.fingerprint_secret_env"
    assert "CRONJSON_UNSET_SECRET" in problem["problem"] and problem["fix"]


@pytest.mark.parametrize("command", COMMANDS, ids=_IDS)
def test_a_missing_file_and_bad_toml_are_json_too(tmp_path: Path, command: tuple[str, ...]) -> None:
    missing = tmp_path / "nope.toml"
    (gone,) = _problems(_invoke(tmp_path, missing, command, "-f", "json"), missing)
    assert gone["key"] is None and gone["problem"] == "file not found"
    config = _edited(tmp_path, "[store]\n", "[store\n")
    (broken,) = _problems(_invoke(tmp_path, config, command, "-f", "json", logs="json"), config)
    assert broken["key"] is None and "not valid TOML" in broken["problem"]


@pytest.mark.parametrize("command", STORE_READERS, ids=_IDS)
def test_no_store_yet_is_named_on_stdout(tmp_path: Path, command: tuple[str, ...]) -> None:
    config = complaint_and_praise(tmp_path)  # sqlite:///desk.db, not made yet
    (problem,) = _problems(_invoke(tmp_path, config, command, "--format", "json"), config)
    assert problem["key"] == "store.url" and "no store" in problem["problem"]


@pytest.mark.parametrize("command", COMMANDS, ids=_IDS)
def test_text_keeps_stdout_empty(tmp_path: Path, command: tuple[str, ...]) -> None:
    config = _edited(tmp_path, "[store]\n", "[store]\nbogus = 1\n")
    result = _invoke(tmp_path, config, command)
    assert result.exit_code == 2 and result.stdout == ""
    assert "Configuration problem:" in result.stderr and "store.bogus" in result.stderr


def test_a_good_config_after_a_bad_one_lists_as_ever(tmp_path: Path) -> None:
    # In one process (as the tests run commands): the JSON asked for once is not asked again.
    bad = _edited(tmp_path, "[store]\n", "[store]\nbogus = 1\n")
    _problems(_invoke(tmp_path, bad, ("cases", "list"), "-f", "json"), bad)
    good = with_store(complaint_and_praise(tmp_path))
    result = _invoke(tmp_path, good, ("cases", "list"), "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["cases"] == []


def test_a_classifier_setting_is_named_on_stdout(tmp_path: Path) -> None:
    # A problem met after the config loaded (eval-sentiment's model settings) is JSON too.
    config = complaint_and_praise(tmp_path)
    command = ("eval-sentiment", "--text", "{texts}", "--labels", "{labels}", "--setting", "x=1")
    (problem,) = _problems(_invoke(tmp_path, config, command, "-f", "json"), config)
    assert problem["key"] == "sentiment.settings.x" and problem["fix"] == "remove it"


@pytest.mark.parametrize("command", [("check-config",), ("sources", "check")], ids=_IDS)
def test_the_checks_still_print_one_object(tmp_path: Path, command: tuple[str, ...]) -> None:
    # They write their own (check-config's has `valid`): not a second one after it.
    config = _edited(tmp_path, "[store]\n", "[store]\nbogus = 1\n")
    _problems(_invoke(tmp_path, config, ("cases", "list"), "-f", "json"), config)  # JSON asked
    result = _invoke(tmp_path, config, command, "-f", "json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)  # one object, or "Extra data"
    assert data["problems"][0]["key"] == "store.bogus"
