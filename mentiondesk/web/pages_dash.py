"""The dashboard (managers): sentiment over time, response times, satisfaction, reasons."""

from __future__ import annotations

from datetime import datetime

from aiohttp import web

from mentiondesk.figures import LABELS, Figures
from mentiondesk.hourly import Hour
from mentiondesk.metrics import P90_MIN_ANSWERS, change
from mentiondesk.models import zone_name
from mentiondesk.period import DEFAULT_DAYS
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


async def _figures(
    request: web.Request, *, hourly: bool = False
) -> tuple[Figures, list[Hour], datetime]:
    """The period's figures (and the last 24 hours by hour, for the page) and the moment they
    were read: the page and its summary export both come from here, so the sheet says what
    the cards say. The sheet has no hourly rows: it is the period's, and a day under way's
    hours would be stale by the time it is read."""
    desk, now = request.app[DESK], request.app[DESK].clock()
    days, zone, hours = _days(request), request.app[ZONE], desk.config.business_hours
    if hourly:
        data, by_hour = await desk.db(
            load_dashboard_page, desk.store, days=days, now=now, zone=zone, hours=hours
        )
        return data, by_hour, now
    data = await desk.db(load_dashboard, desk.store, days=days, now=now, zone=zone, hours=hours)
    return data, [], now


@require(Role.MANAGER)
async def dashboard(request: web.Request) -> web.Response:
    loc = negotiate(request)
    data, hourly, now = await _figures(request, hourly=True)
    categories = data.days_list()
    series = {
        label: [data.by_day.get(day, {}).get(label, 0) for day in categories] for label in LABELS
    }
    # A fresh install has no previous period: every reason would be "new", which says nothing.
    notes = {
        loc.word("reason", reason): _trend(loc, now_n, before)
        for reason, now_n, before in data.reasons
        if data.compared
    }
    reasons = [(loc.word("reason", r), n) for r, n, _ in data.reasons]
    today = categories[-1]  # the period ends today: its bar counts a day not over yet
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
    )


def _trend(loc: Locale, now: int, before: int) -> tuple[str, str]:
    """A reason's change on the previous period, and what it means (a tooltip)."""
    percent = change(now, before)
    if percent is None:
        if not now:
            return "", ""
        why = loc.t("No case for this reason in the previous period of as many days.")
        return loc.t("new this period"), why
    return loc.t("{change} vs previous period", change=loc.signed_percent(percent)), ""


@require(Role.MANAGER)
async def dashboard_csv(request: web.Request) -> web.Response:
    """The period's daily mentions per platform and label, in the page's language for its
    spreadsheets; English, or any language with ?format=data, in the stable data format."""
    desk, loc = request.app[DESK], negotiate(request)
    days = _days(request)
    rows = await desk.db(csv_rows, desk.store, days=days, now=desk.clock(), zone=request.app[ZONE])
    as_data = request.query.get("format") == DATA or loc.lang == DEFAULT
    return web.Response(
        text=data_csv(rows) if as_data else spreadsheet_csv(rows, loc),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="mentiondesk-{days}d.csv"'},
    )


@require(Role.MANAGER)
async def summary_export(request: web.Request) -> web.Response:
    """The period's cards, a row per figure: in the page's language for its spreadsheets
    (English too: the figures as shown, not raw seconds), or the data form with ?format=data."""
    loc = negotiate(request)
    data, _, now = await _figures(request)
    zone, total = request.app[ZONE], mention_total(data)
    if request.query.get("format") == DATA:
        text = summary_csv(data_rows(data, total=total, computed=now, zone=zone), None)
    else:
        rows = sheet_rows(data, loc, total=total, computed=now, zone=zone)
        text = summary_csv(rows, loc)
    name = f"mentiondesk-summary-{data.days}d.csv"
    return web.Response(
        text=text,
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
