"""`mentiondesk report`: the desk's numbers over a period, the dashboard's calendar days."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, tzinfo
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from mentiondesk.cli_common import err, load, open_store
from mentiondesk.cli_render import duration
from mentiondesk.report import period_report
from mentiondesk.web.period import DEFAULT_DAYS, Period, days_from, last_days

_WORK = {  # JSON key → what the row says
    "cases_total": "cases opened",
    "cases_open": "cases still open",
    "drafts_pending": "drafts pending",
    "replies_sent": "replies sent",
    "alerts_sent": "alerts sent",
    "tickets_opened": "tickets opened",
    "outbox_waiting": "outbox waiting",
    "outbox_held": "outbox held",
}


def register(app: typer.Typer) -> None:
    """Add `report` to the main CLI."""
    app.command("report")(report_command)


def report_command(
    ctx: typer.Context,
    format: Annotated[
        str, typer.Option("--format", "-f", help="text or json.", metavar="<text|json>")
    ] = "text",
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            min=1,
            max=36500,
            help=f"The last N calendar days, today the last (default {DEFAULT_DAYS}, as the "
            "dashboard); with --since, N days from that day.",
            metavar="<n>",
            show_default=False,
        ),
    ] = None,
    since: Annotated[
        datetime | None,
        typer.Option(
            "--since",
            formats=["%Y-%m-%d"],
            help="From this day to today (or for --days days); days are \\[desk] timezone's.",
            metavar="<YYYY-MM-DD>",
            show_default=False,
        ),
    ] = None,
) -> None:
    """The numbers for a period: mentions by label and topic, cases, drafts, alerts,
    first-response time."""
    if format not in ("text", "json"):
        err.print("--format must be text or json")
        raise typer.Exit(2)
    config = load(ctx)
    zone = ZoneInfo(config.settings.desk.timezone)
    period = _period(days, since, zone)
    store = open_store(config)
    try:
        data = period_report(store, period, now=datetime.now(UTC), zone=zone)
    finally:
        store.dispose()
    if format == "json":
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        print_report(Console(), data, running=period.until is None)


def _period(days: int | None, since: datetime | None, zone: tzinfo) -> Period:
    now = datetime.now(UTC)
    if since is None:
        return last_days(now, days or DEFAULT_DAYS, zone)
    try:
        return days_from(since.date(), days=days, now=now, zone=zone)
    except ValueError as exc:
        err.print(f"--since: {exc}", markup=False)
        raise typer.Exit(2) from None


def print_report(console: Console, data: dict[str, Any], *, running: bool) -> None:
    """The period, then what came in and the work it made."""
    p = data["period"]
    span = f"last {p['days']} days" if running else f"{p['first_day']} to {p['last_day']}"
    console.print(f"[bold]mentiondesk report[/] · {span}")
    days = f"{p['first_day']} – {p['last_day']}, {p['days']} day{'' if p['days'] == 1 else 's'}"
    console.print(f"{days} in {escape(p['timezone'])}", highlight=False)
    console.print(_volume(data), _work(data))


def _volume(data: dict[str, Any]) -> Table:
    table = _table("Mentions")
    table.add_row("mentions", str(data["mentions"]))
    for label, n in data["by_label"].items():
        table.add_row(f"label: {label}", str(n))
    for topic, n in data["by_topic"].items():
        table.add_row(f"topic: {escape(topic)}", str(n))
    return table


def _work(data: dict[str, Any]) -> Table:
    table = _table("Work")
    for key, what in _WORK.items():
        table.add_row(what, str(data[key]))
    fr = data["first_response"]
    table.add_row("first response p50", duration(fr and fr["p50_seconds"]))
    table.add_row("first response p90", duration(fr and fr["p90_seconds"]))
    table.add_row("awaiting a reply", str(data["first_response_waiting"]))
    return table


def _table(title: str) -> Table:
    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    return table
