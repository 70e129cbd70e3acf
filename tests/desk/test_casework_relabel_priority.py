"""Correcting the reading of a case's mention works its priority out again, as the pipeline
would have on the corrected reading, and the Case panel says the rule chose the old one."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import CASE, case_number
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
# The seed's authors have 120 followers (+2 reach); frustration 1 is 10, a complaint +5.
AS_COMPLAINT, AS_PRAISE = 17, 12


def _priority(store: Store, case: int | None) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(CASE.c.priority).where(CASE.c.id == case)) or 0)


def _order(page: str, *cases: int | None) -> list[int | None]:
    """The cases as the queue page lists them, first first."""
    return sorted(cases, key=lambda c: page.index(case_number(c or 0)))


async def test_praise_read_as_a_complaint_drops_down_the_queue(
    as_role: Login, store: Store
) -> None:
    mention, praise, _ = add(store, "Genuinely impressed @lumora", priority=AS_COMPLAINT)
    _, other, _ = add(store, "Still waiting for my parcel", priority=AS_COMPLAINT - 1)
    desk = await as_role("agent")
    assert _order(await (await desk.client.get("/queue")).text(), other, praise)[0] == praise
    await desk.post(f"/mentions/{mention}/correct", label="positive")
    assert _priority(store, praise) == AS_PRAISE
    assert _order(await (await desk.client.get("/queue")).text(), other, praise)[0] == other
    page = await (await desk.client.get(f"/cases/{praise}")).text()
    assert "· reading corrected to praise" in page


async def test_a_complaint_read_as_praise_rises_up_the_queue(as_role: Login, store: Store) -> None:
    mention, wry, _ = add(store, "Oh great, another delay", label="positive", priority=AS_PRAISE)
    _, other, _ = add(store, "Where is my order?", priority=AS_PRAISE + 1)
    desk = await as_role("agent")
    await desk.post(f"/mentions/{mention}/correct", label="negative")
    assert _priority(store, wry) == AS_COMPLAINT
    assert _order(await (await desk.client.get("/queue")).text(), other, wry)[0] == wry
    pt = {"Accept-Language": "pt-BR"}
    page = await (await desk.client.get(f"/cases/{wry}", headers=pt)).text()
    assert "classificação corrigida para reclamação" in page


async def test_a_more_urgent_follow_up_still_holds_the_case_up(
    as_role: Login, store: Store
) -> None:
    mention, case, _ = add(store, "Lovely lamp", handle="kit", priority=AS_COMPLAINT)
    add(store, "Still broken!!", handle="kit", frustration=3, priority=37)  # joins the case
    desk = await as_role("agent")
    await desk.post(f"/mentions/{mention}/correct", label="positive")
    assert _priority(store, case) == 37  # the follow-up's, as when it joined
