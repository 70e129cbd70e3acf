"""MENTIONDESK_TEST_FONT's fontconfig reaches Chromium: the desk's stack renders in the face asked
for, and a face that is missing falls back quietly instead of breaking the launch."""

from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import Browser

from tests.desk.browser import CHROMIUM
from tests.desk.fonts_alias import launch_env

NARROW, USUAL = "DejaVu Sans Condensed", "DejaVu Sans"
_TEXT = (
    '<p style=\'font: 14px system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif\'>'
    "<span>casos respondidos em 24 h</span></p>"
)


def _width(browser: Browser) -> float:
    page = browser.new_page()
    page.set_content(_TEXT)
    width = float(page.locator("span").evaluate("e => e.getBoundingClientRect().width"))
    page.close()
    return width


def _installed(face: str) -> bool:
    found = subprocess.run(["fc-list", f":family={face}"], capture_output=True, text=True)
    return bool(found.stdout.strip())


def test_an_aliased_face_changes_what_the_desk_s_fonts_render_in(browser: Browser) -> None:
    if not (_installed(NARROW) and _installed(USUAL)):
        pytest.skip(f"{NARROW} or {USUAL} is not installed here")
    # Both faces asked for outright: the fixture's browser may run under MENTIONDESK_TEST_FONT.
    widths = []
    for face in (NARROW, USUAL):
        launched = browser.browser_type.launch(executable_path=CHROMIUM, env=launch_env(face))
        try:
            widths.append(_width(launched))
        finally:
            launched.close()
    narrow, usual = widths
    assert narrow < usual * 0.95, (narrow, usual)  # Condensed is about 10 % narrower


def test_a_missing_face_falls_back_quietly(browser: Browser) -> None:
    launched = browser.browser_type.launch(
        executable_path=CHROMIUM, env=launch_env("No Such Face 1")
    )
    try:
        assert _width(launched) > 50
    finally:
        launched.close()


def test_no_face_asked_for_leaves_chromium_s_environment_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("MENTIONDESK_TEST_FONT", raising=False)
    assert launch_env() is None
