"""The figures reckoned where the work is cheap at scale (a year of mentions) say what they said:
won back asked per author, days grouped in SQL, topics counted in SQL."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from mentiondesk.figures import load_period, mention_counts
from mentiondesk.period import Period, days_from, last_days
from mentiondesk.report import period_report, report
from mentiondesk.store import Store
from mentiondesk.tables import MENTION
from tests.desk.seed import add

# Either side of Lisbon's clock changes in 2026 (01:00 UTC both), of São Paulo's last summer
# time (its midnight skipped on 4 Nov 2018, 23:00 repeated on 16 Feb 2019), and Kathmandu's
# quarter-hour midnight.
STAMPS = [
    "2026-03-28 23:59", "2026-03-29 00:59", "2026-03-29 01:00", "2026-03-29 23:00",
    "2026-10-24 22:59", "2026-10-24 23:00", "2026-10-25 00:59", "2026-10-25 01:00",
    "2018-11-04 02:59", "2018-11-04 03:00", "2019-02-17 01:59", "2019-02-17 02:00",
    "2019-02-17 02:59", "2019-02-17 03:00", "2026-11-10 18:14", "2026-11-10 18:15",
]  # fmt: skip
ZONES = [
    ZoneInfo("Europe/Lisbon"),
    ZoneInfo("America/Sao_Paulo"),
    ZoneInfo("Asia/Kathmandu"),
    UTC,
    timezone(timedelta(hours=-3)),  # a zone PostgreSQL cannot name: reckoned in Python
]


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


def test_won_back_weighs_complaints_in_the_period_against_the_last_praise(store: Store) -> None:
    # Each author has a case 40 days old and praised us 10 days ago. Before complained again
    # 11 days ago (before the praise: won back); Tie's complaint bears the praise's very
    # stamp (not after it: won back); After complained 9 days ago (not won back).
    now = datetime.now(UTC)
    for handle in ("before", "tie", "after"):
        add(store, "late again", handle=handle, ago=timedelta(days=40))
    add(store, "still late", handle="before", ago=timedelta(days=11))
    add(store, "still late", handle="after", ago=timedelta(days=9))
    praise = {
        h: add(store, "arrived, thanks!", handle=h, label="positive", case=False, draft=None,
               ago=timedelta(days=10))[0]
        for h in ("before", "tie", "after")
    }  # fmt: skip
    tie, _, _ = add(store, "wait, broken", handle="tie", case=False, draft=None,
                    ago=timedelta(days=10))  # fmt: skip
    with store.engine.begin() as conn:
        stamp = (
            sa.select(MENTION.c.created_at).where(MENTION.c.id == praise["tie"]).scalar_subquery()
        )
        conn.execute(sa.update(MENTION).where(MENTION.c.id == tie).values(created_at=stamp))
    period = days_from(now.date() - timedelta(days=12), days=5, now=now)
    figures = load_period(store, period, now=now)
    assert sorted(h for _, h, _ in figures.won_back) == ["before", "tie"]


@pytest.mark.parametrize("zone", ZONES, ids=str)
def test_days_fall_where_the_zone_puts_them_across_clock_changes(
    store: Store, zone: timezone | ZoneInfo
) -> None:
    stamps = [datetime.fromisoformat(s).replace(tzinfo=UTC) for s in STAMPS]
    for at in stamps:
        mention, _, _ = add(store, "late again", case=False, draft=None)
        with store.engine.begin() as conn:
            conn.execute(sa.update(MENTION).where(MENTION.c.id == mention).values(created_at=at))
    since = datetime(2018, 1, 1, tzinfo=UTC)
    # A period running to now ends today (a post stamped after it counts on its last day).
    days_to_now = (datetime.now(UTC).date() - since.date()).days + 2  # today in every zone
    with store.engine.connect() as conn:
        rows = mention_counts(conn, Period(since, days_to_now), zone)
    days: Counter[str] = Counter()
    for day, _, _, _, n in rows:
        days[day] += n
    assert days == Counter(at.astimezone(zone).date().isoformat() for at in stamps)


def test_topics_are_counted_per_mention_most_first_then_by_name(store: Store) -> None:
    sets = [("refund", "billing"), ("billing",), ("spam", "refund"), (), ("delivery",)]
    for topics in sets:
        add(store, "charged twice", topics=topics, case=False, draft=None)
    add(store, "old news", topics=("billing",), case=False, draft=None, ago=timedelta(days=30))
    now = datetime.now(UTC)
    data = period_report(store, last_days(now, 7, UTC), now=now, zone=UTC)
    assert list(data["by_topic"].items()) == [
        ("billing", 2), ("refund", 2), ("delivery", 1), ("spam", 1)
    ]  # fmt: skip
    assert report(store)["by_topic"] == {"billing": 3, "refund": 2, "delivery": 1, "spam": 1}
