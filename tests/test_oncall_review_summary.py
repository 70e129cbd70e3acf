"""The on-call review of what `run` prints when a source stops: its reason is a platform's
words, so neither the run's summary nor the log on stderr carries a control sequence from it
to the terminal (as `sources check` shows it); the words themselves stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from listener.replay import ReplaySource
from mentiondesk.models import Batch, FatalError
from tests.helpers import run_cli, write_config, write_mentions

# A server's error with a hidden hyperlink, a cleared screen and a right-to-left override.
HOSTILE = "refused: \x1b]8;;https://evil.test\x07log in\x1b]8;;\x07 \x1b[2J\u202etoken bad"
CONTROLS = ("\x1b", "\x07", "\u202e")


def _stopped_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """`run --once` with a source stopped by that error: its output's lines."""

    async def revoked(self: object, cursor: str | None) -> Batch:
        raise FatalError(f"mastodon notifications: {HOSTILE}; check the token")

    monkeypatch.setattr(ReplaySource, "poll", revoked)
    samples = write_mentions(tmp_path / "m.jsonl", [])
    config = write_config(tmp_path, db_url="sqlite:///run.db", samples=samples)
    code, output = run_cli(config, "run", "--once")
    assert code == 1, output  # a stopped source is no success for cron
    return output.splitlines()


def test_the_summary_shows_a_stopped_sources_reason_without_control_sequences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = _stopped_run(tmp_path, monkeypatch)
    first = next(i for i, ln in enumerate(lines) if ln.startswith("  Source samples stopped"))
    line = " ".join(lines[first : first + 4])  # wrapped at 80 columns
    assert not [c for c in CONTROLS if c in line], repr(line)
    assert "log in" in line and "token bad" in line


def test_the_text_log_writes_a_reasons_control_characters_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = _stopped_run(tmp_path, monkeypatch)
    line = next(ln for ln in lines if " ERROR listener._poll: " in ln)
    assert not [c for c in CONTROLS if c in line], repr(line)
    assert "\\x1b]8;;https://evil.test\\x07log in" in line and "\\u202etoken bad" in line


def test_the_summary_keeps_each_line_whole_when_piped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`run --once >> run.log` then `grep Source run.log`: a summary line cut at 80 columns
    loses its end (the fix to make) to a line of its own."""
    lines = _stopped_run(tmp_path, monkeypatch)
    (line,) = [ln for ln in lines if ln.startswith("  Source samples stopped")]
    assert line.endswith("→ fix it, then restart mentiondesk"), lines
