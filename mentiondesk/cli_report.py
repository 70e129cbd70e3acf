"""`mentiondesk report`: the desk's numbers over a period, as the dashboard reckons them."""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime, tzinfo
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from mentiondesk.cli_common import day, desk_zone, err, load, open_store
from mentiondesk.cli_render import duration
from mentiondesk.cli_values import FormatOption, bounded
from mentiondesk.metrics import P90_MIN_ANSWERS, change
from mentiondesk.period import DEFAULT_DAYS, Period, days_from, last_days
from mentiondesk.report import period_report
from mentiondesk.wording import counted, english_word, percent, signed, whole

_WORK = {  # JSON key → what the row says
    "cases_total": "cases opened",
    "cases_open": "cases still open",
    "drafts_pending": "drafts pending",
    "replies_sent": "replies sent",
    "alerts_sent": "alerts sent",
    "tickets_opened": "tickets opened",
    "outbox_waiting": "outbox waiting",
    "outbox_held": "outbox held",
    "outbox_dropped": "outbox dropped",
}


def register(app: typer.Typer) -> None:
    """Add `report` to the main CLI."""
    app.command("report")(report_command)


def report_command(
    ctx: typer.Context,
    format: FormatOption = "text",
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
            help="From this day to today (or for --days days); days are \\[desk] timezone's.",
            metavar="<yyyy-mm-dd>",
            show_default=False,
        ),
    ] = None,
) -> None:
    """The numbers for a period: mentions by label and topic, cases, drafts, alerts,
    first-response time, resolution rate, CSAT, NPS and recurring complaint reasons."""
    config = load(ctx)
    zone = desk_zone(config)
    period = _period(days, since, zone)
    store = open_store(config, reading=True)
    try:
        now, hours = datetime.now(UTC), config.business_hours
        # The text rounds shares and waits itself, as the dashboard does: from the exact figure.
        exact = format == "text"
        data = period_report(store, period, now=now, zone=zone, hours=hours, exact=exact)
    finally:
        store.dispose()
    if format == "json":
        sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        print_report(Console(emoji=False), data, running=period.until is None)


def _period(days: int | None, since: date | None, zone: tzinfo) -> Period:
    now = datetime.now(UTC)
    if since is None:
        return last_days(now, days or DEFAULT_DAYS, zone)
    try:
        return days_from(since, days=days, now=now, zone=zone)
    except ValueError as exc:
        err.print(f"--since: {exc}", markup=False)
        raise typer.Exit(2) from None


def print_report(console: Console, data: dict[str, Any], *, running: bool) -> None:
    """The period, then what came in, the work it made, the service figures and the reasons."""
    p = data["period"]
    last = f"last {counted(p['days'], 'day')}"
    span = last if running else f"{p['first_day']} to {p['last_day']}"
    console.print(f"[bold]mentiondesk report[/] · {span}")
    days = f"{p['first_day']} – {p['last_day']}, {counted(p['days'], 'day')}"
    console.print(f"{days} in {escape(p['timezone'])}", highlight=False)
    console.print(_volume(data), _work(data), _service(data), _reasons(data))


def _volume(data: dict[str, Any]) -> Table:
    table = _table("Mentions")
    # Read ones, as the dashboard counts them; one stored and not read yet has no label yet.
    table.add_row("mentions", str(data["mentions"]))
    if unread := data.get("mentions_unread"):
        table.add_row("not read yet (not in the figures)", str(unread))
    for label, n in data["by_label"].items():
        table.add_row(f"label: {label}", str(n))
    for topic, n in data["by_topic"].items():
        table.add_row(f"topic: {escape(topic)}", str(n))
    return table


def _work(data: dict[str, Any]) -> Table:
    table = _table("Work")
    for key, what in _WORK.items():
        table.add_row(what, str(data[key]))
    return table


def _service(data: dict[str, Any]) -> Table:
    table = _table("Service")
    table.add_column("from", style="dim")
    fr = data["first_response"]
    answered = f"{fr['count']} answered" if fr else "none answered"
    # As the dashboard: no p90 from fewer answered cases than it needs (metrics.few).
    few = bool(fr) and fr["count"] < P90_MIN_ANSWERS
    too_few = f"; too few for a p90 (shown from {P90_MIN_ANSWERS} on)" if few else ""
    table.add_row("first response p50", duration(fr and fr["p50_seconds"]), answered)
    table.add_row("first response p90", duration(fr and fr["p90_seconds"]), answered + too_few)
    if data["business_hours"]:  # the same waits, counted in the team's working week
        biz, hours = data["first_response_business_hours"], escape(data["business_hours"])
        for pct in ("p50", "p90"):
            wait = duration(biz and biz[f"{pct}_seconds"], days=False)
            why = too_few if pct == "p90" else ""  # the same cases: too few for both p90s
            table.add_row(f"{pct} in business hours", wait, f"first response, {hours}{why}")
    table.add_row("awaiting a reply", str(data["first_response_waiting"]), "open, unanswered")
    # Closed cases (spam, a duplicate, no answer) needed no resolution: out of the rate, beside it.
    needed = data["cases_total"] - data["cases_closed"]
    resolved = f"{data['cases_resolved']} of {counted(needed, 'case')} that needed one"
    table.add_row("resolution rate", percent(data["resolution_rate"]), resolved)
    closed = "spam, duplicate, no answer; not in rate"
    table.add_row("closed without resolution", str(data["cases_closed"]), closed)
    csat, nps = data["csat"], data["nps"]
    table.add_row("CSAT (4–5 of 5)", percent(csat["percent"]), _answers(csat))
    score = "—" if nps["score"] is None else signed(nps["score"])
    table.add_row("NPS", score, _answers(nps))
    won = "complained; praise since, no complaint"
    table.add_row("won back", str(data["won_back"]), won)
    return table


def _reasons(data: dict[str, Any]) -> Table:
    table = Table(title="Recurring complaint reasons (cases per reason)", title_justify="left")
    for column in ("reason", "cases", "previous period", "change"):
        table.add_column(column, justify="left" if column == "reason" else "right")
    for row in data["complaint_reasons"]:
        now, before = row["cases"], row["previous_period"]
        reason = english_word("reason", row["reason"])  # as the dashboard words it
        trend = _trend(now, before) if data["previous_period_had_complaints"] else "—"
        table.add_row(escape(reason), str(now), str(before), trend)
    if not data["complaint_reasons"]:
        table.add_row("no complaints in this period", "", "", "")
    return table


def _table(title: str) -> Table:
    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    return table


def _trend(now: int, before: int) -> str:
    percent = change(now, before)
    if percent is None:
        return "new" if now else "—"
    n = whole(percent)
    return f"{n:+d}%" if n else "0%"  # as the dashboard: no change is no sign


def _answers(score: dict[str, Any]) -> str:
    n = score["answers"]
    answers = f"{n} answer{'' if n == 1 else 's'}"
    return answers + (" · small sample" if score["small_sample"] else "")
