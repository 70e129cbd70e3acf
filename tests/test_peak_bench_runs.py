"""bench/desk_peak.py still runs against the code as it is (tiny sizes, no figure asserted):
it calls the case page's and `cases list`'s code, which may change under it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_peak_bench_runs_to_its_figures(tmp_path: Path) -> None:
    args = ["--n", "200", "--thread", "80", "--follow-ups", "60", "--runs", "1"]
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "desk_peak.py"), *args, "--backends", "sqlite"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "sqlite_thread_ratio=" in run.stdout.splitlines()[-1], run.stdout[-2000:]
    assert "shows the mention (#61 of its thread" in run.stdout  # 80 * 3 // 4 + 1
    assert "False" not in run.stdout  # each page shows the mention it is open on
