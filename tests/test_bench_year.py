"""The benchmarks' synthetic year (bench/_year.py) loads into the current schema: a column
added to a table without it there broke `bench/dashboard.py` unnoticed once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import make_url

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
