"""Won back as the dashboard shows it, now that the store gives only what is shown: the ten
latest to praise us with a handle, and how many they are in all (one whose handle the
retention blanked is counted only); at the period's edges and in an empty store too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from mentiondesk.figures import load_period
from mentiondesk.period import last_days
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, MENTION
from tests.desk.seed import add

NOW = datetime.now(UTC)


def _won_back(store: Store, handle: str, praised: datetime) -> None:
    """A complaint that became a case 20 days ago, then praise at `praised`."""
    add(store, "late again", handle=handle, ago=timedelta(days=20))
    praise, _, _ = add(store, "arrived, thanks!", handle=handle, label="positive", case=False,
                       draft=None)  # fmt: skip
    with store.engine.begin() as conn:
        conn.execute(sa.update(MENTION).where(MENTION.c.id == praise).values(created_at=praised))


def test_the_ten_latest_with_a_handle_are_shown_and_all_counted(store: Store) -> None:
    for i in range(13):  # fan00 praised us last
        _won_back(store, f"fan{i:02d}", NOW - timedelta(hours=i + 1))
    with store.engine.begin() as conn:
        blank = sa.update(AUTHOR).where(AUTHOR.c.handle.in_(("fan00", "fan03")))
        conn.execute(blank.values(handle=""))
    figures = load_period(store, last_days(NOW, 7), now=NOW)
    shown = ["fan01", "fan02", *(f"fan{i:02d}" for i in range(4, 12))]
    assert [h for _, h, _ in figures.won_back] == shown
    assert [p for p, _, _ in figures.won_back] == ["x"] * 10
    assert figures.won_back_count == 13


def test_praise_at_the_period_start_counts_and_before_it_does_not(store: Store) -> None:
    period = last_days(NOW, 7)
    _won_back(store, "on-time", period.since)
    _won_back(store, "too-early", period.since - timedelta(microseconds=1))
    figures = load_period(store, period, now=NOW)
    assert [(h, at) for _, h, at in figures.won_back] == [("on-time", period.since)]
    assert figures.won_back_count == 1


def test_an_empty_store_has_nobody_won_back(store: Store) -> None:
    figures = load_period(store, last_days(NOW, 90), now=NOW)
    assert (figures.won_back, figures.won_back_count) == ([], 0)


def test_praise_stamped_ahead_of_our_clock_is_not_the_last_word(store: Store) -> None:
    # The author's app stamps praise 5 hours ahead; a complaint written after it, stamped
    # right, is their last word: not won back.
    _won_back(store, "fast-clock", NOW + timedelta(hours=5))
    add(store, "broken again", handle="fast-clock", case=False, draft=None,
        ago=timedelta(seconds=0))  # fmt: skip
    figures = load_period(store, last_days(NOW, 7), now=NOW)
    assert (figures.won_back, figures.won_back_count) == ([], 0)
