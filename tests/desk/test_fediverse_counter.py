"""The desk's live counter counts a Bluesky or Mastodon reply in graphemes, as the platform
(and approval) does: a reply with flags and family emoji under the limit can be approved."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from tests.desk.browser import login
from tests.desk.seed import add

FLAG, FAMILY = "🇵🇹", "👨\u200d👩\u200d👧"


@pytest.mark.parametrize(
    ("platform", "shown"), [("bluesky", "241 / 300"), ("mastodon", "249 / 500")]
)
def test_emoji_count_as_the_platform_sees_them(
    page: Page, world: tuple[str, Store], platform: str, shown: str
) -> None:
    url, store = world
    _, case, _ = add(
        store,
        f"Counter-{platform}: lamp broke",
        platform=platform,
        handle="ana_pt",
        draft_kind="public",
    )
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    text = "Obrigado! " + FLAG * 150 + " " + FAMILY * 80  # 10 + 150 + 1 + 80 = 241 graphemes
    page.get_by_label("Reply text").fill(text)  # 871 code points
    expect(page.locator(".draft-panel .count")).to_contain_text(shown)  # Mastodon: "@ana_pt "
    expect(page.locator(".draft-panel .count")).to_have_class("count")
    expect(page.get_by_role("button", name="Approve and send")).to_be_enabled()


def test_a_mastodon_reply_counts_the_warning_it_carries(
    page: Page, world: tuple[str, Store]
) -> None:
    # The post is behind a content warning (as the Mastodon source writes it): the reply
    # carries it, and Mastodon counts its 20 graphemes in the 500, as approval does.
    url, store = world
    post = "\u26a0\ufe0f Fatura de novembro 💶\n\nCounter-cw: billed twice"
    _, case, _ = add(store, post, platform="mastodon", handle="rita_pt", draft_kind="public")
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    page.get_by_label("Reply text").fill("x" * 480)  # "@rita_pt " + 480 + 20 = 509
    expect(page.locator(".draft-panel .count")).to_contain_text("509 / 500")
    expect(page.get_by_role("button", name="Approve and send")).to_be_disabled()
    page.get_by_label("Reply text").fill("x" * 471)
    expect(page.locator(".draft-panel .count")).to_contain_text("500 / 500")
    expect(page.get_by_role("button", name="Approve and send")).to_be_enabled()
