"""`run --once` when a source is down for the whole catch-up (a platform answering 503): the
poller gives up on it after a few tries and the run goes on without it. Nothing was read from
there, so the summary names it and the run exits 1, as for a stopped source: cron must not
report success while a source went unread."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from listener._poll import Backoff
from tests.helpers import mention, run_cli, write_config, write_mentions
from tests.sources_fixtures import serve


class _Down(BaseHTTPRequestHandler):
    """Hacker News' search, down: every request answers 503."""

    def do_GET(self) -> None:
        body = b'{"message": "Service Unavailable"}'
        self.send_response(503)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return  # the test's output is the CLI's


@pytest.fixture
def down_url() -> Iterator[str]:
    yield from serve(_Down)


@pytest.fixture(autouse=True)
def no_waiting(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each failure still counts towards giving up; the backoff's seconds are not slept."""
    counted = Backoff.next_delay

    def at_once(self: Backoff) -> float:
        counted(self)
        return 0.0

    monkeypatch.setattr(Backoff, "next_delay", at_once)


def _run(tmp_path: Path, down_url: str) -> tuple[int, str]:
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1)])
    hn = f'\n[[sources]]\nkind = "hackernews"\nname = "hn"\nbase_url = "{down_url}"\n'
    config = write_config(tmp_path, db_url="sqlite:///run.db", samples=samples, extra=hn)
    return run_cli(config, "run", "--once")


def test_a_source_down_all_catch_up_makes_once_exit_1(tmp_path: Path, down_url: str) -> None:
    code, output = _run(tmp_path, down_url)
    assert code == 1, output


def test_the_summary_names_the_source_down_and_why(tmp_path: Path, down_url: str) -> None:
    _, output = _run(tmp_path, down_url)
    lines = [ln for ln in output.splitlines() if ln.startswith("  Source ")]
    assert lines == [
        "  Source hn not caught up: kept failing (6 failed tries; the log says why); the next "
        "run reads on from its cursor"
    ], output
    # the log's why: the status, then the reason the server's body gave (listener/hackernews)
    assert "source hn is failing (hackernews search: status 503" in output


def test_the_source_read_is_not_named(tmp_path: Path, down_url: str) -> None:
    _, output = _run(tmp_path, down_url)
    assert "Source samples" not in output and "(1 new in this run)" in output, output
