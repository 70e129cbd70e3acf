"""The dashboard says only what its numbers can: no p90 of three answered cases, no "new"
beside every reason when there is no previous period to compare with, and chart labels the
size of the page's small text."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import timedelta

import sqlalchemy as sa

from mentiondesk.report import report
from mentiondesk.store import Store
from mentiondesk.tables import CASE
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE
from mentiondesk.wording import signed
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PT = {"Accept-Language": "pt-BR"}


def _answered(store: Store, n: int) -> None:
    """`n` cases, each answered 2 minutes after it opened."""
    for i in range(n):
        _, case, _ = add(store, f"late again {i}", ago=timedelta(hours=1))
        with store.engine.begin() as conn:
            opened = conn.scalar(sa.select(CASE.c.opened_at).where(CASE.c.id == case))
            reply = opened + timedelta(minutes=2)
            conn.execute(sa.update(CASE).where(CASE.c.id == case).values(first_response_at=reply))


async def _dashboard(desk: Desk, **headers: str) -> str:
    return await (await desk.client.get("/dashboard?days=7", headers=headers)).text()


async def test_three_answered_cases_have_no_p90(as_role: Login, store: Store) -> None:
    _answered(store, 3)
    desk = await as_role("manager")
    page = await _dashboard(desk)
    assert '<b id="dash-frt-p90"><span aria-hidden="true">—</span>' in page
    assert ">too few answers</em>" in page
    assert "3 cases answered" in page and re.search(r'id="dash-frt-p50">\d+m<', page)  # kept
    assert ">poucas respostas</em>" in await _dashboard(desk, **PT)
    assert report(store)["first_response"]["p90_seconds"] is None  # nor does the report


async def test_ten_answered_cases_have_a_p90(as_role: Login, store: Store) -> None:
    _answered(store, 10)
    page = await _dashboard(await as_role("manager"))
    assert re.search(r'<b id="dash-frt-p90">\d+m</b>', page) and "too few answers" not in page


async def test_a_fresh_install_has_no_new_reasons(as_role: Login, store: Store) -> None:
    add(store, "late again", reason="delivery")
    page = await _dashboard(await as_role("manager"))
    assert "· new" not in page and "new this period" not in page


async def test_a_reason_new_since_the_previous_period_says_so(as_role: Login, store: Store) -> None:
    add(store, "late again", reason="delivery", ago=timedelta(days=10))
    add(store, "charged twice", reason="refund_payment")
    desk = await as_role("manager")
    page = await _dashboard(desk)
    said = 'title="No case for this reason in the previous period of as many days.">new this'
    assert said in page
    assert ">novo neste período</span>" in await _dashboard(desk, **PT)


def test_a_reasons_change_is_written_as_each_locale_writes_a_percent() -> None:
    # 1 case before, 27 now: "+2600%" read as a year in pt-BR; CLDR groups and spaces it.
    assert ENGLISH.signed_percent(2600.0) == "+2,600%"
    assert PORTUGUESE.signed_percent(2600.0) == "+2.600%"
    assert EUROPEAN_PORTUGUESE.signed_percent(2600.0) == "+2600%"
    assert EUROPEAN_PORTUGUESE.signed_percent(-50.0) == "-50%"
    assert ENGLISH.signed_percent(0.0) == "0%"  # no change has no sign
    assert ENGLISH.signed_percent(-0.4) == "0%"


def test_every_share_is_written_as_each_locale_writes_a_percent() -> None:
    """One format for the cards' shares and the reasons' changes: Portugal's no-break space
    before %, none in Brazil or English; rounding never reads as none or all."""
    shares = (None, 0, 0.5, 50.4, 99.5, 100, 1234)
    assert [ENGLISH.percent(v) for v in shares] == [
        "—", "0%", "<1%", "50%", ">99%", "100%", "1,234%"
    ]  # fmt: skip
    assert [PORTUGUESE.percent(v) for v in shares[1:]] == [
        "0%", "<1%", "50%", ">99%", "100%", "1.234%"
    ]  # fmt: skip
    assert [EUROPEAN_PORTUGUESE.percent(v) for v in shares[1:]] == [
        "0%", "<1%", "50%", ">99%", "100%", "1234%"
    ]  # fmt: skip


def test_halves_round_away_from_zero_as_a_spreadsheet_rounds_them() -> None:
    # 5 of 8 resolved is 62.5 %: Python's round-half-even said "62%", a spreadsheet "63%".
    assert ENGLISH.percent(62.5) == "63%"
    assert ENGLISH.percent(12.5) == "13%"  # half-even would say 12: the same rule both ways
    assert ENGLISH.signed_percent(-12.5) == "-13%"
    assert ENGLISH.signed_percent(2.5) == "+3%"
    # Shares reckoned k / n * 100 land a hair under their half: 23 of 40 is 57.49999999999999.
    assert ENGLISH.percent(23 / 40 * 100) == "58%"
    assert signed(-23 / 40 * 100) == "-58"


def test_an_nps_is_signed_and_never_minus_zero() -> None:
    assert [signed(v) for v in (12.5, -12.5, -0.4, 0.0, 0.4, 100.0)] == [
        "+13", "-13", "0", "0", "0", "+100"
    ]  # fmt: skip


async def test_csat_and_nps_say_how_they_are_counted(as_role: Login, store: Store) -> None:
    desk = await as_role("manager")
    english, brazil = await _dashboard(desk), await _dashboard(desk, **PT)
    portugal = await _dashboard(desk, **{"Accept-Language": "pt-PT"})
    assert "the % of promoters (9–10) minus the % of detractors (0–6)" in english
    assert "the share of 4s and 5s" in english
    assert "a % de promotores (9–10) menos a % de detratores (0–6)" in brazil
    assert "você nos recomendaria?" in brazil and "«recomendaria-nos?»" in portugal
    assert "a proporção de notas 4 e 5" in portugal


async def test_the_cards_shares_are_in_the_pages_locale(as_role: Login, store: Store) -> None:
    _answered(store, 1)
    desk = await as_role("manager")
    english, brazil = await _dashboard(desk), await _dashboard(desk, **PT)
    portugal = await _dashboard(desk, **{"Accept-Language": "pt-PT"})
    assert 'id="dash-resolution">0%<' in english
    assert 'id="dash-resolution">0%<' in brazil
    assert 'id="dash-resolution">0%<' in portugal


async def test_the_p90_card_is_labelled_as_the_median_is(as_role: Login, store: Store) -> None:
    """pt-BR's "90% respondidos em até" under the figure left "em até" without its object:
    the p90 card is named as the median's is, and its sentence says what it means."""
    _answered(store, 1)
    desk = await as_role("manager")
    english, brazil = await _dashboard(desk), await _dashboard(desk, **PT)
    portugal = await _dashboard(desk, **{"Accept-Language": "pt-PT"})
    said = {
        english: ("First response (p90)", "9 in 10 answered cases got a reply within this time"),
        brazil: ("Tempo de 1ª resposta (p90)", "9 em cada 10 casos respondidos tiveram resposta"),
        portugal: ("Tempo da 1.ª resposta (p90)", "9 em cada 10 casos respondidos tiveram"),
    }
    for page, (label, sentence) in said.items():
        assert f'<span>{label}</span><small class="kpi-note">{sentence}' in page
    assert "em até" not in brazil and "respondidos no máximo em" not in portugal


async def test_the_counts_sit_under_both_first_response_cards(as_role: Login, store: Store) -> None:
    """ "N cases answered · M waiting" counts the cases of the median and the p90 alike: it
    sat in the p90's card only; now once, under the two, in their group."""
    _answered(store, 1)
    desk = await as_role("manager")
    for page, counts in (
        (await _dashboard(desk), "1 case answered · "),
        (await _dashboard(desk, **PT), "1 caso respondido · "),
    ):
        pair = page.split('<div class="kpi-pair"', 1)[1].split('<div class="kpi" title', 3)
        cards, after = pair[1:3], pair[2].split("</div>", 1)[1]
        assert all(counts not in card.split("</div>", 1)[0] for card in cards)
        assert page.count(counts) == 1 and counts in after.split("</div>", 1)[0]


async def test_a_reasons_change_on_the_page_is_in_the_pages_locale(
    as_role: Login, store: Store
) -> None:
    add(store, "late again", reason="delivery", ago=timedelta(days=10))
    for i in range(2):
        add(store, f"still late {i}", reason="delivery")
    desk = await as_role("manager")
    assert "+100% vs previous period" in await _dashboard(desk)
    portugal = await _dashboard(desk, **{"Accept-Language": "pt-PT"})
    assert "+100% em relação ao período anterior" in portugal
    assert "+100% em relação ao período anterior" in await _dashboard(desk, **PT)
