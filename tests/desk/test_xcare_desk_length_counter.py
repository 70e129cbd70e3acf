"""The desk's live counter (desk-counts.js) counts an X reply as the server's approval does
(mentiondesk.models.x_length): an emoji with its skin tone, a ZWJ family, a flag or a keycap
2, a link without its scheme 23 however long. It counted each code point, so an agent saw
138 "👍🏽" as 552 / 280 and could not press Approve for a reply X takes."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from mentiondesk.reply_limits import reply_length
from mentiondesk.store import Store
from tests.desk.browser import login
from tests.desk.seed import add
from tests.test_xcare_desk_length import FITS

MORE = [
    "👩🏽‍✈️ 🏴󠁧󠁢󠁳󠁣󠁴󠁿 🇵🇹🇧🇷 #️⃣ 1",
    "Ação, João: https://a.co e lumora.com.br/ajuda/voos-cancelados-dezembro-2026.",
    "詳しくは https://a.jp/x。ありがとう 👍🏽",
]


def test_the_counter_counts_an_x_reply_as_approval_does(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    _, case, _ = add(store, "Counter-xcare: bag lost in GRU", platform="x", draft_kind="public")
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    count, figure = page.locator(".draft-panel .count"), page.locator(".draft-panel .count-n")
    for text in FITS + MORE:
        page.get_by_label("Reply text").fill(text)
        expect(figure, text).to_have_text(str(reply_length("x", text)))
    page.get_by_label("Reply text").fill("Oi! " + "👍🏽" * 138)
    expect(count).to_contain_text("280 / 280")
    expect(count).to_have_class("count")
    expect(page.get_by_role("button", name="Approve and send")).to_be_enabled()
    page.get_by_label("Reply text").fill("Oi! " + "👍🏽" * 139)
    expect(count).to_contain_text("282 / 280")
    expect(page.get_by_role("button", name="Approve and send")).to_be_disabled()
