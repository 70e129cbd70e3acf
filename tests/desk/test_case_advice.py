"""Advice to another customer in their thread (bystanders.py) is badged where it shows: in
the thread on the case page of the customer it advises, on its own page, and in the queue
when a draft answers it. Its text is the bystander's: escaped like any post."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import MENTION
from mentiondesk.web.data_dash import load_dashboard
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
BADGE = "advice to another customer in a thread"
PT_BR = {"Accept-Language": "pt-BR,pt;q=0.9"}
PT_PT = {"Accept-Language": "pt-PT,pt;q=0.9"}
ADVICE = "@ana <b>try</b> clearing the cache, worked for me"


def _thread(store: Store) -> tuple[int | None, int]:
    """A customer's case opened by a first post with no thread id (Bluesky, Mastodon), and a
    bystander's advice replying to it, which opened no case."""
    opener, case, _ = add(store, "the app crashes on login", handle="ana")
    with store.engine.connect() as conn:
        root = conn.scalar(sa.select(MENTION.c.external_id).where(MENTION.c.id == opener))
    advice, _, _ = add(
        store, ADVICE, handle="bob", thread_id=root, case=False, draft=None, advice=True
    )
    with store.engine.begin() as conn:
        conn.execute(sa.update(MENTION).where(MENTION.c.id == advice).values(parent_id=root))
    return case, advice


async def test_the_advised_customer_s_case_shows_the_advice_in_its_thread(
    as_role: Login, store: Store
) -> None:
    case, _ = _thread(store)
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    thread = page.split("<h2>Thread</h2>")[1].split("</section>")[0]
    assert "&lt;b&gt;try&lt;/b&gt; clearing the cache" in thread and "<b>try</b>" not in page
    assert thread.count(BADGE) == 1


async def test_advice_is_badged_in_the_thread_on_its_page_and_in_the_queue(
    as_role: Login, store: Store
) -> None:
    _, case, _ = add(store, "the app crashes on login", handle="ana", thread_id="t-1")
    advice, _, _ = add(
        store, ADVICE, handle="bob", thread_id="t-1", case=False, draft=None, advice=True
    )
    add(
        store,
        "@ana call them, they were lovely to me",
        handle="cid",
        thread_id="t-1",
        label="positive",
        case=False,
        draft="Thanks!",
        draft_kind="public",
        rule="praise",
        advice=True,
    )
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert page.count(BADGE) == 2  # both replies, in the thread; not the customer's own post
    assert BADGE in await (await desk.client.get(f"/mentions/{advice}")).text()
    queue = await (await desk.client.get("/queue")).text()
    assert queue.count(BADGE) == 1  # the thank-you's row; the customer's case has none
    br = await (await desk.client.get(f"/mentions/{advice}", headers=PT_BR)).text()
    assert "conselho para outra pessoa em uma conversa" in br
    pt = await (await desk.client.get("/queue", headers=PT_PT)).text()
    assert "conselho a outra pessoa numa conversa" in pt


def test_advice_is_no_complaint_in_the_dashboard_s_reasons(store: Store) -> None:
    # Ana's app crashes; Bob's "try clearing the cache" names it in angry words: one problem.
    add(store, "the app crashes on login", handle="ana", reason="app", thread_id="t-1")
    add(store, ADVICE, handle="bob", reason="app", thread_id="t-1", case=False, advice=True)
    data = load_dashboard(store, days=7, now=datetime.now(UTC))
    assert data.reasons == [("app", 1, 0)]
