"""A refused field is marked to the eye, not by focus alone (Chromium): the Saved replies
form's refused Text and the case page's refused draft box have a red border with 3:1 against
both the field's own background and the panel around it (WCAG 1.4.11), the error notice's
tint behind their text; a field not refused keeps the plain grey border (3:1 too, as every
control's edge) on white."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect

from mentiondesk.store import Store
from mentiondesk.web.users import Role
from tests.desk.browser import login, saved_replies_desk
from tests.desk.seed import add
from tests.desk.test_browser_saved import SAVED
from tests.desk.test_chart_contrast import _contrast

_STYLE = """e => { const s = getComputedStyle(e), p = getComputedStyle(e.closest('.panel'));
    return [s.borderTopColor, s.backgroundColor, p.backgroundColor]; }"""


def _hex(rgb: str) -> str:
    found = re.fullmatch(r"rgba?\((\d+), (\d+), (\d+)(?:, 1)?\)", rgb)
    assert found, rgb
    return "#" + "".join(f"{int(c):02x}" for c in found.groups())


def _marked(field: Locator) -> bool:
    """Marked as refused: the error notice's tint behind the text, a border that holds 3:1
    against it and the panel. (A plain field's grey border holds 3:1 too: every control's
    edge does, WCAG 1.4.11; its white background is what differs.)"""
    border, own, panel = (_hex(c) for c in field.evaluate(_STYLE))
    tinted = own == "#fdecec" != panel
    return tinted and _contrast(border, own) >= 3 and _contrast(border, panel) >= 3


@pytest.fixture(scope="module")
def saved_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Store]]:
    folder = tmp_path_factory.mktemp("invalid")
    with saved_replies_desk(folder, SAVED, Role.AGENT, Role.MANAGER) as world:
        yield world


def test_the_saved_reply_s_refused_text_is_marked(
    page: Page, saved_world: tuple[str, Store]
) -> None:
    url, _ = saved_world
    login(page, url, "manager")
    page.goto(f"{url}/saved-replies")
    page.locator("#saved-id").fill("order")
    page.locator("#saved-title").fill("Order")
    text = page.locator("#saved-text")
    assert not _marked(text)  # the plain grey border, before any refusal
    text.fill("Olá {nome}, está tratado.")
    page.get_by_role("button", name="Add").click()
    expect(text).to_have_attribute("aria-invalid", "true")
    assert _marked(text)
    assert not _marked(page.locator("#saved-title"))  # only the field at fault


def test_the_case_page_s_refused_draft_box_is_marked(
    page: Page, saved_world: tuple[str, Store]
) -> None:
    url, store = saved_world
    _, case, draft = add(store, "Box refused", platform="x", draft_kind="public")
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case}")
    box = page.locator(f"#draft-{draft} textarea[name=text]")
    assert not _marked(box)
    box.evaluate("e => e.setAttribute('aria-invalid', 'true')")  # as a refused empty text is
    assert _marked(box)
