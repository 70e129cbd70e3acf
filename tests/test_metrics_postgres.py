"""First-response figures reckoned by PostgreSQL are those Python reckons from the waits."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from mentiondesk.business_hours import BusinessHours
from mentiondesk.business_week import same_shift_week
from mentiondesk.metrics import business_waits, reckoned, response_waits, summary
from mentiondesk.period import Period, within
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, CASE, MENTION

pytestmark = pytest.mark.postgres

START = datetime(2026, 9, 1, tzinfo=UTC)


def _cases(store: Store, waits: list[float | None], rng: random.Random) -> None:
    """One case per wait (None: not answered yet), opened at random over thirty days."""
    rows = []
    for wait in waits:
        opened = START + timedelta(
            seconds=rng.randrange(30 * 86400), microseconds=rng.randrange(10**6)
        )
        answered = None if wait is None else opened + timedelta(seconds=wait)
        rows.append(
            {"mention_id": 1, "author_id": 1, "rule": "r", "opened_at": opened}
            | {"first_response_at": answered}
        )
    with store.engine.begin() as conn:
        conn.execute(sa.delete(CASE))
        if rows:
            conn.execute(sa.insert(CASE), rows)


def _wait(rng: random.Random) -> float:
    """Seconds with microseconds, never a half millisecond: SQL rounds 1.0005 up, exactly, and
    Python a float's binary value (1.000499…) down, a millisecond apart."""
    micros = rng.randrange(10**6)
    if micros % 1000 == 500:
        micros += 1
    return rng.choice([60, 600, 3600, 86400, 7 * 86400]) * rng.random() // 1 + micros / 1e6


@pytest.mark.parametrize("n", [0, 1, 2, 9, 10, 11, 40, 257])
def test_postgres_reckons_the_waits_as_python_does(pg_stores: tuple[Store, Store], n: int) -> None:
    store = pg_stores[0]
    with store.engine.begin() as conn:
        conn.execute(sa.insert(AUTHOR).values(id=1, platform="x", external_id="a", handle="a"))
        conn.execute(
            sa.insert(MENTION).values(
                id=1,
                platform="x",
                external_id="m",
                source="s",
                author_id=1,
                text="t",
                created_at=START,
            )
        )
    rng = random.Random(n)
    waits: list[float | None] = [_wait(rng) for _ in range(n)]
    waits += [None] * (n // 3)  # open cases with no reply: in neither figure
    if n > 3:
        waits[1] = waits[2]  # equal waits: ranks still counted one by one
    _cases(store, waits, rng)
    for period in (None, Period(START + timedelta(days=10), 10, START + timedelta(days=20))):
        with store.engine.connect() as conn:
            expected = summary(response_waits(conn, period), waiting=3)
            got = reckoned(conn, period, waiting=3)
        assert (got.count, got.waiting, got.p50, got.p90) == (
            expected.count,
            expected.waiting,
            expected.p50,
            expected.p90,
        )
        # Python sums floats; PostgreSQL averages exactly: the same to within float rounding.
        assert got.mean == (
            None if expected.mean is None else pytest.approx(expected.mean, rel=1e-12)
        )


def _numeric_form(conn: Any, period: Period | None) -> tuple[Any, ...]:
    """The figures as first reckoned: numeric waits, each percentile its own sort."""
    epoch = sa.cast(sa.extract("epoch", CASE.c.first_response_at - CASE.c.opened_at), sa.Numeric)
    answered = CASE.c.first_response_at.is_not(None)
    waits = sa.select(sa.func.round(epoch, 3).label("w")).where(within(CASE.c.opened_at, period))
    w = waits.where(answered).subquery().c.w
    n, low, high, p90, mean = conn.execute(
        sa.select(
            sa.func.count(),
            sa.func.percentile_disc(0.5).within_group(w),
            sa.func.percentile_disc(0.5).within_group(w.desc()),
            sa.func.percentile_disc(0.9).within_group(w),
            sa.func.avg(w),
        )
    ).one()
    if not n:
        return (0, None, None, None)
    return (n, (float(low) + float(high)) / 2, float(p90), float(mean))


@pytest.mark.parametrize("n", [0, 1, 2, 7, 10, 11, 64, 301])
def test_waits_ranked_in_milliseconds_give_the_numeric_figures(
    pg_stores: tuple[Store, Store], n: int
) -> None:
    store = pg_stores[0]
    with store.engine.begin() as conn:
        conn.execute(sa.insert(AUTHOR).values(id=1, platform="x", external_id="a", handle="a"))
        post = {"platform": "x", "external_id": "m", "source": "s", "author_id": 1, "text": "t"}
        conn.execute(sa.insert(MENTION).values(id=1, created_at=START, **post))
    rng = random.Random(n)
    # Whole microseconds: half milliseconds among them (rounded away from zero, as the
    # numeric form rounds them), waits of days, and ties.
    waits: list[float | None] = [
        (rng.choice([1, 10**3, 10**6, 10**9]) * rng.randrange(10**3) + rng.choice([0, 499, 500]))
        / 1e6
        for _ in range(n)
    ]
    waits += [None] * (n // 4)
    _cases(store, waits + waits[: n // 5], rng)
    for period in (None, Period(START + timedelta(days=10), 10, START + timedelta(days=20))):
        with store.engine.connect() as conn:
            got = reckoned(conn, period, waiting=0)
            assert (got.count, got.p50, got.p90, got.mean) == _numeric_form(conn, period)


def test_business_waits_read_as_two_arrays_are_those_read_row_by_row(
    pg_stores: tuple[Store, Store],
) -> None:
    store = pg_stores[0]
    with store.engine.begin() as conn:
        conn.execute(sa.insert(AUTHOR).values(id=1, platform="x", external_id="a", handle="a"))
        post = {"platform": "x", "external_id": "m", "source": "s", "author_id": 1, "text": "t"}
        conn.execute(sa.insert(MENTION).values(id=1, created_at=START, **post))
    rng = random.Random(5)
    _cases(store, [rng.randrange(10**9) / 1e6 for _ in range(300)], rng)
    with store.engine.begin() as conn:  # half milliseconds, which Python rounds to even
        half = {"mention_id": 1, "author_id": 1, "rule": "r"}
        for us in (1500, 2500, 600_000_500):  # Monday the 14th, from noon
            at = START + timedelta(days=13, hours=12, microseconds=us)
            answered = at + timedelta(hours=1, microseconds=1000)
            conn.execute(sa.insert(CASE).values(opened_at=at, first_response_at=answered, **half))
    hours = BusinessHours(same_shift_week(frozenset(range(5)), (9 * 60, 18 * 60)), UTC)
    stamps = [sa.extract("epoch", c) for c in (CASE.c.opened_at, CASE.c.first_response_at)]
    empty = Period(START - timedelta(days=9), 3, START - timedelta(days=6))
    for period in (None, Period(START + timedelta(days=10), 10, START + timedelta(days=20)), empty):
        where = within(CASE.c.opened_at, period), CASE.c.first_response_at.is_not(None)
        with store.engine.connect() as conn:
            rows = conn.execute(sa.select(*stamps).where(*where)).all()
            got = business_waits(conn, period, hours)
        assert got == sorted(hours.stamp_waits((round(a, 3), round(b, 3)) for a, b in rows))
        assert (got == []) == (period is empty)
