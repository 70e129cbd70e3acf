"""A dashboard with nothing to count yet (a new install, a quiet period) says so in words, card
by card, in each language: not "—", "0 of 0" or an empty chart's axes."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from mentiondesk.queue import close_case
from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
EMPTY = {
    "en": (
        "no cases yet in this period",
        "no answers yet in this period",
        "No mentions yet in this period.",
        "No complaints yet in this period.",
    ),
    "pt-BR": (
        "ainda não há casos neste período",
        "ainda não há respostas neste período",
        "Ainda não há menções neste período.",
        "Ainda não há reclamações neste período.",
    ),
}
EMPTY["pt-PT"] = EMPTY["pt-BR"]  # read alike in Portugal


async def _dashboard(desk: Desk, lang: str) -> str:
    headers = {"Accept-Language": lang}
    return await (await desk.client.get("/dashboard?days=7", headers=headers)).text()


@pytest.mark.parametrize("lang", EMPTY)
async def test_a_new_install_s_cards_say_there_is_nothing_yet(
    as_role: Login, store: Store, lang: str
) -> None:
    no_cases, no_answers, no_mentions, no_complaints = EMPTY[lang]
    page = await _dashboard(await as_role("manager"), lang)
    assert f'<b id="dash-resolution" class="kpi-none">{no_cases}</b>' in page
    assert f'<b id="dash-csat" class="kpi-none">{no_answers}</b>' in page
    assert f'<b id="dash-nps" class="kpi-none">{no_answers}</b>' in page
    assert ">—<" not in page and "0 of 0" not in page and "0 de 0" not in page
    assert " 0 answers" not in page and " 0 respostas" not in page
    # The sentiment chart, the platforms and the languages: words, not axes around nothing.
    assert page.count(f'<p class="muted chart-none">{no_mentions}</p>') == 3
    assert f'<p class="muted chart-none">{no_complaints}</p>' in page
    assert 'class="chart"' not in page and 'class="legend"' not in page


async def test_cases_all_closed_without_resolution_need_no_rate(
    as_role: Login, store: Store
) -> None:
    _, case, _ = add(store, "spam spam", draft=None)
    assert case is not None
    close_case(store, case, by="agent")  # spam: closed, not resolved
    page = await _dashboard(await as_role("manager"), "en")
    card = page.split('id="dash-resolution"', 1)[1].split("</div>", 1)[0]
    assert 'class="kpi-none">none needed resolving</b>' in card
    assert "resolution rate · closed without resolution: 1" in card


async def test_a_period_with_figures_shows_them(as_role: Login, store: Store) -> None:
    add(store, "late again")
    page = await _dashboard(await as_role("manager"), "en")
    assert '<b id="dash-resolution">0%</b>' in page  # one open case, not resolved yet
    assert 'class="chart"' in page and "chart-none" not in page
