"""Chart geometry for server-rendered SVG: Python computes the shapes, templates draw them."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from mentiondesk.web.data_case_rows import TimelineEntry
from mentiondesk.web.i18n import ENGLISH, Locale

# The chart fills its panel's width at any size, its labels staying the page's small text: the
# plot's x positions and widths are percentages of its width (dashboard.html's .chart-plot,
# width 100%), heights are CSS pixels, and the y labels have a column of their own, PAD_LEFT
# pixels wide. (Scaled by a viewBox it either stopped at 792 px of a 1,300 px panel, or grew its
# 11 px labels to 20 px.)
HEIGHT = 220
PAD_LEFT, PAD_BOTTOM, PAD_TOP = 60, 32, 16
MAJOR_X_TICKS = 5  # beyond this many day labels, every other one is minor


@dataclass(frozen=True, slots=True)
class Rect:
    x: float  # percent of the plot's width
    y: float
    w: float  # percent of the plot's width
    h: float
    css: str
    title: str
    so_far: bool = False  # today's: the day is not over, its bar drawn hatched


@dataclass(frozen=True, slots=True)
class Tick:
    x: float  # a day's: percent of the plot's width; a count's: pixels in the y column
    y: float
    text: str
    minor: bool = False  # left out where space is short (phones)


@dataclass(frozen=True, slots=True)
class Chart:
    height: int
    rects: list[Rect]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    empty: bool
    y_title: str  # what the y axis counts, and its unit
    left: int = PAD_LEFT  # the y labels' column, left of the plot
    # The period's count per series in words ("24 complaints · 8 neutral mentions · …"): the
    # chart's description for a screen reader, which its bars' colours and tooltips are not.
    totals: str = ""


def nice_max(value: int) -> int:
    """A round number at or above `value` (1, 2, 5 × a power of ten)."""
    if value <= 0:
        return 1
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def axis_ticks(value: int, *, steps: int = 4) -> list[int]:
    """Axis labels from 0 up to at or above `value`: at most `steps` equal round steps, so
    every label is a distinct whole number (halving a top of 1 or 5 would not be)."""
    step = nice_max(math.ceil(max(value, 1) / steps))
    top = step * math.ceil(max(value, 1) / step)
    return list(range(0, top + 1, step))


def stacked_bars(
    categories: Sequence[str],
    series: Mapping[str, Sequence[int]],
    *,
    loc: Locale = ENGLISH,
    today: str | None = None,
) -> Chart:
    """One bar per category (a YYYY-MM-DD day), stacked by series (a sentiment label); the
    labels and tooltips in `loc`'s language. `today`'s bar is marked as a day not over yet:
    its short bar is not a drop-off."""
    totals = [sum(values[i] for values in series.values()) for i in range(len(categories))]
    ticks = axis_ticks(max(totals, default=0))
    top = ticks[-1]
    plot_h = HEIGHT - PAD_BOTTOM - PAD_TOP
    slot = 100 / max(len(categories), 1)
    bar = slot * 0.75
    rects: list[Rect] = []
    for i, category in enumerate(categories):
        base = float(HEIGHT - PAD_BOTTOM)
        for name, values in series.items():
            h = values[i] / top * plot_h
            if h <= 0:
                continue
            base -= h
            title = f"{_day(loc, category, today)} · {label_count(loc, name, values[i])}"
            x = i * slot + (slot - bar) / 2
            rects.append(Rect(x, base, bar, h, name, title, so_far=category == today))
    y_ticks = [
        Tick(PAD_LEFT - 6, HEIGHT - PAD_BOTTOM - plot_h * t / top, short_count(t, loc=loc))
        for t in ticks
    ]
    x_ticks = day_ticks(categories, slot, loc)
    y_title = loc.t("mentions per day")
    said = " · ".join(label_count(loc, name, sum(values)) for name, values in series.items())
    return Chart(HEIGHT, rects, y_ticks, x_ticks, not any(totals), y_title, totals=said)


def day_ticks(categories: Sequence[str], slot: float, loc: Locale) -> list[Tick]:
    """Day labels about 8 to a chart, counted back from the last day so that today always has
    one (on 30 days every 3rd day from the first left the last two unlabelled); beyond
    MAJOR_X_TICKS, every other one is minor, today never."""
    every = max(1, len(categories) // 8)
    last = len(categories) - 1
    shown = [i for i in range(last, -1, -every)][::-1]
    halve = len(shown) > MAJOR_X_TICKS
    return [
        Tick(
            (i + 0.5) * slot,
            HEIGHT - 6,
            loc.day(categories[i]),
            minor=halve and (last - i) // every % 2 == 1,
        )
        for i in shown
    ]


def day_rows(
    categories: Sequence[str],
    series: Mapping[str, Sequence[int]],
    *,
    loc: Locale = ENGLISH,
    today: str | None = None,
) -> list[tuple[str, list[str]]]:
    """The stacked bars' figures as a table's rows (a day, then each series' count): the
    chart's alternative for screen readers, and for eyes that cannot tell its colours apart."""
    return [
        (_day(loc, day, today), [loc.number(values[i]) for values in series.values()])
        for i, day in enumerate(categories)
    ]


def label_count(loc: Locale, label: str, n: int) -> str:
    """A day's (or an hour's) mentions of one sentiment, as people count them: "19 complaints",
    "1 elogio" (not "Reclamação: 19", the badge's word beside a plural count)."""
    # Literal texts in each call, so the catalog's check finds them.
    if label == "negative":
        return loc.tn("{n} complaint", "{n} complaints", n)
    if label == "neutral":
        return loc.tn("{n} neutral mention", "{n} neutral mentions", n)
    if label == "positive":
        return loc.tn("{n} mention of praise", "{n} mentions of praise", n)
    return f"{loc.word('label', label)}: {loc.number(n)}"


def short_count(n: int, *, loc: Locale = ENGLISH) -> str:
    """A count as an axis label short enough for a phone: 950, 1.5k (1,5k in Portuguese), 2M."""
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if n >= size:
            return f"{n / size:g}".replace(".", loc.numbers.decimal_point) + suffix
    return str(n)


@dataclass(frozen=True, slots=True)
class HBar:
    name: str
    value: int
    width: float  # 0..100, share of the largest
    note: str = ""
    note_title: str = ""  # what the note means, as a tooltip


def hbars(
    items: Sequence[tuple[str, int]], notes: dict[str, tuple[str, str]] | None = None
) -> list[HBar]:
    """Horizontal bars scaled to the largest value, for ranked lists; `notes`: (note, its
    tooltip) by name."""
    top = max((v for _, v in items), default=0) or 1
    notes = notes or {}
    return [
        HBar(name, value, value / top * 100, *notes.get(name, ("", ""))) for name, value in items
    ]


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    css: str
    title: str


def _day(loc: Locale, iso_day: str, today: str | None = None) -> str:
    """A full day in `loc`'s format (2026-11-12, 12/11/2026), today's said to be under way
    ("2026-11-12 (today, so far)"); other categories as they are."""
    if len(iso_day) != 10:
        return iso_day
    day = loc.date(date.fromisoformat(iso_day))
    return loc.t("{day} (today, so far)", day=day) if iso_day == today else day


# The author history's rows, top to bottom, and their y in the plot's pixels: the label
# column beside it (desk-case.css .history-y) puts its three words at the same heights.
HISTORY_HEIGHT = 72
_HISTORY_GAP = 3.0  # percent of the plot between dots at least: a dot's width on a phone
_HISTORY_ROWS = {"positive": 8.0, "neutral": 36.0, "negative": 64.0}


@dataclass(frozen=True, slots=True)
class Timeline:
    points: list[Point]  # x in percent of the plot's width, y in pixels
    rows: list[tuple[str, float]]  # (label word, y): the y axis, praise on top
    first: str  # the first and last mentions' days, in the desk's zone: the x axis
    last: str
    height: int = HISTORY_HEIGHT


def timeline_points(rows: Sequence[TimelineEntry], *, loc: Locale = ENGLISH) -> Timeline | None:
    """The author's sentiment over time: one dot per mention, oldest left, praise high."""
    if not rows:
        return None
    points = [
        Point(
            x,
            _HISTORY_ROWS.get(r.label, _HISTORY_ROWS["neutral"]),
            r.label,
            " · ".join(
                (
                    loc.date(r.created_at),
                    loc.word("platform", r.platform),
                    loc.word("label", r.label),
                )
            ),
        )
        for x, r in zip(_history_x(rows), rows, strict=True)
    ]
    axis = [(loc.word("label", label), y) for label, y in _HISTORY_ROWS.items()]
    return Timeline(points, axis, loc.date(rows[0].created_at), loc.date(rows[-1].created_at))


def _history_x(rows: Sequence[TimelineEntry]) -> list[float]:
    """Each dot's x, in percent of the plot: where its moment falls between the first and the
    last, the days the axis names (a month's silence is a gap, posts an hour apart cluster),
    yet never on top of the one before (three posts read as three dots)."""
    first, last = rows[0].created_at, rows[-1].created_at
    span = (last - first).total_seconds()
    if span <= 0:  # one moment: spread evenly, so each can still be seen
        step = 92 / max(len(rows) - 1, 1)
        return [4 + i * step for i in range(len(rows))]
    gap = min(_HISTORY_GAP, 92 / (len(rows) - 1))
    xs = [4 + 92 * (r.created_at - first).total_seconds() / span for r in rows]
    for i in range(1, len(xs)):  # apart from the one before…
        xs[i] = max(xs[i], xs[i - 1] + gap)
    xs[-1] = 96.0
    for i in range(len(xs) - 2, -1, -1):  # …and from the one after, the last kept at the end
        xs[i] = min(xs[i], xs[i + 1] - gap)
    return xs
