"""The desk on a 390-pixel phone whose system-ui is a wide face (an Android's, wider than DejaVu
Sans), in en, pt-BR and pt-PT: the case-number box shows its whole example, the header's and
the dashboard's labels keep their words, and no page scrolls sideways.

The face is DejaVu Sans Mono, put behind the desk's font stack as MENTIONDESK_TEST_FONT does
(fonts_alias). Every check compares what is needed with the room there is, both measured in
the face the page was drawn in, so it holds whatever face a machine falls back to."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from mentiondesk.store import Store
from tests.desk.browser import CHROMIUM, ROOT, TEXT_LINES, TYPED_EXAMPLE_OVERFLOW, login, shot
from tests.desk.fonts_alias import launch_env

WIDE = "DejaVu Sans Mono"  # fonts-dejavu-core: as wide as any phone's system face
WIDTH = 390  # the phone fixture's viewport
LANGS = ("en", "pt-BR", "pt-PT")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """The conftest's Chromium (this module's `phone` draws with it), the wide face behind
    the desk's fonts whatever MENTIONDESK_TEST_FONT says."""
    if not os.path.exists(CHROMIUM):
        subprocess.run([str(ROOT / "scripts" / "ensure_chromium.sh")], check=True)
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, env=launch_env(WIDE))
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


# The example's width in the box's own font against the room for text inside its padding.
_EXAMPLE = """box => {
    const style = getComputedStyle(box);
    const pen = document.createElement("canvas").getContext("2d");
    pen.font = style.font;
    const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return {needs: pen.measureText(box.placeholder).width, room};
}"""


# What the case-number form needs on one row (the box as wide as its example or its label's
# words, the gap, the button) and what the row beside the folded Filters leaves it; whether it
# is there (test_ux_review_phone asks too).
CASE_JUMP_ROW = """form => {
    const box = form.querySelector("input[name=number]"), button = form.querySelector("button");
    const summary = document.querySelector(".filter-box > summary");
    const row = form.parentElement, gap = parseFloat(getComputedStyle(row).columnGap);
    const style = getComputedStyle(box);
    const pen = document.createElement("canvas").getContext("2d");
    pen.font = style.font;
    const words = document.createRange();
    words.selectNodeContents(box.parentElement.firstChild);
    const boxNeeds = Math.max(words.getBoundingClientRect().width,
        pen.measureText(box.placeholder).width + box.offsetWidth - box.clientWidth
        + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight));
    const needs = boxNeeds + parseFloat(getComputedStyle(form).columnGap) + button.offsetWidth;
    const s = summary.getBoundingClientRect(), f = form.getBoundingClientRect();
    return {needs, room: row.clientWidth - s.width - gap, beside: f.top < s.bottom,
            inside: f.left >= row.getBoundingClientRect().left - 0.5
                    && f.right <= row.getBoundingClientRect().right + 0.5};
}"""


def test_the_case_number_box_shows_its_whole_example(phone: Page, world: tuple[str, Store]) -> None:
    """pt-BR's "ex.: MD-000019" beside "Filtros" and "Ir para o caso" showed "ex.: MD-000":
    the box was narrowed to keep the row. Now it keeps its example's width, the form going
    under the Filters where the row is too short for it."""
    url, _ = world
    login(phone, url, "agent")
    for lang in LANGS:
        phone.goto(f"{url}/lang/{lang}?next=/queue")
        box = phone.locator("form.case-jump input[name=number]")
        assert "MD-000019" in (box.get_attribute("placeholder") or "")
        example = box.evaluate(_EXAMPLE)
        assert example["needs"] <= example["room"], (lang, example)
        assert box.evaluate(TYPED_EXAMPLE_OVERFLOW) <= 0, lang
        row = phone.locator("form.case-jump").evaluate(CASE_JUMP_ROW)
        assert row["inside"], (lang, row)
        # Beside the Filters where it fits there, under them only where it does not (a pixel
        # either way is the browser's rounding, not the layout's choice).
        if row["needs"] <= row["room"] - 1:
            assert row["beside"], (lang, row)
        elif row["needs"] > row["room"] + 1:
            assert not row["beside"], (lang, row)
        assert phone.evaluate("document.documentElement.scrollWidth") <= WIDTH, lang
        shot(phone, f"phone-wide-face-queue-{lang}")


def test_the_dashboard_periods_keep_their_words(phone: Page, world: tuple[str, Store]) -> None:
    """ "7 dias" was "7" over "dias", squeezed beside Export CSV, the links touching the
    first card."""
    url, _ = world
    login(phone, url, "manager")
    for lang in LANGS:
        phone.goto(f"{url}/lang/{lang}?next=/dashboard")
        links = phone.locator(".dash-head .periods a")
        for i in range(links.count()):
            assert links.nth(i).evaluate(TEXT_LINES) == 1, (lang, links.nth(i).inner_text())
        periods = phone.locator(".dash-head .periods").bounding_box()
        first = phone.locator(".kpis .kpi").first.bounding_box()
        cards_gap = float(
            phone.locator(".kpis").evaluate("e => parseFloat(getComputedStyle(e).rowGap)")
        )
        assert periods and first
        # Clear of the first card by at least the cards' own gap.
        assert first["y"] - (periods["y"] + periods["height"]) >= cards_gap, (lang, periods)
        assert periods["x"] + periods["width"] <= WIDTH, lang
        shot(phone, f"phone-wide-face-dashboard-{lang}")


# What shows past the screen's right edge (or clips its own text): not the visually hidden,
# not what scrolls inside its own box (a table's scroller).
_PAST_EDGE = """() => {
    const edge = document.documentElement.clientWidth, found = [];
    for (const e of document.querySelectorAll("body *")) {
        const r = e.getBoundingClientRect();
        if (r.width <= 2 || e.closest(".visually-hidden, .table-scroll")) continue;
        if (r.right > edge + 0.5) found.push(e.outerHTML.slice(0, 80));
    }
    return found;
}"""

# A header label cut short: its text wider than its box, where the box hides the rest.
_HEADER_CLIPPED = """() => [...document.querySelectorAll(".top :is(a, button, span, small)")]
    .filter(e => e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 0.5
                 && getComputedStyle(e).overflowX !== "visible")
    .map(e => e.textContent.trim())"""


def test_no_page_scrolls_sideways_in_a_wide_face(phone: Page, world: tuple[str, Store]) -> None:
    url, _ = world
    login(phone, url, "manager")
    case = phone.locator("#queue .case-link").first.get_attribute("href")
    assert case
    for lang in LANGS:
        for path in ("/queue", case, "/dashboard"):
            phone.goto(f"{url}/lang/{lang}?next={path}")
            where = (lang, path)
            assert phone.evaluate("document.documentElement.scrollWidth") <= WIDTH, where
            assert phone.evaluate(_PAST_EDGE) == [], where
            assert phone.evaluate(_HEADER_CLIPPED) == [], where
            nav = phone.locator(".top nav a")
            for i in range(nav.count()):  # "Respostas prontas" wraps whole, not by word
                assert nav.nth(i).evaluate(TEXT_LINES) == 1, (where, nav.nth(i).inner_text())
