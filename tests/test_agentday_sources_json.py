"""`sources check --format json` with a bad config: one JSON object on stdout (`ok` false,
exit_status 2, each problem by its key, as check-config gives it) and exit 2, the problem on
stderr as ever. Before, stdout was empty: a monitoring script had nothing to parse."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from mentiondesk.cli import app


def _check(config: Path, *fmt: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--config", str(config), "sources", "check", *fmt])
    return result.exit_code, result.stdout, result.stderr


def test_an_unknown_key_is_a_json_problem_on_stdout(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[brand]\nname = "Lumora"\n[store]\nurl = "sqlite:///x.db"\nbogus = 1\n')
    code, out, err = _check(config, "--format", "json")
    assert code == 2
    data = json.loads(out)
    assert data["ok"] is False and data["exit_status"] == 2
    assert data["config"] == str(config) and data["sources"] == [] and data["restarts"] == []
    (problem,) = data["problems"]
    assert problem["key"] == "store.bogus" and problem["problem"] == "unknown key"
    assert problem["fix"] and problem["fix"].startswith("use one of: url")
    assert problem["message"] in err  # stderr as ever, for the cron's mail


def test_a_missing_file_and_a_missing_secret_are_json_too(tmp_path: Path) -> None:
    code, out, _ = _check(tmp_path / "nope.toml", "-f", "json")
    assert code == 2
    (gone,) = json.loads(out)["problems"]
    assert gone["key"] is None and gone["problem"] == "file not found"
    config = tmp_path / "secret.toml"
    config.write_text(
        '[brand]\nname = "Lumora"\n[store]\nurl = "sqlite:///x.db"\n'
        '[[sources]]\nkind = "bluesky"\nhandle = "lumora.bsky.social"\n'
        'app_password_env = "AGENTDAY_UNSET_PASSWORD"\nquery = "lumora"\n'
    )
    code, out, _ = _check(config, "-f", "json")
    assert code == 2
    data = json.loads(out)
    assert data["ok"] is False and any(
        "AGENTDAY_UNSET_PASSWORD" in p["message"] for p in data["problems"]
    )


def test_the_text_format_keeps_stdout_empty(tmp_path: Path) -> None:
    code, out, err = _check(tmp_path / "nope.toml")
    assert code == 2 and out == "" and "file not found" in err
