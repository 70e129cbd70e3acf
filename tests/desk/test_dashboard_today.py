"""Today's bar on the dashboard is a day not over: drawn hatched, said "today, so far" in the
legend, its tooltip and the figures' table, so a short last bar does not read as a drop-off."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest

from mentiondesk.store import Store
from mentiondesk.web.charts import day_rows, stacked_bars
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE, Locale
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
DAYS = ["2026-12-01", "2026-12-02", "2026-12-03"]
SERIES = {"negative": [9, 8, 2], "positive": [3, 4, 1]}


@pytest.mark.parametrize(
    ("loc", "said"),
    [
        (ENGLISH, "2026-12-03 (today, so far)"),
        (PORTUGUESE, "03/12/2026 (hoje, até agora)"),
        (EUROPEAN_PORTUGUESE, "03/12/2026 (hoje, até agora)"),
    ],
)
def test_only_today_s_bar_is_marked_so_far(loc: Locale, said: str) -> None:
    chart = stacked_bars(DAYS, SERIES, loc=loc, today=DAYS[-1])
    marked = [r for r in chart.rects if r.so_far]
    assert len(marked) == 2 and all(r.title.startswith(f"{said} · ") for r in marked)
    assert not any("(" in r.title for r in chart.rects if not r.so_far)
    rows = day_rows(DAYS, SERIES, loc=loc, today=DAYS[-1])
    assert [day for day, _ in rows][-1] == said


def test_a_chart_without_today_marks_nothing() -> None:
    assert not any(r.so_far for r in stacked_bars(DAYS, SERIES).rects)


async def test_the_dashboard_draws_and_names_today_so_far(as_role: Login, store: Store) -> None:
    add(store, "late again", ago=timedelta(days=2))
    add(store, "still late", ago=timedelta(0))
    desk = await as_role("manager")
    page = await (await desk.client.get("/dashboard?days=7")).text()
    assert page.count('class="negative so-far"') == 1 and page.count('class="negative"') == 1
    assert page.count('class="so-far-hatch"') == 1 and 'id="so-far-hatch"' in page
    assert '<span class="swatch so-far"></span>today, so far</span>' in page  # the legend
    assert "(today, so far)</th>" in page  # the figures' table
    pt = await desk.client.get("/dashboard?days=7", headers={"Accept-Language": "pt-PT"})
    assert '<span class="swatch so-far"></span>hoje, até agora</span>' in await pt.text()
