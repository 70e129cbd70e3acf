"""What a desk address or form may carry that PostgreSQL refuses: a number larger than any id
(an order or phone number pasted in the case-number box), a NUL (a script's, never a link's).
Each is a 404, a 400 or a dropped character on both stores, never a 500.
Also: a mistyped password keeps the login leading where its link did."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

import sqlalchemy as sa

from mentiondesk.store import Store
from mentiondesk.tables import DRAFT, SAVED_REPLY
from mentiondesk.web.form_values import ID_MAX
from tests.desk.conftest import Desk
from tests.desk.seed import PASSWORD, add

Login = Callable[[str], Awaitable[Desk]]
_CSRF = re.compile(r'name="csrf" value="([^"]+)"')
_NEXT = re.compile(r'name="next" value="([^"]*)"')
TOO_BIG = ID_MAX + 1


async def test_a_number_larger_than_any_id_is_no_case(as_role: Login, store: Store) -> None:
    add(store, "Where is my parcel?")
    desk = await as_role("agent")
    for typed in ("5551234567", f"MD-{TOO_BIG}", "#99999999999"):  # a phone, an order number
        found = await desk.client.get("/cases", params={"number": typed}, allow_redirects=False)
        assert found.status == 303, (typed, found.status)
        assert f"No case “{typed}”" in await desk.landed(found)
    for path in (f"/cases/{TOO_BIG}", f"/cases/MD-{TOO_BIG}", f"/mentions/{TOO_BIG}"):
        assert (await desk.client.get(path, allow_redirects=False)).status == 404, path
    for action in ("approve", "reject", "save", "restore", "retry"):
        answer = await desk.post(f"/drafts/{TOO_BIG}/{action}", text="Hi", back="/queue")
        assert answer.status == 404, action
    note = await desk.post(f"/mentions/{TOO_BIG}/notes", text="called them", back="/queue")
    assert note.status == 404


async def test_an_approval_coming_back_to_no_page_is_done_not_a_500(
    as_role: Login, store: Store
) -> None:
    _, _, draft = add(store, "Where is my parcel?")
    desk = await as_role("agent")
    back = f"/cases/{TOO_BIG}"  # a forged or mangled form's: no case has it
    answer = await desk.post(f"/drafts/{draft}/approve", back=back)
    assert answer.status == 303  # not a 500 after the reply was approved
    with store.engine.connect() as conn:
        assert conn.scalar(sa.select(DRAFT.c.status).where(DRAFT.c.id == draft)) == "approved"


async def test_a_nul_in_the_address_is_refused_not_a_500(as_role: Login, store: Store) -> None:
    add(store, "Where is my parcel?")
    desk = await as_role("manager")
    for path, status, title in (
        ("/queue?platform=%00", 400, "Form not read"),
        ("/queue?lang=en%00", 400, "Form not read"),
        ("/queue?assignee=%00", 400, "Form not read"),
        ("/queue?%00=x", 400, "Form not read"),
        ("/mentions/%00", 404, "Not found"),
        ("/saved-replies/%00", 404, "Not found"),
        ("/nowhere%00", 404, "Not found"),
    ):
        answer = await desk.client.get(path, allow_redirects=False)
        assert answer.status == status, (path, answer.status)
        assert title in await answer.text()  # the desk's page, not aiohttp's
        assert answer.headers["X-Frame-Options"] == "DENY"
    assert (await desk.client.get("/queue?platform=x")).status == 200  # the session lives on


async def test_a_nul_in_a_login_name_is_dropped_and_counted(anon: Desk) -> None:
    for _ in range(5):
        page = await (await anon.client.get("/login")).text()
        token = _CSRF.search(page)
        assert token
        form = {"csrf": token.group(1), "name": "ag\x00ent", "password": "wrong password"}
        answer = await anon.client.post("/login", data=form, allow_redirects=False)
        assert answer.status == 401
    assert await anon.login("agent") == 429  # no fresh guesses under another spelling


async def test_a_nul_in_a_saved_reply_is_dropped(as_role: Login, store: Store) -> None:
    desk = await as_role("manager")
    form = {"id": "thanks", "title": "Than\x00ks", "lang": "en", "kind": ""}
    answer = await desk.post("/saved-replies", text="Thank you\x00 for writing!", **form)
    assert answer.status == 303
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(SAVED_REPLY.c.title, SAVED_REPLY.c.text)).one()
    assert tuple(row) == ("Thanks", "Thank you for writing!")


async def test_a_mistyped_password_still_leads_to_the_linked_case(anon: Desk) -> None:
    page = await (await anon.client.get("/login?next=/cases/19")).text()
    token = _CSRF.search(page)
    assert token
    form = {"csrf": token.group(1), "name": "agent", "password": "typo", "next": "/cases/19"}
    refused = await anon.client.post("/login", data=form, allow_redirects=False)
    assert refused.status == 401
    page = await refused.text()
    kept = _NEXT.search(page)
    assert kept and kept.group(1) == "/cases/19"
    token = _CSRF.search(page)
    assert token
    form |= {"csrf": token.group(1), "password": PASSWORD}
    answer = await anon.client.post("/login", data=form, allow_redirects=False)
    assert (answer.status, answer.headers["Location"]) == (303, "/cases/19")


async def test_two_login_pages_open_at_once_both_log_in(anon: Desk) -> None:
    """Two links followed after the session ended: two login tabs; the first still works."""
    first = await (await anon.client.get("/login?next=/cases/5")).text()
    await anon.client.get("/login?next=/cases/9")  # the second tab
    token = _CSRF.search(first)
    assert token
    form = {"csrf": token.group(1), "name": "agent", "password": PASSWORD, "next": "/cases/5"}
    answer = await anon.client.post("/login", data=form, allow_redirects=False)
    assert (answer.status, answer.headers["Location"]) == (303, "/cases/5")


async def test_a_link_from_another_site_puts_no_words_in_the_notice(
    as_role: Login, store: Store
) -> None:
    desk = await as_role("agent")
    bait = "MD-1 expired: log in at evil.example"
    cross = {"Sec-Fetch-Site": "cross-site"}  # what a browser sends following another site's link
    found = await desk.client.get(
        "/cases", params={"number": bait}, headers=cross, allow_redirects=False
    )
    page = await desk.landed(found)
    assert "evil.example" not in page
    assert "There is no case with that number." in page
    typed = {"Sec-Fetch-Site": "same-origin"}  # the queue's own box: said back to whoever typed it
    found = await desk.client.get(
        "/cases", params={"number": "MD-0019O"}, headers=typed, allow_redirects=False
    )
    assert "No case “MD-0019O”" in await desk.landed(found)
