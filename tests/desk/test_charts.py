"""Chart geometry: round, distinct y-axis labels whatever the busiest day held."""

from __future__ import annotations

import itertools

import pytest

from mentiondesk.web.charts import HEIGHT, PAD_BOTTOM, PAD_TOP, axis_ticks, stacked_bars


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
        (1234, ["0", "500", "1,000", "1,500"]),
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
