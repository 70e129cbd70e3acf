"""A screen reader on the case page of a European Portuguese desk (pt-PT): an empty field
says "nenhum" or "ainda não", not "travessão" (the "—" is for the eye alone), and the
waiting timer says its target ("meta de 1 h") in text, not only in a hover title that
keyboard and screen reader users never get. Checked as Chromium's accessibility tree has it."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from tests.desk.browser import login
from tests.desk.seed import add


def _said(page: Page, term: str) -> str:
    """What a screen reader reads for the `dd` after the `dt` that reads `term`."""
    dt = page.locator("dt", has_text=term).first
    return dt.locator("xpath=following-sibling::dd[1]").aria_snapshot()


def test_empty_fields_are_said_in_words_not_as_a_dash(
    page_pt_pt: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    _, case, _ = add(store, "My lamp arrived broken", reason=None, topics=())
    login(page_pt_pt, url, "agent", "pt-PT")
    page_pt_pt.goto(f"{url}/cases/{case}")
    for term, words in (
        ("Primeira resposta", "ainda não"),
        ("Pedido de apoio", "nenhum"),
        ("Motivo", "nenhum"),
        ("Assuntos", "nenhum"),
    ):
        said = _said(page_pt_pt, term)
        assert "—" not in said and words in said, (term, said)
        # The eye still sees the dash; the words take no room on screen.
        dd = page_pt_pt.locator("dt", has_text=term).first.locator("xpath=following-sibling::dd[1]")
        expect(dd.locator("[aria-hidden=true]")).to_have_text("—")
        box = dd.locator(".visually-hidden").bounding_box()
        assert box is not None and box["width"] <= 1 and box["height"] <= 1, term


def test_the_waiting_timer_says_its_target_in_text(
    page_pt_pt: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    _, case, _ = add(store, "Where is my parcel")  # a complaint: a 1-hour target
    login(page_pt_pt, url, "agent", "pt-PT")
    page_pt_pt.goto(f"{url}/cases/{case}")
    expect(page_pt_pt.locator("h1")).to_have_accessible_name(
        # the heading, as a screen reader's list of headings reads it
        re.compile(r"à espera .*meta de 1 h")
    )
    page_pt_pt.goto(f"{url}/queue")
    row = page_pt_pt.locator("#queue > .item", has_text="Where is my parcel")
    assert "meta de 1 h" in row.locator(".when").aria_snapshot()
