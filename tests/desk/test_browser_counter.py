"""The live character counter in Chromium counts as the platform (and approval) does: a link
as 23 on X, the @handle a Mastodon reply is sent with (unless it mentions them); it and the
live timers write numbers and units in the page's language."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import Browser, Page, expect

from mentiondesk.reply_limits import reply_length
from mentiondesk.store import Store
from tests.desk.browser import login
from tests.desk.seed import PASSWORD, add

LONG_LINK = "https://brand.example/help/orders/" + "a" * 100  # 134 characters typed


def test_an_x_reply_with_a_long_link_counts_it_as_23(page: Page, world: tuple[str, Store]) -> None:
    url, store = world
    _, case, _ = add(store, "Counter-x: where is my order", platform="x", draft_kind="public")
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    text = "So sorry! Track it here: " + LONG_LINK + " " + "b" * 140
    assert len(text) == 300  # over X's 280 as typed; 25 + 23 + 1 + 140 as X counts it
    page.get_by_label("Reply text").fill(text)
    expect(page.locator(".draft-panel .count")).to_contain_text("189 / 280")
    expect(page.locator(".draft-panel .count")).to_have_class("count")
    expect(page.get_by_role("button", name="Approve and send")).to_be_enabled()


def test_a_mastodon_reply_counts_the_handle_it_starts_with(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    handle = "carla_1234"  # sent as "@carla_1234 " before the text: 12 more characters
    _, case, _ = add(store, "Counter-m: lamp broke", platform="mastodon", handle=handle)
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    page.get_by_label("Reply text").fill("x" * 495)
    expect(page.locator(".draft-panel .count")).to_contain_text("507 / 500")
    expect(page.locator(".draft-panel .count")).to_have_class("count over")
    expect(page.get_by_role("button", name="Approve and send")).to_be_disabled()
    # Written by hand: a public reply starts with the handle too (Mastodon notifies only
    # the accounts a status mentions), and so does a private one.
    form = page.locator("#write-reply")
    form.get_by_label("Your reply").fill("x" * 495)
    expect(form.locator(".count")).to_contain_text("507 / 500")
    form.get_by_label("Your reply").fill("x" * 488)
    expect(form.locator(".count")).to_contain_text("500 / 500")
    form.get_by_label("private message").check()
    expect(form.locator(".count")).to_contain_text("500 / 500")
    form.get_by_label("Your reply").fill("x" * 489)
    expect(form.locator(".count")).to_contain_text("501 / 500")
    expect(form.get_by_role("button", name="Send reply")).to_be_disabled()
    # Only the handle itself mentions them (as the server reads it), not a longer one.
    form.get_by_label("Your reply").fill("Ask @carla_12345")
    expect(form.locator(".count")).to_contain_text("28 / 500")
    form.get_by_label("Your reply").fill("Ask @Carla_1234")
    expect(form.locator(".count")).to_contain_text("15 / 500")


# Where a link, a remote @handle or the author's handle starts depends on the character
# before it (desk-counts.js matches that character, as it may not look behind): none, a space, a
# bracket, or a character that joins it to the word before.
X_TEXTS = [
    "brand.example/help first",
    "see brand.example/help, (brand.example) and brand.example.",
    "mail support@brand.example or go to /brand.example/help",
    "a.b.example x-brand.example :brand.example 10.5 ok.example",
    "https://brand.example/a then brand.example/b https://x.example/c.",
    # A link ends where a script written without spaces begins, as twitter-text ends it.
    "詳しくは https://brand.example/help をご覧ください。ありがとう",
    "brand.example/help。お問い合わせありがとうございます 🎉https://x.example/c🎉",
    # ... and where any script a URL path may not hold begins: Thai, Arabic, Hebrew, Greek
    "ดูที่ https://brand.example/helpขอบคุณครับ brand.example/ช่วยด้วย",
    "https://brand.example/aشكرا https://brand.example/bתודה https://x.example/Ωx",
    # Accents, Cyrillic, the en dash and a query stay in it.
    "https://brand.example/ação–путь?id=5&x=(1) ok",
]
MASTODON_TEXTS = [
    "@ana@social.example, thanks",
    "Ask (@ana@social.example) or @bo_2@x.example.org and me@ana@social.example",
    "@carla_12 is on it: see https://brand.example/help/" + "a" * 60,
    "(@carla_12) or write to support@carla_12 and /@carla_12 and @carla_12.example",
    "ask support@carla_12",
    "@carla_12 詳しくは https://brand.example/help をご覧ください。ありがとう",
    "@carla_12 ดูที่ https://brand.example/helpขอบคุณครับ",
]


def test_links_and_handles_count_as_the_server_counts_them(
    page: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    _, x_case, _ = add(store, "Counter-links: x", platform="x", draft_kind="public")
    _, m_case, _ = add(store, "Counter-links: m", platform="mastodon", handle="carla_12")
    login(page, url, "agent")
    for case, platform, texts in ((x_case, "x", X_TEXTS), (m_case, "mastodon", MASTODON_TEXTS)):
        page.goto(f"{url}/cases/{case}")
        for text in texts:
            page.get_by_label("Reply text").fill(text)
            n = reply_length(platform, text, handle="carla_12")
            expect(page.locator(".draft-panel .count-n"), text).to_have_text(str(n))


def test_the_count_and_the_wait_are_written_in_the_pages_language(
    browser: Browser, world: tuple[str, Store]
) -> None:
    """pt-BR groups the live count as it does the limit beside it, and the timer desk-counts.js
    rewrites each second keeps Portugal's and Brazil's units: "3 h 05 min", not "3h 05m"."""
    url, store = world
    _, case, _ = add(
        store, "Counter-pt: pedido", platform="reddit", ago=timedelta(hours=3, minutes=5)
    )
    context = browser.new_context(locale="pt-BR")
    page = context.new_page()
    page.goto(f"{url}/login")
    page.get_by_label("Nome").fill("agent")
    page.get_by_label("Senha").fill(PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    page.goto(f"{url}/cases/{case}")
    page.get_by_label("Texto da resposta").fill("x" * 1234)
    expect(page.locator(".draft-panel .count")).to_have_text("1.234 / 10.000 caracteres")
    timer = page.locator(".timer[data-since]").first
    page.evaluate("document.querySelector('.timer[data-since]').textContent = ''")
    expect(timer).to_have_text(re.compile(r"^3 h 0[5-6] min$"))  # rewritten by desk-counts.js
    context.close()
