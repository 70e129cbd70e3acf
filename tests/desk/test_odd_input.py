"""What a desk form or address may carry that nobody meant: a note past its limit, a NUL
pasted from a binary or sent by a script, digits that are not ASCII, a login name in another
case. Each is refused or cleaned and said so, never a 500 or a silent cut."""

from __future__ import annotations

import sqlalchemy as sa

from mentiondesk.casework import NOTE_MAX
from mentiondesk.tables import DRAFT, NOTE
from mentiondesk.web.users import authenticate
from tests.desk.seed import PASSWORD, add


async def test_a_note_past_the_limit_is_refused_whole_not_cut(as_role, store) -> None:
    mention, case, _ = add(store, "Where is my parcel?")
    desk = await as_role("agent")
    back = f"/cases/{case}"
    page = await desk.landed(
        await desk.post(f"/mentions/{mention}/notes", text="x" * NOTE_MAX + "!", back=back)
    )
    assert "The note is longer than 5,000 characters: nothing was added." in page
    assert f'maxlength="{NOTE_MAX}"' in page  # the box stops it first
    page = await desk.landed(
        await desk.post(f"/mentions/{mention}/notes", text="y" * NOTE_MAX, back=back)
    )
    assert "Note added." in page
    with store.engine.connect() as conn:
        assert [len(t) for t in conn.scalars(sa.select(NOTE.c.text))] == [NOTE_MAX]


async def test_a_nul_in_typed_text_is_dropped_not_a_500(as_role, store) -> None:
    mention, _, draft = add(store, "Where is my parcel?")
    other, _, _ = add(store, "Still waiting", handle="bia", draft=None)
    desk = await as_role("agent")
    saved = await desk.post(f"/drafts/{draft}/save", text="Sorry\x00 about that", back="/queue")
    note = await desk.post(f"/mentions/{mention}/notes", text="called\x00 them", back="/queue")
    reply = await desk.post(
        f"/mentions/{other}/reply", text="Hi\x00 there", kind="public", seen="0", back="/queue"
    )
    assert (saved.status, note.status, reply.status) == (303, 303, 303)
    with store.engine.connect() as conn:
        drafts = set(conn.scalars(sa.select(DRAFT.c.text)))
        assert conn.scalar(sa.select(NOTE.c.text)) == "called them"
    assert {"Sorry about that", "Hi there"} <= drafts


async def test_digits_that_are_not_ascii_are_no_500(as_role) -> None:
    desk = await as_role("manager")
    paths = (
        "/queue?show=²",
        "/mentions/²",
        "/cases/²",
        "/dashboard?days=²",
        "/dashboard.csv?days=²",
    )
    got = {path: (await desk.client.get(path, allow_redirects=False)).status for path in paths}
    assert got == {
        "/queue?show=²": 200,
        "/mentions/²": 404,
        "/cases/²": 404,
        "/dashboard?days=²": 200,  # the default period
        "/dashboard.csv?days=²": 200,
    }


async def test_a_login_name_in_another_case_signs_in(anon, as_role, store) -> None:
    await as_role("agent")  # the user 'agent'; a phone writes "Agent"
    assert await anon.login("Agent") == 303
    found = authenticate(store, " AGENT ", PASSWORD)
    assert found is not None and found.name == "agent"
    assert authenticate(store, "agentx", PASSWORD) is None
