"""`mentiondesk report`'s text: the period, then what came in, the work it made, the service
figures and the recurring problems, in the language asked for (report_words)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from mentiondesk.business_hours import BusinessHours
from mentiondesk.metrics import P90_MIN_ANSWERS, change
from mentiondesk.report_words import ENGLISH, ReportWords

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
# The labels as the run summary and the desk name them, not as stored ("negative").
_LABELS = {"negative": "complaints", "neutral": "neutral", "positive": "praise"}


def print_report(
    console: Console,
    data: dict[str, Any],
    *,
    running: bool,
    words: ReportWords = ENGLISH,
    hours: BusinessHours | None = None,
) -> None:
    """The report of `data` (period_report's) in `words`' language; `hours`, the calendar
    `data["business_hours"]` describes, to write its days in that language."""
    w, p = words, data["period"]
    first, last = w.day(p["first_day"]), w.day(p["last_day"])
    days = w.tn("{n} day", "{n} days", p["days"])
    span = w.tn("last {n} day", "last {n} days", p["days"]) if running else None
    span = span or w.t("{first} to {last}", first=first, last=last)
    console.print(f"[bold]{escape(w.t('mentiondesk report'))}[/] · {span}", highlight=False)
    period = w.t("{days} in {zone}", days=f"{first} – {last}, {days}", zone=p["timezone"])
    console.print(escape(period), highlight=False)
    week = w.hours(hours) if hours else data.get("business_hours")
    console.print(_volume(data, w), _work(data, w), _service(data, w, week), _reasons(data, w))


def _volume(data: dict[str, Any], w: ReportWords) -> Table:
    table = _table(w.t("Mentions"))
    # Read ones, as the dashboard counts them; one stored and not read yet has no label yet.
    table.add_row(w.t("mentions"), w.number(data["mentions"]))
    if unread := data.get("mentions_unread"):
        table.add_row(w.t("not read yet (not in the figures)"), w.number(unread))
    for label, n in data["by_label"].items():
        table.add_row(w.t(_LABELS.get(label, label)), w.number(n))
    for topic, n in data["by_topic"].items():  # one vocabulary with the reasons, as the desk
        table.add_row(escape(w.t("topic: {topic}", topic=w.word("reason", topic))), w.number(n))
    return table


def _work(data: dict[str, Any], w: ReportWords) -> Table:
    table = _table(w.t("Work"))
    for key, what in _WORK.items():
        table.add_row(w.t(what), w.number(data[key]))
    return table


def _service(data: dict[str, Any], w: ReportWords, week: str | None) -> Table:
    table = _table(w.t("Service"))
    table.add_column("from", style="dim")
    fr = data["first_response"]
    answered = (
        w.tn("{n} case answered", "{n} cases answered", fr["count"]) if fr else w.t("none answered")
    )
    # As the dashboard: no p90 from fewer answered cases than it needs (metrics.few).
    few = bool(fr) and fr["count"] < P90_MIN_ANSWERS
    too_few = w.t("; too few for a p90 (shown from {n} on)", n=P90_MIN_ANSWERS) if few else ""
    table.add_row(w.t("first response p50"), w.duration(fr and fr["p50_seconds"]), answered)
    table.add_row(
        w.t("first response p90"), w.duration(fr and fr["p90_seconds"]), answered + too_few
    )
    # The mean too: what a Brazilian or Portuguese director asks for as TMR (tempo médio).
    table.add_row(w.t("first response mean"), w.duration(fr and fr.get("mean_seconds")), answered)
    if week:  # the same waits, counted in the team's working week
        biz = data["first_response_business_hours"]
        for pct in ("p50", "p90"):
            shown = w.duration(biz and biz[f"{pct}_seconds"], days=False)
            why = too_few if pct == "p90" else ""  # the same cases: too few for both p90s
            what = w.t("first response, {hours}", hours=week) + why
            table.add_row(w.t(f"{pct} in business hours"), shown, escape(what))
    waiting = w.number(data["first_response_waiting"])
    table.add_row(w.t("awaiting a reply"), waiting, w.t("open, unanswered"))
    _outcomes(table, data, w)
    return table


def _outcomes(table: Table, data: dict[str, Any], w: ReportWords) -> None:
    """Resolution, satisfaction and authors won back: the rows after the waits."""
    # Closed cases (spam, a duplicate, no answer) needed no resolution: out of the rate, beside it.
    needed = data["cases_total"] - data["cases_closed"]
    one, many = "{resolved} of {n} case that needed one", "{resolved} of {n} cases that needed one"
    resolved = w.tn(one, many, needed, resolved=w.number(data["cases_resolved"]))
    table.add_row(w.t("resolution rate"), w.percent(data["resolution_rate"]), resolved)
    closed = w.t("spam, duplicate, no answer; not in rate")
    table.add_row(w.t("closed without resolution"), w.number(data["cases_closed"]), closed)
    csat, nps = data["csat"], data["nps"]
    table.add_row(w.t("CSAT (4–5 of 5)"), w.percent(csat["percent"]), _answers(csat, w))
    table.add_row(w.t("NPS"), w.signed(nps["score"]), _answers(nps, w))
    won = w.t("complained; praise since, no complaint")
    table.add_row(w.t("won back"), w.number(data["won_back"]), won)


def _reasons(data: dict[str, Any], w: ReportWords) -> Table:
    title = w.t("Recurring complaint reasons (cases per reason)")
    table = Table(title=title, title_justify="left")
    for column in ("reason", "cases", "previous period", "change"):
        table.add_column(w.t(column), justify="left" if column == "reason" else "right")
    for row in data["complaint_reasons"]:
        now, before = row["cases"], row["previous_period"]
        reason = w.word("reason", row["reason"])  # as the dashboard words it
        trend = _trend(now, before, w) if data["previous_period_had_complaints"] else "—"
        table.add_row(escape(reason), w.number(now), w.number(before), trend)
    if not data["complaint_reasons"]:
        table.add_row(w.t("no complaints in this period"), "", "", "")
    return table


def _table(title: str) -> Table:
    table = Table(title=title, show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    return table


def _trend(now: int, before: int, w: ReportWords) -> str:
    percent = change(now, before)
    if percent is None:
        return w.t("new") if now else "—"
    return w.change(percent)  # as the dashboard: no change is no sign


def _answers(score: dict[str, Any], w: ReportWords) -> str:
    answers = w.tn("{n} answer", "{n} answers", score["answers"])
    return answers + (w.t(" · small sample") if score["small_sample"] else "")
