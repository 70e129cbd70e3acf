"""The benchmarks' synthetic year (bench/_year.py) loads into the current schema: a column
added to a table without it there broke `bench/dashboard.py` unnoticed once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import make_url

from bench import retention_year
from bench._year import fill
from mentiondesk.store import Store
from mentiondesk.web.data_dash import load_dashboard

NOW = datetime(2026, 12, 3, 15, 30, tzinfo=UTC)


@pytest.mark.postgres
def test_a_small_year_loads_and_the_dashboard_reads_it(pg_url: str) -> None:
    store = Store(pg_url)
    store.create_all()
    try:
        dsn = make_url(pg_url).set(drivername="postgresql").render_as_string(hide_password=False)
        counts = fill(dsn, 600, NOW)
        assert counts["mention"] == counts["reading"] == 600 and counts["case"] > 0
        figures = load_dashboard(store, days=90, now=NOW)
    finally:
        store.dispose()
    mentions = sum(n for _, n in figures.platforms)
    assert 0 < mentions <= 600 and sum(n for _, n in figures.languages) == mentions
    assert figures.cases_opened > 0


@pytest.mark.postgres
def test_the_retention_bench_runs_old_and_new_conditions_alike(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store(pg_url)
    store.create_all()
    try:
        dsn = make_url(pg_url).set(drivername="postgresql").render_as_string(hide_password=False)
        fill(dsn, 600, NOW)
        for old in (True, False):
            with retention_year.conditions(old):
                retention_year.first_batches(store, 30, authors=not old)
                retention_year.dry_run(store, 30, 3)
    finally:
        store.dispose()
    lines = capsys.readouterr().out.splitlines()
    runs = [line.split(": ", 1)[1].split("(", 1)[1] for line in lines if "dry run" in line]
    # The old conditions and the new erase the same rows (each dry run rolled back).
    assert len(runs) == 2 and runs[0] == runs[1] and not runs[0].startswith("0 cases"), lines
    assert any(line.strip().startswith("authors:") for line in lines)


@pytest.mark.postgres
def test_the_authors_step_counts_the_same_authors_as_its_earlier_condition(pg_url: str) -> None:
    store = Store(pg_url)
    store.create_all()
    try:
        dsn = make_url(pg_url).set(drivername="postgresql").render_as_string(hide_password=False)
        fill(dsn, 600, NOW)
        counts = {
            (days, old): retention_year.author_step(store, days, 0, old=old)[0]
            for days in (30, 180)
            for old in (True, False)
        }
    finally:
        store.dispose()
    assert counts[30, True] == counts[30, False] > counts[180, True] == counts[180, False] > 0
