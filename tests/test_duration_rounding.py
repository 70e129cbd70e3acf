"""A wait is rounded to the nearest unit it shows, not cut down: the walkthrough's median of
6 d 0 h 56 min read "6 d 0 h" on the dashboard, 56 minutes short; the queue, the case page,
the CLI report and desk-counts.js's live timers write waits with the same rule."""

from __future__ import annotations

import pytest

from mentiondesk.wording import duration

DAY, HOUR, MINUTE = 86400, 3600, 60


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (521_765, "6d 1h"),  # the walkthrough's p50: 6 d 0 h 56 min
        (537_873, "6d 5h"),  # its p90: 6 d 5 h 24 min, nearer 5 h than 6 h
        (6 * DAY + 29 * MINUTE + 59, "6d 0h"),
        (6 * DAY + 30 * MINUTE, "6d 1h"),  # halves up, as wording.whole rounds
        (DAY - 10, "1d 0h"),  # 23 h 59 min 50 s: not "24h 00m"
        (DAY - 31 * MINUTE, "23h 29m"),
        (2 * DAY - 20 * MINUTE, "2d 0h"),  # 1 d 23 h 40 min: the hour carries into the day
        (3 * HOUR + 5 * MINUTE + 40, "3h 06m"),
        (HOUR - 20, "1h 00m"),  # 59 min 40 s
        (12 * MINUTE + 29, "12m"),
        (12 * MINUTE + 30, "13m"),
        (59.6, "1m"),
        (44.5, "45s"),
        (0.4, "0s"),
    ],
)
def test_a_wait_is_rounded_to_the_unit_it_shows(seconds: float, said: str) -> None:
    assert duration(seconds) == said


def test_business_hours_round_their_minutes_and_never_turn_into_days() -> None:
    assert duration(33 * HOUR + 53 * MINUTE + 31, days=False) == "33h 54m"
    assert duration(48 * HOUR - 10, days=False) == "48h 00m"
