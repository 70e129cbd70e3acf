"""Mentions by language on the dashboard: a Brazilian lead sees Portuguese against English
volume (the reading's language; "und", the detector unsure, as "unknown"), in each language."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import READING
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


def _seed(store: Store) -> None:
    for text, lang in (("atrasou", "pt"), ("cadê", "pt"), ("???", "und"), ("late", "en")):
        mention, _, _ = add(store, text)
        with store.engine.begin() as conn:
            query = sa.update(READING).where(READING.c.mention_id == mention)
            conn.execute(query.values(lang=lang))


def _bars(page: str, heading: str) -> list[tuple[str, str]]:
    panel = page.split(heading, 1)[1].split("</section>", 1)[0]
    return re.findall(r'class="hlabel">([^<]*)</span>.*?class="hvalue">(\d+)', panel, re.S)


async def test_the_dashboard_counts_mentions_by_language(as_role: Login, store: Store) -> None:
    _seed(store)
    desk = await as_role("manager")
    page = await (await desk.client.get("/dashboard?days=7")).text()
    assert "Volume by language" in page and "mentions per language" in page
    assert _bars(page, "Volume by language") == [
        ("Portuguese", "2"),
        ("English", "1"),
        ("unknown", "1"),
    ]
    for lang in ("pt-BR", "pt-PT"):
        headers = {"Accept-Language": lang}
        pt = await (await desk.client.get("/dashboard?days=7", headers=headers)).text()
        assert _bars(pt, "Volume por idioma") == [
            ("português", "2"),
            ("inglês", "1"),
            ("não identificado", "1"),
        ], lang
        assert "menções por idioma" in pt
