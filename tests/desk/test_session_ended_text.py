"""A reply or a note sent after the session ended (a tab left open past 12 hours) is refused,
as a form without its session's token is, but the text typed is not lost: the page shows it to
copy and says to log in again. It was "Form expired. Reload the page", and a reload posted
the form again; Back led to the login page: the text was gone."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables_desk import NOTE
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
TYPED = "Olá Ana, <b>sentimos muito</b> — o reembolso sai hoje."


async def _ended(desk: Desk) -> None:
    """The session over: the browser's cookie no longer names one."""
    desk.client.session.cookie_jar.clear()


async def test_a_note_sent_after_the_session_ended_is_shown_to_copy(
    as_role: Login, store: Store
) -> None:
    mention, _, _ = add(store, "Lumora lost my parcel")
    desk = await as_role("agent")
    await _ended(desk)
    refused = await desk.post(f"/mentions/{mention}/notes", text=TYPED)
    page = await refused.text()
    assert refused.status == 403 and "<h1>Session ended</h1>" in page
    assert "copy it, log in again" in page and 'href="/login"' in page
    assert html.escape(TYPED, quote=False) in page and "<b>sentimos" not in page  # escaped
    with store.engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(NOTE)) == 0


async def test_in_portuguese_and_with_nothing_typed(as_role: Login, store: Store) -> None:
    mention, case, _ = add(store, "Lumora lost my parcel")
    desk = await as_role("agent")
    await _ended(desk)
    headers = {"Accept-Language": "pt-PT"}
    data = {"csrf": desk.csrf, "text": TYPED}
    refused = await desk.client.post(f"/mentions/{mention}/reply", data=data, headers=headers)
    page = await refused.text()
    assert "Sessão terminada" in page and "O seu texto (não enviado)" in page
    empty = await desk.post(f"/cases/{case}/close")  # nothing typed: no box to copy from
    assert empty.status == 403 and "Your text" not in await empty.text()
