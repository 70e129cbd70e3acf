"""The queue over HTTP: filtered by platform or reason, and a long one says what it leaves out."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest

from mentiondesk.store import Store
from mentiondesk.web import pages_queue
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PT_BR = {"Accept-Language": "pt-BR"}


async def test_a_long_queue_says_what_it_does_not_show(as_role: Login, store: Store) -> None:
    for n in range(101):
        add(store, f"Complaint number {n}", platform="mastodon", priority=5)
    thanks = "Thank you, {name}!"
    add(store, "Love it", platform="mastodon", label="positive", case=False, draft=thanks)
    desk = await as_role("agent")
    page = await (await desk.client.get("/queue?platform=mastodon")).text()
    assert page.count('<li class="item ') == 100 and "Love it" not in page
    # What the total counts, since the header's "open cases" and "drafts" count other things.
    assert (
        "Showing the 100 most urgent of 102 waiting: 101 cases and 1 draft without a case." in page
    )
    pt = await (await desk.client.get("/queue?platform=mastodon", headers=PT_BR)).text()
    assert "Mostrando os 100 mais urgentes de 102 na fila: 101 casos e 1 rascunho sem caso." in pt
    more = page.split('<p class="more"', 1)[1].split('href="', 1)[1].split('"', 1)[0]
    assert more == "/queue?platform=mastodon&amp;show=200"
    page = await (await desk.client.get(more.replace("&amp;", "&"))).text()
    assert page.count('<li class="item ') == 102 and "Love it" in page
    assert 'class="more"' not in page


async def test_queue_filters(as_role: Login, store: Store) -> None:
    add(store, "Lost parcel on x", platform="x", reason="delivery")
    add(store, "Refund please on mastodon", platform="mastodon", reason="refund")
    desk = await as_role("agent")
    page = await (await desk.client.get("/queue?platform=mastodon")).text()
    assert "Refund please" in page
    assert "Lost parcel" not in page
    page = await (await desk.client.get("/queue?reason=delivery")).text()
    assert "Lost parcel" in page
    assert "Refund please" not in page


async def test_at_the_cap_the_queue_says_to_filter_instead_of_show_more(
    as_role: Login, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past the cap "Show more" asked for a page it clamped back to the same rows."""
    monkeypatch.setattr(pages_queue, "PAGE", 2)
    monkeypatch.setattr(pages_queue, "MAX_SHOWN", 4)
    for n in range(6):
        add(store, f"Capped complaint {n}", platform="mastodon")
    desk = await as_role("agent")
    first = await (await desk.client.get("/queue?platform=mastodon")).text()
    assert 'href="/queue?platform=mastodon&amp;show=4">Show more</a>' in first
    page = await (await desk.client.get("/queue?platform=mastodon&show=4")).text()
    assert page.count('<li class="item ') == 4
    assert "Showing the 4 most urgent of 6 waiting: 6 cases." in page
    assert "Show more" not in page and "show=6" not in page
    said = "The queue shows only the first 4: narrow it with the filters above to see the others."
    assert said in page
    for lang, words in (
        (
            "pt-BR",
            "A fila mostra só os 4 primeiros: refine com os filtros acima para ver os demais.",
        ),
        ("pt-PT", "A fila mostra apenas os primeiros 4: para ver os restantes, refine com os"),
    ):
        pt = await desk.client.get("/queue?show=4", headers={"Accept-Language": lang})
        assert words in await pt.text()
