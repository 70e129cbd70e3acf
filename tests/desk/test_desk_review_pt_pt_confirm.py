"""A team lead in Lisbon, in Chromium with pt-PT: Encaminhar (escalate), taking a colleague's
case and reassigning it ask first, as Rejeitar and Encerrar do; a new password given to a
disabled person says they must be enabled before it works."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from playwright.sync_api import Dialog, Page, expect

from mentiondesk.store import Store
from mentiondesk.tables import CASE
from mentiondesk.web.users import Role, add_user, set_active
from tests.desk.browser import login
from tests.desk.seed import PASSWORD, add


def _case(store: Store, text: str, assignee: str | None = None) -> int:
    _, case_id, _ = add(store, text, priority=0, draft=None)
    assert case_id is not None
    if assignee:
        with store.engine.begin() as conn:
            conn.execute(sa.update(CASE).where(CASE.c.id == case_id).values(assignee=assignee))
    return case_id


def _row(store: Store, case_id: int) -> sa.Row[Any, Any]:
    with store.engine.connect() as conn:
        query = sa.select(CASE.c.assignee, CASE.c.ticket_ref).where(CASE.c.id == case_id)
        return conn.execute(query).one()


def _dismissing(page: Page) -> list[str]:
    """Every dialog the page opens, answered Cancelar; what each asked."""
    asked: list[str] = []

    def cancel(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", cancel)
    return asked


def _open_dismissing(page: Page, url: str, case_id: int, name: str) -> list[str]:
    """Sign in as `name` in pt-PT and open the case, every question answered Cancelar; what
    each asked."""
    login(page, url, name, "pt-PT")
    asked = _dismissing(page)
    page.goto(f"{url}/cases/{case_id}")
    return asked


def test_encaminhar_asks_first_and_cancel_opens_no_ticket(
    page_pt_pt: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    case_id = _case(store, "Encomenda 8812 perdida, quero falar com alguém.")
    asked = _open_dismissing(page_pt_pt, url, case_id, "manager")
    escalate = page_pt_pt.get_by_role("button", name="Encaminhar para o apoio ao cliente")
    escalate.click()
    expect(escalate).to_be_enabled()
    assert asked and "apoio ao cliente" in asked[0], asked
    assert _row(store, case_id).ticket_ref is None  # Cancelar: nothing went to the help desk


def test_taking_a_colleagues_case_asks_first(page_pt_pt: Page, world: tuple[str, Store]) -> None:
    url, store = world
    case_id = _case(store, "A app não abre desde ontem.", assignee="manager")
    asked = _open_dismissing(page_pt_pt, url, case_id, "agent")
    page_pt_pt.get_by_role("button", name="Assumir este caso").click()
    expect(page_pt_pt.get_by_role("button", name="Assumir este caso")).to_be_enabled()
    assert asked and "manager" in asked[0], asked
    assert _row(store, case_id).assignee == "manager"


def test_reassigning_asks_first(page_pt_pt: Page, world: tuple[str, Store]) -> None:
    url, store = world
    case_id = _case(store, "Cobraram-me duas vezes.", assignee="agent")
    asked = _open_dismissing(page_pt_pt, url, case_id, "manager")
    page_pt_pt.get_by_label("Atribuir a").select_option("admin")
    page_pt_pt.get_by_role("button", name="Atribuir", exact=True).click()
    expect(page_pt_pt.get_by_role("button", name="Atribuir", exact=True)).to_be_enabled()
    assert asked and "agent" in asked[0], asked
    assert _row(store, case_id).assignee == "agent"


def test_an_unassigned_case_is_assigned_without_a_question(
    page_pt_pt: Page, world: tuple[str, Store]
) -> None:
    """Nothing is taken from anyone: no question in the way of a daily action."""
    url, store = world
    case_id = _case(store, "Onde está a minha encomenda?")
    asked = _open_dismissing(page_pt_pt, url, case_id, "manager")
    page_pt_pt.get_by_label("Atribuir a").select_option("agent")
    page_pt_pt.get_by_role("button", name="Atribuir", exact=True).click()
    expect(page_pt_pt.locator("#notice")).to_contain_text("Caso atribuído a agent.")
    assert not asked and _row(store, case_id).assignee == "agent"


def test_new_password_for_a_disabled_person_says_to_enable_them(
    page_pt_pt: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    add_user(store, "Joana", role=Role.AGENT, password=PASSWORD, by="test")
    set_active(store, "Joana", active=False, by="test")
    login(page_pt_pt, url, "admin", "pt-PT")
    page_pt_pt.on("dialog", lambda dialog: dialog.accept())
    page_pt_pt.goto(f"{url}/people")
    row = page_pt_pt.get_by_role("row").filter(has_text="Joana")
    row.get_by_role("button", name="Gerar nova palavra-passe").click()
    panel = page_pt_pt.locator(".new-password-panel")
    expect(panel).to_contain_text("Nova palavra-passe de Joana")
    expect(panel).to_contain_text("Reativar")  # the step before it works
    expect(panel).not_to_contain_text("o acesso passa a ser com esta palavra-passe")
