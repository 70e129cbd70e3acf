"""The dashboard's last 24 hours by hour: real hours on the desk's wall clock (a summer-time
change day in Lisbon repeats or skips 01:00), the current one marked as not over, read in the
same snapshot as the page's other figures."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from mentiondesk.hourly import HOURS, Hour, hour_starts, hourly_counts
from mentiondesk.snapshot import snapshot
from mentiondesk.store import Store
from mentiondesk.tables import MENTION
from mentiondesk.web.charts_hourly import hour_rows, hourly_bars
from mentiondesk.web.data_dash import load_dashboard_page
from mentiondesk.web.i18n import EUROPEAN_PORTUGUESE, PORTUGUESE, Locale
from tests.desk.conftest import Clock, Desk, desk_client
from tests.desk.seed import add
from tests.test_backlog_snapshot import _worker, _worker_commits_after_first_query

LISBON = ZoneInfo("Europe/Lisbon")


def _posted(store: Store, text: str, at: datetime, label: str = "negative") -> None:
    """A mention posted (and stored) at `at`."""
    add(store, text, label=label, case=False, draft=None)
    with store.engine.begin() as conn:
        conn.execute(
            sa.update(MENTION).where(MENTION.c.text == text).values(created_at=at, ingested_at=at)
        )


def _pt_lisbon() -> Locale:
    return replace(EUROPEAN_PORTUGUESE, zone=LISBON)


def test_autumn_change_in_lisbon_keeps_the_repeated_hour_twice(store: Store) -> None:
    # 2026-10-25: at 02:00 WEST Lisbon's clocks go back to 01:00 WET (01:00 UTC).
    now = datetime(2026, 10, 25, 10, 20, tzinfo=UTC)  # 10:20 WET
    _posted(store, "recall? 01:30 summer time", datetime(2026, 10, 25, 0, 30, tzinfo=UTC))
    _posted(store, "recall! 01:30 winter time", datetime(2026, 10, 25, 1, 30, tzinfo=UTC))
    _posted(store, "recall, yesterday", datetime(2026, 10, 24, 11, 0, tzinfo=UTC), "neutral")
    _posted(store, "two days ago", datetime(2026, 10, 23, 11, 0, tzinfo=UTC))
    with snapshot(store.engine) as conn:
        hours = hourly_counts(conn, now=now, zone=LISBON)
    assert len(hours) == HOURS
    walls = [f"{h.start:%H:%M}" for h in hours]
    assert walls.count("01:00") == 2 and walls[-1] == "10:00"
    first, second = (h for h in hours if f"{h.start:%H:%M}" == "01:00")
    assert first.counts == {"negative": 1} and second.counts == {"negative": 1}
    assert sum(sum(h.counts.values()) for h in hours) == 3  # two days ago is not in them
    assert hours[-1].so_far and not any(h.so_far for h in hours[:-1])
    loc = _pt_lisbon()
    names = [name for name, _ in hour_rows(hours, loc=loc)]
    assert "25/10 01:00 WEST" in names and "25/10 01:00 WET" in names
    assert names[-1] == "25/10 10:00 WET (hora atual, até ao momento)"


def test_spring_change_in_lisbon_skips_the_lost_hour() -> None:
    # 2026-03-29: at 01:00 WET Lisbon's clocks go forward to 02:00 WEST.
    starts = hour_starts(datetime(2026, 3, 29, 12, 10, tzinfo=UTC), LISBON)  # 13:10 WEST
    assert len(starts) == HOURS
    assert all(b - a == timedelta(hours=1) for a, b in pairwise(starts))
    walls = [f"{s.astimezone(LISBON):%d %H:%M}" for s in starts]
    assert "29 01:00" not in walls and walls[-3:] == ["29 11:00", "29 12:00", "29 13:00"]
    assert walls[walls.index("29 00:00") + 1] == "29 02:00"


def test_a_half_hour_zone_s_hours_start_on_its_wall_clock(store: Store) -> None:
    kolkata = ZoneInfo("Asia/Kolkata")
    now = datetime(2026, 12, 7, 4, 40, tzinfo=UTC)  # 10:10 in Kolkata
    _posted(store, "at 09:50 local", datetime(2026, 12, 7, 4, 20, tzinfo=UTC))
    _posted(store, "at 10:05 local", datetime(2026, 12, 7, 4, 35, tzinfo=UTC), "positive")
    with snapshot(store.engine) as conn:
        hours = hourly_counts(conn, now=now, zone=kolkata)
    assert f"{hours[-1].start:%H:%M}" == "10:00" and hours[-1].counts == {"positive": 1}
    assert hours[-2].counts == {"negative": 1}


def test_the_hours_are_read_in_the_page_s_snapshot(store: Store) -> None:
    add(store, "late again", reason="delivery")
    now = datetime.now(UTC)
    with _worker_commits_after_first_query(store, _worker(store)):
        data, hours = load_dashboard_page(store, days=7, now=now)
    today = sum(data.by_day[now.date().isoformat()].values())
    assert today == sum(sum(h.counts.values()) for h in hours) == 1


def test_the_chart_marks_the_current_hour_and_says_its_totals() -> None:
    start = datetime(2026, 12, 7, 12, 0, tzinfo=ZoneInfo("America/Sao_Paulo"))
    hours = [
        Hour(start - timedelta(hours=HOURS - 1 - i), {"negative": i} if i else {}, i == 23)
        for i in range(HOURS)
    ]
    chart = hourly_bars(hours, loc=PORTUGUESE)
    assert chart.y_title == "menções por hora"
    assert [r.so_far for r in chart.rects] == [False] * 22 + [True]
    assert chart.rects[-1].title == "07/12 12:00 (hora atual, até agora) · 23 reclamações"
    assert chart.x_ticks[-1].text == "12:00" and not chart.x_ticks[-1].minor
    assert [t.text for t in chart.x_ticks if not t.minor] == ["18:00", "00:00", "06:00", "12:00"]
    assert chart.totals.startswith(f"{sum(range(HOURS))} reclamações")


async def test_the_dashboard_shows_the_last_24_hours_in_the_desk_s_zone(
    tmp_path: Path, db_url: str, store: Store, clock: Clock
) -> None:
    clock.now = datetime(2026, 10, 25, 10, 20, tzinfo=UTC)  # Lisbon's autumn change day
    _posted(store, "<b>recall</b> my kettle", datetime(2026, 10, 25, 10, 5, tzinfo=UTC))
    _posted(store, "thanks for the recall", datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "positive")
    _posted(store, "an old one", datetime(2026, 10, 24, 8, 0, tzinfo=UTC))
    lisbon = 'timezone = "Europe/Lisbon"'
    async with desk_client(tmp_path, db_url, store, lisbon, clock=clock) as client:
        desk = Desk(client)
        assert await desk.login("manager") == 303
        page = await (await client.get("/dashboard?days=7")).text()
        hourly = page.split('id="dash-hourly"', 1)[1].split("</section>", 1)[0]
        assert "Last 24 hours, by hour" in hourly and "mentions per hour (times in WET)" in hourly
        assert hourly.count('<tr><th scope="row">') == HOURS
        row = '<th scope="row">10-25 10:00 WET (this hour, so far)</th><td>1</td><td>0</td>'
        assert row in hourly
        assert '<th scope="row">10-25 01:00 WEST</th><td>0</td><td>0</td><td>1</td>' in hourly
        assert "Last 24 hours: 1 complaint · 0 neutral mentions · 1 mention of praise" in hourly
        assert 'class="hour negative so-far"' in hourly and "<b>recall" not in page
        assert page.count('id="so-far-hatch"') == 1  # one pattern for both charts
        pt = {"Accept-Language": "pt-PT"}
        page = await (await client.get("/dashboard?days=7", headers=pt)).text()
        assert "Últimas 24 horas, por hora" in page
        assert "25/10 10:00 WET (hora atual, até ao momento)" in page
        pt = {"Accept-Language": "pt-BR"}
        page = await (await client.get("/dashboard?days=7", headers=pt)).text()
        assert "Os números, hora a hora" in page and "(hora atual, até agora)" in page
