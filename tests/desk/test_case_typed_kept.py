"""What a person typed on the case page survives a refusal: Reply now on a case answered or
closed meanwhile, and Approve / Save on a draft a colleague decided meanwhile, redirect to the
page, which says who acted and when, with the typed text in a box to copy or re-use."""

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
_SEEN = re.compile(r'/reply" class="draft-form">\s*<input[^\n]*name="seen" value="(\d+)"')
_REPLY_BOX = re.compile(r'<textarea name="text" rows="4"[^>]*>([^<]*)</textarea>')
_KEPT_BOX = re.compile(r'<textarea class="kept-text"[^>]*>([^<]*)</textarea>')
MINE = "So sorry <3 we'll send a new one today & track it for you."
PT = {"Accept-Language": "pt-BR"}


def _posts(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).where(OUTBOX.c.kind == "post")) or 0)


def _status(store: Store, draft_id: int) -> tuple[str, str]:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(DRAFT.c.status, DRAFT.c.text).where(DRAFT.c.id == draft_id))
        return tuple(row.one())  # type: ignore[return-value]


async def _reply_seen(desk: Desk, case: int) -> str:
    found = _SEEN.search(await (await desk.client.get(f"/cases/{case}")).text())
    assert found, "the case page offers no reply form"
    return found.group(1)


def _unescaped(boxes: list[str]) -> list[str]:
    return [html.unescape(box) for box in boxes]


async def test_reply_now_after_a_colleague_replied_keeps_the_typed_reply(
    as_role: Login, store: Store
) -> None:
    mention, case, _ = add(store, "My order never came", draft=None)
    ana, bia = await as_role("agent"), await as_role("manager")
    back = f"/cases/{case}"
    seen = await _reply_seen(ana, case)
    theirs = dict(kind="public", text="On it, DM us!", seen=seen, back=back)
    assert (await bia.post(f"/mentions/{mention}/reply", **theirs)).status == 303
    mine = dict(kind="public", text=MINE, seen=seen, back=back)
    refused = await ana.refused(f"/mentions/{mention}/reply", **mine)
    assert _posts(store) == 1
    page = await refused.text()
    assert "manager sent a reply after you opened the page" in page
    assert "your reply was not sent" in page
    assert _unescaped(_REPLY_BOX.findall(page)) == [MINE]  # what was typed is not lost
    assert "<3 we" not in page  # escaped, as any typed text
    assert f'name="back" value="{back}"' in page
    again = _SEEN.search(page)
    assert again and again.group(1) == "1"  # the page showed their reply: it has been seen
    sent = await ana.post(f"/mentions/{mention}/reply", **{**mine, "seen": again.group(1)})
    assert (
        sent.headers["Location"] == f"{back}"
        and await ana.said(sent) == "replied"
        and _posts(store) == 2
    )


async def test_a_private_reply_refused_stays_a_private_reply(as_role: Login, store: Store) -> None:
    mention, case, _ = add(store, "My order never came", draft=None)
    ana, bia = await as_role("agent"), await as_role("manager")
    seen = await _reply_seen(ana, case)
    await bia.post(f"/mentions/{mention}/reply", kind="public", text="Hi!", seen=seen)
    refused = await ana.refused(f"/mentions/{mention}/reply", kind="private", text=MINE, seen=seen)
    page = await refused.text()
    assert re.search(r'name="kind" value="private"[^>]*checked', page)
    assert not re.search(r'name="kind" value="public"[^>]*checked', page)


@pytest.mark.parametrize("resolution", ["closed", "resolved"])
async def test_reply_now_on_a_case_closed_meanwhile_keeps_the_text_to_copy(
    as_role: Login, store: Store, resolution: str
) -> None:
    mention, case, _ = add(store, "Never mind", draft=None)
    ana, bia = await as_role("agent"), await as_role("manager")
    seen = await _reply_seen(ana, case)
    await bia.post(f"/cases/{case}/close", resolution=resolution)
    back = f"/cases/{case}"
    mine = dict(kind="public", text=MINE, seen=seen, back=back)
    refused = await ana.refused(f"/mentions/{mention}/reply", **mine)
    assert _posts(store) == 0
    page = await refused.text()
    assert f"manager {resolution} this case after you opened the page" in page
    assert _unescaped(_KEPT_BOX.findall(page)) == [MINE]
    assert f'action="/mentions/{mention}/reply"' not in page  # nothing to send it with


async def test_reply_now_refusal_speaks_portuguese(as_role: Login, store: Store) -> None:
    mention, case, _ = add(store, "Cadê minha encomenda?", draft=None)
    ana, bia = await as_role("agent"), await as_role("manager")
    await ana.client.get("/lang/pt-BR?next=/queue")
    seen = await _reply_seen(ana, case)
    await bia.post(f"/mentions/{mention}/reply", kind="public", text="Oi!", seen=seen)
    refused = await ana.refused(f"/mentions/{mention}/reply", kind="public", text=MINE, seen=seen)
    page = await refused.text()
    assert "manager enviou uma resposta depois que você abriu a página" in page
    assert "sent a reply" not in page
    await bia.post(f"/cases/{case}/close", resolution="closed")
    closed = await ana.refused(f"/mentions/{mention}/reply", kind="public", text=MINE, seen="1")
    assert "manager encerrou este caso depois que você abriu a página" in await closed.text()


@pytest.mark.parametrize("action", ["approve", "save"])
@pytest.mark.parametrize(("decision", "word"), [("approve", "approved"), ("reject", "rejected")])
async def test_a_draft_decided_meanwhile_shows_who_and_keeps_the_typed_text(
    as_role: Login, store: Store, action: str, decision: str, word: str
) -> None:
    _, case, draft = add(store, "Where is my parcel?", draft="Sorry! DM us.")
    ana, bia = await as_role("agent"), await as_role("manager")
    back = f"/cases/{case}"
    await ana.client.get(back)  # the form is open
    await bia.post(f"/drafts/{draft}/{decision}", back="/queue")
    refused = await ana.refused(f"/drafts/{draft}/{action}", text=MINE, back=back)
    assert _status(store, draft) == (word, "Sorry! DM us.")
    assert _posts(store) == (1 if decision == "approve" else 0)  # nothing sent twice
    page = await refused.text()
    assert f"manager {word} this draft after you opened the page" in page
    assert "your text was not sent or saved" in page
    assert _unescaped(_KEPT_BOX.findall(page)) == [MINE]
    assert "<3 we" not in page


async def test_a_decided_draft_refusal_speaks_portuguese(as_role: Login, store: Store) -> None:
    _, case, draft = add(store, "Cadê minha encomenda?", draft="Desculpe!")
    ana, bia = await as_role("agent"), await as_role("manager")
    await bia.post(f"/drafts/{draft}/approve", back="/queue")
    refused = await ana.client.post(
        f"/drafts/{draft}/approve",
        data={"csrf": ana.csrf, "text": MINE, "back": f"/cases/{case}"},
        headers=PT,
        allow_redirects=False,
    )
    assert refused.status == 303  # to the page, which says it in the reader's language
    page = await (await ana.client.get(refused.headers["Location"], headers=PT)).text()
    assert "manager aprovou este rascunho depois que você abriu a página" in page
    assert "approved this draft" not in page
