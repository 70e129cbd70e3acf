"""Chart geometry: round, distinct y-axis labels whatever the busiest day held."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from mentiondesk.web.charts import (
    HEIGHT,
    MAJOR_X_TICKS,
    PAD_BOTTOM,
    PAD_TOP,
    axis_ticks,
    short_count,
    stacked_bars,
)
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE


def _labels(busiest: int) -> list[str]:
    chart = stacked_bars(["2024-05-01", "2024-05-02"], {"negative": [busiest, 0]})
    return [t.text for t in chart.y_ticks]


@pytest.mark.parametrize(
    ("busiest", "labels"),
    [
        (0, ["0", "1"]),
        (1, ["0", "1"]),
        (3, ["0", "1", "2", "3"]),
        (5, ["0", "2", "4", "6"]),
        (9, ["0", "5", "10"]),
        (40, ["0", "10", "20", "30", "40"]),
        (1234, ["0", "500", "1k", "1.5k"]),
    ],
)
def test_y_labels_are_round_steps(busiest: int, labels: list[str]) -> None:
    assert _labels(busiest) == labels


def test_ticks_are_equal_whole_steps_covering_the_busiest_day() -> None:
    for busiest in range(0, 5001):
        ticks = axis_ticks(busiest)
        steps = {b - a for a, b in itertools.pairwise(ticks)}
        assert ticks[0] == 0 and ticks[-1] >= busiest, busiest
        assert 2 <= len(ticks) <= 5 and len(steps) == 1 and min(steps) > 0, busiest


def test_the_top_label_sits_at_the_top_of_the_plot() -> None:
    chart = stacked_bars(["2024-05-01"], {"negative": [4], "positive": [2]})
    assert [t.text for t in chart.y_ticks] == ["0", "2", "4", "6"]
    assert chart.y_ticks[0].y == HEIGHT - PAD_BOTTOM
    assert chart.y_ticks[-1].y == PAD_TOP
    assert min(r.y for r in chart.rects) == pytest.approx(PAD_TOP)  # 6 of 6: full height


@pytest.mark.parametrize(
    ("count", "text"),
    [(0, "0"), (950, "950"), (1000, "1k"), (1500, "1.5k"), (20_000, "20k"), (2_000_000, "2M")],
)
def test_axis_counts_are_short_enough_for_a_phone(count: int, text: str) -> None:
    assert short_count(count) == text


@pytest.mark.parametrize("days", [7, 30, 90])
def test_a_phone_shows_few_enough_day_labels_to_read(days: int) -> None:
    categories = [f"2024-{1 + d // 28:02d}-{1 + d % 28:02d}" for d in range(days)]
    chart = stacked_bars(categories, {"negative": [1] * days})
    major = [t for t in chart.x_ticks if not t.minor]
    assert 3 <= len(major) <= MAJOR_X_TICKS
    assert major[-1].text == chart.x_ticks[-1].text == categories[-1][5:]  # today's, not minor


@pytest.mark.parametrize("days", [7, 30, 90])
def test_the_last_day_always_has_its_label(days: int) -> None:
    """On 30 days every 3rd day from the first was labelled: 02/12 and 03/12 had none."""
    today = date(2026, 12, 3)
    categories = [(today - timedelta(days=d)).isoformat() for d in range(days)][::-1]
    chart = stacked_bars(categories, {"negative": [1] * days}, loc=PORTUGUESE)
    last = chart.x_ticks[-1]
    assert (last.text, last.minor) == (PORTUGUESE.day(categories[-1]), False)
    assert last.x == pytest.approx(100 - 50 / days)  # centred on the last bar, in percent


def test_the_plot_spans_its_whole_width_and_the_y_axis_says_its_unit() -> None:
    """x in percent of the plot's width (which fills the panel), heights in pixels."""
    chart = stacked_bars(["2024-05-01", "2024-05-02"], {"negative": [1, 2]}, loc=PORTUGUESE)
    first, last = chart.rects[0], chart.rects[-1]
    assert first.x == pytest.approx(6.25) and last.x + last.w == pytest.approx(93.75)
    assert chart.y_title == "menções por dia"
    assert stacked_bars(["2024-05-01"], {"negative": [1]}).y_title == "mentions per day"


def test_a_bars_tooltip_counts_its_mentions_in_words() -> None:
    """The count agrees with its noun, in every language: "19 reclamações", "1 elogio"."""
    series = {"negative": [19], "neutral": [1], "positive": [1]}
    titles = {
        loc.lang: [r.title for r in stacked_bars(["2024-05-01"], series, loc=loc).rects]
        for loc in (ENGLISH, PORTUGUESE, EUROPEAN_PORTUGUESE)
    }
    assert titles["en"] == [
        "2024-05-01 · 19 complaints",
        "2024-05-01 · 1 neutral mention",
        "2024-05-01 · 1 mention of praise",
    ]
    brazil = [
        "01/05/2024 · 19 reclamações",
        "01/05/2024 · 1 menção neutra",
        "01/05/2024 · 1 elogio",
    ]
    assert titles["pt-BR"] == titles["pt-PT"] == brazil
    one = stacked_bars(["2024-05-01"], {"negative": [1], "positive": [2]}, loc=PORTUGUESE)
    assert [r.title.split(" · ")[1] for r in one.rects] == ["1 reclamação", "2 elogios"]
