"""The desk's live counter holds a Bluesky reply to the bytes the server holds it to
(reply_limits.BLUESKY_BYTES, length_problem): 138 family emoji are 138 of 300 graphemes but
3,450 UTF-8 bytes. The counter showed "138 / 300" and left Approve enabled until approval
refused the reply; now it shows it over, says why beside the figure in the desk's language,
and disables Approve as it does for too many characters."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from mentiondesk.reply_limits import BLUESKY_BYTES, length_problem
from mentiondesk.store import Store
from tests.desk.browser import login
from tests.desk.seed import add

FAMILY = "👨‍👩‍👧‍👦"  # one grapheme, 25 UTF-8 bytes
FITS = " " + FAMILY * (BLUESKY_BYTES // 25) + "\n"  # stripped, as the server measures: 3,000
OVER = FAMILY * 138
WHY = {  # Portugal groups no four-digit number: 3000
    "en": "over the 3,000 bytes Bluesky allows: use fewer emoji",
    "pt-BR": "passa dos 3.000 bytes que o Bluesky aceita: use menos emojis",
    "pt-PT": "ultrapassa os 3000 bytes que o Bluesky aceita: use menos emojis",
}


def test_a_bluesky_reply_over_its_bytes_shows_over_and_cannot_be_approved(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    _, case, _ = add(store, "Counter-bsky: bag lost", platform="bluesky", draft_kind="public")
    assert length_problem("bluesky", FITS, private=False, handle="") is None
    problem = length_problem("bluesky", OVER, private=False, handle="")
    assert problem is not None and problem.over_bytes
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    count, say = page.locator(".draft-panel .count"), page.locator(".draft-panel .count-say")
    button = page.get_by_role("button", name="Approve and send")
    page.get_by_label("Reply text").fill(FITS)
    expect(count).to_have_text("120 / 300 characters", use_inner_text=True)  # no why
    expect(count).to_have_class("count")
    expect(button).to_be_enabled()
    page.get_by_label("Reply text").fill(OVER)
    expect(count).to_have_text(f"138 / 300 characters · {WHY['en']}", use_inner_text=True)
    expect(count).to_have_class("count over")
    expect(say).to_have_text(WHY["en"])  # said once to a screen reader
    expect(button).to_be_disabled()
    expect(button).to_have_attribute("title", WHY["en"])
    # The reply written by hand, public or a chat message, is held to the same bytes.
    form = page.locator("#write-reply")
    form.get_by_label("Your reply").fill(OVER)
    expect(form.locator(".count-bytes")).to_have_text(f" · {WHY['en']}")
    expect(form.get_by_role("button", name="Send reply")).to_be_disabled()
    form.get_by_label("Your reply").fill(FITS)
    expect(form.locator(".count-bytes")).to_be_hidden()
    expect(form.get_by_role("button", name="Send reply")).to_be_enabled()
    for lang in ("pt-BR", "pt-PT"):
        page.goto(f"{url}/lang/{lang}?next=/cases/{case}")
        page.locator(".draft-panel textarea").fill(OVER)
        expect(count).to_contain_text(WHY[lang])
        expect(page.locator(".draft-panel button[value=approve]")).to_be_disabled()
