"""Two people assigning one case from pages opened at the same time, in Chromium: a page
that showed the case as nobody's (or as someone's) never takes it from whoever has it now."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, Page, expect

from mentiondesk.store import Store
from mentiondesk.tables import CASE
from mentiondesk.web.users import Role, add_user, set_active
from tests.desk.browser import login
from tests.desk.seed import PASSWORD, add


@pytest.fixture
def colleague(browser: Browser, world: tuple[str, Store]) -> Iterator[Page]:
    """A second agent, rafael, in a browser of their own."""
    url, store = world
    with suppress(ValueError):  # added by an earlier test of the module
        add_user(store, "rafael", role=Role.AGENT, password=PASSWORD, by="test")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    login(page, url, "rafael")
    yield page
    context.close()


def _assignee(store: Store, case_id: int) -> str | None:
    with store.engine.connect() as conn:
        return conn.scalar(sa.select(CASE.c.assignee).where(CASE.c.id == case_id))


def test_taking_a_case_a_colleague_took_meanwhile_leaves_it_theirs(
    page: Page, colleague: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    _, case_id, _ = add(store, "Both agents open this complaint", priority=3)
    assert case_id is not None
    login(page, url, "agent")
    page.goto(f"{url}/cases/{case_id}")  # shows the case as nobody's
    colleague.goto(f"{url}/cases/{case_id}")
    colleague.get_by_role("button", name="Take this case").click()
    expect(colleague.locator("#notice")).to_have_text("Case assigned to you.")
    page.get_by_role("button", name="Take this case").click()
    expect(page.locator("#notice")).to_have_text(
        "rafael took this case meanwhile: nothing changed. Ask them before taking it over."
    )
    assert _assignee(store, case_id) == "rafael"
    # The page now shows whose it is: taking it over on purpose (it asks first) still works.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Take this case").click()
    expect(page.locator("#notice")).to_have_text("Case assigned to you.")
    assert _assignee(store, case_id) == "agent"


def test_a_manager_assigning_from_a_stale_page_is_told_who_has_it(
    page: Page, colleague: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    _, case_id, _ = add(store, "Lead assigns while an agent takes it", priority=3)
    assert case_id is not None
    login(page, url, "manager")
    page.goto(f"{url}/cases/{case_id}")
    colleague.goto(f"{url}/cases/{case_id}")
    colleague.get_by_role("button", name="Take this case").click()
    page.get_by_label("Assign to").select_option("agent")
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.locator("#notice")).to_contain_text("rafael took this case meanwhile")
    assert _assignee(store, case_id) == "rafael"


def test_an_unassignment_meanwhile_is_said_in_portuguese(
    browser: Browser, colleague: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    _, case_id, _ = add(store, "Taken, then let go by its agent", priority=3)
    assert case_id is not None
    colleague.goto(f"{url}/cases/{case_id}")
    colleague.get_by_role("button", name="Take this case").click()
    context = browser.new_context(locale="pt-BR")
    try:
        lead = context.new_page()
        lead.goto(f"{url}/login")
        lead.get_by_label("Nome").fill("manager")
        lead.get_by_label("Senha").fill(PASSWORD)
        lead.get_by_role("button", name="Entrar").click()
        lead.goto(f"{url}/cases/{case_id}")  # shows it as rafael's
        with store.engine.begin() as conn:  # rafael lets it go (Assign → nobody) meanwhile
            conn.execute(sa.update(CASE).where(CASE.c.id == case_id).values(assignee=None))
        lead.get_by_label("Atribuir a").select_option("agent")
        lead.once("dialog", lambda dialog: dialog.accept())  # it asks: the page says rafael's
        lead.get_by_role("button", name="Atribuir", exact=True).click()
        expect(lead.locator("#notice")).to_have_text(
            "Alguém tirou este caso de rafael enquanto isso: nada mudou. "
            "Agora ele não é de ninguém."
        )
    finally:
        context.close()
    assert _assignee(store, case_id) is None


def test_a_case_held_by_someone_who_left_shows_no_one_else_as_chosen(
    page: Page, world: tuple[str, Store]
) -> None:
    """Assign's menu does not pretend a case is the first person's when its assignee was
    deactivated (they left the team): it asks for a choice, as for a case nobody has."""
    url, store = world
    with suppress(ValueError):
        add_user(store, "joao", role=Role.AGENT, password=PASSWORD, by="test")
    _, case_id, _ = add(store, "Held by someone who left", priority=3)
    assert case_id is not None
    with store.engine.begin() as conn:
        conn.execute(sa.update(CASE).where(CASE.c.id == case_id).values(assignee="joao"))
    set_active(store, "joao", active=False, by="admin")
    login(page, url, "manager")
    page.goto(f"{url}/cases/{case_id}")
    expect(page.get_by_label("Assign to")).to_have_value("")
    expect(page.locator("#case-panel")).to_contain_text("joao")
