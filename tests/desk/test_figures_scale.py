"""The figures reckoned where the work is cheap at scale (a year of mentions) say what they said:
won back asked per author, days grouped in SQL, topics counted in SQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mentiondesk.figures import load_period
from mentiondesk.period import days_from
from mentiondesk.store import Store
from tests.desk.seed import add


def test_won_back_weighs_a_case_from_before_the_period_and_none_after_its_praise(
    store: Store,
) -> None:
    # The period is 12 to 8 days ago; each author praised us 10 days ago. Old's case is 40
    # days old (before the period: it counts); Late's first complaint came after the period,
    # after the praise (it does not); Spam's old complaint never became a case.
    now = datetime.now(UTC)
    add(store, "late again", handle="old", ago=timedelta(days=40))
    add(store, "late again", handle="late", ago=timedelta(days=3))
    add(store, "FREE stuff!!", handle="spam", case=False, draft=None, ago=timedelta(days=40))
    for handle in ("old", "late", "spam"):
        add(store, "arrived, thanks!", handle=handle, label="positive", case=False, draft=None,
            ago=timedelta(days=10))  # fmt: skip
    period = days_from(now.date() - timedelta(days=12), days=5, now=now)
    figures = load_period(store, period, now=now)
    assert [(p, h) for p, h, _ in figures.won_back] == [("x", "old")]
    assert figures.won_back_count == 1
    # Today nobody praised us: nobody is won back, however old their case.
    assert load_period(store, days_from(now.date(), days=None, now=now), now=now).won_back == []
