"""Logs: readable text by default, one JSON object per line with `--log-format json`."""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mentiondesk import logs
from mentiondesk.logs import JsonFormatter, LogFormat
from tests.desk.browser import free_port
from tests.desk.seed import write_config

ROOT = Path(__file__).resolve().parent.parent


def _record(message: str, *, exc: bool = False) -> logging.LogRecord:
    info = None
    if exc:
        try:
            raise ValueError("bad page")
        except ValueError:
            info = sys.exc_info()
    return logging.LogRecord("mentiondesk.outbox", logging.ERROR, __file__, 1, message, (), info)


def test_a_record_is_one_json_line_with_its_traceback() -> None:
    line = JsonFormatter().format(_record('action "a"\nb — ação', exc=True))
    assert "\n" not in line  # a collector reads one record per line
    entry = json.loads(line)
    assert entry["level"] == "ERROR" and entry["logger"] == "mentiondesk.outbox"
    assert entry["message"] == 'action "a"\nb — ação'
    assert entry["time"].endswith("+00:00")
    assert "ValueError: bad page" in entry["exception"]


def _run(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> list[str]:
    config = write_config(tmp_path, f"sqlite:///{tmp_path / 'logs.db'}")
    samples = (ROOT / "samples" / "mentions.jsonl").read_text(encoding="utf-8").splitlines()
    (tmp_path / "empty.jsonl").write_text("\n".join(samples[:3]) + "\n", encoding="utf-8")
    with config.open("a", encoding="utf-8") as f:
        f.write('\n[sentiment]\nclassifier = "vader"\n')
    command = [sys.executable, "-m", "mentiondesk", "-c", str(config), *args, "run", "--once"]
    done = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, **(env or {})}, check=True
    )
    return done.stderr.splitlines()


def test_run_logs_json_lines_when_asked(tmp_path: Path) -> None:
    lines = _run(tmp_path, "--log-format", "json", "-v")
    entries = [json.loads(line) for line in lines if line.startswith("{")]
    assert any(e["logger"] == "mentiondesk.pipeline" and e["level"] == "INFO" for e in entries)
    assert not [line for line in lines if " INFO mentiondesk." in line]  # no text records


def test_the_environment_chooses_json_too(tmp_path: Path) -> None:
    lines = _run(tmp_path, "-v", env={"MENTIONDESK_LOG_FORMAT": "JSON"})
    assert any(json.loads(line)["level"] == "INFO" for line in lines if line.startswith("{"))


def test_text_stays_the_default(tmp_path: Path) -> None:
    lines = _run(tmp_path, "-v")
    assert any(" INFO mentiondesk.pipeline: " in line for line in lines)
    assert not [line for line in lines if line.startswith("{")]


@pytest.fixture
def _restore_levels() -> Iterator[None]:
    root = logging.getLogger()
    saved = root.level, root.handlers[:]
    yield
    root.setLevel(saved[0])
    root.handlers[:] = saved[1]
    for name in (*logs.OWN, *logs.URL_LOGGERS):
        logging.getLogger(name).setLevel(logging.NOTSET)


@pytest.mark.usefixtures("_restore_levels")
@pytest.mark.parametrize(
    "library",
    [
        "tweepy.client",
        "asyncprawcore",
        "asyncpraw",
        "urllib3",
        "httpx",
        "httpcore",
        "aiohttp.client",
        "requests",
        "mastodon",
        "atproto",
        "slack_sdk.web",
    ],
)
def test_debug_is_for_our_loggers_only_libraries_log_tokens(library: str) -> None:
    logs.setup(2, LogFormat.TEXT)
    # tweepy logs request headers (the bearer token) at DEBUG, asyncprawcore reply bodies.
    assert not logging.getLogger(library).isEnabledFor(logging.DEBUG)
    # httpx logs each request's URL at INFO: it names authors (test_log_privacy).
    at_info = library not in logs.URL_LOGGERS
    assert logging.getLogger(library).isEnabledFor(logging.INFO) is at_info
    for own in ("mentiondesk.outbox", "listener.x", "responders.slack", "sentiment.e5"):
        assert logging.getLogger(own).isEnabledFor(logging.DEBUG)


@pytest.mark.usefixtures("_restore_levels")
def test_without_vv_our_loggers_follow_the_root_again() -> None:
    logs.setup(2, LogFormat.TEXT)
    logs.setup(0, LogFormat.TEXT)  # a second command in the same process
    assert not logging.getLogger("mentiondesk.outbox").isEnabledFor(logging.INFO)


def _serve_json(tmp_path: Path, port: int) -> list[str]:
    """`--log-format json run` with the desk on `port`, stopped once it listens: its stderr."""
    config = write_config(tmp_path, f"sqlite:///{tmp_path / 'logs.db'}")
    with config.open("a", encoding="utf-8") as f:
        f.write(f'\n[sentiment]\nclassifier = "vader"\n[desk]\nhost = "127.0.0.1"\nport = {port}\n')
    command = [sys.executable, "-m", "mentiondesk", "-c", str(config), "--log-format", "json"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    run = [*command, "run"]
    with subprocess.Popen(
        run, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
    ) as proc:
        assert proc.stderr is not None
        lines = []
        for line in proc.stderr:  # until it listens; the pipe's end is the hang guard's
            lines.append(line.rstrip("\n"))
            if "Listening for new mentions" in line:
                proc.send_signal(signal.SIGTERM)
                break
        lines += proc.stderr.read().splitlines()
        assert proc.wait(timeout=60) == 0
    return lines


def test_run_says_where_the_desk_is_and_that_it_stops_in_json_too(tmp_path: Path) -> None:
    said = [json.loads(line)["message"] for line in _serve_json(tmp_path, free_port())]
    assert [s for s in said if s.startswith("Desk: http://127.0.0.1:")]
    assert "Listening for new mentions. Press Ctrl-C to stop." in said
    assert [s for s in said if s.startswith("Stopping: finishing the batch in hand")]


def test_a_desk_that_cannot_listen_is_a_json_error_record(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        lines = _serve_json(tmp_path, taken.getsockname()[1])
    entries = [json.loads(line) for line in lines]  # every line, or json.loads fails
    (refused,) = [e for e in entries if "could not listen" in e["message"]]
    assert refused["level"] == "ERROR" and refused["logger"] == "mentiondesk.console"


def _config_problems(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A command on a config with two problems: its exit status and stderr."""
    config = write_config(tmp_path, f"sqlite:///{tmp_path / 'logs.db'}")
    with config.open("a", encoding="utf-8") as f:
        f.write("\n[outbox]\npoll_seconds = -1\nbogus = 1\n")
    command = [sys.executable, "-m", "mentiondesk", "-c", str(config), *args, "outbox", "list"]
    return subprocess.run(command, capture_output=True, text=True, env=dict(os.environ))


def test_configuration_problems_are_json_error_records(tmp_path: Path) -> None:
    done = _config_problems(tmp_path, "--log-format", "json")
    entries = [json.loads(line) for line in done.stderr.splitlines()]  # every line is JSON
    assert done.returncode == 2 and len(entries) == 2, done.stderr
    assert {(e["level"], e["logger"]) for e in entries} == {("ERROR", "mentiondesk.console")}
    assert "outbox.bogus: unknown key" in entries[1]["message"]
    assert entries[0]["message"].startswith("Configuration problem: ")


def test_configuration_problems_stay_a_list_in_text(tmp_path: Path) -> None:
    done = _config_problems(tmp_path)
    assert done.returncode == 2 and done.stderr.startswith("Configuration problem:\n  • ")
