"""Chart geometry for server-rendered SVG: Python computes the shapes, templates draw them."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from mentiondesk.web.i18n import ENGLISH, Locale

# The chart scales with its panel: on a 390 px phone a unit is under half a pixel, so the CSS
# sizes its labels up there (desk.css) and hides the minor ones; the paddings leave them room.
# On a wide screen it grows to 1.1 units a pixel at most (desk.css's max-width): its 11-unit
# labels stay the page's small text, not 20 px ones across a 1,300 px panel.
WIDTH, HEIGHT = 720, 220
PAD_LEFT, PAD_BOTTOM, PAD_TOP = 60, 32, 16
MAJOR_X_TICKS = 5  # beyond this many day labels, every other one is minor
_LABEL_Y = {"negative": 0.15, "neutral": 0.5, "positive": 0.85}


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    css: str
    title: str


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    y: float
    text: str
    minor: bool = False  # left out where space is short (phones)


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    rects: list[Rect]
    y_ticks: list[Tick]
    x_ticks: list[Tick]
    empty: bool
    left: int = PAD_LEFT  # where the plot starts, right of the y labels


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
    width: int = WIDTH,
    loc: Locale = ENGLISH,
) -> Chart:
    """One bar per category (a YYYY-MM-DD day), stacked by series (a sentiment label); the
    labels and tooltips in `loc`'s language."""
    totals = [sum(values[i] for values in series.values()) for i in range(len(categories))]
    ticks = axis_ticks(max(totals, default=0))
    top = ticks[-1]
    plot_w, plot_h = width - PAD_LEFT - 8, HEIGHT - PAD_BOTTOM - PAD_TOP
    slot = plot_w / max(len(categories), 1)
    bar = max(slot * 0.75, 1.0)
    rects: list[Rect] = []
    for i, category in enumerate(categories):
        base = float(HEIGHT - PAD_BOTTOM)
        for name, values in series.items():
            h = values[i] / top * plot_h
            if h <= 0:
                continue
            base -= h
            x = PAD_LEFT + i * slot + (slot - bar) / 2
            title = f"{_day(loc, category)} · {_label_count(loc, name, values[i])}"
            rects.append(Rect(x, base, bar, h, name, title))
    every = max(1, len(categories) // 8)
    shown = [(i, loc.day(c)) for i, c in enumerate(categories) if i % every == 0]
    halve = len(shown) > MAJOR_X_TICKS
    x_ticks = [
        Tick(PAD_LEFT + (i + 0.5) * slot, HEIGHT - 6, text, minor=halve and n % 2 == 1)
        for n, (i, text) in enumerate(shown)
    ]
    y_ticks = [
        Tick(PAD_LEFT - 6, HEIGHT - PAD_BOTTOM - plot_h * t / top, short_count(t, loc=loc))
        for t in ticks
    ]
    return Chart(width, HEIGHT, rects, y_ticks, x_ticks, not any(totals))


def day_rows(
    categories: Sequence[str], series: Mapping[str, Sequence[int]], *, loc: Locale = ENGLISH
) -> list[tuple[str, list[str]]]:
    """The stacked bars' figures as a table's rows (a day, then each series' count): the
    chart's alternative for screen readers, and for eyes that cannot tell its colours apart."""
    return [
        (_day(loc, day), [loc.number(values[i]) for values in series.values()])
        for i, day in enumerate(categories)
    ]


def _label_count(loc: Locale, label: str, n: int) -> str:
    """A day's mentions of one sentiment, as people count them: "19 complaints", "1 elogio"
    (not "Reclamação: 19", the badge's word beside a plural count)."""
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


def _day(loc: Locale, iso_day: str) -> str:
    """A full day in `loc`'s format (2026-11-12, 12/11/2026); other categories as they are."""
    return loc.date(date.fromisoformat(iso_day)) if len(iso_day) == 10 else iso_day


def timeline_points(
    rows: Sequence[Any], *, width: int = 300, height: int = 60, loc: Locale = ENGLISH
) -> list[Point]:
    """The author's sentiment over time: one dot per mention, low = negative, high = positive."""
    if not rows:
        return []
    step = (width - 16) / max(len(rows) - 1, 1)
    return [
        Point(
            8 + i * step,
            height - 6 - _LABEL_Y.get(r.label, 0.5) * (height - 12),
            r.label,
            " · ".join(
                (
                    loc.date(r.created_at),
                    loc.word("platform", r.platform),
                    loc.word("label", r.label),
                )
            ),
        )
        for i, r in enumerate(rows)
    ]
