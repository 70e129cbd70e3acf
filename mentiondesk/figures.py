"""A period's figures, aggregated in SQL (efficient on 100k+ mentions): what the dashboard shows
and `mentiondesk report` prints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.business_hours import BusinessHours
from mentiondesk.metrics import FirstResponse, first_response
from mentiondesk.period import Period, posted, posted_within, within
from mentiondesk.reason_counts import reason_counts
from mentiondesk.snapshot import snapshot
from mentiondesk.store import Store
from mentiondesk.survey_figures import surveys
from mentiondesk.tables import CASE, MENTION, READING
from mentiondesk.won_back import won_back

T = TypeVar("T")
LABELS = ("negative", "neutral", "positive")
# Under this many answers a CSAT or NPS moves by whole tens of points on one customer's mood
# (one answer in 10 is 10 points of CSAT and up to 20 of NPS): the desk says so beside it.
SMALL_SAMPLE = 30


@dataclass(frozen=True, slots=True)
class Figures:
    """A period's figures: the dashboard shows them, the report prints them."""

    days: int
    since: datetime
    by_day: dict[str, dict[str, int]]  # day → label → mentions
    platforms: list[tuple[str, int]]
    languages: list[tuple[str, int]]  # a reading's language ("und": unsure) → mentions
    first_response: FirstResponse
    cases_opened: int
    cases_resolved: int  # the author's problem solved (Resolve)
    cases_closed: int  # closed without resolution: spam, a duplicate, no answer (Close)
    csat: float | None  # share of 4-5 answers, percent
    csat_answers: int
    nps: float | None  # promoters minus detractors, percent points
    nps_answers: int
    reasons: list[tuple[str, int, int]]  # reason, this period, previous period (top 8)
    # The period's cases with a complaint, each under one reason: what all reasons add up to
    # (the 8 shown may leave some out).
    complaint_cases: int
    complaint_cases_before: int  # the same, in the previous period
    # Any complaint at all in the previous period, of any reason (not only the 8 shown): with
    # none there is nothing to compare with, and every reason would read as "new".
    compared: bool
    won_back: list[tuple[str, str, datetime]]  # platform, handle, when they wrote positively
    won_back_count: int
    # Mentions of the period stored and not read yet (a backlog, a classifier down): in no
    # figure above, so said beside them, or a day without readings looks like a quiet day.
    unread: int

    @property
    def csat_small(self) -> bool:
        return 0 < self.csat_answers < SMALL_SAMPLE

    @property
    def nps_small(self) -> bool:
        return 0 < self.nps_answers < SMALL_SAMPLE

    @property
    def cases_to_resolve(self) -> int:
        """The period's cases that needed a resolution: a case closed as spam, a duplicate or
        unanswered had none to give, so it leaves the count (and is shown beside it)."""
        return self.cases_opened - self.cases_closed

    @property
    def resolution_rate(self) -> float | None:
        """Percent of the cases that needed a resolution that got one; open ones still count
        against it, as a case not yet resolved."""
        needed = self.cases_to_resolve
        return self.cases_resolved / needed * 100 if needed else None

    def days_list(self) -> list[str]:
        """The chart's days in the desk's time zone, the first one's midnight being `since`,
        today last."""
        first = self.since.date()
        return [(first + timedelta(days=i)).isoformat() for i in range(self.days)]


def quarter_of(conn: Connection, column: Any) -> Any:
    """The UTC quarter hour of a timestamp column as `YYYY-MM-DD HH:MM` text, on either backend.

    Days are made from these in Python, in the desk's time zone, wherever SQLite (no time zones)
    or a zone PostgreSQL cannot name counts them; quarters, not hours, because Kolkata, Adelaide
    or Kathmandu start their days on the half or quarter hour.
    """
    if conn.dialect.name == "postgresql":
        utc = sa.func.timezone("UTC", column)
        quarter = sa.func.floor(sa.extract("minute", utc) / 15) * 15
        return sa.func.to_char(utc, "YYYY-MM-DD HH24:", type_=sa.Text) + sa.func.lpad(
            sa.cast(quarter, sa.Integer).cast(sa.Text), 2, "0"
        )
    # SQLite keeps UTC timestamps as ISO text: "YYYY-MM-DD HH:MM:..."
    minute = sa.cast(sa.func.substr(column, 15, 2), sa.Integer)
    return sa.func.substr(column, 1, 14, type_=sa.Text) + sa.func.printf("%02d", minute // 15 * 15)


def local_day(utc_quarter: str, zone: tzinfo) -> str:
    """`YYYY-MM-DD HH:MM` (UTC) as the calendar day it falls on in `zone`."""
    start = datetime.strptime(utc_quarter.replace("T", " "), "%Y-%m-%d %H:%M")
    return start.replace(tzinfo=UTC).astimezone(zone).date().isoformat()


def load_period(
    store: Store,
    period: Period,
    *,
    now: datetime,
    zone: tzinfo = UTC,
    hours: BusinessHours | None = None,
) -> Figures:
    """The dashboard's figures over any period, all read at one moment."""
    return load_period_with(store, period, _nothing, now=now, zone=zone, hours=hours)[0]


def load_period_with(
    store: Store,
    period: Period,
    more: Callable[[Connection], T],
    *,
    now: datetime,
    zone: tzinfo = UTC,
    hours: BusinessHours | None = None,
) -> tuple[Figures, T]:
    """`load_period`, and `more` read at the same moment: the dashboard's hourly chart, whose
    mentions are then in both charts or in neither."""
    with snapshot(store.engine) as conn:
        return period_figures(conn, period, now=now, zone=zone, hours=hours), more(conn)


def _nothing(conn: Connection) -> None:
    return None


def period_figures(
    conn: Connection,
    period: Period,
    *,
    now: datetime,
    zone: tzinfo,
    hours: BusinessHours | None = None,
) -> Figures:
    """The figures over `period`, on a connection the caller may read more from (the report
    does, for its counts, so it reckons first responses only once); first responses in
    business hours too when `hours` is given."""
    statuses, waiting = _case_counts(conn, period)
    csat, csat_n, nps, nps_n = surveys(conn, period)
    won, won_count = won_back(conn, period)
    by_day: dict[str, dict[str, int]] = {}
    platforms: dict[str, int] = {}
    languages: dict[str, int] = {}
    for day, platform, label, lang, n in mention_counts(conn, period, zone):
        by_day.setdefault(day, {})[label] = by_day.get(day, {}).get(label, 0) + n
        platforms[platform] = platforms.get(platform, 0) + n
        languages[lang] = languages.get(lang, 0) + n
    reasons = reason_counts(conn, period, period.span(now))
    return Figures(
        days=period.days,
        since=period.since,
        by_day=by_day,
        platforms=sorted(platforms.items(), key=lambda p: (-p[1], p[0])),
        languages=sorted(languages.items(), key=lambda p: (-p[1], p[0])),
        first_response=first_response(conn, period, hours, waiting=waiting),
        cases_opened=int(sum(statuses.values())),
        cases_resolved=int(statuses.get("resolved", 0)),
        cases_closed=int(statuses.get("closed", 0)),
        csat=csat,
        csat_answers=csat_n,
        nps=nps,
        nps_answers=nps_n,
        reasons=reasons[:8],
        complaint_cases=sum(n for _, n, _ in reasons),
        complaint_cases_before=sum(before for _, _, before in reasons),
        compared=any(before for _, _, before in reasons),  # as complaint_cases_before
        won_back=won,
        won_back_count=won_count,
        unread=count_unread(conn, period),
    )


def count_unread(conn: Connection, period: Period | None) -> int:
    """Mentions of `period` (all when None) stored and not read yet: no reading."""
    read = sa.select(READING.c.mention_id).where(READING.c.mention_id == MENTION.c.id)
    in_period = posted_within(MENTION.c.created_at, MENTION.c.ingested_at, period)
    query = sa.select(sa.func.count()).select_from(MENTION).where(in_period, ~read.exists())
    return int(conn.scalar(query) or 0)


def _case_counts(conn: Connection, period: Period) -> tuple[dict[str, int], int]:
    """The period's cases by status, and the open ones still without a reply (what
    metrics.awaiting_reply counts): one pass over the period's cases, not two."""
    silent = sa.and_(CASE.c.status == "open", CASE.c.first_response_at.is_(None))
    query = (
        sa.select(CASE.c.status, sa.func.count(), sa.func.count().filter(silent))
        .where(within(CASE.c.opened_at, period))
        .group_by(CASE.c.status)
    )
    rows = conn.execute(query).all()
    return {str(s): int(n) for s, n, _ in rows}, sum(int(w) for _, _, w in rows)


def _recent() -> Any:
    return sa.select().select_from(MENTION).join(READING, READING.c.mention_id == MENTION.c.id)


def mention_counts(
    conn: Connection, period: Period, zone: tzinfo
) -> list[tuple[str, str, str, str, int]]:
    """Mentions per day (in `zone`), platform, label and language in the period: one pass for
    charts and CSV. The language is the reading's (a mention's own is mostly unset)."""
    name = _zone_name(zone) if conn.dialect.name == "postgresql" else None
    at = posted(conn.dialect.name, MENTION.c.created_at, MENTION.c.ingested_at)
    if name is not None:
        # PostgreSQL knows the zone: it groups by the local day itself, a few hundred rows for
        # 90 days rather than one per quarter hour, platform, label and language.
        bucket: Any = sa.cast(sa.func.timezone(name, at), sa.Date).label("day")
    else:
        bucket = quarter_of(conn, at).label("quarter")
    query = (
        _recent()
        .add_columns(bucket, MENTION.c.platform, READING.c.label, READING.c.lang, sa.func.count())
        .where(posted_within(MENTION.c.created_at, MENTION.c.ingested_at, period))
        .group_by(bucket, MENTION.c.platform, READING.c.label, READING.c.lang)
    )
    # A quarter hour recurs in the rows for each platform, label and language: reckoned once.
    quarters: dict[str, str] = {}
    days: dict[tuple[str, str, str, str], int] = {}
    # A post stamped after today (a clock ahead of ours; Bluesky's createdAt is the author's
    # app's) counts in a period running to now: on its last day, or the chart and the mentions
    # card would leave out what the platform and language bars and the report count.
    last = period.last_day.isoformat()
    for at, platform, label, lang, n in conn.execute(query):
        if name is not None:
            day = at.isoformat()
        elif (day := quarters.get(at)) is None:
            day = quarters[at] = local_day(at, zone)
        key = (min(day, last), platform, label, lang or "und")
        days[key] = days.get(key, 0) + int(n)
    return [(*key, n) for key, n in days.items()]


def _zone_name(zone: tzinfo) -> str | None:
    """The IANA name PostgreSQL can take for `zone`, or None for a zone only Python knows (a
    fixed offset's name, "UTC+03:00", would read in POSIX's inverted sign). A name without a
    "/" may be read as an abbreviation first: "WET" is Lisbon's rules in Python, UTC+0 all
    year in PostgreSQL."""
    if zone is UTC:
        return "UTC"
    name = zone.key if isinstance(zone, ZoneInfo) else None
    return name if name is not None and ("/" in name or name == "UTC") else None
