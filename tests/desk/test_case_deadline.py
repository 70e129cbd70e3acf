"""One first-response deadline per case: each of its pages (the case's, a follow-up's) shows
the target the queue gives the case, which goes by the mention that opened it."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
_SLA = re.compile(r'class="timer" data-since="[^"]*" data-sla="(\d+)"')


async def _targets(desk: Desk, *paths: str) -> list[list[str]]:
    return [_SLA.findall(await (await desk.client.get(path)).text()) for path in paths]


async def test_a_praise_follow_up_shows_the_complaint_case_s_hour(
    as_role: Login, store: Store
) -> None:
    _, case, _ = add(store, "Where is my parcel?", handle="bea", draft=None)
    praise, joined, _ = add(
        store, "oh, it came, thanks!", handle="bea", label="positive", case=False, draft=None
    )
    assert joined == case  # the praise is the case's follow-up
    desk = await as_role("agent")
    queue, opener, follow_up = await _targets(
        desk, "/queue", f"/cases/{case}", f"/mentions/{praise}"
    )
    assert queue == opener == follow_up == ["3600"]  # a complaint's hour, not praise's four


async def test_a_complaint_follow_up_keeps_the_neutral_case_s_four_hours(
    as_role: Login, store: Store
) -> None:
    _, case, _ = add(store, "Do you ship to Porto?", handle="rui", label="neutral", draft=None)
    complaint, joined, _ = add(store, "still no answer, annoying", handle="rui", draft=None)
    assert joined == case
    desk = await as_role("agent")
    queue, opener, follow_up = await _targets(
        desk, "/queue?view=all", f"/cases/{case}", f"/mentions/{complaint}"
    )
    assert queue == opener == follow_up == ["14400"]
