"""Approve or Save refused for the edited text (too long, empty) or for the author (a private
draft to someone on the do-not-contact list) shows the case page again with the person's edit
kept and the reason said, as a refused Reply now does: the draft is not approved nor its text
overwritten, and nothing reaches the outbox."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable

import pytest
import sqlalchemy as sa

from mentiondesk import contacts
from mentiondesk.store import Store
from mentiondesk.tables import AUTHOR, DRAFT, OUTBOX
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
HOSTILE = '<b>x</b> & "q"'
DRAFTED = "Sorry about that! Could you DM us your order number?"
DNC = "This author asked not to be contacted: no private message is sent."
KEPT = "Nothing was sent or saved: your text is still in the box below."
_DRAFT_BOX = re.compile(r'<textarea name="text" rows="5"[^>]*>([^<]*)</textarea>')
_SEEN = r'class="draft-form">\s*<input[^\n]*name="seen" value="(\w+)"'
_KEPT_BOX = re.compile(r'<textarea class="kept-text"[^>]*>([^<]*)</textarea>')


def _outbox(store: Store) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(OUTBOX)) or 0)


def _draft(store: Store, draft: int) -> tuple[str, str]:
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(DRAFT.c.status, DRAFT.c.text).where(DRAFT.c.id == draft))
        return tuple(row.one())  # type: ignore[return-value]


async def _seen(desk: Desk, case: int, draft: int) -> str:
    """Open the case page; return the fingerprint its form for `draft` carries."""
    page = await (await desk.client.get(f"/cases/{case}")).text()
    found = re.search(rf'/drafts/{draft}/approve" {_SEEN}', page)
    assert found, "the case page offers no form for the draft"
    return found.group(1)


async def _refused(desk: Desk, store: Store, case: int, draft: int, **form: str) -> str:
    """Post the draft form's `action` from the case page; return the page its refusal
    redirects to, checking that nothing was queued."""
    back, queued = f"/cases/{case}", _outbox(store)
    action = form.pop("action")
    response = await desk.refused(f"/drafts/{draft}/{action}", back=back, **form)
    assert response.url.path == back
    assert _outbox(store) == queued
    page = await response.text()
    assert f'name="back" value="{back}"' in page  # the form still returns to the case
    return page


def _boxes(pattern: re.Pattern[str], page: str) -> list[str]:
    return [html.unescape(box) for box in pattern.findall(page)]


@pytest.mark.parametrize(
    ("action", "text", "reason"),
    [
        ("approve", HOSTILE + " " + "a" * 280, "longer than the platform allows"),
        ("approve", " \n\t ", "The text is empty"),
        ("save", " \n\t ", "The text is empty"),
    ],
    ids=["approve-too-long", "approve-empty", "save-empty"],
)
async def test_a_refused_edit_stays_in_the_drafts_box(
    as_role: Login, store: Store, action: str, text: str, reason: str
) -> None:
    _, case, draft = add(store, "Parcel lost", platform="x", draft=DRAFTED, draft_kind="public")
    assert case and draft
    desk = await as_role("agent")
    seen = await _seen(desk, case, draft)
    page = await _refused(desk, store, case, draft, action=action, text=text, seen=seen)
    assert reason in page and KEPT in page
    assert _boxes(_DRAFT_BOX, page) == [text]
    assert "<b>x</b>" not in page  # hostile text is escaped, never markup
    assert _draft(store, draft) == ("pending", DRAFTED)
    again = await _seen(desk, case, draft)
    assert f'name="seen" value="{again}"' in page  # its fix is approved without a 409


async def test_approving_a_dm_to_an_author_already_listed_keeps_the_edit(
    as_role: Login, store: Store
) -> None:
    _, case, draft = add(store, "Where is my parcel?", handle="eva", draft=DRAFTED)
    assert case and draft
    with store.engine.begin() as conn:  # listed as older versions did: the DM left waiting
        conn.execute(sa.update(AUTHOR).values(do_not_contact=True))
    desk = await as_role("agent")
    seen = await _seen(desk, case, draft)
    page = await _refused(desk, store, case, draft, action="approve", text=HOSTILE, seen=seen)
    assert DNC in page and "your text was not sent or saved" in page
    assert _boxes(_KEPT_BOX, page) == [HOSTILE] and "<b>x</b>" not in page
    assert _draft(store, draft) == ("withdrawn", DRAFTED)  # not approved, not overwritten


@pytest.mark.parametrize("action", ["approve", "save"])
async def test_an_author_listed_since_the_page_was_loaded_keeps_the_edit(
    as_role: Login, store: Store, action: str
) -> None:
    _, case, draft = add(store, "Where is my parcel?", handle="lia", draft=DRAFTED)
    assert case and draft
    desk = await as_role("agent")
    seen = await _seen(desk, case, draft)
    contacts.set_do_not_contact(store, "x", "lia", by="admin")  # withdraws the DM
    page = await _refused(desk, store, case, draft, action=action, text=HOSTILE, seen=seen)
    assert DNC in page
    assert _boxes(_KEPT_BOX, page) == [HOSTILE] and "<b>x</b>" not in page
    assert _draft(store, draft) == ("withdrawn", DRAFTED)


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("pt-BR", "Nada foi enviado nem salvo: seu texto continua na caixa abaixo."),
        ("pt-PT", "Nada foi enviado nem guardado: o seu texto continua na caixa abaixo."),
    ],
)
async def test_the_refusal_speaks_portuguese(
    as_role: Login, store: Store, lang: str, line: str
) -> None:
    _, case, draft = add(store, "Cadê?", platform="x", draft=DRAFTED, draft_kind="public")
    assert case and draft
    desk = await as_role("agent")
    await desk.client.get(f"/lang/{lang}?next=/queue")
    page = await _refused(desk, store, case, draft, action="approve", text="a" * 300)
    assert line in page and KEPT not in page
    assert _boxes(_DRAFT_BOX, page) == ["a" * 300]
