"""Waits (queue timers, first-response times) in the page's language's units: "3h 05m" in
English, "3 h 05 min" in Portuguese; desk-counts.js gets the same formats from the page."""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from html import unescape

import pytest

from mentiondesk.store import Store
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE, Locale
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
WAITS = [45, 12 * 60 + 5, 3 * 3600 + 5 * 60, 6 * 86400 + 4 * 3600 + 59]


@pytest.mark.parametrize(
    ("loc", "said"),
    [
        (ENGLISH, ["45s", "12m", "3h 05m", "6d 4h"]),
        (PORTUGUESE, ["45 s", "12 min", "3 h 05 min", "6 d 4 h"]),
        (EUROPEAN_PORTUGUESE, ["45 s", "12 min", "3 h 05 min", "6 d 4 h"]),
    ],
    ids=["en", "pt-BR", "pt-PT"],
)
def test_a_wait_in_each_language(loc: Locale, said: list[str]) -> None:
    assert [loc.duration(s) for s in WAITS] == said
    assert (loc.duration(None), loc.duration(-5)) == ("—", loc.duration(0))


async def test_the_queue_timer_and_the_scripts_units_follow_the_page(
    as_role: Login, store: Store
) -> None:
    agent = await as_role("agent")
    add(store, "Units: where is my order")
    page = await (await agent.client.get("/queue", headers={"Accept-Language": "pt-BR"})).text()
    timers = re.findall(r'<span class="timer" data-since="[^"]+"[^>]*>([^<]+)</span>', page)
    assert timers and all(re.fullmatch(r"\d+ (?:s|min|h \d\d min|d \d+ h)", t) for t in timers)
    strings = json.loads(unescape(re.search(r"data-strings='([^']*)'", page).group(1)))
    assert strings["hours"] == "{h} h {m} min" and strings["seconds"] == "{s} s"
