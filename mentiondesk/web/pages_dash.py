"""The dashboard (managers): sentiment over time, response times, satisfaction, reasons."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo

from aiohttp import web

from mentiondesk.figures import LABELS, Figures
from mentiondesk.hourly import Hour
from mentiondesk.metrics import P90_MIN_ANSWERS, change
from mentiondesk.models import zone_name
from mentiondesk.period import DEFAULT_DAYS, Period, calendar_month
from mentiondesk.web.charts import day_rows, hbars, stacked_bars
from mentiondesk.web.charts_hourly import hour_rows, hourly_bars
from mentiondesk.web.common import DESK, render, require
from mentiondesk.web.csv_export import DATA, data_csv, spreadsheet_csv, summary_csv
from mentiondesk.web.csv_summary import data_rows, sheet_rows
from mentiondesk.web.data_dash import (
    PERIODS,
    csv_rows,
    load_dashboard,
    load_dashboard_page,
    mention_total,
)
from mentiondesk.web.form_values import is_number
from mentiondesk.web.i18n import DEFAULT, ZONE, Locale, negotiate
from mentiondesk.web.users import Role


def add_routes(router: web.UrlDispatcher) -> None:
    router.add_get("/dashboard", dashboard)
    router.add_get("/dashboard.csv", dashboard_csv)
    router.add_get("/dashboard/summary.csv", summary_export)


def _days(request: web.Request) -> int:
    text = request.query.get("days", "")
    return int(text) if is_number(text, 3) and int(text) in PERIODS else DEFAULT_DAYS


_MONTH = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})")


def _month(request: web.Request, now: datetime, zone: tzinfo) -> Period | None:
    """?month=2026-10: that calendar month in the desk's zone, the period a board's monthly
    figures cover (7, 30 or 90 days never are one), its trends on the month before; None when
    not asked, or not a month up to this one (the last days, then, as without it)."""
    found = _MONTH.fullmatch(request.query.get("month", ""))
    if found is None or not 1 <= int(found["m"]) <= 12 or int(found["y"]) < 2000:
        return None
    try:
        return calendar_month(date(int(found["y"]), int(found["m"]), 1), now=now, zone=zone)
    except ValueError:  # a month to come
        return None


def _last_month(now: datetime, zone: tzinfo) -> str:
    """The calendar month before this one in the desk's zone, as ?month= takes it."""
    first = now.astimezone(zone).date().replace(day=1)
    return f"{first - timedelta(days=1):%Y-%m}"


def _query(data: Figures, month: Period | None) -> str:
    """The period of the page in its links' query: the month's, or its days'."""
    return f"month={data.since:%Y-%m}" if month else f"days={data.days}"


async def _figures(
    request: web.Request, *, hourly: bool = False
) -> tuple[Figures, list[Hour], datetime, Period | None]:
    """The period's figures (and the last 24 hours by hour, for the page) and the moment they
    were read, and the calendar month asked for (None: the last days): the page and its
    summary export both come from here, so the sheet says what the cards say. The sheet has
    no hourly rows: it is the period's, and a day under way's hours would be stale by the
    time it is read."""
    desk, now = request.app[DESK], request.app[DESK].clock()
    days, zone, hours = _days(request), request.app[ZONE], desk.config.business_hours
    month = _month(request, now, zone)
    if hourly:
        data, by_hour = await desk.db(
            load_dashboard_page,
            desk.store,
            days=days,
            now=now,
            zone=zone,
            hours=hours,
            period=month,
        )
        return data, by_hour, now, month
    data = await desk.db(
        load_dashboard, desk.store, days=days, now=now, zone=zone, hours=hours, period=month
    )
    return data, [], now, month


@require(Role.MANAGER)
async def dashboard(request: web.Request) -> web.Response:
    loc = negotiate(request)
    data, hourly, now, month = await _figures(request, hourly=True)
    categories = data.days_list()
    series = {
        label: [data.by_day.get(day, {}).get(label, 0) for day in categories] for label in LABELS
    }
    # A fresh install has no previous period: every reason would be "new", which says nothing.
    notes = {
        loc.word("reason", reason): _trend(loc, now_n, before, by_month=_over(month))
        for reason, now_n, before in data.reasons
        if data.compared
    }
    reasons = [(loc.word("reason", r), n) for r, n, _ in data.reasons]
    # A period running to now ends today: its bar counts a day not over yet. A month over has
    # no such day.
    running = month is None or month.until is None
    today = categories[-1] if running else None
    return render(
        request,
        "dashboard.html",
        data=data,
        periods=PERIODS,
        sentiment=stacked_bars(categories, series, loc=loc, today=today),
        sentiment_rows=day_rows(categories, series, loc=loc, today=today),
        hourly=hourly_bars(hourly, loc=loc),
        hourly_rows=hour_rows(hourly, loc=loc),
        hourly_zone=zone_name(hourly[-1].start),  # the current hour's: UTC−3, WEST
        platforms=hbars([(loc.word("platform", p), n) for p, n in data.platforms]),
        languages=hbars([(loc.word("lang", code), n) for code, n in data.languages]),
        reasons=hbars(reasons, notes),
        total=mention_total(data),
        p90_min=P90_MIN_ANSWERS,
        computed=now,  # the moment the figures were read (shown in the desk's zone)
        month=month,
        month_days=_days_of(loc, month),
        last_month=_last_month(now, request.app[ZONE]),
        query=_query(data, month),
        running=running,
    )


def _days_of(loc: Locale, month: Period | None) -> str:
    """A month's first and last days as the page writes days: "01/10/2026 a 31/10/2026"."""
    if month is None:
        return ""
    return loc.t(
        "{first} to {last}", first=loc.date(month.first_day), last=loc.date(month.last_day)
    )


def _over(month: Period | None) -> bool:
    """A calendar month that is over: its trends are on the month before, not on as many
    days before it (one under way is compared with as long a time, as any running period)."""
    return month is not None and month.until is not None


def _trend(loc: Locale, now: int, before: int, *, by_month: bool = False) -> tuple[str, str]:
    """A reason's change on the previous period (the month before, `by_month`), and what it
    means (a tooltip)."""
    percent = change(now, before)
    if percent is None:
        if not now:
            return "", ""
        why = (
            loc.t("No case for this reason in the month before.")
            if by_month
            else loc.t("No case for this reason in the previous period of as many days.")
        )
        return loc.t("new this period"), why
    signed = loc.signed_percent(percent)
    if by_month:
        return loc.t("{change} vs the month before", change=signed), ""
    return loc.t("{change} vs previous period", change=signed), ""


@require(Role.MANAGER)
async def dashboard_csv(request: web.Request) -> web.Response:
    """The period's daily mentions per platform and label, in the page's language for its
    spreadsheets; English, or any language with ?format=data, in the stable data format."""
    desk, loc = request.app[DESK], negotiate(request)
    days, now, zone = _days(request), desk.clock(), request.app[ZONE]
    month = _month(request, now, zone)
    rows = await desk.db(csv_rows, desk.store, days=days, now=now, zone=zone, period=month)
    as_data = request.query.get("format") == DATA or loc.lang == DEFAULT
    name = f"mentiondesk-{month.since:%Y-%m}.csv" if month else f"mentiondesk-{days}d.csv"
    return web.Response(
        text=data_csv(rows) if as_data else spreadsheet_csv(rows, loc),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@require(Role.MANAGER)
async def summary_export(request: web.Request) -> web.Response:
    """The period's cards, a row per figure: in the page's language for its spreadsheets
    (English too: the figures as shown, not raw seconds), or the data form with ?format=data."""
    loc = negotiate(request)
    data, _, now, month = await _figures(request)
    zone, total = request.app[ZONE], mention_total(data)
    if request.query.get("format") == DATA:
        text = summary_csv(data_rows(data, total=total, computed=now, zone=zone), None)
    else:
        rows = sheet_rows(data, loc, total=total, computed=now, zone=zone)
        text = summary_csv(rows, loc)
    span = f"{data.since:%Y-%m}" if month else f"{data.days}d"
    name = f"mentiondesk-summary-{span}.csv"
    return web.Response(
        text=text,
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
