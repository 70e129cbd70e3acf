"""`mentiondesk run` serves the desk from the start, prints its URL and a first login, and
stops cleanly."""

from __future__ import annotations

import os
import pty
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

import pytest

from mentiondesk.cli_web import announce_first_user, start_desk
from mentiondesk.config import load_config
from mentiondesk.pipeline import App
from mentiondesk.web.users import user_count
from tests.desk.browser import free_port
from tests.desk.seed import write_config


def _read_until(stream: IO[str], text: str, timeout: float = 60) -> str:
    seen, deadline = "", time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = stream.readline()
        seen += line
        if text in line:
            return seen
    raise AssertionError(f"{text!r} never appeared; got:\n{seen}")


def test_run_in_a_terminal_serves_the_desk_with_a_first_login(tmp_path: Path) -> None:
    port = free_port()
    config = write_config(tmp_path, "sqlite:///desk.db")
    with config.open("a", encoding="utf-8") as f:
        f.write(f'\n[desk]\nhost = "127.0.0.1"\nport = {port}\n')
    command = [sys.executable, "-m", "mentiondesk", "--config", str(config), "run"]
    # One line per message, plain text: easy to read back. stdout and stderr share one
    # terminal, as in the demo, so they interleave in the order printed.
    env = {**os.environ, "COLUMNS": "200", "TERM": "dumb", "PYTHONUNBUFFERED": "1"}
    main, side = pty.openpty()
    proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=side, stderr=side, env=env)
    os.close(side)
    terminal = os.fdopen(main, "r", encoding="utf-8", errors="replace")
    try:
        seen = _read_until(terminal, "Listening for new mentions")
        found = re.search(r"user demo, password (\S+) \(admin\)", seen)
        assert found, seen
        # The desk opens before the catch-up (people can work while a backlog is read); the
        # password comes after the summary, where the catch-up's alerts cannot scroll it away.
        desk = seen.index(f"Desk: http://127.0.0.1:{port}/")
        assert desk < seen.index("mentiondesk summary") < found.start(), seen
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with direct.open(f"http://127.0.0.1:{port}/login", timeout=10) as page:
            assert page.status == 200
            assert "Log in to the Lumora desk" in page.read().decode()
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
        terminal.close()


async def test_without_a_terminal_no_password_is_made_and_the_log_says_how(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    path = write_config(tmp_path, f"sqlite:///{tmp_path / 'desk.db'}")
    with path.open("a") as f:
        f.write('\n[sentiment]\nclassifier = "vader"\n')
    async with App(load_config(path)) as app:
        announce_first_user(app, on_terminal=False)  # under systemd: stderr is the journal
        assert user_count(app.store) == 0
    assert "First login created" not in capsys.readouterr().err  # no password is shown
    assert "no first admin was created" in caplog.text
    assert "mentiondesk users add NAME --role admin" in caplog.text


async def test_a_taken_port_is_reported_with_the_section_to_change(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        path = write_config(tmp_path, f"sqlite:///{tmp_path / 'desk.db'}")
        with path.open("a") as f:
            f.write(
                f'\n[sentiment]\nclassifier = "vader"\n[desk]\nhost = "127.0.0.1"\nport = {port}\n'
            )
        config = load_config(path)
        async with App(config) as app:
            assert await start_desk(config, app) is None
    said = capsys.readouterr().err
    assert f"could not listen on 127.0.0.1:{port}" in said and "under [desk] in the config" in said
    assert "with run --desk-port (or MENTIONDESK_DESK_PORT)" in said
    # On one box a taken port is most likely a second run of the same config: say so.
    assert "another mentiondesk may already be running with this config" in said.lower()
    assert "two runs each poll every source" in said and "listening goes on" in said


def test_the_environment_gives_a_worker_its_own_desk_port(tmp_path: Path) -> None:
    """Workers sharing one config file (a systemd template unit) each serve their own desk."""
    with socket.socket() as taken:  # the config's port: another worker's desk has it
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        shared, own = taken.getsockname()[1], free_port()
        config = write_config(tmp_path, "sqlite:///desk.db")
        with config.open("a", encoding="utf-8") as f:
            f.write(f'\n[desk]\nhost = "127.0.0.1"\nport = {shared}\n')
        command = [sys.executable, "-m", "mentiondesk", "--config", str(config), "run"]
        env = {**os.environ, "MENTIONDESK_DESK_PORT": str(own), "PYTHONUNBUFFERED": "1"}
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        try:
            assert proc.stderr is not None
            seen = _read_until(proc.stderr, "Listening for new mentions")
            assert f"Desk: http://127.0.0.1:{own}/" in seen and "could not listen" not in seen
            with urllib.request.urlopen(f"http://127.0.0.1:{own}/healthz", timeout=10) as page:
                assert page.status == 200
        finally:
            proc.send_signal(signal.SIGTERM)
            assert proc.wait(timeout=60) == 0
            proc.stderr.close()  # type: ignore[union-attr]


async def test_port_zero_prints_the_port_the_desk_bound(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_config(tmp_path, f"sqlite:///{tmp_path / 'desk.db'}")
    with path.open("a") as f:
        f.write('\n[sentiment]\nclassifier = "vader"\n[desk]\nhost = "127.0.0.1"\nport = 0\n')
    config = load_config(path)
    async with App(config) as app:
        runner = await start_desk(config, app)
        assert runner is not None
        try:
            said = capsys.readouterr().err
            port = int(re.search(r"Desk: http://127\.0\.0\.1:(\d+)/", said)[1])  # type: ignore[index]
            assert port != 0, said  # before: http://127.0.0.1:0/, where no browser gets in
            with socket.create_connection(("127.0.0.1", port), timeout=5):
                pass  # the desk listens there
        finally:
            await runner.cleanup()
