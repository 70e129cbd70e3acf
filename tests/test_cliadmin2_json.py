"""The admin's cron and monitoring checks read `authors list`, `users list` and `check-config`
as JSON: stdout holds one JSON object and nothing else, English keys, booleans and numbers as
such, UTC times with their offset, a pt-BR name as it is, a lone CSI escaped; `users list`
never carries a password hash or a token; check-config names each problem's key and fix and
keeps its exit status 2. Before, `--format` was refused (exit 2, "No such option")."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from typer.testing import CliRunner, Result

from mentiondesk.cli import app
from tests.test_cliadmin_json import NAME, _desk

USER_PASSWORD = "a long passphrase for ana"


def _md(config: Path, *args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(app, ["--config", str(config), *args], input=stdin)


def test_authors_list_json_is_the_list_with_the_name_as_written(
    tmp_path: Path, db_url: str
) -> None:
    desk = _desk(tmp_path, db_url)
    assert _md(desk, "authors", "do-not-contact", "x", f"h_{NAME}").exit_code == 0
    listed = _md(desk, "authors", "list", "--format", "json")
    assert listed.exit_code == 0, listed.output
    data = json.loads(listed.stdout)
    assert data["total"] == 1
    (author,) = data["authors"]
    assert author == {"platform": "x", "handle": f"h_{NAME}", "name": "João 😡"}
    assert "João 😡" in listed.stdout  # readable, not \u-escaped
    assert _md(desk, "authors", "list", "-f", "JSON").exit_code == 0  # in any case, as the others


def test_users_list_json_gives_each_login_and_never_a_secret(tmp_path: Path, db_url: str) -> None:
    desk = _desk(tmp_path, db_url)
    added = _md(desk, "users", "add", "ana", "--role", "admin", "--password-stdin", stdin="x")
    assert added.exit_code == 1  # too short: refused, nothing stored
    for name, role in (("ana", "admin"), ("Beto", "agent")):
        args = ("users", "add", name, "--role", role, "--password-stdin")
        assert _md(desk, *args, stdin=USER_PASSWORD + "\n").exit_code == 0
    assert _md(desk, "users", "disable", "beto").exit_code == 0
    listed = _md(desk, "users", "list", "-f", "json")
    assert listed.exit_code == 0, listed.output
    data = json.loads(listed.stdout)
    assert data["total"] == 2
    by_name = {u["name"]: u for u in data["users"]}  # ordered by the database's collation
    ana, beto = by_name["ana"], by_name["Beto"]
    assert set(ana) == {"name", "role", "active", "added_at", "last_login_at"}
    assert (ana["name"], ana["role"], ana["active"]) == ("ana", "admin", True)
    assert (beto["name"], beto["role"], beto["active"]) == ("Beto", "agent", False)
    assert datetime.fromisoformat(ana["added_at"]).utcoffset() is not None
    assert ana["last_login_at"] is None  # never logged in
    for secret in ("argon2", "$", "hash", "token", "password", USER_PASSWORD):
        assert secret not in listed.stdout.lower()


def test_check_config_json_says_what_a_start_would_use(tmp_path: Path) -> None:
    desk = _desk(tmp_path)
    checked = _md(desk, "check-config", "--format", "json")
    assert checked.exit_code == 0, checked.output
    data = json.loads(checked.stdout)  # no "✓ … is valid" line before it
    assert data["valid"] is True and data["problems"] == []
    assert data["config"] == str(desk)
    assert data["sources"] == [{"name": "samples", "kind": "replay"}]
    assert isinstance(data["playbook_rules"], int) and data["playbook_rules"] > 0
    assert data["store"]["status"].endswith("(reachable, ready)")
    assert isinstance(data["warnings"], list)


def test_check_config_json_names_the_key_the_problem_and_its_fix(tmp_path: Path) -> None:
    desk = _desk(tmp_path)
    desk.write_text(desk.read_text().replace("[store]", "[store]\nbogus = 1", 1))
    checked = _md(desk, "check-config", "-f", "json")
    assert checked.exit_code == 2  # unchanged: a problem that would stop a start
    data = json.loads(checked.stdout)
    assert data["valid"] is False
    (problem,) = data["problems"]
    assert problem["key"] == "store.bogus" and problem["problem"] == "unknown key"
    assert problem["fix"].startswith("use one of: url") and problem["fix"].endswith("remove it")
    assert problem["message"] in checked.stderr  # as stderr says it, for the cron's mail
    missing = _md(tmp_path / "nope.toml", "check-config", "-f", "json")
    assert missing.exit_code == 2
    (gone,) = json.loads(missing.stdout)["problems"]
    assert gone["key"] is None and gone["problem"] == "file not found"
    assert gone["fix"].startswith("check the path given by --config")
