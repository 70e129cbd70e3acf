"""A complaint relabelled as praise or neutral sheds its complaint traces on the case page:
reason and frustration are marked as the machine's earlier reading, and the Case panel offers
to end the case when nothing on it reads as a complaint any more."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
EARLIER = "(the machine&#39;s earlier reading)"
OFFER = "Relabelled as praise: nothing on this case reads as a complaint now."


async def test_a_complaint_relabelled_as_praise_marks_its_reason_and_offers_to_end(
    as_role: Login, store: Store
) -> None:
    mention, case, _ = add(store, "It arrived, love it", reason="support", frustration=1)
    desk = await as_role("agent")
    before = await (await desk.client.get(f"/cases/{case}")).text()
    assert "<dt>Reason</dt>" in before and EARLIER not in before and OFFER not in before
    await desk.post(f"/mentions/{mention}/correct", label="positive", back=f"/cases/{case}")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert f'<dt>Reason <small class="muted earlier-reading">{EARLIER}</small></dt>' in page
    assert f'<dt>Frustration <small class="muted earlier-reading">{EARLIER}</small></dt>' in page
    assert OFFER in page
    pt = await desk.client.get(f"/cases/{case}", headers={"Accept-Language": "pt-PT"})
    assert "já nada neste caso está classificado como reclamação" in await pt.text()


async def test_a_follow_up_still_read_as_a_complaint_keeps_the_case(
    as_role: Login, store: Store
) -> None:
    mention, case, _ = add(store, "It arrived", handle="bea")
    add(store, "but the box was crushed", handle="bea", draft=None)
    desk = await as_role("agent")
    await desk.post(f"/mentions/{mention}/correct", label="positive", back=f"/cases/{case}")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert "Relabelled as praise" not in page


async def test_praise_nobody_read_as_a_complaint_shows_no_reason(
    as_role: Login, store: Store
) -> None:
    mention, _, _ = add(store, "love it", label="positive", reason=None, case=False, draft=None)
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/mentions/{mention}")).text()
    assert "<dt>Reason" not in page and "<dt>Frustration" not in page
