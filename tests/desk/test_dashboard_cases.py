"""The dashboard's case figures say what they count: resolved is not closed, won back is not
angry again, and the first-response tooltips name the cases their percentiles cover."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa

from mentiondesk.queue import close_case
from mentiondesk.store import Store
from mentiondesk.tables import CASE
from mentiondesk.web.data_dash import load_dashboard
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PT = {"Accept-Language": "pt-BR,pt;q=0.9,en;q=0.8"}


def _cases(store: Store, *, resolved: int, closed: int, still_open: int) -> None:
    for status, n in (("resolved", resolved), ("closed", closed), ("open", still_open)):
        for _ in range(n):
            _, case, _ = add(store, "late again")
            if case is not None and status != "open":
                close_case(store, case, by="manager", status=status)


async def _dashboard(desk: Desk, headers: dict[str, str] | None = None) -> str:
    return await (await desk.client.get("/dashboard?days=7", headers=headers or {})).text()


async def test_closed_cases_are_not_resolved_and_show_beside_the_rate(
    as_role: Login, store: Store
) -> None:
    # One problem solved, one spam post closed, two still open: 1 of the 3 that needed one.
    _cases(store, resolved=1, closed=1, still_open=2)
    desk = await as_role("manager")
    en, pt = await _dashboard(desk), await _dashboard(desk, PT)
    assert 'id="dash-resolution">33%<' in en  # not 2 of 4, 50%, with the spam as resolved
    assert "resolution rate · 1 of 3 cases · closed without resolution: 1" in en
    assert "taxa de resolução · 1 de 3 casos · encerrados sem solução: 1" in pt
    assert "is left out of the rate and counted beside it" in en
    assert "fica fora da taxa e é contado ao lado" in pt


def test_a_period_whose_cases_were_all_closed_has_no_rate(store: Store) -> None:
    _cases(store, resolved=0, closed=2, still_open=0)
    data = load_dashboard(store, days=7, now=datetime.now(UTC))
    assert (data.cases_resolved, data.cases_closed, data.resolution_rate) == (0, 2, None)


async def test_whoever_complains_again_after_praise_is_not_won_back(
    as_role: Login, store: Store
) -> None:
    # Maria complains, thanks us, then complains again on her open case; Joe's last word is
    # praise, and Ana, angry again after her thanks, thanked us once more since.
    for handle in ("maria", "joe", "ana"):
        add(store, "late again", handle=handle, ago=timedelta(days=6))
        add(store, "arrived, thanks!", handle=handle, label="positive", case=False, draft=None,
            ago=timedelta(days=4))  # fmt: skip
    add(store, "and now it is broken", handle="maria", ago=timedelta(days=1))
    add(store, "broken too", handle="ana", ago=timedelta(days=2))
    add(store, "replaced, thank you", handle="ana", label="positive", case=False, draft=None)
    desk = await as_role("manager")
    page = await _dashboard(desk)
    assert "2 authors who complained, then posted praise in this period, and no complaint" in page
    assert ">joe<" in page and ">ana<" in page and ">maria<" not in page


def test_a_follow_up_saying_the_problem_is_solved_wins_back(store: Store) -> None:
    # Both read as complaints. Joe's last word says his problem is solved; so does Rui's,
    # after his thanks: neither is a complaint since. Eva's last word is a complaint.
    for handle in ("joe", "rui", "eva"):
        add(store, "late again", handle=handle, ago=timedelta(days=6))
    add(store, "arrived, thanks!", handle="rui", label="positive", case=False, draft=None,
        ago=timedelta(days=4))  # fmt: skip
    for handle in ("joe", "rui"):
        add(store, "a month late, but refunded, all good now", handle=handle, reason="refund",
            case=False, draft=None, ago=timedelta(days=2), resolves=True)  # fmt: skip
    add(store, "and now it is broken", handle="eva", ago=timedelta(days=1))
    data = load_dashboard(store, days=7, now=datetime.now(UTC))
    assert sorted(h for _, h, _ in data.won_back) == ["joe", "rui"]
    assert data.won_back_count == 2


async def test_first_response_tooltips_name_the_cases_opened_in_the_period(
    as_role: Login, store: Store
) -> None:
    # Opened 9 days ago, answered an hour ago: answered in the last 7 days, yet not among the
    # 7 days' cases, since cases are grouped by when they were opened; the tooltips say so.
    _, case, _ = add(store, "late again", ago=timedelta(days=9))
    with store.engine.begin() as conn:
        answered = datetime.now(UTC) - timedelta(hours=1)
        conn.execute(sa.update(CASE).where(CASE.c.id == case).values(first_response_at=answered))
    desk = await as_role("manager")
    en, pt = await _dashboard(desk), await _dashboard(desk, PT)
    assert "0 cases answered" in en
    # Each of the two cards says it twice: in its tooltip and in the definitions under the cards.
    assert en.count("of the cases opened in this period that have been answered") == 4
    assert pt.count("dos casos abertos neste período que já foram respondidos") == 4
    assert "cases answered in this period" not in en
