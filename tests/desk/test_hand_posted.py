"""Hacker News cannot be posted to: Approve is refused, a person posts the reply there and
presses Mark as posted, which answers the case with nothing sent."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, CASE, DRAFT, MENTION, OUTBOX
from tests.desk.conftest import Desk, notice_of
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
ITEM = "https://news.ycombinator.com/item?id=4242"


def _hn(store: Store) -> tuple[int, int, int]:
    """An HN complaint's case with a public draft, its mention linking to the item."""
    mention, case, draft = add(
        store,
        "Lumora's API is down again",
        platform="hackernews",
        draft="Sorry, we are on it.",
        draft_kind="public",
    )
    assert case is not None and draft is not None
    with store.engine.begin() as conn:
        conn.execute(sa.update(MENTION).where(MENTION.c.id == mention).values(url=ITEM))
    return mention, case, draft


def _one(store: Store, query: sa.Select[tuple[object]]) -> object:
    with store.engine.connect() as conn:
        return conn.scalar(query)


def _outbox_posts(store: Store) -> int:
    return int(str(_one(store, sa.select(sa.func.count()).where(OUTBOX.c.kind == "post"))))


async def test_approve_is_refused_and_the_page_says_how_to_post_by_hand(
    as_role: Login, store: Store
) -> None:
    _, case, draft = _hn(store)
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert "Hacker News cannot be posted to from here" in page and f'href="{ITEM}"' in page
    assert f'action="/drafts/{draft}/posted"' in page and "Approve and send" not in page
    refused = await desk.refused(f"/drafts/{draft}/approve", text="Sorry!", back=f"/cases/{case}")
    assert "cannot be sent from here" in await refused.text()
    one_click = await desk.post(f"/drafts/{draft}/approve", back="/queue")
    assert one_click.headers["Location"] == "/queue" and await desk.said(one_click) == "by-hand"
    assert _one(store, sa.select(DRAFT.c.status).where(DRAFT.c.id == draft)) == "pending"
    assert _outbox_posts(store) == 0
    queue = await (await desk.client.get("/queue")).text()
    assert f"/drafts/{draft}/approve" not in queue and "Post by hand" in queue


async def test_mark_as_posted_answers_the_case_and_sends_nothing(
    as_role: Login, store: Store
) -> None:
    _, case, draft = _hn(store)
    desk = await as_role("agent")
    done = await desk.post(f"/drafts/{draft}/posted", text="Sorry, fixed.", back=f"/cases/{case}")
    assert done.headers["Location"] == f"/cases/{case}"
    page = notice_of(await desk.landed(done), "posted")
    decided = sa.select(DRAFT.c.status, DRAFT.c.decided_by, DRAFT.c.text)
    with store.engine.connect() as conn:
        assert conn.execute(decided.where(DRAFT.c.id == draft)).one() == (
            "approved",
            "agent",
            "Sorry, fixed.",
        )
        assert conn.scalar(sa.select(CASE.c.first_response_at).where(CASE.c.id == case))
        assert conn.scalar(sa.select(AUDIT.c.detail).where(AUDIT.c.action == "posted")) == "edited"
    assert _outbox_posts(store) == 0
    assert "Marked as posted" in page and "Posted on Hacker News by hand by agent" in page
    assert "agent edited a reply and marked it as posted by hand" in page
    assert "Lumora&#39;s API is down again" not in await (await desk.client.get("/queue")).text()


async def test_reply_now_on_hacker_news_records_a_reply_posted_there(
    as_role: Login, store: Store
) -> None:
    mention, case, _ = add(store, "Still broken", platform="hackernews", draft=None)
    desk = await as_role("agent")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert "(post it on Hacker News yourself, then record it here)" in page
    reply = dict(kind="public", text="Fixed now, sorry!", seen="0", back=f"/cases/{case}")
    done = await desk.post(f"/mentions/{mention}/reply", **reply)
    assert done.headers["Location"] == f"/cases/{case}" and await desk.said(done) == "posted"
    assert _outbox_posts(store) == 0
    assert _one(store, sa.select(CASE.c.first_response_at).where(CASE.c.id == case))
    assert _one(store, sa.select(AUDIT.c.action).where(AUDIT.c.action == "posted-reply"))


async def test_mark_as_posted_is_refused_where_the_desk_posts(as_role: Login, store: Store) -> None:
    _, case, draft = add(store, "Parcel lost", draft_kind="public")
    desk = await as_role("agent")
    refused = await desk.refused(f"/drafts/{draft}/posted", text="Sorry!", back=f"/cases/{case}")
    assert "use Approve instead" in await refused.text()
    assert _one(store, sa.select(DRAFT.c.status).where(DRAFT.c.id == draft)) == "pending"
