"""The queue's `a` and `r` on a row with nothing to approve or reject there say so in the
queue's live region, in the page's language, rather than doing nothing unsaid."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from tests.desk.browser import SHOTS, login
from tests.desk.seed import add

SAID = {
    "en": (
        "No draft to approve here: open the case (o)",
        "No draft to reject here: open the case (o)",
    ),
    "pt-BR": (
        "Nenhum rascunho para aprovar aqui: abra o caso (o)",
        "Nenhum rascunho para rejeitar aqui: abra o caso (o)",
    ),
}
SAID["pt-PT"] = SAID["pt-BR"]  # European Portuguese words it alike


def _choose(page: Page, selector: str) -> None:
    """Move with `j` to the first row matching `selector`."""
    rows = page.locator("#queue > .item")
    target = page.evaluate(
        "s => Array.from(document.querySelectorAll('#queue > .item')).findIndex(r => r.matches(s))",
        selector,
    )
    assert target >= 0
    for _ in range(target + 1):
        page.keyboard.press("j")
    expect(rows.nth(target)).to_have_attribute("aria-current", "true")


def test_a_and_r_on_a_row_without_a_draft_say_so(page: Page, world: tuple[str, Store]) -> None:
    url, store = world
    add(store, "Its draft was rejected", priority=97, draft=None)  # still needs a reply
    login(page, url, "agent")
    say = page.locator("#keys-say")
    for lang, (approve, reject) in SAID.items():
        page.goto(f"{url}/lang/{lang}?next=/queue")
        _choose(page, ":not([data-draft])")
        page.keyboard.press("a")
        expect(say).to_have_text(approve)
        expect(say).to_have_attribute("role", "status")
        expect(say).to_be_visible()
        page.keyboard.press("r")
        expect(say).to_have_text(reject)
        expect(page).to_have_url(f"{url}/queue")  # nothing sent, nowhere else
        page.screenshot(path=SHOTS / f"queue-no-draft-key-{lang}.png")  # the screen, as seen
        page.keyboard.press("k")  # a move clears it
        expect(say).to_have_text("")


def test_a_on_a_draft_approved_from_its_case_page_says_where(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    add(store, "Read-only post", platform="hackernews", priority=99, draft="Hi")  # by hand
    login(page, url, "agent")
    _choose(page, "[data-draft]:not(:has(form.approve))")
    page.keyboard.press("a")
    expect(page.locator("#keys-say")).to_have_text(
        "Approve this draft on the case page: open the case (o)"
    )
    expect(page).to_have_url(f"{url}/queue")
