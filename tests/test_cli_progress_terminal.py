"""`run --once` on a terminal shows a progress bar on standard error: the console's alerts,
printed on standard output, still go where standard output goes, and with JSON logs standard
error holds JSON only (no bar, no alert quoting a post)."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.helpers import COMPLAINT, mention, write_config, write_mentions

MENTIONDESK = Path(sys.executable).with_name("mentiondesk")


def _run_on_a_terminal(tmp_path: Path, *options: str) -> tuple[str, str]:
    """(standard output, a file; standard error, a terminal) of `run --once`."""
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, COMPLAINT)])
    config = write_config(tmp_path, db_url=f"sqlite:///{tmp_path}/d.db", samples=samples)
    main, side = pty.openpty()
    with (tmp_path / "out.txt").open("w") as out:
        done = subprocess.run(
            [str(MENTIONDESK), "--config", str(config), *options, "run", "--once"],
            stdout=out,
            stderr=side,
            stdin=subprocess.DEVNULL,
            timeout=120,
            check=False,
            env={**os.environ, "COLUMNS": "120", "TERM": "xterm"},
        )
    os.close(side)
    err = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the terminal's other end is closed: all was read
            break
        if not chunk:
            break
        err += chunk
    os.close(main)
    assert done.returncode == 0, err
    return (tmp_path / "out.txt").read_text(), err.decode(errors="replace")


def test_alerts_go_to_standard_output_while_the_bar_shows(tmp_path: Path) -> None:
    out, err = _run_on_a_terminal(tmp_path)
    assert "[alert] MD-000001" in out and "[alert]" not in err


def test_json_logs_on_a_terminal_are_json_only(tmp_path: Path) -> None:
    _, err = _run_on_a_terminal(tmp_path, "--log-format", "json")
    lines = [line for line in err.replace("\r", "\n").split("\n") if line.strip()]
    assert lines and all(json.loads(line) for line in lines)
    assert "parcel" not in err
