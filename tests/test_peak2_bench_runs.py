"""bench/ingest_peak.py still runs against the code as it is (tiny sizes, no timing asserted):
it calls ingest's cap and case history, which may change under it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_ingest_peak_bench_runs_to_its_figures(tmp_path: Path) -> None:
    args = ["--batch", "20", "--follow-ups", "40", "--runs", "1", "--backends", "sqlite"]
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "ingest_peak.py"), *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    last = run.stdout.splitlines()[-1]
    assert "sqlite_cap_ratio=" in last and "sqlite_history_rows=6" in last, run.stdout[-2000:]
    assert "old 20 statements" in run.stdout and "now 1 " in run.stdout
