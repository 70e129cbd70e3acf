"""`run --once`'s summary as an on-call engineer reads it, on a terminal, narrow, or piped to
a log: every figure, a wait as a count, ends in one column, however wide the widest is."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from rich.console import Console

from mentiondesk.cli_render import print_summary
from mentiondesk.pipeline import App
from mentiondesk.report import report
from tests.helpers import COMPLAINT, config_for, mention


async def _summary(tmp_path: Path, **figures: Any) -> list[str]:
    """The summary of a real one-mention store, `figures` put in its numbers, as `run` prints
    it to a pipe (a Console without a terminal, 60 columns, soft-wrapped as `run`'s)."""
    config = config_for(tmp_path, "sqlite:///run.db", [mention(1, COMPLAINT)])
    async with App(config) as app:
        await app.run_once()
        data = {**report(app.store), **figures}
    out = io.StringIO()
    console = Console(file=out, width=60, soft_wrap=True, emoji=False)
    print_summary(console, data, config, new=1)
    return out.getvalue().splitlines()


def _figure_ends(lines: list[str]) -> set[int]:
    """The column where each row's figure ends: before its note ("   (…)", "   queued…",
    "   → …"), else at the line's end; the heading and the Source lines are no rows."""
    rows = [ln for ln in lines[1:] if ln.startswith("  ") and not ln.startswith("  Source")]
    return {len(re.split(r"   (?=[(→q])", row)[0]) for row in rows}


async def test_a_wait_of_days_ends_where_the_counts_end(tmp_path: Path) -> None:
    wait = {"p50_seconds": 12 * 86400 + 14 * 3600, "count": 3}
    lines = await _summary(tmp_path, first_response=wait, first_response_waiting=2)
    assert "  First response p50   12d 14h" in lines, lines
    assert len(_figure_ends(lines)) == 1, lines


async def test_business_hours_past_a_hundred_line_up_with_the_counts(tmp_path: Path) -> None:
    wait = {"p50_seconds": 133 * 3600 + 54 * 60, "count": 3}
    lines = await _summary(
        tmp_path,
        first_response=wait,
        first_response_business_hours=wait,
        business_hours="Mon–Fri 09:00–18:00",
    )
    assert "    in business hours  133h 54m   (Mon–Fri 09:00–18:00)" in lines, lines
    assert len(_figure_ends(lines)) == 1, lines


async def test_big_counts_keep_their_thousands_apart_and_in_line(tmp_path: Path) -> None:
    lines = await _summary(tmp_path, mentions=1234567)
    assert "  Mentions read        1,234,567   (1 new in this run)" in lines, lines
    assert len(_figure_ends(lines)) == 1, lines
