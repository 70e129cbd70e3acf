"""`mentiondesk report`: the desk's numbers over a period, as the dashboard reckons them."""

from __future__ import annotations

import re
import sys
from datetime import UTC, date, datetime, tzinfo
from typing import Annotated

import typer
from rich.console import Console

from mentiondesk import cli_json
from mentiondesk.cli_common import day, desk_zone, err, load, open_store
from mentiondesk.cli_values import bounded, one_of
from mentiondesk.config_desk import desk_language
from mentiondesk.period import DEFAULT_DAYS, Period, calendar_month, days_from, last_days
from mentiondesk.report import period_report
from mentiondesk.report_csv import csv_report
from mentiondesk.report_text import plain_report, print_report, week
from mentiondesk.report_words import REPORT_WORDS

__all__ = ["print_report", "register", "report_command"]


def _language(value: str) -> str:
    """`--lang` as the desk spells it ("pt-br", "pt_BR", "pt" → "pt-BR"), refused in words."""
    try:
        return desk_language(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


# The shared --format's two, and two that paste: plain lines for an email, CSV for a sheet.
_FORMATS = ("text", "plain", "csv", "json")
ReportFormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        help="text (tables), plain (lines with no box, for an email), csv (a row per figure, "
        "for a spreadsheet: ';' separated in Portuguese) or json.",
        metavar="<text|plain|csv|json>",
        parser=one_of("an output format", _FORMATS),
    ),
]


def register(app: typer.Typer) -> None:
    """Add `report` to the main CLI."""
    app.command("report")(report_command)


def report_command(
    ctx: typer.Context,
    format: ReportFormatOption = "text",
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            **bounded("a number of days", 1, 36500),
            help=f"The last N calendar days, today the last (default {DEFAULT_DAYS}, as the "
            "dashboard); with --since, N days from that day.",
            metavar="<n>",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        date | None,
        typer.Option(
            "--since",
            parser=day,
            help="From this day to today (or for --days days), written 2026-11-30 or day "
            "first, 30/11/2026; days are \\[desk] timezone's.",
            metavar="<yyyy-mm-dd|dd/mm/yyyy>",
            show_default=False,
        ),
    ] = None,
    month: Annotated[
        date | None,
        typer.Option(
            "--month",
            parser=_month,
            help="A calendar month in \\[desk] timezone, written 2026-10 or 10/2026, its "
            "recurring reasons against the month before (not with --days or --since).",
            metavar="<yyyy-mm|mm/yyyy>",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            parser=_language,
            help="The text's language: en, pt-BR or pt-PT (default \\[desk] language, as the "
            "desk; else en). Dates, numbers and waits as that language writes them; --format "
            "json keeps its English keys and plain numbers.",
            metavar="<en|pt-BR|pt-PT>",
            show_default=False,
        ),
    ] = None,
) -> None:
    """The numbers for a period: mentions by label and topic, cases, drafts, alerts,
    first-response time, resolution rate, CSAT, NPS and recurring complaint reasons."""
    config = load(ctx)
    zone = desk_zone(config)
    period = (
        _period(days, since, zone) if month is None else _month_period(days, since, month, zone)
    )
    store = open_store(config, reading=True)
    try:
        now, hours = datetime.now(UTC), config.business_hours
        # The text rounds shares and waits itself, as the dashboard does: from the exact figure.
        exact = format != "json"
        data = period_report(store, period, now=now, zone=zone, hours=hours, exact=exact)
    finally:
        store.dispose()
    if format == "json":
        cli_json.write(data)
        return
    # The site's language, as the desk's pages have it when nobody picked one.
    words = REPORT_WORDS[lang or config.settings.desk.language or "en"]
    running = period.until is None
    if format == "csv":
        sys.stdout.write(
            csv_report(data, running=running, words=words, week=week(data, words, hours))
        )
    elif format == "plain":
        sys.stdout.write(plain_report(data, running=running, words=words, hours=hours))
    else:
        print_report(Console(emoji=False), data, running=running, words=words, hours=hours)


def _month(value: str | date) -> date:
    """`--month` on the command line: 2026-10 or 10/2026, as the first of that month."""
    if isinstance(value, date):
        return value
    found = _YEAR_MONTH.fullmatch(value.strip()) or _MONTH_YEAR.fullmatch(value.strip())
    if found is None or not 1 <= int(found["m"]) <= 12:
        raise typer.BadParameter(f"{value!r} is not a month; write it as 2026-10 or 10/2026")
    return date(int(found["y"]), int(found["m"]), 1)


_YEAR_MONTH = re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})")
_MONTH_YEAR = re.compile(r"(?P<m>\d{1,2})/(?P<y>\d{4})")


def _month_period(days: int | None, since: date | None, month: date, zone: tzinfo) -> Period:
    """The calendar month asked for; --days and --since say another period, so not with it."""
    if days is not None or since is not None:
        err.print("--month: a month is its own period; leave out --days and --since")
        raise typer.Exit(2)
    try:
        return calendar_month(month, now=datetime.now(UTC), zone=zone)
    except ValueError as exc:
        err.print(f"--month: {exc}", markup=False)
        raise typer.Exit(2) from None


def _period(days: int | None, since: date | None, zone: tzinfo) -> Period:
    now = datetime.now(UTC)
    if since is None:
        return last_days(now, days or DEFAULT_DAYS, zone)
    try:
        return days_from(since, days=days, now=now, zone=zone)
    except ValueError as exc:
        err.print(f"--since: {exc}", markup=False)
        raise typer.Exit(2) from None
