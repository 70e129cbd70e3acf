"""The frustration a case's priority counts is its mentions' highest, a follow-up's too: the
case page and the queue row show it beside the mention's own, each named whose it is (as
`cases list` shows it), not only the opening or the latest mention's. Everywhere in one form,
"2 of 3", its scale (0 to 3) said in a title: never "2 / 3" in one place and "0–3" in another."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PT = {"Accept-Language": "pt-BR,pt;q=0.9"}
SCALE = "Frustration, as read in the post: from 0 (none) to 3 (the most)."


def _fact(page: str, term: str) -> str | None:
    """What the facts list says for `term` (its <dd>), tags dropped."""
    found = re.search(
        rf"<dt>{re.escape(term)}[^<]*(?:<small[^>]*>[^<]*</small>)?</dt><dd[^>]*>(.*?)</dd>",
        page,
        re.S,
    )
    return re.sub(r"<[^>]+>", "", found.group(1)).strip() if found else None


def _case(store: Store) -> tuple[int | None, int]:
    """A complaint of frustration 0, a follow-up of 3 (it raises the priority), then one of 1."""
    _, case, _ = add(store, "parcel late", handle="lia", frustration=0, priority=7, draft=None)
    angry, _, _ = add(store, "STILL NOTHING", handle="lia", frustration=3, priority=37, draft=None)
    add(store, "any news?", handle="lia", frustration=1, priority=17, draft=None)
    return case, angry


async def test_the_case_page_shows_the_highest_beside_the_priority(
    as_role: Login, store: Store
) -> None:
    case, angry = _case(store)
    desk = await as_role("agent")
    page = html.unescape(await (await desk.client.get(f"/cases/{case}")).text())
    assert _fact(
        page,
        "Priority",
    ).startswith("37")
    assert _fact(page, "Highest frustration in the case") == "3 of 3"
    assert _fact(page, "Frustration of this mention") == "0 of 3"  # the opening mention's
    assert page.count(f'<span class="frustration-of" title="{SCALE}">') == 2
    follow_up = html.unescape(await (await desk.client.get(f"/mentions/{angry}")).text())
    assert _fact(follow_up, "Frustration of this mention") == "3 of 3"
    assert _fact(follow_up, "Highest frustration in the case") == "3 of 3"
    pt = html.unescape(await (await desk.client.get(f"/cases/{case}", headers=PT)).text())
    assert _fact(pt, "Maior frustração do caso") == "3 de 3"
    assert _fact(pt, "Frustração desta menção") == "0 de 3"
    assert "de 0 (nenhuma) a 3 (a maior)" in pt and "frustração (0 a 3) × 10" in pt
    for old in ("/ 3<", "0–3", "0-3"):
        assert old not in page and old not in pt, old


async def test_a_lone_mention_s_case_says_it_once_in_each_panel(
    as_role: Login, store: Store
) -> None:
    _, case, _ = add(store, "broken lamp", handle="ivo", frustration=2, draft=None)
    desk = await as_role("agent")
    page = html.unescape(await (await desk.client.get(f"/cases/{case}")).text())
    assert _fact(page, "Frustration") == "2 of 3"  # one mention: no "of this mention"
    assert _fact(page, "Highest frustration in the case") == "2 of 3"


async def test_the_queue_row_names_the_case_s_and_the_mention_s(
    as_role: Login, store: Store
) -> None:
    _case(store)
    add(store, "lamp broken", handle="ivo", frustration=2, draft=None)  # no follow-ups
    desk = await as_role("agent")
    queue = html.unescape(await (await desk.client.get("/queue?view=all")).text())
    lia = queue[queue.index(">lia<") : queue.index(">ivo<")]
    # The case's, which orders the queue, is the badge; the mention's is the small print.
    assert _badges(lia) == ["frustration 3 of 3 (the case’s highest)"]
    assert re.findall(r'<small class="muted mention-frustration"[^>]*>([^<]*)<', lia) == [
        "this mention: frustration 1 of 3"
    ]
    case_title = lia.split("case-frustration", 1)[1].split(">", 1)[0]
    assert "priority counts" in case_title and "from 0 (none) to 3 (the most)" in case_title
    ivo = queue[queue.index(">ivo<") :]
    assert _badges(ivo) == ["frustration 2 of 3"] and "this mention" not in ivo
    assert f'<span class="badge frustration" title="{SCALE}">' in ivo
    pt = html.unescape(await (await desk.client.get("/queue?view=all", headers=PT)).text())
    lia_pt = pt[pt.index(">lia<") : pt.index(">ivo<")]
    assert _badges(lia_pt) == ["frustração 3 de 3 (a maior do caso)"]
    assert "esta menção: frustração 1 de 3</small>" in lia_pt
    assert "0-3" not in queue and "0-3" not in pt


def _badges(row: str) -> list[str]:
    return re.findall(r'<span class="badge frustration[^"]*"[^>]*>([^<]*)<', row)
