"""A customer-service manager's month, built through the store and checked against figures
worked out by hand: first response (median, p90, mean, in business hours too), resolution rate,
CSAT and NPS, all cut at São Paulo's midnight, not UTC's."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from mentiondesk.business_hours import BusinessHours
from mentiondesk.business_week import same_shift_week
from mentiondesk.period import days_from
from mentiondesk.report import period_report
from mentiondesk.store import Store
from mentiondesk.tables import CASE, SURVEY
from tests.desk.conftest import Clock, Desk, desk_client
from tests.desk.seed import add

SAO_PAULO = ZoneInfo("America/Sao_Paulo")  # UTC−3 all year since 2019
NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)
HOURS = BusinessHours(same_shift_week(frozenset(range(5)), (9 * 60, 18 * 60)), SAO_PAULO)


def _sp(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SAO_PAULO)


def _case(store: Store, opened: datetime, answered: datetime | None, status: str) -> None:
    _, case, _ = add(store, "pedido atrasado", ago=timedelta(hours=1))
    values = {"opened_at": opened, "first_response_at": answered, "status": status}
    with store.engine.begin() as conn:
        conn.execute(sa.update(CASE).where(CASE.c.id == case).values(**values))


def _month(store: Store) -> dict[str, object]:
    # Cases of November in São Paulo: waits 60 s, 120 s, 300 s, 600 s, 3600 s.
    _case(store, _sp(2, 10), _sp(2, 10, 1), "resolved")  # Mon, 60 s
    _case(store, _sp(3, 10), _sp(3, 10, 2), "resolved")  # Tue, 120 s
    _case(store, _sp(4, 10), _sp(4, 10, 5), "closed")  # Wed, 300 s: spam, out of the rate
    _case(store, _sp(5, 10), _sp(5, 10, 10), "open")  # Thu, 600 s
    # Fri 27 Nov 20:00 → Mon 30 Nov 09:30: 61.5 h on the clock, 30 min of business hours.
    _case(store, _sp(27, 20), _sp(30, 9, 30), "resolved")
    # 30 Nov 23:30 in São Paulo is 1 Dec 02:30 UTC: November's, an hour's wait (3600 s).
    _case(store, _sp(30, 23, 30), _sp(30, 23, 30) + timedelta(hours=1), "open")
    _case(store, _sp(12, 9), None, "open")  # awaiting a reply
    # 31 Oct 22:00 in São Paulo is 1 Nov 01:00 UTC: October's, in no figure here.
    _case(store, _sp(31, 22, month=10), None, "open")
    answers = [("csat", s, _sp(10, 12)) for s in (5, 4, 4, 3, 1)]  # 3 of 5: 60 %
    answers += [("nps", s, _sp(10, 12)) for s in (10, 9, 8, 7, 6, 0)]  # (2 − 2) / 6: 0
    answers += [("nps", 10, _sp(30, 23, 59))]  # 1 Dec 02:59 UTC, November's: (3 − 2) / 7
    answers += [("csat", 1, _sp(1, 0, 0, month=12))]  # December's
    with store.engine.begin() as conn:
        rows = [{"kind": k, "score": s, "answered_at": t} for k, s, t in answers]
        conn.execute(sa.insert(SURVEY), rows)
    month = days_from(date(2026, 11, 1), days=30, now=NOW, zone=SAO_PAULO)
    return period_report(store, month, now=NOW, zone=SAO_PAULO, hours=HOURS, exact=True)


def test_a_month_by_hand(store: Store) -> None:
    data = _month(store)
    fr = data["first_response"]
    assert isinstance(fr, dict)
    clock_waits = sorted([60, 120, 300, 600, 61.5 * 3600, 3600])
    assert fr["count"] == 6
    assert fr["p50_seconds"] == (300 + 600) / 2  # the two middle waits' halfway
    assert fr["p90_seconds"] is None  # 6 answered: too few for a p90
    assert fr["mean_seconds"] == sum(clock_waits) / 6
    biz = data["first_response_business_hours"]
    assert isinstance(biz, dict)
    # In business hours: 60, 120, 300, 600, 1800 and the Monday-night case's 0 (after hours,
    # answered before the next opening).
    assert biz["p50_seconds"] == (120 + 300) / 2
    assert data["first_response_waiting"] == 1
    assert (data["cases_total"], data["cases_resolved"], data["cases_closed"]) == (7, 3, 1)
    assert data["resolution_rate"] == 50.0  # 3 of the 6 that needed one
    assert data["csat"] == {"percent": 60.0, "shown": 60, "answers": 5, "small_sample": True}
    nps = data["nps"]
    assert isinstance(nps, dict)
    assert (round(nps["score"], 6), nps["shown"], nps["answers"]) == (round(100 / 7, 6), 14, 7)


DESK = """\
timezone = "America/Sao_Paulo"
business_hours = { days = "mon-fri", open = "09:00", close = "18:00" }
"""


async def test_the_month_on_the_desk_in_each_language(
    tmp_path: Path, db_url: str, store: Store
) -> None:
    # The last 30 days up to 1 Dec, São Paulo's: 2 Nov to 1 Dec, December's CSAT 1 in
    # (3 of 6 answers: 50 %), the case of 31 Oct out. Median wait (300 + 600) / 2 s: 7.5 min,
    # shown "8 min"; in business hours (120 + 300) / 2 s: 3.5 min, "4 min".
    _month(store)
    clock = Clock()
    clock.now = datetime(2026, 12, 1, 12, tzinfo=SAO_PAULO)
    expected = {
        "pt-BR": [
            "8 min",
            "4 min",
            "50%",
            "3 de 6 casos",
            "50%",
            "6 respostas",
            "+14",
            "7 respostas",
        ],
        "pt-PT": [
            "8 min",
            "4 min",
            "50%",
            "3 de 6 casos",
            "50%",
            "6 respostas",
            "+14",
            "7 respostas",
        ],
        "en": ["8m", "4m", "50%", "3 of 6 cases", "50%", "6 answers", "+14", "7 answers"],
    }
    async with desk_client(tmp_path, db_url, store, DESK, clock=clock) as client:
        await Desk(client).login("manager")
        for lang, figures in expected.items():
            got = await client.get("/dashboard?days=30", headers={"Accept-Language": lang})
            kpis = re.findall(r'<div class="kpi".*?</div>', await got.text(), re.S)
            words = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", " ".join(kpis)))
            at = 0
            for figure in figures:  # each in the cards' order, after the one before
                assert figure in words[at:], (lang, figure, words)
                at = words.index(figure, at) + len(figure)
