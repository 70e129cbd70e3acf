"""The desk's own style and script as base.html links them: the file names in the order the
page loads them, and their text joined in that order (what the browser applies and runs).

The desk's CSS and JS are in parts by concern (desk-base.css, desk-core.js, ...); a test that
reads "the desk's CSS" reads all of it here, so it follows the template, not one file name."""

from __future__ import annotations

import re
from pathlib import Path

WEB = Path(__file__).resolve().parents[2] / "mentiondesk" / "web"
STATIC = WEB / "static"
_BASE = (WEB / "templates" / "base.html").read_text(encoding="utf-8")

# The stylesheets and scripts every desk page links, in base.html's order ("desk-base.css").
STYLESHEETS: tuple[str, ...] = tuple(
    re.findall(r'<link rel="stylesheet" href="/static/([^"]+)">', _BASE)
)
SCRIPTS: tuple[str, ...] = tuple(
    re.findall(r'<script src="/static/([^"]+)" defer></script>', _BASE)
)


def _joined(names: tuple[str, ...]) -> str:
    return "\n".join((STATIC / name).read_text(encoding="utf-8") for name in names)


DESK_CSS = _joined(STYLESHEETS)
DESK_JS = _joined(SCRIPTS)
