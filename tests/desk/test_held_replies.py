"""An approved reply the outbox holds was never sent: the queue and the case page say so and
why, and "Try sending again" puts it back in the outbox (as `mentiondesk outbox retry`)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from aiohttp.test_utils import TestClient, TestServer

from mentiondesk import contacts, hand_reply, queue
from mentiondesk.config import Config
from mentiondesk.held_replies import held_reason
from mentiondesk.outbox import OutboxWorker
from mentiondesk.plugins import build_responders
from mentiondesk.store import Store
from mentiondesk.tables import AUDIT, CASE, OUTBOX, case_number
from mentiondesk.web import create_app
from mentiondesk.web.data_queue import Filters, load_queue
from tests.desk.conftest import Desk, notice_key
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
ROUTE = {"default": "console"}
REFUSED = "x posting: 403 Forbidden\nYou cannot send messages to <b>this</b> user."
BADGE = "approved, not sent —"  # the case page's status says the same


def _approve(store: Store, draft: int) -> str:
    """Approve without delivering (no worker runs): the outbox row waits, pending."""
    return queue.approve_draft(store, draft, by="agent", post_route=ROUTE)


def _hold(store: Store, key: str, error: str = REFUSED) -> None:
    """What the worker writes when a platform refuses a post for good."""
    with store.engine.begin() as conn:
        conn.execute(
            sa.update(OUTBOX)
            .where(OUTBOX.c.key == key)
            .values(status="held", last_error=error, attempts=1)
        )


def _row(store: Store, key: str) -> sa.Row[tuple[object, ...]]:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(OUTBOX).where(OUTBOX.c.key == key)).one()


def _answered(store: Store, case: int) -> object:
    with store.engine.connect() as conn:
        return conn.scalar(sa.select(CASE.c.first_response_at).where(CASE.c.id == case))


async def _get(desk: Desk, path: str) -> str:
    return await (await desk.client.get(path)).text()


async def test_a_reply_held_after_an_opt_out_shows_in_the_queue_and_case(
    as_role: Login, store: Store, config: Config
) -> None:
    """The real worker holds a DM to an author who opted out after approval."""
    _, case, draft = add(store, "Where is my order?", handle="rita")
    assert case and draft
    key = _approve(store, draft)
    contacts.set_do_not_contact(store, "x", "rita", by="manager")
    worker = OutboxWorker(store, build_responders(config), config.settings.outbox)
    assert await worker.drain(only_key=key) == 0
    assert _row(store, key).status == "held" and _answered(store, case) is None
    desk = await as_role("agent")
    row = (await _get(desk, "/queue")).split(f">{case_number(case)}<", 1)[1].split("</li>")[0]
    assert "approved, not sent — the author asked not to be contacted" in row
    pt = await desk.client.get("/queue", headers={"Accept-Language": "pt-BR"})
    assert "aprovada, não enviada — a pessoa pediu para não ser contatada" in await pt.text()
    page = await _get(desk, f"/cases/{case}")
    assert (
        "approved, not sent" in page and "Not sent: the author asked not to be contacted." in page
    )
    assert "the author asked not to be contacted; not sent" in page  # what the outbox recorded
    assert "write a public reply below if one is needed" in page
    assert f"/drafts/{draft}/retry" not in page  # it would only be held again


async def _held_for_opt_out(store: Store, config: Config, handle: str) -> tuple[int, int, int]:
    """A DM the real worker held because its author opted out after approval; ids."""
    mention, case, draft = add(store, "Where is my order?", handle=handle)
    assert case and draft
    key = _approve(store, draft)
    contacts.set_do_not_contact(store, "x", handle, by="manager")
    worker = OutboxWorker(store, build_responders(config), config.settings.outbox)
    assert await worker.drain(only_key=key) == 0
    return mention, case, draft


async def test_once_contact_is_allowed_again_the_advice_offers_the_retry(
    as_role: Login, store: Store, config: Config
) -> None:
    mention, case, draft = await _held_for_opt_out(store, config, "pri_moura")
    desk = await as_role("manager")
    await desk.post(f"/mentions/{mention}/allow-contact", back=f"/cases/{case}")
    page = await _get(desk, f"/cases/{case}")
    box = page.split('class="held-reply"', 1)[1].split("</div>", 1)[0]
    assert "Send them no private message" not in box
    assert "no longer on the do-not-contact list, so it no longer holds this reply back" in box
    assert f"/drafts/{draft}/retry" in box
    pt = await desk.client.get(f"/cases/{case}", headers={"Accept-Language": "pt-BR"})
    assert "A pessoa saiu da lista de não contatar, que não retém mais" in await pt.text()
    await desk.post(f"/drafts/{draft}/retry", back=f"/cases/{case}")
    assert _answered(store, case) is not None  # delivered: the case is answered
    page = await _get(desk, f"/cases/{case}")
    assert 'class="timer done">answered<' in page
    trail = page.split('class="audit"', 1)[1].split("</ol>", 1)[0]
    assert "manager allowed @pri_moura on X to be contacted again" in trail
    assert "manager sent the reply again after it was held: the author asked not to be" in trail
    assert "; not sent" not in trail


async def test_try_sending_again_delivers_a_held_reply(as_role: Login, store: Store) -> None:
    _, case, draft = add(store, "Still no parcel")
    assert case and draft
    key = _approve(store, draft)
    _hold(store, key)
    desk = await as_role("agent")
    page = await _get(desk, f"/cases/{case}")
    assert "Not sent: the author does not take private messages from us." in page
    assert "Write a public reply below instead" in page
    assert "&lt;b&gt;this&lt;/b&gt;" in page and "<b>this</b>" not in page  # escaped
    response = await desk.post(f"/drafts/{draft}/retry", back=f"/cases/{case}")
    assert (
        response.headers["Location"] == f"/cases/{case}" and await desk.said(response) == "retried"
    )
    assert _row(store, key).status == "done"  # the desk's outbox delivered it at once
    assert _answered(store, case) is not None  # delivered: the first response, now
    with store.engine.connect() as conn:
        audit = conn.execute(
            sa.select(AUDIT.c.action, AUDIT.c.detail).where(AUDIT.c.action != "user-add")
        ).all()
    # The approval (queue.approve_draft audits it, wherever it was done), then the retry.
    assert [a for a, _ in audit] == ["approve", "retry"]
    # What was done, and the kind of reason: the platform's words may quote the reply.
    assert audit[1][1] == "sent again after being held: dms-closed"
    trail = (await _get(desk, f"/cases/{case}")).split('class="audit"', 1)[1]
    assert "agent sent the reply again after it was held: the author does not take" in trail
    assert BADGE not in await _get(desk, "/queue?view=all")
    assert f">{case_number(case)}<" not in await _get(desk, "/queue")


@pytest.mark.parametrize("ending", ["closed", "resolved"])
async def test_a_held_reply_is_not_sent_once_its_case_has_ended(
    as_role: Login, store: Store, ending: str
) -> None:
    """A tab opened before a colleague closed the case still shows Try sending again: the
    click is refused, as an approval would be (a closed case's reply is never sent)."""
    _, case, draft = add(store, "Still no parcel")
    assert case and draft
    key = _approve(store, draft)
    _hold(store, key)
    agent = await as_role("agent")
    assert f'action="/drafts/{draft}/retry"' in await _get(agent, f"/cases/{case}")
    manager = await as_role("manager")
    assert (await manager.post(f"/cases/{case}/close", resolution=ending)).status == 303
    response = await agent.post(f"/drafts/{draft}/retry", back=f"/cases/{case}")
    assert await agent.said(response) == f"already-{ending}"
    assert _row(store, key).status == "held"
    assert _answered(store, case) is None
    with store.engine.connect() as conn:
        actions = conn.scalars(sa.select(AUDIT.c.action).where(AUDIT.c.action == "retry")).all()
    assert actions == []


async def test_a_public_reply_to_a_direct_post_is_not_sent_once_they_opt_out(
    as_role: Login, store: Store, config: Config
) -> None:
    """Sent no wider than the post, it reaches them alone, as a private message would: the
    outbox checked the list only for private ones, and sent it after they asked us to stop."""
    mention, case, _ = add(
        store,
        "my order is late",
        platform="mastodon",
        handle="rita",
        visibility="direct",
        draft=None,
    )
    sent = hand_reply.write_reply(
        store, mention, by="agent", kind="public", text="Sorry, on it", seen=0, post_route=ROUTE
    )
    assert contacts.set_do_not_contact(store, "mastodon", "rita", by="manager").authors == 1
    worker = OutboxWorker(store, build_responders(config), config.settings.outbox)
    await worker.drain(only_key=sent.key)
    row = _row(store, sent.key)
    assert row.status == "held" and "asked not to be contacted" in row.last_error
    draft = int(sent.key.rsplit(":", 1)[1])
    desk = await as_role("agent")  # Try sending again says why, and releases nothing
    page = await desk.landed(await desk.post(f"/drafts/{draft}/retry", back=f"/cases/{case}"))
    assert notice_key(page) == "dnc-held" and _row(store, sent.key).status == "held"
    assert "the reply stays held. A manager can allow contact again on the case page." in page


@pytest.fixture
async def queued(config: Config, store: Store) -> AsyncIterator[tuple[Desk, list[str]]]:
    """An agent on a desk whose outbox is not drained: what is queued stays as queued."""
    keys: list[str] = []

    async def record(key: str) -> None:
        keys.append(key)

    app = create_app(config, store, on_queued=record)
    async with TestServer(app) as server, TestClient(server) as client:
        desk = Desk(client)
        assert await desk.login("agent") == 303
        yield desk, keys


async def test_try_sending_again_makes_the_held_reply_due_now(
    queued: tuple[Desk, list[str]], store: Store
) -> None:
    desk, keys = queued
    _, case, draft = add(store, "Refund?")
    assert draft
    key = _approve(store, draft)
    _hold(store, key)
    await desk.post(f"/drafts/{draft}/retry", back=f"/cases/{case}")
    row = _row(store, key)
    assert row.status == "pending" and row.lease_until is None
    assert row.next_attempt_at.replace(tzinfo=UTC) <= datetime.now(UTC)
    assert keys == [key]


async def test_try_sending_again_needs_the_csrf_token_and_a_login(
    as_role: Login, anon: Desk, store: Store
) -> None:
    _, _, draft = add(store, "Broken on arrival")
    key = _approve(store, draft or 0)
    _hold(store, key)
    desk = await as_role("agent")
    forged = await desk.client.post(f"/drafts/{draft}/retry", data={"csrf": "forged"})
    assert forged.status == 403
    nobody = await anon.client.post(f"/drafts/{draft}/retry", data={"csrf": "x"})
    assert nobody.status in (401, 403)
    assert _row(store, key).status == "held"


async def test_a_delivered_reply_shows_no_badge(as_role: Login, store: Store) -> None:
    _, case, draft = add(store, "Wrong size")
    desk = await as_role("agent")
    await desk.post(f"/drafts/{draft}/approve", back=f"/cases/{case}")
    page = await _get(desk, f"/cases/{case}")
    assert re.search(r'class="status status-approved status-sent">sent<', page)  # delivered
    assert "approved, not sent" not in page and f"/drafts/{draft}/retry" not in page
    assert BADGE not in await _get(desk, "/queue?view=all")
    again = await desk.post(f"/drafts/{draft}/retry", back=f"/cases/{case}")
    assert again.headers["Location"] == f"/cases/{case}" and await desk.said(again) == "not-held"


async def test_a_later_reply_that_went_makes_a_held_one_moot(as_role: Login, store: Store) -> None:
    mention, case, draft = add(store, "Still nothing", draft_kind="public")
    key = _approve(store, draft or 0)
    _hold(store, key)
    desk = await as_role("agent")
    assert f">{case_number(case or 0)}<" in await _get(desk, "/queue")
    reply = dict(kind="public", text="Sorry! Fixed now.", seen="1", back=f"/cases/{case}")
    await desk.post(f"/mentions/{mention}/reply", **reply)
    assert f">{case_number(case or 0)}<" not in await _get(desk, "/queue")


async def test_a_case_whose_reply_is_held_comes_first_in_the_queue(
    as_role: Login, store: Store
) -> None:
    _, urgent, _ = add(store, "Screen cracked on arrival!!", handle="ugo", priority=90)
    _, late, draft = add(store, "Where is my order?", handle="lu", priority=10)
    assert late and draft
    _hold(store, _approve(store, draft))
    # Held replies first in the database's order too: a page of one still shows it.
    assert [i.case_id for i in load_queue(store, Filters(), limit=1)[0]] == [late]
    assert [i.case_id for i in load_queue(store, Filters())[0]] == [late, urgent]
    page = await _get(await as_role("agent"), "/queue")
    assert page.index(f">{case_number(late)}<") < page.index(f">{case_number(urgent)}<")


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        ("the author asked not to be contacted; not sent", "opted-out"),
        ("no responder named 'x-main' is configured", "setup"),
        (
            "bluesky posting: Bad request (the author does not take direct messages from us)",
            "dms-closed",
        ),
        ("bluesky posting: Bad token method (create one with direct messages ticked)", "setup"),
        ("bluesky posting: Record/text must not be longer than 300 graphemes", "too-long"),
        ("the post to answer is gone (deleted); nothing to reply to", "deleted"),
        ("mastodon refused the post (422)", "refused"),
        ("held by cli:ana: the token giveaway is deleted", "by-person"),  # `outbox hold`
        (None, "refused"),
    ],
)
def test_held_reasons_read_from_the_responders_errors(error: str | None, reason: str) -> None:
    assert held_reason(error) == reason
