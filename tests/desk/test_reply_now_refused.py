"""Every refusal of Reply now shows the case page again with the typed text still in the box
and the reason said, so nothing typed is lost: too long, empty, a private message to an author
who asked not to be contacted, or where the platform has none. Nothing reaches the outbox."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable

import pytest
import sqlalchemy as sa

from mentiondesk import contacts
from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, OUTBOX
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
HOSTILE = '<b>x</b> & "q"'
_SEEN = re.compile(r'name="seen" value="(\d+)"')
_REPLY_BOX = re.compile(r'<textarea name="text" rows="4"[^>]*>([^<]*)</textarea>')


def _count(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.select(sa.func.count()).select_from(table)) or 0)


async def _refused(desk: Desk, store: Store, mention: int, case: int, **form: str) -> str:
    """Post Reply now from the case page; return the page its refusal redirects to, checking
    that nothing was queued or left behind."""
    found = _SEEN.search(await (await desk.client.get(f"/cases/{case}")).text())
    assert found, "the case page offers no reply form"
    queued = _count(store, OUTBOX)
    back = f"/cases/{case}"
    response = await desk.refused(
        f"/mentions/{mention}/reply", seen=found.group(1), back=back, **form
    )
    assert response.url.path == back
    assert _count(store, OUTBOX) == queued and _count(store, DRAFT) == 0
    page = await response.text()
    assert f'name="back" value="{back}"' in page  # the form still returns to the case
    return page


def _kept(page: str) -> list[str]:
    return [html.unescape(box) for box in _REPLY_BOX.findall(page)]


@pytest.mark.parametrize(
    ("platform", "kind", "text", "reason"),
    [
        ("x", "public", HOSTILE + " " + "a" * 280, "longer than the platform allows"),
        ("x", "public", " \n\t ", "The text is empty"),
        ("hackernews", "private", HOSTILE, "This platform has no private messages"),
    ],
    ids=["too-long", "empty", "no-private"],
)
async def test_a_refused_reply_keeps_the_typed_text_escaped(
    as_role: Login, store: Store, platform: str, kind: str, text: str, reason: str
) -> None:
    mention, case, _ = add(store, "Parcel lost", platform=platform, draft=None)
    assert case is not None
    page = await _refused(await as_role("agent"), store, mention, case, kind=kind, text=text)
    assert reason in page and "Your reply was not sent" in page
    assert _kept(page) == [text]
    assert "<b>x</b>" not in page  # hostile text is escaped, never markup


async def test_a_private_message_to_an_author_listed_meanwhile_keeps_the_text(
    as_role: Login, store: Store
) -> None:
    mention, case, _ = add(store, "stop messaging me", handle="quiet", draft=None)
    assert case is not None
    desk = await as_role("agent")
    assert 'value="private"' in await (await desk.client.get(f"/cases/{case}")).text()
    contacts.set_do_not_contact(store, "x", "quiet", by="admin")  # after the page was loaded
    page = await _refused(desk, store, mention, case, kind="private", text=HOSTILE)
    assert "asked not to be contacted: no private message is sent" in page
    assert _kept(page) == [HOSTILE] and "<b>x</b>" not in page
    # The private text is not quietly turned into a public reply: the kind must be chosen.
    assert not re.search(r'name="kind" value="public"[^>]*checked', page)


async def test_a_refusal_speaks_portuguese(as_role: Login, store: Store) -> None:
    mention, case, _ = add(store, "Cadê?", platform="x", draft=None)
    desk = await as_role("agent")
    await desk.client.get("/lang/pt-BR?next=/queue")
    page = await _refused(desk, store, mention, case or 0, kind="public", text="a" * 300)
    assert "Sua resposta não foi enviada: seu texto continua na caixa abaixo." in page
    assert _kept(page) == ["a" * 300]


async def test_an_unknown_kind_is_a_bad_request(as_role: Login, store: Store) -> None:
    mention, _, _ = add(store, "Parcel lost", draft=None)
    desk = await as_role("agent")
    forged = await desk.post(f"/mentions/{mention}/reply", kind="fax", text="Hi", seen="0")
    assert forged.status == 400 and _count(store, DRAFT) == 0
