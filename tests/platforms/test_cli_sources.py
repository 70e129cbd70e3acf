"""`mentiondesk sources check` from the command line."""

from __future__ import annotations

import asyncio
import socket
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from typer.testing import CliRunner

from listener._gate import Gate
from mentiondesk.cli import app
from mentiondesk.source_health import SourceHealth
from mentiondesk.source_recorder import SourceRecorder
from mentiondesk.store import Store
from tests.config_blocks import console_desk


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def sources_config(tmp_path: Path, sources: str) -> Path:
    """A config of the console desk and SOURCES (its `[[sources]]` tables), for `sources check`."""
    config = tmp_path / "config.toml"
    config.write_text(f'[brand]\nname = "Lumora"\n{console_desk()}\n{sources}')
    return config


def test_unreachable_source_is_reported_and_exit_code_is_1(tmp_path) -> None:
    config = sources_config(
        tmp_path,
        f"""
[[sources]]
kind = "hackernews"
name = "hn-<b>"
base_url = "http://127.0.0.1:{_closed_port()}"
""",
    )
    result = CliRunner().invoke(app, ["--config", str(config), "sources", "check"])
    assert result.exit_code == 1
    assert "FAIL" in result.output
    assert "hn-<b>" in result.output
    assert "connection refused" in " ".join(result.output.split())  # the cause, in words


def test_missing_secret_fails_before_checking(tmp_path, monkeypatch) -> None:
    monkeypatch.delenv("X_BEARER_TOKEN", raising=False)
    config = sources_config(tmp_path, '[[sources]]\nkind = "x"\n')
    result = CliRunner().invoke(app, ["--config", str(config), "sources", "check"])
    assert result.exit_code == 2
    assert "sources[0].bearer_token_env" in result.output


def _lisbon_config(tmp_path: Path, db: Path) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(f"""
[brand]
name = "Lumora"
[store]
url = "sqlite:///{db}"
[desk]
timezone = "Europe/Lisbon"
{console_desk()}
[[sources]]
kind = "hackernews"
name = "hn"
base_url = "http://127.0.0.1:{_closed_port()}"
""")
    return config


def test_it_shows_what_the_running_worker_recorded_in_the_desk_zone(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    store = Store(f"sqlite:///{db}")
    store.create_all()
    since = datetime.now(UTC)
    why = "hn search: 401 <b>token revoked</b>"
    stopped = SourceHealth("hn", stopped=True, error="FatalError", reason=why, since=since)
    assert asyncio.run(SourceRecorder(store, writer="worker-1:4242").record([stopped]))
    store.dispose()
    config = _lisbon_config(tmp_path, db)
    result = CliRunner().invoke(app, ["--config", str(config), "sources", "check"])
    local = since.astimezone(ZoneInfo("Europe/Lisbon"))
    assert (
        f"  hn: stopped by the running worker worker-1:4242 since {local:%H:%M} (Europe/Lisbon): "
        f"{why} — fix: correct the token (or the account), then restart that worker\n"
        in result.output
    )
    assert result.exit_code == 1  # its own probe failed (nothing listens there)


def test_without_a_store_it_says_so_and_makes_none(tmp_path: Path) -> None:
    config = _lisbon_config(tmp_path, tmp_path / "none.db")
    result = CliRunner().invoke(app, ["--config", str(config), "sources", "check"])
    assert "  no store yet: no worker has run with this config" in result.output
    assert not (tmp_path / "none.db").exists()


def test_a_remaining_count_without_a_limit_is_said_in_words() -> None:
    reset = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
    gate = Gate(remaining=12, reset=reset)
    assert gate.describe(ZoneInfo("Europe/Lisbon")) == (
        "12 requests left (the platform did not say of how many), resets 15:00:00 Europe/Lisbon"
    )
