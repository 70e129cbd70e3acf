"""bench/outbox.py with a help desk that refuses tickets: it ends, saying what is held,
instead of waiting for ever for deliveries that will not come."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bench(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "bench" / "outbox.py"), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_held_actions_end_the_outbox_bench_with_an_error_naming_them(tmp_path: Path) -> None:
    run = _bench(tmp_path, "--n", "40", "--refuse-rate", "0.2")
    assert run.returncode == 1, run.stderr[-2000:]
    said = run.stderr.splitlines()[-1]
    assert said.startswith("error: ") and " of 40 actions held, not delivered" in said, said
    assert "zendesk answered 422: it refused these fields (subject: TooLong)" in said
    last = run.stdout.splitlines()[-1]
    assert "losses=0" in last and "held=0" not in last, last


def test_a_clean_outbox_bench_says_none_held(tmp_path: Path) -> None:
    run = _bench(tmp_path, "--n", "40")
    assert run.returncode == 0 and run.stdout.splitlines()[-1].endswith(" held=0"), run.stderr
