"""Acting on queue rows: approving or rejecting one brings the agent back to the queue as they
had filtered it, and each row waits since its post, as a case does."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable
from datetime import timedelta

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import DRAFT
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
_BACK = re.compile(r'name="back" value="([^"]*)"')


async def test_approve_and_reject_keep_the_queues_filters(as_role: Login, store: Store) -> None:
    _, case, first = add(store, "Refund please", platform="mastodon", reason="refund_payment")
    _, other, second = add(store, "Still no refund", platform="mastodon", reason="refund_payment")
    add(store, "Lost parcel", platform="x")
    desk = await as_role("agent")
    page = await (await desk.client.get("/queue?platform=mastodon&reason=refund_payment")).text()
    backs = {html.unescape(b) for b in _BACK.findall(page)}
    assert backs == {"/queue?platform=mastodon&reason=refund_payment"}
    approved = await desk.post(f"/drafts/{first}/approve", back=backs.pop())
    assert approved.headers["Location"] == "/queue?platform=mastodon&reason=refund_payment"
    assert await desk.said(approved) == f"approved&case={case}"
    # Past the first page, the rows shown stay shown.
    page = await (await desk.client.get("/queue?label=negative&show=200")).text()
    back = html.unescape(_BACK.findall(page)[0])
    assert back == "/queue?label=negative&show=200"
    rejected = await desk.post(f"/drafts/{second}/reject", back=back)
    assert rejected.headers["Location"] == "/queue?label=negative&show=200"
    assert await desk.said(rejected) == f"rejected&case={other}"
    # Unfiltered, the queue is just the queue.
    assert set(_BACK.findall(await (await desk.client.get("/queue")).text())) == {"/queue"}


async def test_a_thank_you_waits_since_the_praise_was_posted(as_role: Login, store: Store) -> None:
    """A loose draft (no case) reads its wait from the post, like a case: a week-old praise
    read after downtime is not "2m" old, nor queued behind this morning's."""
    thanks = "Thank you, {name}!"
    add(store, "Fresh praise", label="positive", case=False, draft=thanks, ago=timedelta(hours=1))
    add(store, "Old praise", label="positive", case=False, draft=thanks, ago=timedelta(days=3))
    desk = await as_role("agent")
    page = await (await desk.client.get("/queue?label=positive")).text()
    assert page.index("Old praise") < page.index("Fresh praise")
    old_row = page.split("Old praise", 1)[1]
    assert re.search(r'class="timer"[^>]*>3d 0h<', old_row.split("Fresh praise", 1)[0])


_SEEN = re.compile(
    r'"/drafts/(\d+)/approve" class="approve"[^>]*>\s*<input[^\n]*name="seen" value="(\w+)"'
)


async def test_one_click_approve_refuses_a_draft_edited_since_the_page_showed_it(
    as_role: Login, store: Store
) -> None:
    _, case, draft = add(store, "Where is my parcel?", draft="Sorry, could you DM us?")
    ana, bia = await as_role("agent"), await as_role("manager")
    page = await (await ana.client.get("/queue")).text()
    seen = dict(_SEEN.findall(page))[str(draft)]  # what the Approve button (and `a`) sends
    # Bia edits the draft on its case page after Ana's queue was shown.
    await bia.post(f"/drafts/{draft}/save", text="Sorry! Our courier lost it: refund sent.")
    refused = await ana.post(f"/drafts/{draft}/approve", back="/queue", seen=seen)
    assert refused.headers["Location"] == "/queue"
    assert _draft(store, draft) == ("pending", "Sorry! Our courier lost it: refund sent.")
    notice = await ana.landed(refused)
    assert "Someone edited this draft after the page was shown" in notice
    # Shown again, the new text is what Approve sends.
    page = await (await ana.client.get("/queue")).text()
    seen = dict(_SEEN.findall(page))[str(draft)]
    approved = await ana.post(f"/drafts/{draft}/approve", back="/queue", seen=seen)
    assert (
        approved.headers["Location"] == "/queue"
        and await ana.said(approved) == f"approved&case={case}"
    )
    assert _draft(store, draft) == ("approved", "Sorry! Our courier lost it: refund sent.")


def _draft(store: Store, draft_id: int) -> tuple[str, str]:
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.select(DRAFT.c.status, DRAFT.c.text).where(DRAFT.c.id == draft_id)
        ).one()
    return row.status, row.text


_REJECT_SEEN = re.compile(
    r'"/drafts/(\d+)/reject" class="reject"[^>]*>\s*<input[^\n]*name="seen" value="(\w+)"'
)


async def test_one_click_reject_refuses_a_draft_edited_since_the_page_showed_it(
    as_role: Login, store: Store
) -> None:
    _, case, draft = add(store, "Where is my parcel?", draft="Sorry, could you DM us?")
    ana, bia = await as_role("agent"), await as_role("manager")
    page = await (await ana.client.get("/queue")).text()
    seen = dict(_REJECT_SEEN.findall(page))[str(draft)]  # what the Reject button (and `r`) sends
    await bia.post(f"/drafts/{draft}/save", text="Sorry! Our courier lost it: refund sent.")
    refused = await ana.post(f"/drafts/{draft}/reject", back="/queue", seen=seen)
    assert refused.headers["Location"] == "/queue" and await ana.said(refused) == "edited"
    assert _draft(store, draft) == ("pending", "Sorry! Our courier lost it: refund sent.")
    # Shown again, the improved text is what Reject now knowingly throws away.
    page = await (await ana.client.get("/queue")).text()
    seen = dict(_REJECT_SEEN.findall(page))[str(draft)]
    rejected = await ana.post(f"/drafts/{draft}/reject", back="/queue", seen=seen)
    assert rejected.headers["Location"] == "/queue"
    assert await ana.said(rejected) == f"rejected&case={case}"
    assert _draft(store, draft)[0] == "rejected"


async def test_the_queues_notice_names_the_case_its_row_was(as_role: Login, store: Store) -> None:
    """The row is gone when the queue comes back: the notice says which case it was; a
    thank-you outside any case, and the case page, which is the case, say it as before."""
    _, case, draft = add(store, "Which one was it?")
    _, _, loose = add(store, "Lovely, thanks", label="positive", case=False, draft="Thank you!")
    desk = await as_role("agent")
    approved = await desk.post(f"/drafts/{draft}/approve", back="/queue")
    page = await desk.landed(approved)
    assert f"MD-{case:06d}: reply approved: it is on its way." in page
    pt = {"Accept-Language": "pt-BR"}
    page = await desk.told(store, "/queue", pt, notice="approved", case=str(case))
    assert f"MD-{case:06d}: resposta aprovada: já está a caminho." in page
    rejected = await desk.post(f"/drafts/{loose}/reject", back="/queue")
    assert rejected.headers["Location"] == "/queue" and await desk.said(rejected) == "rejected"
    forged = await desk.told(store, "/queue", notice="approved", case="<b>")
    assert "Reply approved: it is on its way." in forged and "&lt;b&gt;" not in forged
    # An old link's ?notice= says nothing now: a reload or a shared link cannot repeat it.
    old = await (await desk.client.get("/queue?notice=approved&case=1")).text()
    assert 'id="notice"' not in old
