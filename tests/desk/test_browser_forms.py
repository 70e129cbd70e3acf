"""Forms in Chromium, on a phone and a desktop: a radio sits beside its text, not above it."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

from mentiondesk.store import Store
from tests.desk.browser import TEXT_LINES, login, shot
from tests.desk.browser import page_pt as page_pt  # the fixture, re-exported
from tests.desk.seed import add


def _login_pt(page: Page, url: str, name: str) -> None:
    page.goto(f"{url}/queue")
    # The other forms' labels keep their field under the words.
    words = page.locator("label", has_text="Nome").bounding_box()
    field = page.get_by_label("Nome").bounding_box()
    assert words and field and field["y"] > words["y"] + 5
    login(page, url, name, "pt-BR")


def _beside(radio: Locator, text: Locator) -> bool:
    """The radio is left of its text, and on the text's first line (not above it)."""
    r, t = radio.bounding_box(), text.bounding_box()
    assert r and t
    return r["x"] + r["width"] <= t["x"] and t["y"] <= r["y"] + r["height"] / 2 <= t["y"] + 20


def test_send_as_radios_sit_beside_their_words(page_pt: Page, world: tuple[str, Store]) -> None:
    url, store = world
    _, case, _ = add(store, "Forms: a lâmpada pisca", platform="mastodon", visibility="direct")
    _login_pt(page_pt, url, "agent")
    page_pt.goto(f"{url}/cases/{case}")
    kinds = page_pt.locator("#write-reply fieldset.reply-kind label")
    expect(kinds).to_have_count(2)
    conversation, private = kinds.nth(0), kinds.nth(1)
    # A private post's default is named by what it does: a reply only its readers see.
    expect(conversation).to_contain_text("resposta na conversa (só quem vê a publicação)")
    expect(conversation.locator("input")).to_be_checked()
    for label in (conversation, private):
        assert _beside(label.locator("input"), label.locator("span").first)
    assert private.locator("span").evaluate(TEXT_LINES) == 1  # "mensagem privada" on one line
    width = page_pt.viewport_size["width"] if page_pt.viewport_size else 0
    assert page_pt.evaluate("document.documentElement.scrollWidth") <= width
    shot(page_pt, f"reply-kind-pt-{width}")
