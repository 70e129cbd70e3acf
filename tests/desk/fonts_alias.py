"""Run the browser tests with another face behind the desk's font stack.

The desk asks for `system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif`; each
machine's fontconfig answers with its own face, so a layout (or a test) that only holds for one
face's widths passes on one machine and fails on the next. Setting MENTIONDESK_TEST_FONT (e.g.
"DejaVu Sans Condensed", narrower like Arial or Segoe UI) makes the browser fixture launch Chromium
with a fontconfig file that maps every family of that stack to the face, so such a failure shows
on a developer's machine too. Unset, Chromium gets the machine's own fonts, as users do.
"""

from __future__ import annotations

import html
import os
import tempfile
from functools import cache
from pathlib import Path

ENV = "MENTIONDESK_TEST_FONT"
# The families desk-base.css names, and the generic one it ends on.
STACK = (
    "system-ui",
    "-apple-system",
    "BlinkMacSystemFont",
    "Segoe UI",
    "DejaVu Sans",
    "sans-serif",
)

_RULE = (
    '<match target="pattern"><test name="family" qual="any"><string>{family}</string></test>'
    '<edit name="family" mode="assign" binding="strong"><string>{face}</string></edit></match>'
)


def fontconfig(face: str) -> str:
    """A fontconfig file: the system's own configuration, then the stack's families as `face`.

    A face that is not installed falls back quietly to fontconfig's nearest match."""
    rules = "\n  ".join(_RULE.format(family=html.escape(f), face=html.escape(face)) for f in STACK)
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"  {rules}\n</fontconfig>\n"
    )


@cache
def _written(face: str) -> Path:
    """The file for `face`, written once a run (each test module launches its own Chromium)."""
    path = Path(tempfile.mkdtemp(prefix="mentiondesk-fonts-")) / "fonts.conf"
    path.write_text(fontconfig(face), encoding="utf-8")
    return path


def launch_env(face: str | None = None) -> dict[str, str | float | bool] | None:
    """The environment for Chromium with `face` (or $MENTIONDESK_TEST_FONT) behind the stack;
    None (Playwright's default: this process's environment) when no face is asked for."""
    face = face if face is not None else os.environ.get(ENV, "").strip()
    if not face:
        return None
    env: dict[str, str | float | bool] = {**os.environ, "FONTCONFIG_FILE": str(_written(face))}
    return env
