"""`mentiondesk run` as a process: catches up, keeps listening, stops cleanly on SIGTERM."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import pytest

from tests.helpers import COMPLAINT, mention, write_config, write_mentions


def _wait_for(stream: IO[str] | None, text: str, seconds: float = 60) -> str:
    seen = ""
    deadline = time.monotonic() + seconds
    assert stream is not None
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:  # the process ended: it will never say it
            break
        seen += line
        if text in line:
            return seen
    raise AssertionError(f"{text!r} never appeared; got:\n{seen}")


def test_sigterm_finishes_and_a_restart_repeats_nothing(tmp_path: Path) -> None:
    samples = write_mentions(
        tmp_path / "m.jsonl", [mention(i, COMPLAINT, author=f"a{i}") for i in range(3)]
    )
    config = write_config(
        tmp_path,
        db_url="sqlite:///desk.db",
        samples=samples,
        poll_seconds=0.5,
        extra="\n[desk]\nenabled = false\n",
    )
    command = [sys.executable, "-m", "mentiondesk", "--config", str(config)]
    proc = subprocess.Popen(
        [*command, "run"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    _wait_for(proc.stderr, "Listening for new mentions")
    with samples.open("a") as f:  # a mention arriving while it listens
        f.write(json.dumps(mention(9, COMPLAINT, author="late").to_dict()) + "\n")
    early = _wait_for(proc.stdout, "@h_late")  # read and alerted live, within a poll
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    out = early + out
    assert proc.returncode == 0, err
    assert "Stopping" in err and out.count("[alert]") == 4
    again = subprocess.run([*command, "run", "--once"], capture_output=True, text=True, timeout=60)
    reported = subprocess.run(
        [*command, "report", "-f", "json", "--since", "2026-11-01"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert reported.returncode == 0, reported.stderr  # says why, should it ever fail
    report = json.loads(reported.stdout)
    assert report["mentions"] == 4 and report["alerts_sent"] == 4
    assert out.count("[alert]") + again.stdout.count("[alert]") == 4


# `run` with a classifier that loads until told to finish: start-up is slow, deterministically.
_SLOW_START = """
import sys, time
from pathlib import Path

from mentiondesk import registry
from mentiondesk.cli import main
from sentiment.vader import VaderClassifier

loading, release = Path(sys.argv.pop(1)), Path(sys.argv.pop(1))


class Slow(VaderClassifier):
    @classmethod
    def from_config(cls, config, context):
        loading.touch()
        for _ in range(600):  # a minute at most: a failing test still ends
            if release.exists():
                break
            time.sleep(0.1)
        return super().from_config(config, context)


plain = registry.load
registry.load = lambda group, kind: Slow if group == "classifiers" else plain(group, kind)
main()
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_during_start_up_is_said_and_exits_cleanly(tmp_path: Path, sig: int) -> None:
    samples = write_mentions(tmp_path / "m.jsonl", [mention(1, COMPLAINT)])
    config = write_config(
        tmp_path, db_url="sqlite:///desk.db", samples=samples, extra="\n[desk]\nenabled = false\n"
    )
    script, loading, release = tmp_path / "slow.py", tmp_path / "loading", tmp_path / "release"
    script.write_text(_SLOW_START)
    argv = [sys.executable, str(script), str(loading), str(release), "--config", str(config)]
    proc = subprocess.Popen([*argv, "run"], stderr=subprocess.PIPE, text=True)
    try:
        while not loading.exists():  # the classifier is loading: start-up is under way
            assert proc.poll() is None, proc.communicate()[1]
            time.sleep(0.05)
        proc.send_signal(sig)
        said = _wait_for(proc.stderr, "Stopping during start-up", seconds=30)
    finally:
        release.touch()  # the load in hand finishes; then the process ends
        _, rest = proc.communicate(timeout=60)
    assert proc.returncode == (130 if sig == signal.SIGINT else 0), said + rest  # cli_signals
    assert "Traceback" not in said + rest and "Listening" not in said + rest


# The signal arrives while the command's modules are still being imported (they take seconds
# on a small machine): sent by the process to itself from an import hook, so it lands inside
# the import, however fast this machine is.
_STOP_WHILE_LOADING = """
import os, signal, sys
from importlib.abc import MetaPathFinder

sig = int(sys.argv.pop(1))

class Stop(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "mentiondesk.cli_render":
            os.kill(os.getpid(), sig)
        return None

sys.meta_path.insert(0, Stop())
from mentiondesk.cli_entry import main
main()
"""


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_while_the_command_loads_is_said_and_exits_cleanly(tmp_path: Path, sig: int) -> None:
    # A traceback out of an import (Ctrl-C), or a silent death with 143 (SIGTERM).
    script = tmp_path / "stop_while_loading.py"
    script.write_text(_STOP_WHILE_LOADING)
    argv = [sys.executable, str(script), str(int(sig)), "--version"]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert done.returncode == (130 if sig == signal.SIGINT else 0), done.stderr
    assert (
        done.stderr.strip() == "Stopping before start-up: nothing has been read, sent or changed."
    )
    assert done.stdout == ""  # the command did not run
