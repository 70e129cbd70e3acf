"""The benchmarks still run against the code as it is (tiny sizes, no figure asserted): the
pipeline's and the outbox's broke unnoticed once, when what they call changed."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("script", "args", "said"),
    [
        ("pipeline.py", ["--n", "200"], "store=sqlite n=200 "),
        ("outbox.py", ["--n", "100"], "duplicates=0 losses=0"),
        pytest.param(  # its store a throw-away PostgreSQL database, as pipeline.py's
            "desk.py",
            ["--n", "200", "--requests", "2", "--backends", "postgresql"],
            "n=200 requests=2 pg_queue_p50_ms=",
            marks=pytest.mark.postgres,
        ),
    ],
)
def test_a_benchmark_runs_to_its_figures(
    tmp_path: Path, script: str, args: list[str], said: str
) -> None:
    run = _bench(tmp_path, script, *args)
    assert said in run.stdout.splitlines()[-1], run.stdout[-2000:]


def test_the_peak_bench_runs_to_its_figures(tmp_path: Path) -> None:
    """It calls the case page's and `cases list`'s code, which may change under it."""
    args = ["--n", "200", "--thread", "80", "--follow-ups", "60", "--runs", "1"]
    run = _bench(tmp_path, "desk_peak.py", *args, "--backends", "sqlite")
    assert "sqlite_thread_ratio=" in run.stdout.splitlines()[-1], run.stdout[-2000:]
    assert "shows the mention (#61 of its thread" in run.stdout  # 80 * 3 // 4 + 1
    assert "False" not in run.stdout  # each page shows the mention it is open on


def test_the_ingest_peak_bench_runs_to_its_figures(tmp_path: Path) -> None:
    """It calls ingest's auto-reply cap and case history, which may change under it."""
    args = ["--batch", "20", "--follow-ups", "40", "--runs", "1", "--backends", "sqlite"]
    run = _bench(tmp_path, "ingest_peak.py", *args)
    last = run.stdout.splitlines()[-1]
    assert "sqlite_cap_ratio=" in last and "sqlite_history_rows=6" in last, run.stdout[-2000:]
    assert "old 20 statements" in run.stdout and "now 1 " in run.stdout


def _bench(cwd: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """bench/`script` run as a person runs it, in a folder of its own; it must succeed."""
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return run


def test_the_sentiment_bench_maps_a_model_s_labels_as_the_config_does() -> None:
    from bench.sentiment import label_map
    from mentiondesk.models import Label

    mapped = label_map("1 star=negative, 3 stars=neutral,5 stars = positive")
    assert mapped == {"1 star": Label.NEGATIVE, "3 stars": Label.NEUTRAL, "5 stars": Label.POSITIVE}
    with pytest.raises(argparse.ArgumentTypeError, match="write MODEL_LABEL=negative"):
        label_map("1 star=bad")
