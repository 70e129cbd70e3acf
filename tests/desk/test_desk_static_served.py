"""The desk's style and script, in parts (desk-base.css, desk-core.js, ...): every part a page
links is served to anyone, as the type the browser needs (the desk sends nosniff: a script
served as text/plain would not run), under the same Content-Security-Policy, and no part in
the static folder is left unlinked."""

from __future__ import annotations

import re

from tests.desk.conftest import Desk
from tests.desk.desk_static import SCRIPTS, STATIC, STYLESHEETS

# What browsers take as each: aiohttp names a script application/javascript, Python's own
# table text/javascript; a browser runs either.
TYPES = {".css": {"text/css"}, ".js": {"text/javascript", "application/javascript"}}


async def test_every_part_the_page_links_is_served_as_its_type(anon: Desk) -> None:
    page = await (await anon.client.get("/login")).text()
    linked = re.findall(r'<link rel="stylesheet" href="/static/([^"]+)">', page)
    scripts = re.findall(r'<script src="/static/([^"]+)" defer></script>', page)
    assert (tuple(linked), tuple(scripts)) == (STYLESHEETS, SCRIPTS)
    assert len(linked) >= 2 and len(scripts) >= 2  # in parts, as the test reads them
    for name in (*linked, *scripts):
        response = await anon.client.get(f"/static/{name}", allow_redirects=False)
        assert response.status == 200, name
        assert response.content_type in TYPES[name[name.rindex(".") :]], name
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "script-src 'self'" in response.headers["Content-Security-Policy"]
        assert await response.text() == (STATIC / name).read_text(encoding="utf-8"), name


def test_no_part_of_the_desks_style_or_script_is_left_unlinked() -> None:
    parts = {p.name for p in STATIC.glob("desk*") if p.suffix in TYPES}
    assert parts == {*STYLESHEETS, *SCRIPTS}


def test_the_parts_are_linked_in_the_order_they_rely_on() -> None:
    # Scripts: the core (the shared namespace) first; the guards' submit listener before the
    # queue's and the notices' (they skip a submit it held back).
    assert SCRIPTS[0] == "desk-core.js"
    assert SCRIPTS.index("desk-guards.js") < SCRIPTS.index("desk-queue.js")
    assert SCRIPTS.index("desk-guards.js") < SCRIPTS.index("desk-notices.js")
    # Styles: a tie goes to the later rule. The narrow screens' rules override the rest; a
    # post's .text (queue) wins over the case page's .answering-text on the same paragraph.
    assert STYLESHEETS[0] == "desk-base.css" and STYLESHEETS[-1] == "desk-narrow.css"
    assert STYLESHEETS.index("desk-case.css") < STYLESHEETS.index("desk-queue.css")
