"""A handle with a right-to-left override left open (hostile, or a copy-paste slip) cannot turn
around the desk's sentence it sits in: "Não contactar ana‮abc no X" must not read "Não
contactar anaX on cba", naming another account on the button and in the question."""

from __future__ import annotations

from datetime import timedelta

from playwright.sync_api import Dialog, Locator, Page, expect

from mentiondesk.store import Store
from mentiondesk.web.i18n_bidi import isolated
from tests.desk.browser import login
from tests.desk.seed import add

HANDLE = "ana\u202eabc"  # U+202E RIGHT-TO-LEFT OVERRIDE, never closed

# Whether the element's last character is drawn rightmost of all its characters (in a
# left-to-right sentence ending "no X", the X is; reversed by the override, it is not).
_LAST_RIGHTMOST = """el => {
  const node = [...el.childNodes].find(n => n.nodeType === 3 && n.textContent.trim());
  const text = node.textContent.trimEnd(), range = document.createRange();
  const right = i => { range.setStart(node, i); range.setEnd(node, i + 1);
                       return range.getBoundingClientRect().right; };
  const last = right(text.length - 1);
  return [...text].every((_, i) => right(i) <= last + 0.5);
}"""


def _last_is_rightmost(locator: Locator) -> bool:
    return bool(locator.evaluate(_LAST_RIGHTMOST))


def test_isolated_leaves_left_to_right_text_alone() -> None:
    assert isolated("ana_lx") == "ana_lx"
    assert isolated(HANDLE) == "\u2068ana\u202eabc\u2069"
    assert isolated("a\u2069\u202eb") == "\u2068a\u202eb\u2069"  # no early close


def test_do_not_contact_button_keeps_its_sentence(
    page_pt_pt: Page, world: tuple[str, Store]
) -> None:
    url, store = world
    _, case_id, _ = add(store, "Quero o reembolso.", handle=HANDLE, priority=0)
    login(page_pt_pt, url, "manager", "pt-PT")
    page_pt_pt.goto(f"{url}/cases/{case_id}")
    button = page_pt_pt.locator("#author .author-dnc button")
    expect(button).to_contain_text("Não contactar")
    assert _last_is_rightmost(button)  # "… no X", not "anaX on cba"


def test_queue_question_keeps_its_sentence(page_pt_pt: Page, world: tuple[str, Store]) -> None:
    url, store = world
    add(store, "Sem resposta há dias.", handle=HANDLE, priority=99, ago=timedelta(days=9))
    login(page_pt_pt, url, "manager", "pt-PT")
    asked: list[str] = []

    def cancel(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page_pt_pt.on("dialog", cancel)
    page_pt_pt.goto(f"{url}/queue")
    page_pt_pt.keyboard.press("j")
    page_pt_pt.keyboard.press("a")
    expect(page_pt_pt.locator("#queue .item").first).to_be_visible()
    assert asked and f"\u2068{HANDLE}\u2069 no X" in asked[0], asked
