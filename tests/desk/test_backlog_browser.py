"""In Chromium, a manager sees the mentions not read yet beside the mentions card, in English
and in Brazilian Portuguese, and when the page's figures were read."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from mentiondesk.config import load_config
from mentiondesk.store import Store
from mentiondesk.web.users import Role, add_user
from tests.desk.browser import served
from tests.desk.conftest import desk_app, write_desk_config
from tests.desk.seed import PASSWORD, add
from tests.desk.test_backlog_dashboard import stored_unread


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[tuple[str, Store]]:
    """A desk with two mentions read and 1,234 stored, not read yet."""
    config = load_config(write_desk_config(tmp_path, f"sqlite:///{tmp_path / 'd.db'}", ""))
    store = Store(config.store_url())
    store.create_all()
    add_user(store, "manager", role=Role.MANAGER, password=PASSWORD, by="test")
    add(store, "late again")
    add(store, "love it", label="positive", case=False, draft=None)
    stored_unread(store, 1234)
    with served(desk_app(config, store)) as url:
        yield url, store
    store.dispose()


SAYS = {
    "en": ("Name", "Password", "Log in", "1,234 mentions not read yet", "Figures as of "),
    "pt-BR": ("Nome", "Senha", "Entrar", "1.234 menções ainda não lidas", "Números calculados em "),
}


@pytest.mark.parametrize("lang", SAYS)
def test_a_manager_sees_the_backlog_on_the_mentions_card(
    browser: Browser, desk: tuple[str, Store], lang: str
) -> None:
    url, _ = desk
    name, password, log_in, unread, as_of = SAYS[lang]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=lang)
    page = context.new_page()
    try:
        page.goto(f"{url}/dashboard")
        page.get_by_label(name).fill("manager")
        page.get_by_label(password).fill(PASSWORD)
        page.get_by_role("button", name=log_in).click()
        card = page.locator(".kpi", has=page.locator("#dash-mentions"))
        expect(card.locator("#dash-mentions")).to_have_text("2")
        expect(card.locator("#dash-unread")).to_be_visible()
        expect(card.locator("#dash-unread")).to_have_text(unread)
        expect(page.locator("#dash-as-of")).to_contain_text(as_of)
    finally:
        context.close()
