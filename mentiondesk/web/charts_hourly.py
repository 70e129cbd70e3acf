"""The dashboard's last 24 hours as stacked bars, an hour each (charts.py draws the days)."""

from __future__ import annotations

from collections.abc import Sequence

from mentiondesk.figures import LABELS
from mentiondesk.hourly import Hour
from mentiondesk.models import zone_name
from mentiondesk.web.charts import (
    HEIGHT,
    MAJOR_X_TICKS,
    PAD_BOTTOM,
    PAD_LEFT,
    PAD_TOP,
    Chart,
    Rect,
    Tick,
    axis_ticks,
    label_count,
    short_count,
)
from mentiondesk.web.i18n import ENGLISH, Locale

EVERY = 3  # an hour label every 3 hours, counted back from the current one: 8 to a chart


def hourly_bars(hours: Sequence[Hour], *, loc: Locale = ENGLISH) -> Chart:
    """One bar per hour, stacked by sentiment in the daily chart's colours; the current hour's
    hatched as not over yet. Its description says the 24 hours' totals, as the daily one does."""
    totals = [sum(h.counts.values()) for h in hours]
    ticks = axis_ticks(max(totals, default=0))
    top, plot_h = ticks[-1], HEIGHT - PAD_BOTTOM - PAD_TOP
    slot = 100 / max(len(hours), 1)
    bar = slot * 0.75
    names = hour_names(hours, loc)
    rects: list[Rect] = []
    for i, hour in enumerate(hours):
        base = float(HEIGHT - PAD_BOTTOM)
        for label in LABELS:
            n = hour.counts.get(label, 0)
            if n <= 0:
                continue
            h = n / top * plot_h
            base -= h
            title = f"{names[i]} · {label_count(loc, label, n)}"
            rects.append(Rect(i * slot + (slot - bar) / 2, base, bar, h, label, title, hour.so_far))
    y_ticks = [
        Tick(PAD_LEFT - 6, HEIGHT - PAD_BOTTOM - plot_h * t / top, short_count(t, loc=loc))
        for t in ticks
    ]
    last = len(hours) - 1
    shown = list(range(last, -1, -EVERY))[::-1]
    halve = len(shown) > MAJOR_X_TICKS  # on a phone, every 6 hours; the current one always
    x_ticks = [
        Tick((i + 0.5) * slot, HEIGHT - 6, f"{hours[i].start:%H:%M}", halve and (last - i) % 6 != 0)
        for i in shown
    ]
    said = " · ".join(
        label_count(loc, label, sum(h.counts.get(label, 0) for h in hours)) for label in LABELS
    )
    y_title = loc.t("mentions per hour")
    return Chart(HEIGHT, rects, y_ticks, x_ticks, not any(totals), y_title, totals=said)


def hour_names(hours: Sequence[Hour], loc: Locale = ENGLISH) -> list[str]:
    """Each hour as its tooltip and table row name it: its day and wall-clock start ("06/12
    22:00"); with the zone's name too where the 24 hours cross a summer-time change, or the
    repeated 01:00 of an autumn night reads as one hour twice; the current one "so far"."""
    changed = len({h.start.utcoffset() for h in hours}) > 1
    names = []
    for h in hours:
        name = f"{loc.day(h.start.date().isoformat())} {h.start:%H:%M}"
        if changed:
            name = f"{name} {zone_name(h.start)}"
        names.append(loc.t("{hour} (this hour, so far)", hour=name) if h.so_far else name)
    return names


def hour_rows(hours: Sequence[Hour], *, loc: Locale = ENGLISH) -> list[tuple[str, list[str]]]:
    """The hourly bars' figures as a table's rows (an hour, then each sentiment's count): the
    chart's alternative for screen readers and for eyes that cannot tell its colours apart."""
    names = hour_names(hours, loc)
    return [
        (names[i], [loc.number(h.counts.get(label, 0)) for label in LABELS])
        for i, h in enumerate(hours)
    ]
