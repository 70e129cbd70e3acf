"""A stop by signal during `mentiondesk run`'s catch-up, as a shell or systemd sees it: the
conventional exit status (not 0, which reads as "finished") and what was left, in words."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mentiondesk.cli_entry import stop_status
from tests.helpers import COMPLAINT, mention, write_config, write_mentions

# `run` with a classifier that says when it reads and reads slowly: the catch-up is under way
# when the signal comes, and has mentions left to read.
_SLOW_READ = """
import sys, time
from pathlib import Path

from mentiondesk import registry
from mentiondesk.cli_entry import main
from sentiment.vader import VaderClassifier

reading = Path(sys.argv.pop(1))


class Slow(VaderClassifier):
    def classify(self, texts, langs):
        reading.touch()
        time.sleep(0.5)
        return super().classify(texts, langs)


plain = registry.load
registry.load = lambda group, kind: Slow if group == "classifiers" else plain(group, kind)
main()
"""


def _stopped_in_catch_up(tmp_path: Path, sig: int, *args: str) -> tuple[int, str]:
    """Exit status and stderr of `run ARGS` sent `sig` while it reads its 40 mentions."""
    mentions = [mention(n, COMPLAINT, author=f"a{n}") for n in range(40)]
    samples = write_mentions(tmp_path / "m.jsonl", mentions)
    config = write_config(
        tmp_path,
        db_url=f"sqlite:///{tmp_path / 'desk.db'}",
        samples=samples,
        batch_size=5,
        extra="\n[desk]\nenabled = false\n",
    )
    script, reading = tmp_path / "slow.py", tmp_path / "reading"
    script.write_text(_SLOW_READ)
    argv = [sys.executable, str(script), str(reading), "--config", str(config), "run", *args]
    proc = subprocess.Popen(
        argv, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while not reading.exists():  # the first batch is being read
            assert proc.poll() is None and time.monotonic() < deadline, proc.communicate()[1]
            time.sleep(0.05)
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    return proc.returncode, err


@pytest.mark.parametrize(
    ("sig", "args", "status"),
    [
        (signal.SIGINT, (), 130),  # Ctrl-C: a shell's `&&` must not go on
        (signal.SIGINT, ("--once",), 130),
        (signal.SIGTERM, ("--once",), 143),  # cron's run did not read everything
        (signal.SIGTERM, (), 0),  # systemd's stop of the service: a clean stop
    ],
)
def test_a_stop_during_the_catch_up_exits_with_the_signals_status_and_says_what_is_left(
    tmp_path: Path, sig: int, args: tuple[str, ...], status: int
) -> None:
    code, err = _stopped_in_catch_up(tmp_path, sig, *args)
    assert code == status, err
    (said,) = [line for line in err.splitlines() if line.startswith("Stopped by ")]
    name = "Ctrl-C (SIGINT)" if sig == signal.SIGINT else "SIGTERM"
    assert said.startswith(f"Stopped by {name} before the catch-up was done: ")
    # A batch of 5 or two was read before the stop: the rest is named, stored for next time.
    unread = int(said.split(": ", 1)[1].split(" mentions stored, not read yet")[0])
    assert 0 < unread < 40, said
    assert said.endswith(f"Exit status {status}.") and "Traceback" not in err


def test_a_stop_while_loading_has_the_same_status_as_one_in_run() -> None:
    assert stop_status(signal.SIGINT, ["run"]) == 130
    assert stop_status(signal.SIGTERM, ["-c", "x.toml", "run"]) == 0
    assert stop_status(signal.SIGTERM, ["run", "--once"]) == 143
