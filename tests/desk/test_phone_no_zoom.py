"""The desk's form controls on a 390-pixel phone, in Chromium: each box, list and text area is
drawn at 16 px or more. iOS Safari zooms the page in when one under 16 px is tapped (the
case-number box was 12 px, its label's size) and leaves it zoomed, so a community manager
pinched out after every search, filter, login and reply. A desktop keeps its sizes."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from mentiondesk.store import Store
from tests.desk.browser import login, shot

WIDTH = 390  # the phone fixture's viewport
SMALLEST = 16.0  # iOS Safari zooms in on a text control drawn smaller than this (CSS px)

# Every visible input, select and textarea (not those in the folded Filters, which have boxes
# but are not drawn): what it is, and the font size it is drawn at.
_CONTROLS = """() => [...document.querySelectorAll("input, select, textarea")]
    .filter(e => e.checkVisibility({visibilityProperty: true}))
    .map(e => ({what: e.outerHTML.slice(0, 90), size: parseFloat(getComputedStyle(e).fontSize)}))"""

_REPLY = {
    "id": "no-zoom-thanks",
    "title": "Obrigado pela paciência",
    "lang": "pt-PT",
    "text": "Olá, obrigado pela paciência: já estamos a tratar disto.",
}


def _small_controls(page: Page, where: str, small: dict[str, list[str]]) -> None:
    """Note in `small` the visible controls under 16 px on the page shown (there must be
    some), after checking that the page does not scroll sideways."""
    controls = page.evaluate(_CONTROLS)
    assert controls, f"no visible control on {where}"
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, where
    under = [f"{c['size']}px {c['what']}" for c in controls if c["size"] < SMALLEST]
    if under:
        small[where] = under


def test_a_phone_never_zooms_into_a_control(phone: Page, world: tuple[str, Store]) -> None:
    url, _ = world
    small: dict[str, list[str]] = {}
    phone.goto(f"{url}/login")
    _small_controls(phone, "login", small)
    login(phone, url, "manager")

    # The saved replies' form, then the reply it adds as the case page's picker offers it.
    phone.goto(f"{url}/saved-replies")
    _small_controls(phone, "saved replies", small)
    for name, value in _REPLY.items():
        phone.locator(f".saved-form [name={name}]").fill(value)
    phone.locator(".saved-form button[type=submit]").click()
    expect(phone.locator("#saved-reply-no-zoom-thanks")).to_be_visible()

    phone.goto(f"{url}/queue")
    _small_controls(phone, "queue", small)
    phone.locator(".filter-box > summary").click()  # the filters, folded on a phone
    expect(phone.locator("form.filters select").first).to_be_visible()
    _small_controls(phone, "queue, filters open", small)

    phone.locator("#queue .case-link").first.click()
    expect(phone.locator("select[name=saved]").first).to_be_visible()
    expect(phone.locator("textarea").first).to_be_visible()
    _small_controls(phone, "case", small)
    shot(phone, "phone-no-zoom-case")
    assert small == {}, "\n".join(f"{w}: {c}" for w, cs in small.items() for c in cs)


def test_the_people_form_never_zooms_either(phone: Page, world: tuple[str, Store]) -> None:
    """An admin adds a colleague from the phone: the name, role and password boxes too."""
    url, _ = world
    small: dict[str, list[str]] = {}
    login(phone, url, "admin")
    phone.goto(f"{url}/people")
    _small_controls(phone, "people", small)
    assert small == {}, "\n".join(small["people"])


def test_a_desktop_keeps_its_sizes(page: Page, world: tuple[str, Store]) -> None:
    """The phone's sizes stay on the phone: at 1280 px a box is as large as its label's words."""
    url, _ = world
    login(page, url, "agent")
    box = page.locator("form.case-jump input[name=number]")
    sizes = box.evaluate(
        "b => [getComputedStyle(b).fontSize, getComputedStyle(b.closest('label')).fontSize]"
    )
    assert sizes == ["12px", "12px"]
