"""First-response figures reckoned by PostgreSQL are those Python reckons from the waits."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from mentiondesk.metrics import reckoned, response_waits, summary
from mentiondesk.period import Period
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
