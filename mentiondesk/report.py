"""The numbers: volume, readings, cases, drafts, alerts and first-response time; over a period,
the dashboard's too (resolution rate, CSAT, NPS, recurring complaint reasons)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import datetime, tzinfo
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from mentiondesk.alert_routing import DIGEST_PREFIX
from mentiondesk.business_hours import BusinessHours
from mentiondesk.erasure_payloads import ERASED
from mentiondesk.figures import LABELS, Figures, count_unread, period_figures
from mentiondesk.metrics import FirstResponse, first_response
from mentiondesk.outbox_drain import paced
from mentiondesk.period import Period, posted_within, within
from mentiondesk.snapshot import snapshot
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DELIVERY, DIGEST_ITEM, DRAFT, MENTION, OUTBOX, READING
from mentiondesk.wording import percent, whole


def report(
    store: Store, period: Period | None = None, hours: BusinessHours | None = None
) -> dict[str, Any]:
    """Counts of what began in `period` (a mention posted, a case opened, a draft written, an
    action queued or delivered), or in the whole store when it is None (the run summary).

    The top-level keys are a stable contract. Waits are exact seconds: the run summary, which
    reads them, rounds them once to the unit it shows, as the dashboard does. All read at one
    moment, as workers write.
    """
    with snapshot(store.engine) as conn:
        return _counts(conn, period, first_response(conn, period, hours), _exact)


def period_report(
    store: Store,
    period: Period,
    *,
    now: datetime,
    zone: tzinfo,
    hours: BusinessHours | None = None,
    exact: bool = False,
) -> dict[str, Any]:
    """`report` over a period, with the dashboard's figures for the same period; every key is
    there every time (a figure with nothing to reckon it from is null). The shares and the
    waits' seconds are rounded to a tenth unless `exact`, for a caller that rounds them itself
    as the dashboard does: rounding 1.47 % to 1.5 and then to whole percent would read 2 %,
    the page's 1 %; a wait of 89.95 s, 90.0 s and then "2m", the page's "1m"."""
    rounded = _exact if exact else _round
    data: dict[str, Any] = {
        "period": {
            "first_day": period.first_day.isoformat(),
            "last_day": period.last_day.isoformat(),
            "days": period.days,
            "timezone": str(zone),
        }
    }
    # One moment for every figure: a case a worker resolves meanwhile is not counted open in
    # one and resolved in another.
    with snapshot(store.engine) as conn:
        dash = period_figures(conn, period, now=now, zone=zone, hours=hours)
        # The figures have reckoned the first responses and counted the cases already: the
        # counts take theirs (counted again, a case opened in between made "1 of 2 cases" of
        # 100 %).
        opened = dash.cases_opened
        cases = (opened - dash.cases_resolved - dash.cases_closed, opened)
        counts = _counts(
            conn, period, dash.first_response, rounded, cases=cases, unread=dash.unread
        )
        data.update(counts)
    data.update(_figures(dash, rounded))
    return data


def _figures(dash: Figures, share: Callable[[float | None], float | None]) -> dict[str, Any]:
    """The dashboard's figures in `period_report`'s keys (shares by `share`, samples flagged)."""
    return {
        "cases_resolved": dash.cases_resolved,
        "cases_closed": dash.cases_closed,
        # `shown`: the whole number the desk shows, from the exact figure (a tenth rounded
        # again may differ: -12.45 is "-12" on the desk, its tenth -12.5 rounds to -13).
        "resolution_rate": share(dash.resolution_rate),
        "resolution_rate_shown": _shown_percent(dash.resolution_rate),
        "csat": {
            "percent": share(dash.csat),
            "shown": _shown_percent(dash.csat),
            "answers": dash.csat_answers,
            "small_sample": dash.csat_small,
        },
        "nps": {
            "score": share(dash.nps),
            "shown": None if dash.nps is None else whole(dash.nps),  # wording.signed's number
            "answers": dash.nps_answers,
            "small_sample": dash.nps_small,
        },
        # Volume by channel and language, as the dashboard's bars (most first): the read
        # mentions again, so each adds up to `mentions`.
        "by_platform": dict(dash.platforms),
        "by_language": dict(dash.languages),
        "complaint_reasons": [
            {"reason": reason, "cases": n, "previous_period": before}
            for reason, n, before in dash.reasons
        ],
        # Each case is under one reason (its first complaint's): the reasons add up to this,
        # but for those past the 8 listed.
        "complaint_cases": {
            "cases": dash.complaint_cases,
            "previous_period": dash.complaint_cases_before,
        },
        # False on a fresh install: no reason is "new" when nothing came before.
        "previous_period_had_complaints": dash.compared,
        "won_back": dash.won_back_count,
    }


def _counts(
    conn: Connection,
    period: Period | None,
    frt: FirstResponse,
    seconds: Callable[[float | None], float | None],
    *,
    cases: tuple[int, int] | None = None,
    unread: int | None = None,
) -> dict[str, Any]:
    """`report`'s figures over `period`, first responses as already reckoned (`frt`), their
    seconds by `seconds`; the cases open and opened as `cases`, the mentions not read yet as
    `unread`, where already counted."""

    def count(table: Any, stamp: Any, *conditions: Any) -> int:
        query = sa.select(sa.func.count()).select_from(table)
        return int(conn.scalar(query.where(within(stamp, period), *conditions)) or 0)

    # When posted as the dashboard reckons it (period.posted): a stamp ahead of our clock
    # counts when the post came in, in one period only.
    in_period = posted_within(MENTION.c.created_at, MENTION.c.ingested_at, period)
    read = (
        sa.select()
        .select_from(READING)
        .join(MENTION, MENTION.c.id == READING.c.mention_id)
        .where(in_period)
    )
    by_label: dict[str, int] = dict(
        conn.execute(
            read.add_columns(READING.c.label, sa.func.count()).group_by(READING.c.label)
        ).all()
    )
    topics = _topics(conn, read)
    # An alert of a digest route is delivered twice: kept for the digest (to `digest:ROUTE`),
    # then in the digest's one message to each chat. The second is what the chats got: three
    # alerts in one digest read as 4 sent, and 4 queued, where one message went.
    collected = DELIVERY.c.target.startswith(DIGEST_PREFIX)
    deliveries: dict[str, int] = dict(
        conn.execute(
            sa.select(DELIVERY.c.kind, sa.func.count())
            .where(within(DELIVERY.c.delivered_at, period), ~collected)
            .group_by(DELIVERY.c.kind)
        ).all()
    )
    # A reply to an erased author no longer counts, as their mentions and cases do not.
    deliveries["post"] = count(DELIVERY, DELIVERY.c.delivered_at, *_not_erased("post"))
    opened, queued = CASE.c.opened_at, OUTBOX.c.created_at
    pending, to_digest = OUTBOX.c.status == "pending", OUTBOX.c.target.startswith(DIGEST_PREFIX)
    actions: dict[tuple[str, str], int] = {
        (kind, status): int(n)
        for kind, status, n in conn.execute(
            sa.select(OUTBOX.c.kind, OUTBOX.c.status, sa.func.count())
            .where(within(queued, period), ~to_digest)
            .group_by(OUTBOX.c.kind, OUTBOX.c.status)
        ).all()
    }
    return {
        # The mentions read, as the dashboard counts them (its chart has a bar for each
        # label): a mention stored and not read yet has none, and is counted beside them.
        "mentions": sum(int(by_label.get(k, 0)) for k in LABELS),
        "mentions_unread": count_unread(conn, period) if unread is None else unread,
        "cases_open": cases[0] if cases else count(CASE, opened, CASE.c.status == "open"),
        "cases_total": cases[1] if cases else count(CASE, opened),
        "drafts_pending": count(DRAFT, DRAFT.c.created_at, DRAFT.c.status == "pending"),
        "alerts_sent": int(deliveries.get("alert", 0)),
        "tickets_opened": int(deliveries.get("ticket", 0)),
        "replies_sent": int(deliveries.get("post", 0)),
        # What was queued for each sink, and where it is: a sink that is down shows here as
        # tickets waiting, where the deliveries above only say none went out.
        "tickets": _outbox_kind(actions, "ticket"),
        "alerts": _outbox_kind(actions, "alert"),
        # Alerts of digest routes still gathering, in no count above until their digest goes:
        # without it a crisis day's summary read "Alerts 0 queued" while thousands came in.
        "alerts_for_digest": count(OUTBOX, queued, pending, to_digest)
        + count(DIGEST_ITEM, DIGEST_ITEM.c.created_at, DIGEST_ITEM.c.flushed_at.is_(None)),
        "outbox_waiting": count(OUTBOX, queued, pending),
        # Of those, the ones only set aside for their turn at a chat's pace (a crisis day's
        # thousands at Slack's 1 a second): none failed, so none is "waiting to retry".
        "outbox_paced": count(OUTBOX, queued, pending, paced(OUTBOX.c.last_error)),
        "outbox_held": count(OUTBOX, queued, OUTBOX.c.status == "held"),
        "outbox_dropped": count(OUTBOX, queued, OUTBOX.c.status == "dropped"),
        "by_label": {k: int(by_label.get(k, 0)) for k in LABELS},
        "by_topic": topics,
        "first_response": _first_response(frt, seconds),
        # The same waits counted in [desk] business_hours (null where it is not set).
        "business_hours": frt.hours.describe() if frt.hours else None,
        "first_response_business_hours": _first_response(frt.business, seconds),
        # Open cases nobody has answered yet have no response time, so the percentiles
        # leave them out; counted here, a backlog of silence cannot pass for a fast desk.
        "first_response_waiting": frt.waiting,
    }


def _topics(conn: Connection, read: Any) -> dict[str, int]:
    """Mentions per topic (a reading's topics are comma-separated), most first, counted in SQL:
    a year's readings loaded into Python took seconds and hundreds of MB."""
    if conn.dialect.name == "postgresql":
        each = sa.func.unnest(sa.func.string_to_array(READING.c.topics, ","), type_=sa.Text)
        listed = read.add_columns(each.label("topic")).subquery()
        query = (
            sa.select(listed.c.topic, sa.func.count())
            .where(listed.c.topic != "")
            .group_by(listed.c.topic)
        )
        counted = Counter({str(t): int(n) for t, n in conn.execute(query)})
    else:
        # SQLite cannot split a string: it counts each distinct set of topics (a handful),
        # and Python splits those.
        counted = Counter()
        query = read.add_columns(READING.c.topics, sa.func.count()).group_by(READING.c.topics)
        for joined, n in conn.execute(query):
            for topic in joined.split(","):
                if topic:
                    counted[topic] += int(n)
    # Ties by name: the order no longer hangs on the order rows came back in.
    return dict(sorted(counted.items(), key=lambda t: (-t[1], t[0])))


def _outbox_kind(actions: dict[tuple[str, str], int], kind: str) -> dict[str, int]:
    """One kind's actions: queued in all, then delivered, waiting to be tried (again), held,
    dropped by a person (`outbox drop`)."""
    mine = {status: n for (k, status), n in actions.items() if k == kind}
    return {
        "queued": sum(mine.values()),
        "delivered": mine.get("done", 0),
        "waiting": mine.get("pending", 0),
        "held": mine.get("held", 0),
        "dropped": mine.get("dropped", 0),
    }


def _round(value: float | None) -> float | None:
    """To a tenth, halves away from zero as the page rounds (1 of 16 is 6.3 %, not 6.2)."""
    return None if value is None else whole(value * 10) / 10


def _exact(value: float | None) -> float | None:
    return value


def _shown_percent(value: float | None) -> int | None:
    """A share as the desk's whole percent (wording.percent): 62.5 is 63; one that is neither
    none nor all never reads as either, "<1%" is 1 and ">99%" is 99."""
    return None if value is None else int(percent(value, "{n}").lstrip("<>"))


def _not_erased(kind: str) -> tuple[Any, ...]:
    """SQL: deliveries of `kind` whose action erasure did not mark (`authors forget`)."""
    erased = sa.select(OUTBOX.c.id).where(OUTBOX.c.last_error == ERASED)
    return (DELIVERY.c.kind == kind, DELIVERY.c.outbox_id.not_in(erased))


def _first_response(
    frt: FirstResponse | None, seconds: Callable[[float | None], float | None]
) -> dict[str, float | int | None] | None:
    """Seconds from case opened to the first reply delivered (each by `seconds`): count, p50,
    p90, mean. No p90 from too few answered cases, as the dashboard and the text report show
    none (metrics.few): null beside the count."""
    if frt is None or not frt.count:
        return None
    return {
        "count": frt.count,
        "p50_seconds": seconds(frt.p50),
        "p90_seconds": None if frt.few else seconds(frt.p90),
        "mean_seconds": seconds(frt.mean),
    }
