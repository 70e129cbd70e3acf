"""Deciding a draft over HTTP: approved once (a second approval is stale), the saved edit is
what goes, and a refusal (empty, too long, do-not-contact) leaves it pending; the editor
counts against the limit of the reply's kind."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import sqlalchemy as sa

from mentiondesk import contacts
from mentiondesk.store import Store
from mentiondesk.tables import CASE, DRAFT, OUTBOX
from tests.desk.conftest import Desk, notice_of
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


def _scalar(store: Store, query: sa.Select[tuple[object]]) -> object:
    with store.engine.connect() as conn:
        return conn.scalar(query)


async def test_approve_sends_once_and_a_second_approval_is_stale(
    as_role: Login, store: Store
) -> None:
    _, case, draft = add(store, "Still no refund")
    first, second = await as_role("agent"), await as_role("manager")
    await second.client.get(f"/cases/{case}")  # both have the form open
    response = await first.post(f"/drafts/{draft}/approve", text="Sorry! DM us.", back="/queue")
    assert (
        response.headers["Location"] == "/queue"
        and await first.said(response) == f"approved&case={case}"
    )
    # The case page again (a redirect to it): who approved it, and the text kept.
    late = await second.refused(
        f"/drafts/{draft}/approve", text="Other text", back=f"/cases/{case}"
    )
    page = await late.text()
    assert "agent approved this draft after you opened the page" in page
    assert "Other text</textarea>" in page
    queued = await second.post(f"/drafts/{draft}/approve", back="/queue")  # one click: no text

    page = notice_of(await second.landed(queued), "stale")
    assert "Someone else already acted on this" in page
    posts = _scalar(store, sa.select(sa.func.count()).where(OUTBOX.c.kind == "post"))
    assert posts == 1
    answered = _scalar(store, sa.select(CASE.c.first_response_at).where(CASE.c.id == case))
    assert answered is not None  # delivered by the outbox: the first response is recorded
    assert "Still no refund" not in await (await first.client.get("/queue")).text()
    assert "Still no refund" in await (await first.client.get("/queue?view=all")).text()


async def test_saved_edit_is_what_gets_approved(as_role: Login, store: Store) -> None:
    _, _, draft = add(store, "Broken lamp")
    desk = await as_role("agent")
    await desk.post(f"/drafts/{draft}/save", text="Edited reply\r\nline two", back="/queue")
    assert _scalar(store, sa.select(DRAFT.c.text).where(DRAFT.c.id == draft)) == (
        "Edited reply\nline two"
    )
    assert (await desk.post(f"/drafts/{draft}/approve", back="/queue")).status == 303
    payload = _scalar(store, sa.select(OUTBOX.c.payload).where(OUTBOX.c.kind == "post"))
    assert "Edited reply" in str(payload)


async def test_empty_reply_is_refused(as_role: Login, store: Store) -> None:
    _, _, draft = add(store, "Broken lamp")
    desk = await as_role("agent")
    # The draft's page again (a redirect to it), the text kept (test_draft_refused).
    await desk.refused(f"/drafts/{draft}/approve", text="   ", back="/queue")
    assert _scalar(store, sa.select(DRAFT.c.status).where(DRAFT.c.id == draft)) == "pending"


async def test_do_not_contact_author_gets_no_private_message(as_role: Login, store: Store) -> None:
    _, case, draft = add(store, "stop messaging me", handle="quiet_one")
    contacts.set_do_not_contact(store, "x", "quiet_one", by="admin")
    desk = await as_role("agent")
    response = await desk.post(f"/drafts/{draft}/approve", back=f"/cases/{case}")
    assert await desk.said(response) == "dnc"
    assert _scalar(store, sa.select(sa.func.count()).select_from(OUTBOX)) == 0
    page = await (await desk.client.get(f"/cases/{case}")).text()
    assert "do not contact" in page


async def test_a_reply_longer_than_the_platform_allows_is_refused(
    as_role: Login, store: Store
) -> None:
    _, case, draft = add(store, "Parcel lost", platform="x", draft_kind="public")
    desk = await as_role("agent")
    # The page again (a redirect to it), the text kept (test_draft_refused).
    response = await desk.refused(f"/drafts/{draft}/approve", text="a" * 281, back=f"/cases/{case}")
    assert "longer than the platform allows" in await response.text()
    assert _scalar(store, sa.select(DRAFT.c.status).where(DRAFT.c.id == draft)) == "pending"
    assert _scalar(store, sa.select(sa.func.count()).where(OUTBOX.c.kind == "post")) == 0
    ok = await desk.post(f"/drafts/{draft}/approve", text="a" * 280, back=f"/cases/{case}")
    assert await desk.said(ok) == "approved"


async def test_reply_editor_counts_against_the_limit_of_its_kind(
    as_role: Login, store: Store
) -> None:
    _, private_case, _ = add(store, "Parcel lost", platform="bluesky")
    _, public_case, _ = add(store, "Parcel late", platform="bluesky", draft_kind="public")
    desk = await as_role("agent")
    private_page = await (await desk.client.get(f"/cases/{private_case}")).text()
    public_page = await (await desk.client.get(f"/cases/{public_case}")).text()
    # Bluesky chat takes 1,000 characters; a public post 300.
    assert 'data-limit="1000"' in private_page and "/ 1,000 characters" in private_page
    assert 'data-limit="300"' in public_page and 'data-limit="1000"' not in public_page
