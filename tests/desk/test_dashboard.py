"""Dashboard numbers and the playbooks page (the CSV export: test_dashboard_csv.py; adding
people and recording surveys: test_people_and_surveys.py)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from mentiondesk.corrections import relabel
from mentiondesk.decisions import OutboxPlan
from mentiondesk.figures import load_period
from mentiondesk.models import Label
from mentiondesk.period import days_from
from mentiondesk.queue import close_case
from mentiondesk.report import report
from mentiondesk.store import Store
from mentiondesk.tables import CASE, MENTION, SURVEY
from mentiondesk.web.data_dash import csv_rows, load_dashboard
from mentiondesk.web.data_queue_stats import load_stats
from mentiondesk.wording import percent
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


async def test_dashboard_shows_the_numbers(as_role: Login, store: Store) -> None:
    add(store, "late again", handle="maria", ago=timedelta(days=3))
    add(store, "love it now", handle="maria", label="positive", case=False, draft=None)
    add(store, "refund?", platform="bluesky", reason="refund", case=False, draft=None)
    with store.engine.begin() as conn:
        rows = [("csat", 5), ("csat", 2), ("nps", 10), ("nps", 9), ("nps", 3), ("nps", 7)]
        conn.execute(sa.insert(SURVEY), [{"kind": k, "score": s} for k, s in rows])
    desk = await as_role("manager")
    page = await (await desk.client.get("/dashboard?days=7")).text()
    assert 'id="dash-mentions">3<' in page
    assert 'id="dash-csat">50%<' in page
    assert 'id="dash-nps">+25<' in page  # 2 promoters, 1 detractor of 4
    assert "1 author who complained, then posted praise" in page
    assert "<svg" in page and "cases per reason" in page


async def test_playbooks_page_counts_rule_firings(as_role: Login, store: Store) -> None:
    add(store, "where is my order")  # seeded under the rule "complaint"
    desk = await as_role("manager")
    page = await (await desk.client.get("/playbooks")).text()
    complaint = page.split('<code class="rule-id">complaint</code>', 1)[1].split("</tr>", 1)[0]
    assert '<span class="count">1 case</span>, <span class="count">1 draft</span>' in complaint
    assert '<code class="rule-id">urgent-complaint</code>' in page


async def test_playbooks_page_counts_tickets_and_alerts_under_their_rule(
    as_role: Login, store: Store
) -> None:
    # A ticket's outbox key names its case, not its rule: the count must still find the rule.
    urgent = (
        OutboxPlan("ticket", "cases", "urgent-complaint"),
        OutboxPlan("alert", "console", "urgent-complaint"),
    )
    add(store, "third time asking, refund me", rule="urgent-complaint", outbox=urgent)
    desk = await as_role("manager")
    page = await (await desk.client.get("/playbooks")).text()
    urgent_row = page.split('<code class="rule-id">urgent-complaint</code>', 1)[1].split(
        "</tr>", 1
    )[0]
    assert "1 ticket" in urgent_row and "1 alert" in urgent_row
    assert "1 tickets" not in urgent_row and "1 alerts" not in urgent_row


async def test_won_back_counts_only_detractors_we_had_a_case_for(
    as_role: Login, store: Store
) -> None:
    add(store, "FREE vacuum giveaway!!", handle="spammer", case=False, draft=None,
        ago=timedelta(days=2))  # fmt: skip
    add(store, "great deals!!", handle="spammer", label="positive", case=False, draft=None)
    add(store, "late again", handle="maria", ago=timedelta(days=2))
    add(store, "arrived, thanks!", handle="maria", label="positive", case=False, draft=None)
    desk = await as_role("manager")
    page = await (await desk.client.get("/dashboard?days=7")).text()
    assert "1 author who complained, then posted praise" in page
    assert ">maria<" in page and ">spammer<" not in page


def test_won_back_is_not_undone_by_advice_to_another_customer(store: Store) -> None:
    # Maria complained, was put right and said so; then she told another customer in a
    # thread what worked for her, which reads as negative. Joao complained again after his
    # praise: he is no longer won back.
    add(store, "late again", handle="maria", ago=timedelta(days=3))
    add(store, "arrived, thanks!", handle="maria", label="positive", case=False, draft=None,
        ago=timedelta(days=2))  # fmt: skip
    add(store, "@ana ugh, same: call them, the chat is useless", handle="maria", case=False,
        draft=None, advice=True, ago=timedelta(days=1))  # fmt: skip
    add(store, "broken on arrival", handle="joao", ago=timedelta(days=3))
    add(store, "replaced, thanks", handle="joao", label="positive", case=False, draft=None,
        ago=timedelta(days=2))  # fmt: skip
    add(store, "the replacement broke too", handle="joao", case=False, draft=None,
        ago=timedelta(days=1))  # fmt: skip
    data = load_dashboard(store, days=7, now=datetime.now(UTC))
    assert [w[:2] for w in data.won_back] == [("x", "maria")] and data.won_back_count == 1


def test_queue_median_first_response_is_the_dashboards(store: Store) -> None:
    # Two answers, after 2 and 4 minutes: the median is 3, as the dashboard and report say.
    for minutes in (2, 4):
        _, case, _ = add(store, f"answered after {minutes} min", ago=timedelta(minutes=10))
        with store.engine.begin() as conn:
            opened = conn.scalar(sa.select(CASE.c.opened_at).where(CASE.c.id == case))
            answered = opened + timedelta(minutes=minutes)
            conn.execute(
                sa.update(CASE).where(CASE.c.id == case).values(first_response_at=answered)
            )
    stats = load_stats(store, now=datetime.now(UTC))
    assert (stats.answered_24h, stats.first_response_p50) == (2, 180.0)


def test_csat_and_nps_count_each_case_once(store: Store) -> None:
    # Case A's answers were recorded twice (and its CSAT changed from 1 to 5); B answered once.
    _, a, _ = add(store, "late again")
    _, b, _ = add(store, "still late")
    answers = [(a, "csat", 1), (a, "csat", 5), (b, "csat", 5)]
    answers += [(a, "nps", 10), (a, "nps", 10), (b, "nps", 0)]
    with store.engine.begin() as conn:
        rows = [{"case_id": c, "kind": k, "score": s} for c, k, s in answers]
        conn.execute(sa.insert(SURVEY), rows)
    data = load_dashboard(store, days=7, now=datetime.now(UTC))
    assert (data.csat_answers, data.csat) == (2, 100.0)  # A's latest answer, 5, and B's 5
    assert (data.nps_answers, data.nps) == (2, 0.0)  # one promoter, one detractor


def test_a_replaced_answer_counts_in_no_period(store: Store) -> None:
    # The customer answered CSAT 1 on the 2nd, then 5 on the 12th: the 5 replaces the 1, so
    # the week of the 2nd has no answer from them (it had a 0 % CSAT), the month the 5 only.
    now = datetime(2026, 9, 30, 12, 0, tzinfo=UTC)
    _, case, _ = add(store, "late again")
    answers = [
        (1, datetime(2026, 9, 2, 10, tzinfo=UTC)),
        (5, datetime(2026, 9, 12, 10, tzinfo=UTC)),
    ]
    with store.engine.begin() as conn:
        rows = [
            {"case_id": case, "kind": "csat", "score": s, "answered_at": at} for s, at in answers
        ]
        conn.execute(sa.insert(SURVEY), rows)
    week = load_period(store, days_from(date(2026, 9, 1), days=7, now=now), now=now)
    month = load_period(store, days_from(date(2026, 9, 1), days=30, now=now), now=now)
    assert (week.csat_answers, week.csat) == (0, None)
    assert (month.csat_answers, month.csat) == (1, 100.0)


async def test_cases_still_waiting_for_a_reply_are_counted(as_role: Login, store: Store) -> None:
    # One case answered after 2 minutes, two open and unanswered, one closed unanswered.
    _, answered, _ = add(store, "answered", ago=timedelta(hours=1))
    add(store, "waiting", ago=timedelta(hours=2))
    add(store, "waiting too", ago=timedelta(hours=3))
    _, dropped, _ = add(store, "closed unanswered", ago=timedelta(hours=4))
    with store.engine.begin() as conn:
        opened = conn.scalar(sa.select(CASE.c.opened_at).where(CASE.c.id == answered))
        reply = opened + timedelta(minutes=2)
        conn.execute(sa.update(CASE).where(CASE.c.id == answered).values(first_response_at=reply))
    assert dropped is not None
    close_case(store, dropped, by="manager")
    desk = await as_role("manager")
    page = await (await desk.client.get("/dashboard?days=7")).text()
    assert '<p class="kpi-pair-note" id="dash-frt-counts">1 case answered · 2 waiting</p>' in page
    assert "no case answered yet" not in page  # a case is answered: its time is shown
    assert report(store)["first_response_waiting"] == 2


def test_every_figure_covers_the_days_the_chart_shows(store: Store) -> None:
    # At 15:00 on the 12th the 7-day chart shows the 6th to the 12th. A mention from 18:00 on
    # the 5th is within 7×24 h, but it has no bar: no other figure may count it either.
    now = datetime(2026, 11, 12, 15, 0, tzinfo=UTC)
    posted = [datetime(2026, 11, 5, 18, 0, tzinfo=UTC), datetime(2026, 11, 6, 9, 0, tzinfo=UTC)]
    for at in posted:
        mention, case, _ = add(store, "late again", draft=None)
        with store.engine.begin() as conn:
            conn.execute(sa.update(MENTION).where(MENTION.c.id == mention).values(created_at=at))
            conn.execute(sa.update(CASE).where(CASE.c.id == case).values(opened_at=at))
    data = load_dashboard(store, days=7, now=now)
    days = data.days_list()
    assert (days[0], days[-1]) == ("2026-11-06", "2026-11-12")
    charted = sum(sum(data.by_day.get(day, {}).values()) for day in days)
    assert charted == sum(n for _, n in data.platforms) == 1
    assert data.cases_opened == 1
    assert data.reasons == [("delivery", 1, 1)]  # the 5th falls in the previous period
    rows = csv_rows(store, days=7, now=now)
    assert [row[0] for row in rows[1:]] == ["2026-11-06"]


async def test_a_share_that_rounds_to_none_or_all_says_so(as_role: Login, store: Store) -> None:
    # 1 satisfied customer in 200 is 0.5 %: "0%" would say nobody was.
    with store.engine.begin() as conn:
        rows = [{"kind": "csat", "score": 5 if i == 0 else 1} for i in range(200)]
        conn.execute(sa.insert(SURVEY), rows)
    desk = await as_role("manager")
    page = await (await desk.client.get("/dashboard?days=7")).text()
    assert 'id="dash-csat">&lt;1%<' in page
    assert [percent(v) for v in (None, 0, 0.5, 50.4, 99.5, 100)] == [
        "—", "0%", "<1%", "50%", ">99%", "100%"
    ]  # fmt: skip


def test_a_post_relabelled_as_a_complaint_counts_among_the_reasons(store: Store) -> None:
    # Read as neutral (so without a reason), then corrected to negative by an agent.
    mention, _, _ = add(store, "hmm, no sign of it", label="neutral", reason=None, case=False)
    relabel(store, mention, Label.NEGATIVE, by="agent")
    add(store, "late again")
    data = load_dashboard(store, days=7, now=datetime.now(UTC))
    # No reason was read: said apart from `other`, a reason read ("wrong item sent").
    assert sorted(data.reasons) == [("delivery", 1, 0), ("no_reason", 1, 0)]


async def test_a_score_from_few_answers_is_flagged(as_role: Login, store: Store) -> None:
    # 2 CSAT answers: one more unhappy customer would move it 17 points. 30 NPS answers: fine.
    with store.engine.begin() as conn:
        rows = [{"kind": "csat", "score": 5}] * 2 + [{"kind": "nps", "score": 9}] * 30
        conn.execute(sa.insert(SURVEY), rows)
    desk = await as_role("manager")
    page = await (await desk.client.get("/dashboard?days=7")).text()
    csat = page.split('id="dash-csat"', 1)[1].split("</div>", 1)[0]
    nps = page.split('id="dash-nps"', 1)[1].split("</div>", 1)[0]
    assert "small sample" in csat and "small sample" not in nps


def test_complaint_reasons_count_cases_not_mentions(store: Store) -> None:
    # Maria writes three times about one late order: her follow-ups join her case, so it is one
    # delivery problem. Joe's is another; his follow-up about the refund is the same case, under
    # the reason of the complaint that opened it: the bars add up to the 2 cases.
    for text in ("late again", "still nothing", "where is it??"):
        add(store, text, handle="maria")
    add(store, "parcel lost", handle="joe")
    add(store, "and no refund either", handle="joe", reason="refund")
    data = load_dashboard(store, days=7, now=datetime.now(UTC))
    assert data.reasons == [("delivery", 2, 0)]
    assert data.complaint_cases == 2


def test_a_follow_up_saying_the_problem_is_solved_is_no_complaint(store: Store) -> None:
    # Joe's parcel was lost last week. Today "a month late, but refunded, all good now" reads
    # as a refund complaint, and joins his case saying it is solved: no refund problem.
    add(store, "parcel lost", handle="joe", ago=timedelta(days=8))
    add(store, "a month late, but refunded, all good now", handle="joe", reason="refund",
        case=False, draft=None, resolves=True)  # fmt: skip
    add(store, "the lamp never came", handle="eva", ago=timedelta(days=9))
    add(store, "and the app is down", handle="eva", reason="app")  # a complaint all the same
    data = load_dashboard(store, days=7, now=datetime.now(UTC))
    assert data.reasons == [("app", 1, 0), ("delivery", 0, 2)]


def test_complaints_without_a_case_count_once_per_author(store: Store) -> None:
    # No rule opened a case (a post an agent relabelled, say): the author stands in for one.
    for ago in (timedelta(days=9), timedelta(days=1), timedelta(hours=1)):
        add(store, "hmm, no sign of it", handle="tom", reason=None, case=False, ago=ago)
    data = load_dashboard(store, days=7, now=datetime.now(UTC))
    assert data.reasons == [("no_reason", 1, 1)]  # once this period, once in the previous one
