"""A saved reply picked in Chromium fills the Reply now box at once: no page load, nothing sent."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from mentiondesk.config import load_config
from mentiondesk.store import Store
from mentiondesk.web.users import Role, add_user
from tests.desk.browser import login, served
from tests.desk.conftest import desk_app
from tests.desk.seed import PASSWORD, add, write_config

SAVED = """
[[replies]]
id = "wait"
title = "Sorry for the wait"
lang = "en"
text = "Sorry for the wait, {{ full_name }}: can you DM us your order number?"
"""


@pytest.fixture(scope="module")
def saved_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    """A desk with one saved reply, served for the module's browser; its URL and store."""
    folder = tmp_path_factory.mktemp("saved")
    path = write_config(folder, f"sqlite:///{folder / 'desk.db'}")
    (folder / "saved.toml").write_text(SAVED, encoding="utf-8")
    with path.open("a", encoding="utf-8") as handle:
        handle.write('\n[desk]\nsaved_replies = "saved.toml"\n')
    config = load_config(path)
    store = Store(config.store_url())
    store.create_all()
    add_user(store, "agent", role=Role.AGENT, password=PASSWORD, by="test")
    with served(desk_app(config, store)) as url:
        yield url, store
    store.dispose()


def test_picking_fills_the_reply_box_without_a_page_load(
    page: Page, saved_world: tuple[str, Store]
) -> None:
    url, store = saved_world
    _, case, _ = add(store, "Still waiting", name="<b>Bia</b>", draft=None)
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    page.evaluate("window.stillHere = true")  # gone if the page loads again
    form = page.locator("#write-reply")
    form.get_by_label("Saved reply").select_option("wait")
    text = "Sorry for the wait, <b>Bia</b>: can you DM us your order number?"
    expect(form.get_by_label("Your reply")).to_have_value(text)
    expect(form.locator(".count-n")).to_have_text(str(len(text)))
    assert page.evaluate("window.stillHere") is True
    assert page.url == f"{url}/cases/{case}"
