"""`mentiondesk run` serves the desk, prints its URL and a first login, and stops cleanly."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.desk.browser import free_port
from tests.desk.seed import write_config


def _read_until(proc: subprocess.Popen[str], text: str, timeout: float = 60) -> str:
    seen, deadline = "", time.monotonic() + timeout
    assert proc.stderr is not None
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        seen += line
        if text in line:
            return seen
    raise AssertionError(f"{text!r} never appeared; got:\n{seen}")


def test_run_serves_the_desk_with_a_first_login(tmp_path: Path) -> None:
    port = free_port()
    config = write_config(tmp_path, "sqlite:///desk.db")
    with config.open("a", encoding="utf-8") as f:
        f.write(f'\n[desk]\nhost = "127.0.0.1"\nport = {port}\n')
    command = [sys.executable, "-m", "mentiondesk", "--config", str(config), "run"]
    env = {**os.environ, "COLUMNS": "200"}  # one line per message: easy to read back
    proc = subprocess.Popen(
        command, stderr=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        seen = _read_until(proc, "Listening for new mentions")
        assert f"Desk: http://127.0.0.1:{port}/" in seen
        found = re.search(r"user demo, password (\S+) \(admin\)", seen)
        assert found, seen
        direct = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with direct.open(f"http://127.0.0.1:{port}/login", timeout=10) as page:
            assert page.status == 200
            assert "Log in to the Lumora desk" in page.read().decode()
    finally:
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
