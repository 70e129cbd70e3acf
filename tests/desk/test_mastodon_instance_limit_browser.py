"""In Chromium, the live counter of a brand whose Mastodon server allows 5000 characters a
status (`max_characters = 5000`): a 900-character reply counts against 5000 and may be sent."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from mentiondesk import reply_limit_config
from mentiondesk.config import load_config
from mentiondesk.reply_limits import use_server_limits
from mentiondesk.store import Store
from mentiondesk.web.users import Role, add_user
from tests.desk.browser import login, served
from tests.desk.conftest import desk_app
from tests.desk.seed import PASSWORD, add, write_config
from tests.desk.test_mastodon_instance_limit import POSTER, ROUTED


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    """The desk with the Mastodon poster at 5000, served for the module's browser."""
    folder = tmp_path_factory.mktemp("desk")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MASTODON_ACCESS_TOKEN", "tok")
        path = write_config(folder, f"sqlite:///{folder / 'desk.db'}")
        text = path.read_text().replace('post = { default = "console" }', ROUTED)
        path.write_text(text + POSTER)
        config = load_config(path)
        reply_limit_config.apply(config)
        store = Store(config.store_url())
        store.create_all()
        add_user(store, "agent", role=Role.AGENT, password=PASSWORD, by="test")
        try:
            with served(desk_app(config, store)) as url:
                yield url, store
        finally:
            store.dispose()
            use_server_limits({})


def test_a_900_character_reply_counts_against_5000(page: Page, desk: tuple[str, Store]) -> None:
    url, store = desk
    _, case, _ = add(store, "Contador: a lâmpada avariou", platform="mastodon", handle="rita")
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    page.get_by_label("Reply text").fill("x" * 900)  # sent as "@rita " + 900
    expect(page.locator(".draft-panel .count")).to_contain_text("906 / 5,000")
    expect(page.locator(".draft-panel .count")).to_have_class("count")
    expect(page.get_by_role("button", name="Approve and send")).to_be_enabled()
    page.get_by_label("Reply text").fill("x" * 4995)
    expect(page.locator(".draft-panel .count")).to_contain_text("5,001 / 5,000")
    expect(page.get_by_role("button", name="Approve and send")).to_be_disabled()
