"""The dashboard says when mentions are stored and not read yet (a backlog, a classifier down
for a day): beside the mentions card, in each language, and nothing when there are none; and
when its figures were read, in the desk's time zone."""

from __future__ import annotations

import itertools
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mentiondesk.models import Author, Mention
from mentiondesk.store import Store
from tests.desk.conftest import Client, Clock, Desk, desk_client
from tests.desk.seed import add

_IDS = itertools.count(1)
SAO_PAULO = ZoneInfo("America/Sao_Paulo")
_UNREAD = re.compile(r'<small class="kpi-note" id="dash-unread" title="([^"]+)">([^<]+)</small>')


def stored_unread(store: Store, n: int) -> None:
    """`n` mentions stored by a listener and not read yet (no reading: the classifier is down)."""
    now = datetime.now(UTC)
    posts = []
    for _ in range(n):
        i = next(_IDS)
        author = Author(id=f"u-unread{i}", handle=f"unread{i}", name="Bia", followers=3)
        at = now - timedelta(minutes=10)
        posts.append(Mention("x", f"unread-{i}", author, "cadê meu pedido?", created_at=at))
    store.ingest("seed", posts, None)


@pytest.fixture
async def manager(tmp_path: Path, db_url: str, store: Store, clock: Clock) -> AsyncIterator[Desk]:
    """A manager logged in to a desk in São Paulo's time."""
    desk = 'timezone = "America/Sao_Paulo"'
    client: Client
    async with desk_client(tmp_path, db_url, store, desk, clock=clock) as client:
        logged = Desk(client)
        assert await logged.login("manager") == 303
        yield logged


async def _page(desk: Desk, lang: str) -> str:
    headers = {"Accept-Language": lang}
    response = await desk.client.get("/dashboard?days=7", headers=headers)
    assert response.status == 200
    return await response.text()


UNREAD = {
    "en": ("1 mention not read yet", "3 mentions not read yet", "Stored and not read yet"),
    "pt-BR": ("1 menção ainda não lida", "3 menções ainda não lidas", "Recebidas e ainda não"),
    "pt-PT": ("1 menção ainda por ler", "3 menções ainda por ler", "Recebidas e ainda por ler"),
}


@pytest.mark.parametrize("lang", UNREAD)
async def test_mentions_not_read_yet_are_said_beside_the_count(
    manager: Desk, store: Store, lang: str
) -> None:
    one, three, why = UNREAD[lang]
    add(store, "late again")  # read: a complaint
    add(store, "love it", label="positive", case=False, draft=None)
    page = await _page(manager, lang)
    assert 'id="dash-unread"' not in page  # none waiting: nothing said
    assert '<b id="dash-mentions">2</b>' in page
    stored_unread(store, 1)
    found = _UNREAD.search(await _page(manager, lang))
    assert found and found.group(2) == one and found.group(1).startswith(why)
    stored_unread(store, 2)
    page = await _page(manager, lang)
    found = _UNREAD.search(page)
    assert found and found.group(2) == three
    assert '<b id="dash-mentions">2</b>' in page  # the read ones, as the chart counts them


NUMBERS = {
    "en": "1,234 mentions not read yet",
    "pt-BR": "1.234 menções ainda não lidas",
    "pt-PT": "1234 menções ainda por ler",  # CLDR: Portugal groups from 5 digits on
}


@pytest.mark.parametrize("lang", NUMBERS)
async def test_a_whole_day_unread_reads_in_the_language_s_numbers(
    manager: Desk, store: Store, lang: str
) -> None:
    stored_unread(store, 1234)  # the classifier down all day: nothing read at all
    page = await _page(manager, lang)
    found = _UNREAD.search(page)
    assert found and found.group(2) == NUMBERS[lang]
    assert '<b id="dash-mentions">0</b>' in page


AS_OF = {
    "en": "Figures as of ",
    "pt-BR": "Números calculados em ",
    "pt-PT": "Números calculados em ",
}


@pytest.mark.parametrize("lang", AS_OF)
async def test_the_page_says_when_its_figures_were_read(
    manager: Desk, clock: Clock, lang: str
) -> None:
    clock.now = datetime(2026, 12, 6, 1, 30, tzinfo=UTC)  # 22:30 the day before in São Paulo
    page = await _page(manager, lang)
    found = re.search(r'<p class="muted" id="dash-as-of">([^<]+)</p>', page)
    day = "2026-12-05" if lang == "en" else "05/12/2026"
    assert found and found.group(1) == f"{AS_OF[lang]}{day} 22:30 UTC−3"
