"""A reply an agent writes themselves on the case page: sent once, through the approval path."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

import sqlalchemy as sa

from mentiondesk import contacts
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, CASE, DRAFT, OUTBOX
from tests.desk.conftest import Desk, notice_of
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
_SEEN = re.compile(r'name="seen" value="(\d+)"')


def _scalar(store: Store, query: sa.Select[tuple[object]]) -> object:
    with store.engine.connect() as conn:
        return conn.scalar(query)


def _posts(store: Store) -> int:
    return int(str(_scalar(store, sa.select(sa.func.count()).where(OUTBOX.c.kind == "post"))))


async def _form(desk: Desk, case: int) -> tuple[str, str]:
    """The case page and the reply form's `seen` count as shown."""
    page = await (await desk.client.get(f"/cases/{case}")).text()
    seen = _SEEN.search(page)
    assert seen, "the case page offers no reply form"
    return page, seen.group(1)


async def test_after_rejecting_the_only_draft_the_agent_answers_and_it_is_sent_once(
    as_role: Login, store: Store
) -> None:
    mention, case, draft = add(store, "My order never came")
    desk = await as_role("agent")
    await desk.post(f"/drafts/{draft}/reject", back=f"/cases/{case}")
    _, seen = await _form(desk, case)
    text = "Hi! We're <sorry> — DM us & we'll fix it"
    reply = dict(kind="private", text=text, seen=seen, back=f"/cases/{case}")
    response = await desk.post(f"/mentions/{mention}/reply", **reply)
    assert response.headers["Location"] == f"/cases/{case}"
    page = notice_of(await desk.landed(response), "replied")
    # A double click, or a second agent with the same form open: nothing is sent twice.
    again = await desk.refused(f"/mentions/{mention}/reply", **reply)
    assert "agent sent a reply after you opened the page" in await again.text()
    assert _posts(store) == 1
    payload = str(_scalar(store, sa.select(OUTBOX.c.payload).where(OUTBOX.c.kind == "post")))
    assert '"private": true' in payload
    answered = _scalar(store, sa.select(CASE.c.first_response_at).where(CASE.c.id == case))
    assert answered is not None  # delivered: it is the case's first response
    mine = sa.select(DRAFT.c.status, DRAFT.c.decided_by).where(DRAFT.c.rule == "by hand")
    with store.engine.connect() as conn:
        assert conn.execute(mine).all() == [("approved", "agent")]
    assert _scalar(store, sa.select(AUDIT.c.action).where(AUDIT.c.action == "reply")) == "reply"
    assert "Your reply is being sent." in page and "written by hand" in page
    assert "We&#39;re &lt;sorry&gt; — DM us &amp; we&#39;ll fix it" in page
    assert "<sorry>" not in page
    assert "My order never came" not in await (await desk.client.get("/queue")).text()


async def test_a_hand_written_reply_withdraws_the_waiting_draft_of_its_kind(
    as_role: Login, store: Store
) -> None:
    mention, case, draft = add(store, "Broken on arrival", draft_kind="public")
    desk = await as_role("agent")
    _, seen = await _form(desk, case)
    sent = await desk.post(f"/mentions/{mention}/reply", kind="public", text="On it!", seen=seen)
    assert await desk.said(sent) == "replied"
    assert _scalar(store, sa.select(DRAFT.c.status).where(DRAFT.c.id == draft)) == "withdrawn"
    late = await desk.post(f"/drafts/{draft}/approve", back=f"/cases/{case}")
    assert await desk.said(late) == "stale"
    assert _posts(store) == 1


async def test_no_private_message_to_an_author_who_asked_not_to_be_contacted(
    as_role: Login, store: Store
) -> None:
    mention, case, _ = add(store, "stop messaging me", handle="quiet", draft=None)
    contacts.set_do_not_contact(store, "x", "quiet", by="admin")
    desk = await as_role("agent")
    page, seen = await _form(desk, case)
    assert 'value="private"' not in page
    assert "No private message: the author asked not to be contacted." in page
    await desk.refused(f"/mentions/{mention}/reply", kind="private", text="Hi", seen=seen)
    assert _posts(store) == 0  # the page says why, the text kept (test_reply_now_refused)
    pt = {"Accept-Language": "pt-BR"}
    page = await (await desk.client.get(f"/cases/{case}", headers=pt)).text()
    assert "Responder agora" in page and "a pessoa pediu para não ser contatada" in page
    public = await desk.post(f"/mentions/{mention}/reply", kind="public", text="Ok!", seen=seen)
    assert await desk.said(public) == "replied"  # a public reply may go


async def test_a_public_reply_to_a_listed_authors_direct_post_is_refused_as_a_dm(
    as_role: Login, store: Store
) -> None:
    # Sent no wider than the post: a public reply to a direct post is a private message.
    mention, case, _ = add(
        store, "psst", platform="mastodon", handle="shy", draft=None, visibility="direct"
    )
    contacts.set_do_not_contact(store, "mastodon", "shy", by="admin")
    desk = await as_role("agent")
    _, seen = await _form(desk, case)
    public = await desk.refused(f"/mentions/{mention}/reply", kind="public", text="Ok!", seen=seen)
    assert _posts(store) == 0
    assert "asked not to be contacted: no private message is sent" in await public.text()


async def test_no_private_message_where_the_platform_has_none(as_role: Login, store: Store) -> None:
    mention, case, _ = add(store, "HN thread complaint", platform="hackernews", draft=None)
    desk = await as_role("agent")
    page, seen = await _form(desk, case)
    assert 'value="private"' not in page and "No private messages on Hacker News." in page
    await desk.refused(f"/mentions/{mention}/reply", kind="private", text="Hi", seen=seen)
    assert _posts(store) == 0


async def test_a_closed_case_offers_no_reply_and_refuses_one(as_role: Login, store: Store) -> None:
    mention, case, _ = add(store, "Never mind", draft=None)
    desk = await as_role("agent")
    _, seen = await _form(desk, case)
    await desk.post(f"/cases/{case}/close", resolution="closed")
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert 'action="/mentions/' + str(mention) + '/reply"' not in page
    late = await desk.refused(f"/mentions/{mention}/reply", kind="public", text="Hi", seen=seen)
    assert "agent closed this case" in await late.text()
    assert _posts(store) == 0


async def test_only_a_signed_in_agent_with_the_forms_token_can_reply(
    anon: Desk, as_role: Login, store: Store
) -> None:
    mention, _, _ = add(store, "Where is it?", draft=None)
    form = {"csrf": "x", "kind": "public", "text": "Hi", "seen": "0"}
    nobody = await anon.client.post(f"/mentions/{mention}/reply", data=form)
    assert nobody.status == 403
    desk = await as_role("agent")
    forged = await desk.client.post(f"/mentions/{mention}/reply", data=form)
    assert forged.status == 403 and "form has expired" in await forged.text()
    assert _posts(store) == 0
