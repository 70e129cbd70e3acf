"""`mentiondesk report`'s figures as sections of rows, in the language asked for (report_words):
what came in, the work it made, the service figures and the recurring problems. The boxed
text, the plain text and the CSV (report_text, report_csv) lay out the same rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mentiondesk.metrics import P90_MIN_ANSWERS, change
from mentiondesk.report_words import ReportWords

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


@dataclass(frozen=True)
class Row:
    """One figure: what it is, its value, and a note; `more`, the further columns of a table
    with a header (the reasons' previous period and change). Plain text, never markup."""

    figure: str
    value: str
    note: str = ""
    more: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """A titled group of rows; `header` names the columns of a table that has one."""

    title: str
    rows: tuple[Row, ...]
    header: tuple[str, ...] = ()


def heading(data: dict[str, Any], w: ReportWords, *, running: bool) -> tuple[str, str]:
    """The title ("mentiondesk report · last 7 days") and the period's line, in `w`."""
    p = data["period"]
    first, last = w.day(p["first_day"]), w.day(p["last_day"])
    days = w.tn("{n} day", "{n} days", p["days"])
    span = w.tn("last {n} day", "last {n} days", p["days"]) if running else None
    span = span or w.t("{first} to {last}", first=first, last=last)
    period = w.t("{days} in {zone}", days=f"{first} – {last}, {days}", zone=p["timezone"])
    return f"{w.t('mentiondesk report')} · {span}", period


def sections(data: dict[str, Any], w: ReportWords, week: str | None) -> list[Section]:
    """The report's sections, each row in `w`'s words and formats; `week`, the business
    hours as written in `w` (None without them)."""
    return [_volume(data, w), _work(data, w), _service(data, w, week), _reasons(data, w)]


def _volume(data: dict[str, Any], w: ReportWords) -> Section:
    # Read ones, as the dashboard counts them; one stored and not read yet has no label yet.
    rows = [Row(w.t("mentions"), w.number(data["mentions"]))]
    if unread := data.get("mentions_unread"):
        rows.append(Row(w.t("not read yet (not in the figures)"), w.number(unread)))
    for label, n in data["by_label"].items():
        rows.append(Row(w.t(_LABELS.get(label, label)), w.number(n)))
    for topic, n in data["by_topic"].items():  # one vocabulary with the reasons, as the desk
        rows.append(Row(w.t("topic: {topic}", topic=w.word("reason", topic)), w.number(n)))
    # The dashboard's bars: per channel and per language ("und": not identified).
    for platform, n in data.get("by_platform", {}).items():
        said = w.t("platform: {platform}", platform=w.word("platform", platform))
        rows.append(Row(said, w.number(n)))
    for lang, n in data.get("by_language", {}).items():
        said = w.t("language: {language}", language=w.word("lang", lang))
        rows.append(Row(said, w.number(n)))
    return Section(w.t("Mentions"), tuple(rows))


def _work(data: dict[str, Any], w: ReportWords) -> Section:
    rows = (Row(w.t(what), w.number(data[key])) for key, what in _WORK.items())
    return Section(w.t("Work"), tuple(rows))


def _service(data: dict[str, Any], w: ReportWords, week: str | None) -> Section:
    fr = data["first_response"]
    answered = (
        w.tn("{n} case answered", "{n} cases answered", fr["count"]) if fr else w.t("none answered")
    )
    # As the dashboard: no p90 from fewer answered cases than it needs (metrics.few).
    few = bool(fr) and fr["count"] < P90_MIN_ANSWERS
    too_few = w.t("; too few for a p90 (shown from {n} on)", n=P90_MIN_ANSWERS) if few else ""
    rows = [
        Row(w.t("first response p50"), w.duration(fr and fr["p50_seconds"]), answered),
        Row(w.t("first response p90"), w.duration(fr and fr["p90_seconds"]), answered + too_few),
        # The mean too: what a Brazilian or Portuguese director asks for as TMR (tempo médio).
        Row(w.t("first response mean"), w.duration(fr and fr.get("mean_seconds")), answered),
    ]
    if week:  # the same waits, counted in the team's working week
        biz = data["first_response_business_hours"]
        for pct in ("p50", "p90"):
            shown = w.duration(biz and biz[f"{pct}_seconds"], days=False)
            why = too_few if pct == "p90" else ""  # the same cases: too few for both p90s
            rows.append(Row(w.t(f"{pct} in business hours"), shown, _within(w, week) + why))
    waiting = w.number(data["first_response_waiting"])
    rows.append(Row(w.t("awaiting a reply"), waiting, w.t("open, unanswered")))
    return Section(w.t("Service"), (*rows, *_outcomes(data, w)))


def _within(w: ReportWords, week: str) -> str:
    return w.t("first response, {hours}", hours=week)


def _outcomes(data: dict[str, Any], w: ReportWords) -> list[Row]:
    """Resolution, satisfaction and authors won back: the rows after the waits."""
    # Closed cases (spam, a duplicate, no answer) needed no resolution: out of the rate, beside it.
    needed = data["cases_total"] - data["cases_closed"]
    one, many = "{resolved} of {n} case that needed one", "{resolved} of {n} cases that needed one"
    resolved = w.tn(one, many, needed, resolved=w.number(data["cases_resolved"]))
    resolved = resolved if needed else w.t("no case needed one")  # not "0 of 0 cases"
    closed = w.t("spam, duplicate, no answer; not in rate")
    csat, nps = data["csat"], data["nps"]
    won = w.t("complained; praise since, no complaint")
    return [
        Row(w.t("resolution rate"), w.percent(data["resolution_rate"]), resolved),
        Row(w.t("closed without resolution"), w.number(data["cases_closed"]), closed),
        Row(w.t("CSAT (4–5 of 5)"), w.percent(csat["percent"]), _answers(csat, w)),
        Row(w.t("NPS"), w.signed(nps["score"]), _answers(nps, w)),
        Row(w.t("won back"), w.number(data["won_back"]), won),
    ]


def _reasons(data: dict[str, Any], w: ReportWords) -> Section:
    rows = []
    for row in data["complaint_reasons"]:
        now, before = row["cases"], row["previous_period"]
        reason = w.word("reason", row["reason"])  # as the dashboard words it
        trend = _trend(now, before, w) if data["previous_period_had_complaints"] else "—"
        rows.append(Row(reason, w.number(now), more=(w.number(before), trend)))
    if not rows:
        rows.append(Row(w.t("no complaints in this period"), "", more=("", "")))
    else:  # what the slide's bars add up to: a case with several complaints is under one
        total = data["complaint_cases"]
        now, before = total["cases"], total["previous_period"]
        trend = _trend(now, before, w) if data["previous_period_had_complaints"] else "—"
        figure = w.t("total (each case once, under its first complaint's reason)")
        rows.append(Row(figure, w.number(now), more=(w.number(before), trend)))
    title = w.t("Recurring complaint reasons (cases per reason)")
    header = tuple(w.t(column) for column in ("reason", "cases", "previous period", "change"))
    return Section(title, tuple(rows), header)


def _trend(now: int, before: int, w: ReportWords) -> str:
    percent = change(now, before)
    if percent is None:
        return w.t("new") if now else "—"
    return w.change(percent)  # as the dashboard: no change is no sign


def _answers(score: dict[str, Any], w: ReportWords) -> str:
    answers = w.tn("{n} answer", "{n} answers", score["answers"])
    return answers + (w.t(" · small sample") if score["small_sample"] else "")
