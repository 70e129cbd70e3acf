"""The case page's author history puts each dot where its day falls between the dated ends of
its axis: a month's silence reads as a gap, two posts in an hour as a cluster, not as three
evenly spaced posts."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import MENTION
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


def _at(store: Store, mention: int, at: datetime) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.update(MENTION).where(MENTION.c.id == mention).values(created_at=at))


async def test_history_dots_stand_at_their_moment(as_role: Login, store: Store) -> None:
    praise, _, _ = add(store, "Adorei", handle="bia", label="positive", case=False, draft=None)
    late, _, _ = add(store, "Cadê meu pedido?", handle="bia", case=False, draft=None)
    again, case, _ = add(store, "Ninguém responde!", handle="bia")
    _at(store, praise, datetime(2026, 11, 1, 12, 0, tzinfo=UTC))
    _at(store, late, datetime(2026, 11, 30, 12, 0, tzinfo=UTC))
    _at(store, again, datetime(2026, 11, 30, 13, 0, tzinfo=UTC))  # an hour later
    desk = await as_role("agent")
    page = await desk.client.get(f"/cases/{case}", headers={"Accept-Language": "pt-BR"})
    chart = (await page.text()).split('class="history-chart"', 1)[1].split("</svg>", 1)[0]
    xs = [float(x) for x in re.findall(r'<circle class="\w+" cx="([\d.]+)%"', chart)]
    assert len(xs) == 3
    assert xs[0] == 4.0 and xs[2] == 96.0  # the first and last days, at the axis' ends
    assert xs[1] > 90  # a month after the first, an hour before the last: beside the last
    assert xs[2] - xs[1] >= 3  # yet apart from it: three posts, three dots


async def test_history_dots_at_one_moment_are_spread(as_role: Login, store: Store) -> None:
    first, _, _ = add(store, "Um", handle="caio", case=False, draft=None)
    second, case, _ = add(store, "Dois", handle="caio")
    for mention in (first, second):
        _at(store, mention, datetime(2026, 11, 30, 12, 0, tzinfo=UTC))
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    chart = page.split('class="history-chart"', 1)[1].split("</svg>", 1)[0]
    xs = [float(x) for x in re.findall(r'<circle class="\w+" cx="([\d.]+)%"', chart)]
    assert xs == [4.0, 96.0]  # no span to place them on: apart, so both can be seen
