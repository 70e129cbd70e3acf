"""The case page's Approve / Save / Reject act on the draft as the page loaded it: a colleague's
edit saved since is never overwritten or decided unread, and the person's own text is kept."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable

import pytest
import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, OUTBOX
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
_LOADED = re.compile(
    r'action="/drafts/(\d+)/approve" class="draft-form">\s*<input[^\n]*name="seen" value="(\w+)"'
)
_BOX = re.compile(r'<textarea name="text" rows="5"[^>]*>([^<]*)</textarea>')
DRAFTED = "Sorry about that. Could you DM us your order number?"
THEIRS = "Sorry! Our courier lost it <b>for real</b>: a refund is on its way."
MINE = "So sorry <3 we'll send a new one today & track it for you."


def _draft(store: Store, draft_id: int) -> tuple[str, str]:
    with store.engine.connect() as conn:
        row = conn.execute(
            sa.select(DRAFT.c.status, DRAFT.c.text).where(DRAFT.c.id == draft_id)
        ).one()
    return row.status, row.text


def _posts(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).where(OUTBOX.c.kind == "post")) or 0)


async def _loaded(desk: Desk, page: str, draft: int | None) -> str:
    """The fingerprint of the draft as the case page loaded it, which its form carries."""
    return _seen(await (await desk.client.get(page)).text(), draft)


def _seen(page: str, draft: int | None) -> str:
    return dict(_LOADED.findall(page))[str(draft)]


@pytest.mark.parametrize("action", ["approve", "save", "reject"])
async def test_a_colleagues_later_edit_is_shown_not_overwritten(
    as_role: Login, store: Store, action: str
) -> None:
    _, case, draft = add(store, "Where is my parcel?", draft=DRAFTED)
    ana, bia = await as_role("agent"), await as_role("manager")
    back = f"/cases/{case}"
    seen = await _loaded(ana, back, draft)
    await bia.post(f"/drafts/{draft}/save", text=THEIRS, back=back, seen=seen)
    refused = await ana.refused(f"/drafts/{draft}/{action}", text=MINE, back=back, seen=seen)
    assert _draft(store, draft) == ("pending", THEIRS) and _posts(store) == 0
    page = await refused.text()
    assert "manager edited this draft after you opened the page" in page
    assert html.escape(THEIRS, quote=False) in page and "<b>for real" not in page
    assert [html.unescape(t) for t in _BOX.findall(page)] == [MINE]  # nothing typed is lost
    assert f'name="back" value="{back}"' in page


async def test_approving_again_after_the_refusal_sends_what_the_person_chose(
    as_role: Login, store: Store
) -> None:
    _, case, draft = add(store, "Where is my parcel?", draft=DRAFTED)
    ana, bia = await as_role("agent"), await as_role("manager")
    back = f"/cases/{case}"
    seen = await _loaded(ana, back, draft)
    await bia.post(f"/drafts/{draft}/save", text=THEIRS, back=back, seen=seen)
    refused = await ana.refused(f"/drafts/{draft}/approve", text=MINE, back=back, seen=seen)
    again = _seen(await refused.text(), draft)  # the page showed their text: it has been seen
    approved = await ana.post(f"/drafts/{draft}/approve", text=MINE, back=back, seen=again)
    assert approved.headers["Location"] == f"{back}" and await ana.said(approved) == "approved"
    assert _draft(store, draft) == ("approved", MINE) and _posts(store) == 1


async def test_the_persons_own_edit_is_approved_when_nobody_else_changed_it(
    as_role: Login, store: Store
) -> None:
    mention, _, draft = add(store, "Where is my parcel?", draft=DRAFTED)
    ana = await as_role("agent")
    back = f"/mentions/{mention}"
    seen = await _loaded(ana, back, draft)
    saved = await ana.post(f"/drafts/{draft}/save", text=THEIRS, back=back, seen=seen)
    assert saved.headers["Location"] == f"{back}" and await ana.said(saved) == "saved"
    seen = await _loaded(ana, back, draft)
    approved = await ana.post(f"/drafts/{draft}/approve", text=MINE, back=back, seen=seen)
    assert approved.headers["Location"] == f"{back}" and await ana.said(approved) == "approved"
    assert _draft(store, draft) == ("approved", MINE)


async def test_the_refusal_speaks_portuguese(as_role: Login, store: Store) -> None:
    _, case, draft = add(store, "Cadê minha encomenda?", draft=DRAFTED)
    ana, bia = await as_role("agent"), await as_role("manager")
    await ana.client.get("/lang/pt-BR?next=/queue")
    back = f"/cases/{case}"
    seen = await _loaded(ana, back, draft)
    await bia.post(f"/drafts/{draft}/save", text=THEIRS, back=back, seen=seen)
    refused = await ana.refused(f"/drafts/{draft}/approve", text=MINE, back=back, seen=seen)
    page = await refused.text()
    assert "manager editou este rascunho depois que você abriu a página" in page
    assert "edited this draft" not in page
