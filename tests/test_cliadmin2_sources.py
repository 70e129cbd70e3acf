"""`sources check --format json` as a Nagios/Zabbix check reads it, against a fake Hacker News
and a real SQLite or PostgreSQL store: each source's status, the problem and its fix, `ok`
and `exit_status` matching the command's exit status, which is the text's (0, or 1 when a
probe fails or nothing reads a source). A server's words in a reason never reach the terminal
raw. Before, `--format` was refused (exit 2, "No such option")."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from mentiondesk.cli import app
from mentiondesk.source_health import SourceHealth
from mentiondesk.store import Store
from tests.config_blocks import console_desk
from tests.platforms.test_cli_sources import _closed_port
from tests.sources_fixtures import HnSearch, record_at, serve

WORKER = "web-1:4242"


@pytest.fixture
def hn_url() -> Iterator[str]:
    yield from serve(HnSearch)


def _check(tmp_path: Path, store_url: str, hn_url: str) -> tuple[int, dict[str, Any], str]:
    config = tmp_path / "config.toml"
    config.write_text(f"""
[brand]
name = "Lumora"
[store]
url = "{store_url}"
[desk]
timezone = "Europe/Lisbon"
{console_desk()}
[[sources]]
kind = "hackernews"
name = "hn"
base_url = "{hn_url}"
""")
    args = ["--config", str(config), "sources", "check", "--format", "json"]
    result = CliRunner().invoke(app, args)
    return result.exit_code, json.loads(result.stdout), result.stdout


def _schema(url: str) -> None:
    store = Store(url)
    store.create_all()
    store.dispose()


def test_a_desk_whose_worker_has_not_run_yet_is_ok(
    tmp_path: Path, db_url: str, hn_url: str
) -> None:
    _schema(db_url)
    status, data, _ = _check(tmp_path, db_url, hn_url)
    assert status == 0 and data["ok"] is True and data["exit_status"] == 0
    (hn,) = data["sources"]
    assert (hn["name"], hn["kind"], hn["status"], hn["probe_ok"]) == (
        "hn",
        "hackernews",
        "ok",
        True,
    )
    assert hn["problem"] is None and hn["fix"] is None
    assert hn["recorded"] == ["no running worker has recorded it"]
    assert data["store_problem"] is None and data["restarts"] == []


def test_a_source_a_running_worker_stopped_fails_with_its_fix(
    tmp_path: Path, db_url: str, hn_url: str
) -> None:
    why = "hn search: 401 token revoked \x9b2J\u202eevil"  # a server's words, hostile
    health = SourceHealth("hn", stopped=True, error="FatalError", reason=why)
    record_at(db_url, health, writer=WORKER)
    status, data, raw = _check(tmp_path, db_url, hn_url)
    assert status == 1 and data["ok"] is False and data["exit_status"] == 1
    (hn,) = data["sources"]
    assert hn["status"] == "failed" and hn["probe_ok"] is True  # the probe itself passes
    assert hn["problem"].startswith(
        f"stopped by a running worker: stopped by the running worker {WORKER}"
    )
    assert "(UTC)" in hn["problem"]  # the times in UTC, as every JSON output gives them
    assert hn["fix"] == "correct the token (or the account), then restart that worker"
    assert "\x9b" not in raw and "\u202e" not in raw and why in hn["problem"]


def test_a_probe_that_cannot_connect_fails_naming_what_to_check(
    tmp_path: Path, db_url: str
) -> None:
    _schema(db_url)
    port = _closed_port()
    status, data, _ = _check(tmp_path, db_url, f"http://127.0.0.1:{port}")
    assert status == 1 and data["exit_status"] == 1
    (hn,) = data["sources"]
    assert hn["status"] == "failed" and hn["probe_ok"] is False
    assert f"connection refused at 127.0.0.1:{port}" in hn["problem"]
    assert hn["fix"] == "check the host and port in base_url, and that the platform is up"
    assert hn["rate_limit"] is None  # no answer came back to carry rate-limit headers


def test_a_store_that_cannot_be_read_fails_the_check(tmp_path: Path, hn_url: str) -> None:
    url = "postgresql+psycopg://nobody:wrong@127.0.0.1:1/mentiondesk_none"
    status, data, _ = _check(tmp_path, url, hn_url)
    assert status == 1 and data["ok"] is False
    assert data["store_problem"].startswith("the store could not be read")
    assert data["sources"][0]["status"] == "ok"  # its probe passed; the store is the problem
