"""The dashboard's summary export (/dashboard/summary.csv): the cards of the page for the
chosen period, a row per figure, so a weekly or month-end report is pasted, not retyped.

Two forms, as the daily export has: a sheet in the page's language (section, figure, value,
note) whose values are the page's figures written as every spreadsheet reads them, and the
data form for scripts (figure, reason, value: stable English keys, raw numbers).
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from mentiondesk.figures import Figures
from mentiondesk.metrics import FirstResponse, change
from mentiondesk.web.i18n import Locale
from mentiondesk.wording import duration, percent, whole

DATA_HEADER = ["figure", "reason", "value"]


def data_rows(data: Figures, *, total: int, computed: datetime, zone: tzinfo) -> list[list[str]]:
    """The figures raw: seconds and shares as reckoned (p90 empty from too few answers, as the
    page shows none), days ISO, nothing to reckon from an empty value."""
    days = data.days_list()
    frt = data.first_response
    rows: list[tuple[str, object]] = [
        ("period_first_day", days[0]),
        ("period_last_day", days[-1]),
        ("period_days", data.days),
        ("timezone", str(zone)),
        ("computed_at", computed.astimezone(UTC).isoformat(timespec="seconds")),
        ("mentions", total),
        ("mentions_unread", data.unread),
        ("first_response_answered", frt.count),
        ("first_response_waiting", frt.waiting),
        *_waits("first_response", frt),
        *_waits("first_response_business", frt.business),
        ("cases_opened", data.cases_opened),
        ("cases_to_resolve", data.cases_to_resolve),
        ("cases_resolved", data.cases_resolved),
        ("cases_closed_without_resolution", data.cases_closed),
        ("resolution_rate_percent", data.resolution_rate),
        ("csat_percent", data.csat),
        ("csat_answers", data.csat_answers),
        ("nps", data.nps),
        ("nps_answers", data.nps_answers),
        ("won_back", data.won_back_count),
    ]
    table = [[key, "", _raw(value)] for key, value in rows]
    for reason, n, before in data.reasons:
        table.append(["complaint_reason_cases", reason, str(n)])
        table.append(["complaint_reason_previous_cases", reason, str(before)])
    # What the reasons add up to, each case under one (reason_counts.py).
    table.append(["complaint_cases", "", str(data.complaint_cases)])
    table.append(["complaint_previous_cases", "", str(data.complaint_cases_before)])
    return [DATA_HEADER, *table]


def _waits(prefix: str, frt: FirstResponse | None) -> list[tuple[str, object]]:
    """p50, p90 and mean in seconds; empty where nothing is answered or (p90) too few are."""
    answered = frt is not None and frt.count > 0
    p90 = frt.p90 if frt is not None and answered and not frt.few else None
    return [
        (f"{prefix}_p50_seconds", frt.p50 if frt is not None and answered else None),
        (f"{prefix}_p90_seconds", p90),
        (f"{prefix}_mean_seconds", frt.mean if frt is not None and answered else None),
    ]


def _raw(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # Six decimals drop float noise (23 of 40: 57.49999999999999), never locale-written.
        return repr(round(value, 6))
    return str(value)


def sheet_rows(
    data: Figures,
    loc: Locale,
    *,
    total: int,
    computed: datetime,
    zone: tzinfo,
) -> list[list[str]]:
    """The page's figures in its words, values as any spreadsheet reads them whatever its
    locale: counts ungrouped, days ISO, a wait h:mm:ss rounded as the page rounds it (a
    duration to Excel, LibreOffice and Google Sheets), a share the page's whole "63%", an NPS
    "-13". None has decimals, so no decimal sign to get wrong; nothing to reckon from is an
    empty value and its note says why, in the card's words."""
    days, frt = data.days_list(), data.first_response
    period, first, cases, happy = (
        loc.t("Period"),
        loc.t("First response"),
        loc.t("Cases"),
        loc.t("Satisfaction"),
    )
    unread = loc.tn("{n} mention not read yet", "{n} mentions not read yet", data.unread)
    none_answered = loc.t("no case answered yet") if not frt.count else ""
    rows = [
        [loc.t("Section"), loc.t("Figure"), loc.t("Value"), loc.t("Notes")],
        [period, loc.t("First day"), days[0], ""],
        [period, loc.t("Last day"), days[-1], ""],
        [period, loc.t("Days"), str(data.days), ""],
        [period, loc.t("Time zone"), str(zone), ""],
        [period, loc.t("Figures as of"), f"{computed.astimezone(zone):%Y-%m-%d %H:%M}", ""],
        [loc.t("Mentions"), loc.t("Mentions"), str(total), unread if data.unread else ""],
        [first, loc.t("Median first response"), _wait(frt.p50), none_answered],
    ]
    business = frt.business if frt.business is not None and frt.business.count else None
    hours = loc.hours(frt.hours) if frt.hours is not None else ""
    if business is not None:
        rows.append(
            [
                first,
                loc.t("Median first response, in business hours"),
                _wait(business.p50, days=False),
                hours,
            ]
        )
    few = loc.t("too few answers") if frt.few else none_answered
    rows.append([first, loc.t("First response (p90)"), "" if frt.few else _wait(frt.p90), few])
    if business is not None and not frt.few:
        rows.append(
            [
                first,
                loc.t("First response (p90), in business hours"),
                _wait(business.p90, days=False),
                hours,
            ]
        )
    rows += [
        [first, loc.t("Mean first response"), _wait(frt.mean), none_answered],
        [first, loc.t("Cases answered"), str(frt.count), ""],
        [first, loc.t("Waiting for a first response"), str(frt.waiting), ""],
    ]
    rate = data.resolution_rate
    why = (
        loc.t("none needed resolving")
        if data.cases_opened
        else loc.t("no cases yet in this period")
    )
    rows += [
        [cases, loc.t("Resolution rate"), _share(rate), why if rate is None else ""],
        [cases, loc.t("Cases resolved"), str(data.cases_resolved), ""],
        [cases, loc.t("Cases that needed resolving"), str(data.cases_to_resolve), ""],
        [cases, loc.t("Closed without resolution"), str(data.cases_closed), ""],
        [
            happy,
            loc.t("CSAT (4–5 of 5)"),
            _share(data.csat),
            _sample(loc, data.csat, data.csat_small),
        ],
        [happy, loc.t("CSAT answers"), str(data.csat_answers), ""],
        [
            happy,
            loc.t("NPS"),
            "" if data.nps is None else str(whole(data.nps)),
            _sample(loc, data.nps, data.nps_small),
        ],
        [happy, loc.t("NPS answers"), str(data.nps_answers), ""],
    ]
    reasons = loc.t("Top complaint reasons")
    for reason, n, before in data.reasons:
        trend = _trend(loc, n, before) if data.compared else ""
        rows.append([reasons, loc.word("reason", reason), str(n), trend])
    if not data.reasons:
        rows.append([reasons, "", "", loc.t("No complaints yet in this period.")])
    else:  # what the rows above add up to: each case under one reason (reason_counts.py)
        trend = _trend(loc, data.complaint_cases, data.complaint_cases_before)
        said = loc.t("Cases with a complaint, each under one reason")
        rows.append([reasons, said, str(data.complaint_cases), trend if data.compared else ""])
    rows.append([loc.t("Won back"), loc.t("Authors won back"), str(data.won_back_count), ""])
    return rows


def _wait(seconds: float | None, *, days: bool = True) -> str:
    """h:mm:ss of the wait as the page shows it: "1h 30m" is 1:30:00, "2d 4h" 52:00:00."""
    if seconds is None:
        return ""
    # wording.duration's rounding, its words swapped for the parts: d h m s.
    d, h, m, s = map(int, duration(seconds, days=days, units=_PARTS).split())
    hours = d * 24 + h
    return f"{hours}:{m:02d}:{s:02d}"


_PARTS = {
    "seconds": "0 0 0 {s}",
    "minutes": "0 0 {m} 0",
    "hours": "0 {h} {m} 0",
    "days": "{d} {h} 0 0",
}


def _trend(loc: Locale, now: int, before: int) -> str:
    """A reason's change on the previous period, the chart's figure: not its "+50% vs…",
    which a spreadsheet reads as a formula (and shows #NAME?) for its leading sign."""
    percent_change = change(now, before)
    if percent_change is None:
        return loc.t("new this period") if now else ""
    signed_change = loc.signed_percent(percent_change)
    return loc.t("previous period: {n} ({change})", n=loc.number(before), change=signed_change)


def _share(value: float | None) -> str:
    return "" if value is None else percent(value)  # "<1%" stays the page's words: text


def _sample(loc: Locale, value: float | None, small: bool) -> str:
    if value is None:
        return loc.t("no answers yet in this period")
    return loc.t("small sample") if small else ""
