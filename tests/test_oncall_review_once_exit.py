"""The on-call review of `run --once`'s exit status, which cron watches: a source that stopped
(a refused token, a permanent error) is not read again until restart, so the run exits 1 and
its summary names the source and the error's class, never the token it was refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from listener.replay import ReplaySource
from mentiondesk.models import Batch, FatalError
from tests.helpers import mention, run_cli, write_config, write_mentions

TOKEN = "AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI"


def _refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    async def revoked(self: object, cursor: str | None) -> Batch:
        raise FatalError(f"x mentions: 401 Unauthorized (Bearer {TOKEN}); check the bearer token")

    monkeypatch.setattr(ReplaySource, "poll", revoked)
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1)])
    config = write_config(tmp_path, db_url="sqlite:///run.db", samples=samples)
    return run_cli(config, "run", "--once")


def test_a_stopped_source_makes_once_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, output = _refused(tmp_path, monkeypatch)
    assert code == 1, output


def test_the_summary_names_the_stopped_source_and_its_class_without_the_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, output = _refused(tmp_path, monkeypatch)
    (line,) = [ln for ln in output.splitlines() if ln.startswith("  Source ")]
    assert line.startswith("  Source samples stopped (FatalError): x mentions: 401"), line
    assert TOKEN not in output


def test_a_run_with_every_source_read_still_exits_0(tmp_path: Path) -> None:
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1)])
    config = write_config(tmp_path, db_url="sqlite:///run.db", samples=samples)
    code, output = run_cli(config, "run", "--once")
    assert code == 0, output
    assert "  Source " not in output


def test_run_help_says_a_stopped_source_exits_1(tmp_path: Path) -> None:
    samples = write_mentions(tmp_path / "m.jsonl", [])
    config = write_config(tmp_path, db_url="sqlite:///run.db", samples=samples)
    _, output = run_cli(config, "run", "--help")
    said = " ".join(output.replace("│", " ").split())  # the help's box, at whatever width
    assert "or a source stopped" in said
