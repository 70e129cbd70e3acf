"""Praise on an open case in the desk: why the apology was withdrawn, and a hint to resolve."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PT = {"Accept-Language": "pt-BR"}
BADGE = "posted praise: resolved?"
HINT = "The latest mention in this case is praise: if the problem is solved, resolve the case."


def _praise(store: Store, handle: str) -> tuple[int, int | None, int | None]:
    thanks = "Thanks for letting us know! We're really glad to hear it."
    return add(
        store, "it arrived, thank you!", handle=handle, label="positive", case=False,
        draft=thanks, draft_kind="public", rule="praise",
    )  # fmt: skip


async def test_the_desk_says_why_the_apology_was_withdrawn(as_role: Login, store: Store) -> None:
    _, case, apology = add(store, "Where is my parcel?", handle="lia")
    praise, joined, thanks = _praise(store, "lia")
    assert joined == case
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert "Withdrawn: the author has since posted praise." in page
    assert f'<a href="/mentions/{praise}">See the praise</a>' in page
    assert HINT in page and "it arrived, thank you!" in page  # in the case's mentions
    stale = await desk.post(f"/drafts/{apology}/approve", back=f"/cases/{case}")
    assert stale.headers["Location"].endswith("notice=stale")  # it cannot be sent blindly
    queue = await (await desk.client.get("/queue")).text()
    assert BADGE in queue and "Where is my parcel?" in queue
    assert f'data-draft="{thanks}"' in queue  # the case's pending reply is the thank-you now
    pt = await (await desk.client.get(f"/cases/{case}", headers=PT)).text()
    assert "Retirado: depois disso, o autor publicou um elogio." in pt and "Ver o elogio" in pt
    assert "elogiou: resolvido?" in await (await desk.client.get("/queue", headers=PT)).text()


async def test_the_hint_goes_when_the_author_complains_again_or_the_case_is_resolved(
    as_role: Login, store: Store
) -> None:
    _, case, _ = add(store, "Where is my parcel?", handle="rui")
    _praise(store, "rui")
    add(store, "wait, it is the wrong lamp!", handle="rui")
    desk = await as_role("agent")
    assert BADGE not in await (await desk.client.get("/queue")).text()
    assert HINT not in await (await desk.client.get(f"/cases/{case}")).text()
    _, other, _ = add(store, "Broken screen", handle="bia")
    _praise(store, "bia")
    assert HINT in await (await desk.client.get(f"/cases/{other}")).text()
    await desk.post(f"/cases/{other}/close", resolution="resolved")
    assert HINT not in await (await desk.client.get(f"/cases/{other}")).text()
