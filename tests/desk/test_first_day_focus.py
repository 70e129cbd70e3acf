"""Where the keyboard is, on a first day with the keyboard: a ring at least 2px wide that
stands out (3:1, WCAG 1.4.11) from what is around it, on the dark header and on the blue
Approve buttons alike; the browser's default was 1px, dark on the dark header."""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from mentiondesk.store import Store
from tests.desk.browser import login

RING = """e => { const s = getComputedStyle(e);
  return [s.outlineStyle, s.outlineWidth, s.outlineOffset, s.outlineColor]; }"""


def _rgb(css: str) -> tuple[int, int, int]:
    r, g, b = (int(n) for n in re.findall(r"\d+", css)[:3])
    return r, g, b


def _contrast(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    def lum(c: tuple[int, int, int]) -> float:
        lin = [v / 255 / 12.92 if v <= 10 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _ring_stands_out(focused: Locator, around: str) -> None:
    """The focused element's ring is solid, 2px or more, set off from it, and 3:1 or more
    against `around` (a CSS colour: what the ring is drawn on)."""
    expect(focused).to_be_focused()
    style, width, offset, colour = focused.evaluate(RING)
    assert style == "solid", style
    assert float(width.removesuffix("px")) >= 2, width
    assert float(offset.removesuffix("px")) >= 2, offset  # a gap between ring and fill
    assert _contrast(_rgb(colour), _rgb(around)) >= 3, (colour, around)


def test_a_header_link_reached_with_tab_shows_a_ring_on_the_dark_header(
    page: Page, world: tuple[str, Store]
) -> None:
    url, _ = world
    login(page, url, "manager")
    header = page.locator("header.top").evaluate("e => getComputedStyle(e).backgroundColor")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the logo
    page.keyboard.press("Tab")
    _ring_stands_out(page.locator("header.top nav a").first, header)


def test_the_approve_button_reached_with_tab_shows_a_ring_off_its_blue(
    page: Page, world: tuple[str, Store]
) -> None:
    url, _ = world
    login(page, url, "agent")
    page.keyboard.press("j")  # the first row, focused
    page.keyboard.press("Tab")  # its case link
    page.keyboard.press("Tab")
    approve = page.locator("#queue > .item").first.get_by_role("button", name="Approve")
    row = page.locator("#queue > .item").first.evaluate("e => getComputedStyle(e).backgroundColor")
    _ring_stands_out(approve, row)
    # On the case page too: from the draft's box, Tab to Approve and send.
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # the case link opens the case
    page.get_by_label("Reply text").first.focus()
    page.keyboard.press("Tab")
    send = page.get_by_role("button", name="Approve and send").first
    panel = page.locator(".draft-panel").first.evaluate("e => getComputedStyle(e).backgroundColor")
    _ring_stands_out(send, panel)
