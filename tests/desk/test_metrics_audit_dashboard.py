"""The dashboard's figures agree with each other and read as people count: the mentions card,
the platform and language bars and the CSV count the same mentions; "1 de 1 caso"."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from mentiondesk.queue import close_case
from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
_BAR = re.compile(r'<span class="hvalue">(\d+)')


def _bars(page: str, heading: str) -> list[int]:
    section = page.split(f"<h2>{heading}", 1)[1].split("</section>", 1)[0]
    return [int(n) for n in _BAR.findall(section)]


async def test_a_post_stamped_after_today_counts_in_today_everywhere(
    as_role: Login, store: Store
) -> None:
    # Bluesky's createdAt is the author's app's: a post may read as written next year.
    add(store, "late again", platform="bluesky", ago=-timedelta(days=400))
    add(store, "still late", platform="x", ago=timedelta(0))  # today, at any hour
    desk = await as_role("manager")
    page = await (await desk.client.get("/dashboard?days=7")).text()
    assert '<b id="dash-mentions">2</b>' in page
    assert sum(_bars(page, "Volume per platform")) == 2
    assert sum(_bars(page, "Volume by language")) == 2
    assert "2 complaints" in page  # today's bar, with the post ahead of our clock
    csv = await (await desk.client.get("/dashboard.csv?days=7&format=data")).text()
    today = datetime.now(UTC).date().isoformat()
    assert [line.split(",")[0] for line in csv.splitlines()[1:]] == [today, today]


async def test_the_resolution_card_says_1_caso_and_2_casos(as_role: Login, store: Store) -> None:
    _, case, _ = add(store, "late again")
    assert case is not None
    close_case(store, case, by="manager", status="resolved")
    desk = await as_role("manager")

    async def card(lang: str) -> str:
        headers = {"Accept-Language": lang}
        page = await (await desk.client.get("/dashboard?days=7", headers=headers)).text()
        return page.split('id="dash-resolution"', 1)[1].split("</div>", 1)[0]

    assert "taxa de resolução · 1 de 1 caso ·" in await card("pt-BR")
    assert "taxa de resolução · 1 de 1 caso ·" in await card("pt-PT")
    assert "resolution rate · 1 of 1 case ·" in await card("en")
    add(store, "where is it")  # a second case, still open: 1 of 2
    assert "taxa de resolução · 1 de 2 casos ·" in await card("pt-BR")
    assert "resolution rate · 1 of 2 cases ·" in await card("en")
