"""The dashboard's numbers: the figures of the last 7, 30 or 90 days (with the last 24 hours by
hour for the page), and their CSV export."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from functools import partial

from mentiondesk.business_hours import BusinessHours
from mentiondesk.figures import LABELS, Figures, load_period, load_period_with, mention_counts
from mentiondesk.hourly import Hour, hourly_counts
from mentiondesk.period import Period, last_days
from mentiondesk.store import Store

PERIODS = (7, 30, 90)
LANG_COLUMN = "lang_"  # a language's column in the data CSV: lang_en, lang_pt, lang_und


def load_dashboard(
    store: Store,
    *,
    days: int,
    now: datetime,
    zone: tzinfo = UTC,
    hours: BusinessHours | None = None,
    period: Period | None = None,
) -> Figures:
    """The dashboard's figures over the `days` calendar days up to today (or `period`, a
    calendar month); first responses in business hours too when the desk has them (`hours`)."""
    period = period or last_days(now, days, zone)
    return load_period(store, period, now=now, zone=zone, hours=hours)


def load_dashboard_page(
    store: Store,
    *,
    days: int,
    now: datetime,
    zone: tzinfo = UTC,
    hours: BusinessHours | None = None,
    period: Period | None = None,
) -> tuple[Figures, list[Hour]]:
    """The page's figures (of `period` when given) and its last 24 hours by hour, read at one
    moment: a mention stored meanwhile is in both charts or in neither."""
    more = partial(hourly_counts, now=now, zone=zone)
    period = period or last_days(now, days, zone)
    return load_period_with(store, period, more, now=now, zone=zone, hours=hours)


def mention_total(data: Figures) -> int:
    """The period's mentions, as the page's card counts them: its chart's days and labels."""
    return sum(
        data.by_day.get(day, {}).get(label, 0) for day in data.days_list() for label in LABELS
    )


def csv_rows(
    store: Store, *, days: int, now: datetime, zone: tzinfo = UTC, period: Period | None = None
) -> list[list[str]]:
    """Daily mentions per platform and label over the period, for a spreadsheet; then, in
    columns after the total (so scripts reading the first six find them where they were), the
    same mentions by language: one column per language of the period (und: unknown)."""
    with store.engine.connect() as conn:
        counts = mention_counts(conn, period or last_days(now, days, zone), zone)
    table: dict[tuple[str, str], dict[str, int]] = {}
    langs: dict[tuple[str, str], dict[str, int]] = {}
    for d, platform, label, lang, n in counts:
        found = table.setdefault((d, platform), {})
        found[label] = found.get(label, 0) + n
        spoken = langs.setdefault((d, platform), {})
        spoken[lang] = spoken.get(lang, 0) + n
    columns = sorted({lang for _, _, _, lang, _ in counts}, key=lambda c: (c == "und", c))
    rows = [["day", "platform", *LABELS, "total", *(LANG_COLUMN + c for c in columns)]]
    for (d, platform), found in sorted(table.items()):
        values = [found.get(label, 0) for label in LABELS]
        by_lang = [langs[d, platform].get(c, 0) for c in columns]
        rows.append([d, platform, *map(str, values), str(sum(values)), *map(str, by_lang)])
    return rows
