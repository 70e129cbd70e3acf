"""The queue's forms keep the list as the person set it: filtering after "Show more" keeps the
longer page, as do clearing the filters and a missed case number; each form is sent as a
browser sends it (its fields, as the page gave them) through the real app."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from html.parser import HTMLParser
from urllib.parse import urlencode

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]
PT_BR = {"Accept-Language": "pt-BR"}
ROW = '<li class="item '


class _Form(HTMLParser):
    """The fields a GET form of class `wanted` sends as the page stands: hidden inputs and
    each menu's selected option (its first when none is), by name."""

    def __init__(self, wanted: str) -> None:
        super().__init__()
        self.wanted, self.inside, self.menu = wanted, False, ""
        self.fields: dict[str, str] = {}
        self.found = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = {k: v or "" for k, v in attrs}
        if tag == "form" and at.get("class", "").split() == self.wanted.split():
            self.inside = self.found = True
        elif self.inside and tag == "input" and at.get("type") == "hidden":
            self.fields[at["name"]] = at.get("value", "")
        elif self.inside and tag == "select":
            self.menu = at["name"]
        elif self.inside and tag == "option" and self.menu:
            # a menu sends its selected option, else its first
            chosen = self.menu not in self.fields or "selected" in at
            self.fields[self.menu] = at.get("value", "") if chosen else self.fields[self.menu]

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.menu = ""


def _form(page: str, wanted: str) -> dict[str, str]:
    parser = _Form(wanted)
    parser.feed(page)
    assert parser.found, f"no form {wanted!r}"
    return parser.fields


def _seed(store: Store) -> None:
    """More than a page (100) waiting in pt-BR, and one in English."""
    for n in range(104):
        add(store, f"Reclamação número {n}", platform="mastodon", reason="delivery")
    add(store, "Complaint in English", platform="mastodon", reason="price")


async def test_filtering_after_show_more_keeps_the_longer_page(
    as_role: Login, store: Store
) -> None:
    _seed(store)
    desk = await as_role("manager")
    page = await (await desk.client.get("/queue?show=200", headers=PT_BR)).text()
    assert page.count(ROW) == 105
    # The manager picks a reason and presses Filtrar: the list stays 200 long.
    fields = {**_form(page, "filters"), "reason": "delivery"}
    assert fields.get("show") == "200", fields
    filtered = await (await desk.client.get(f"/queue?{urlencode(fields)}", headers=PT_BR)).text()
    assert filtered.count(ROW) == 104
    assert "Complaint in English" not in filtered


async def test_the_first_page_sends_no_page_size(as_role: Login, store: Store) -> None:
    add(store, "Só uma reclamação", platform="mastodon")
    desk = await as_role("manager")
    page = await (await desk.client.get("/queue", headers=PT_BR)).text()
    assert "show" not in _form(page, "filters")
    assert ">Limpar</a>" not in page  # nothing to clear: no link


async def test_clearing_the_filters_keeps_the_longer_page(as_role: Login, store: Store) -> None:
    _seed(store)
    desk = await as_role("manager")
    page = await (await desk.client.get("/queue?show=200&reason=price", headers=PT_BR)).text()
    assert page.count(ROW) == 1
    # Clearing is the filter form's answer too (its count is said): filtered=1.
    assert 'href="/queue?show=200&amp;filtered=1">Limpar</a>' in page
    cleared = await (await desk.client.get("/queue?show=200&filtered=1", headers=PT_BR)).text()
    assert cleared.count(ROW) == 105


async def test_a_missed_case_number_comes_back_to_the_longer_page(
    as_role: Login, store: Store
) -> None:
    _seed(store)
    desk = await as_role("manager")
    page = await (await desk.client.get("/queue?show=200&reason=delivery", headers=PT_BR)).text()
    fields = {**_form(page, "filters case-jump"), "number": "MD-999999"}
    assert fields.get("show") == "200" and fields.get("reason") == "delivery", fields
    missed = await desk.client.get(
        f"/cases?{urlencode(fields)}", headers=PT_BR, allow_redirects=False
    )
    where = missed.headers["Location"]
    assert where == "/queue?reason=delivery&show=200", where
    back = await (await desk.client.get(where, headers=PT_BR)).text()
    assert back.count(ROW) == 104
