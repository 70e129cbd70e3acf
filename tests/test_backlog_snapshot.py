"""The report's and the dashboard's figures are read at one moment: a worker committing between
two of their queries (a case opened, a mention read) shows in none of them, not in some."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from mentiondesk.figures import load_period
from mentiondesk.period import last_days
from mentiondesk.report import period_report
from mentiondesk.store import Store
from tests.desk.seed import add


@contextmanager
def _worker_commits_after_first_query(store: Store, work: Callable[[], Any]) -> Iterator[None]:
    """While inside: once the first SELECT on `store` has run, `work` commits on another
    connection (another engine: a worker process), before the next query is sent."""
    done: list[bool] = []

    def after(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not done and statement.lstrip().upper().startswith("SELECT"):
            done.append(True)
            work()

    sa.event.listen(store.engine, "after_cursor_execute", after)
    try:
        yield
    finally:
        sa.event.remove(store.engine, "after_cursor_execute", after)
    assert done, "no query ran"


def _worker(store: Store) -> Callable[[], Any]:
    """A worker on its own engine: a new complaint read, with its case opened."""

    def work() -> None:
        other = Store(store.url)
        try:
            add(other, "still no parcel", reason="delivery")
        finally:
            other.dispose()

    return work


def _report(store: Store, now: datetime) -> dict[str, Any]:
    return period_report(store, last_days(now, 7, UTC), now=now, zone=UTC, exact=True)


def test_a_report_reads_one_moment_while_a_worker_writes(store: Store) -> None:
    add(store, "late again", reason="delivery")
    add(store, "love it", label="positive", case=False, draft=None)
    now = datetime.now(UTC)
    before = _report(store, now)
    with _worker_commits_after_first_query(store, _worker(store)):
        during = _report(store, now)
    assert during == before
    after = _report(store, now)  # the worker's complaint counts, from the next report on
    assert (after["mentions"], after["cases_total"]) == (3, 2)


def test_the_dashboard_reads_one_moment_while_a_worker_writes(store: Store) -> None:
    add(store, "late again", reason="delivery")
    now = datetime.now(UTC)
    period = last_days(now, 7, UTC)
    before = load_period(store, period, now=now)
    with _worker_commits_after_first_query(store, _worker(store)):
        during = load_period(store, period, now=now)
    assert during == before
    assert load_period(store, period, now=now).cases_opened == 2


def test_the_snapshot_s_settings_end_with_it(store: Store) -> None:
    """The pooled connection goes back as it came: a worker that gets it next writes, and
    sees each commit (READ COMMITTED), not the report's moment."""
    add(store, "late again", reason="delivery")
    now = datetime.now(UTC)
    _report(store, now)
    load_period(store, last_days(now, 7, UTC), now=now)
    with store.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            assert conn.exec_driver_sql("SHOW transaction_isolation").scalar() == "read committed"
            assert conn.exec_driver_sql("SHOW transaction_read_only").scalar() == "off"
        add(store, "still late", reason="delivery")  # writes as before
