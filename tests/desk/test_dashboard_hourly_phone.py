"""The dashboard's last 24 hours on a phone (390 CSS pixels, Chromium): the chart fits the
screen, its hour labels are legible and apart, the current hour's always among them."""

from __future__ import annotations

from itertools import pairwise

from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from tests.desk.browser import login, shot

_SHOWN = """els => els.filter(e => getComputedStyle(e).display !== 'none').map(e => {
    const box = e.getBoundingClientRect();
    return [box.left, box.right, parseFloat(getComputedStyle(e).fontSize), e.textContent];
})"""


def test_the_hourly_chart_reads_on_a_phone(phone: Page, world: tuple[str, Store]) -> None:
    url, _ = world
    login(phone, url, "manager")
    phone.goto(f"{url}/dashboard")
    panel = phone.locator("#dash-hourly")
    expect(panel.get_by_role("heading", name="Last 24 hours, by hour")).to_be_visible()
    chart = panel.locator(".chart")
    box = chart.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390
    labels = panel.locator(".chart .tick[text-anchor=middle]").evaluate_all(_SHOWN)
    assert len(labels) == 4, labels  # every 6 hours on a phone, not 8 crowded ones
    assert all(a[1] <= b[0] for a, b in pairwise(sorted(labels))), labels  # none overlap
    assert all(size >= 10 for _, _, size, _ in labels), labels
    # The table of figures opens under the chart, the current hour last, said to be under way.
    panel.get_by_text("The figures, hour by hour").click()
    rows = panel.locator("tbody tr")
    expect(rows).to_have_count(24)
    expect(rows.last.locator("th")).to_contain_text("(this hour, so far)")
    assert panel.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    shot(phone, "phone-dashboard-hourly")


def test_each_chart_s_day_or_hour_labels_stay_apart(phone: Page, world: tuple[str, Store]) -> None:
    """Per chart: the days' labels and the hours' share x positions, one chart above the other."""
    url, _ = world
    login(phone, url, "manager")
    phone.goto(f"{url}/dashboard")
    charts = phone.locator(".chart").all()
    assert len(charts) == 2
    for chart in charts:
        spans = sorted(chart.locator(".tick[text-anchor=middle]").evaluate_all(_SHOWN))
        assert len(spans) >= 3 and all(a[1] <= b[0] for a, b in pairwise(spans)), spans
