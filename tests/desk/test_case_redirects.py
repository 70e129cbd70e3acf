"""The case page's forms come back to the address it was opened at: /cases/N, not the same
page's other address /mentions/M (a reload that moved the address bar, and the history)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

import pytest

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


async def _back(desk: Desk, page: str, action: str) -> str:
    """The `back` field of the form posting to `action` on `page`."""
    html = await (await desk.client.get(page)).text()
    form = re.search(rf'action="{re.escape(action)}"[^>]*>(.*?)</form>', html, re.S)
    assert form, action
    found = re.search(r'name="back" value="([^"]*)"', form.group(1))
    assert found, action
    return found.group(1)


@pytest.mark.parametrize(
    ("what", "form"), [("notes", {"text": "Called the courier"}), ("correct", {"label": "neutral"})]
)
async def test_a_case_pages_form_comes_back_to_the_case(
    as_role: Login, store: Store, what: str, form: dict[str, str]
) -> None:
    mention, case, _ = add(store, "Parcel lost again")
    desk = await as_role("agent")
    for page in (f"/cases/{case}", f"/mentions/{mention}"):
        action = f"/mentions/{mention}/{what}"
        back = await _back(desk, page, action)
        done = await desk.post(action, back=back, **form)
        assert done.status == 303
        assert done.headers["Location"].split("?")[0] == page


async def test_a_forged_back_is_the_mentions_own_page(as_role: Login, store: Store) -> None:
    mention, _, _ = add(store, "Parcel lost again")
    desk = await as_role("agent")
    done = await desk.post(f"/mentions/{mention}/notes", text="A note", back="//evil.example")
    assert done.headers["Location"] == f"/mentions/{mention}" and await desk.said(done) == "noted"
