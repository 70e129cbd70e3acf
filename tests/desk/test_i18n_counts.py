"""Counts read right in every desk language: "1 case open", "2 cases open" (never "1 casos
abertos"), and a response-time target in the unit a team sets it in ("4 h", not "240 min")."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import CASE
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
LANGS = {"en": "en", "pt-BR": "pt-BR,pt;q=0.9", "pt-PT": "pt-PT,pt;q=0.9"}

# The queue's KPIs by id, as each language says one and several.
QUEUE_KPIS = {
    "en": {
        "kpi-open": ("case open", "cases open"),
        "kpi-drafts": ("draft to approve", "drafts to approve"),
        "kpi-answered": ("case answered in 24 h", "cases answered in 24 h"),
    },
    "pt-BR": {
        "kpi-open": ("caso aberto", "casos abertos"),
        "kpi-drafts": ("rascunho para aprovar", "rascunhos para aprovar"),
        "kpi-answered": ("caso respondido em 24 h", "casos respondidos em 24 h"),
    },
}
QUEUE_KPIS["pt-PT"] = QUEUE_KPIS["pt-BR"]
MENTIONS = {"en": ("mention", "mentions"), "pt-BR": ("menção", "menções")}
MENTIONS["pt-PT"] = MENTIONS["pt-BR"]


async def _page(desk: Desk, path: str, lang: str) -> str:
    response = await desk.client.get(path, headers={"Accept-Language": LANGS[lang]})
    assert response.status == 200, path
    return await response.text()


def _add_answered(store: Store, text: str) -> None:
    _, case, _ = add(store, text)
    with store.engine.begin() as conn:
        conn.execute(sa.update(CASE).where(CASE.c.id == case).values(first_response_at=_now()))


def _now() -> datetime:
    return datetime.now(UTC)


@pytest.mark.parametrize("lang", LANGS)
async def test_the_queue_kpis_agree_with_their_count(
    as_role: Login, store: Store, lang: str
) -> None:
    desk = await as_role("agent")
    _add_answered(store, "My parcel is lost")
    one = await _page(desk, "/queue", lang)
    _add_answered(store, "My refund never came")
    two = await _page(desk, "/queue", lang)
    for kpi, (singular, plural) in QUEUE_KPIS[lang].items():
        assert f'id="{kpi}">1</b><span>{singular}</span>' in one, kpi
        assert f'id="{kpi}">2</b><span>{plural}</span>' in two, kpi


@pytest.mark.parametrize("lang", LANGS)
async def test_the_dashboards_mentions_agree_with_their_count(
    as_role: Login, store: Store, lang: str
) -> None:
    desk = await as_role("manager")
    singular, plural = MENTIONS[lang]
    add(store, "My parcel is lost")
    one = await _page(desk, "/dashboard", lang)
    add(store, "My refund never came")
    two = await _page(desk, "/dashboard", lang)
    assert f'id="dash-mentions">1</b><span>{singular}</span>' in one
    assert f'id="dash-mentions">2</b><span>{plural}</span>' in two


def test_a_target_reads_in_hours_when_it_is_whole_hours() -> None:
    assert [ENGLISH.target(s) for s in (2700, 3600, 5400, 14400)] == [
        "45 min",
        "1 h",
        "1 h 30 min",
        "4 h",
    ]
    assert (PORTUGUESE.target(14400), EUROPEAN_PORTUGUESE.target(2700)) == ("4 h", "45 min")


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Waiting for a first response; target {}"),
        ("pt-BR", "Aguardando a primeira resposta; meta de {}"),
        ("pt-PT", "À espera da primeira resposta; meta de {}"),
    ],
)
async def test_the_waiting_timer_names_its_target_in_hours(
    as_role: Login, store: Store, lang: str, said: str
) -> None:
    add(store, "Is the lamp dimmable?", label="neutral")  # a 4-hour target
    add(store, "My parcel is lost")  # a complaint's: 1 hour
    page = await _page(await as_role("agent"), "/queue", lang)
    assert f'title="{said.format("4 h")}"' in page and f'title="{said.format("1 h")}"' in page
    assert "240 min" not in page


async def test_the_sentiment_filter_reads_lower_case_like_its_neighbours(
    as_role: Login, store: Store
) -> None:
    """Its options read as the others do ("entrega"): "reclamação", not the badge's "Reclamação"."""
    add(store, "My parcel is lost")
    page = await _page(await as_role("agent"), "/queue", "pt-BR")
    assert '<option value="negative" >reclamação</option>' in page
    assert '<option value="delivery" >entrega</option>' in page
    assert ">Reclamação</span>" in page  # the badge keeps its capital
