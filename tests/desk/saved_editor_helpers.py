"""What the Saved replies editor's tests share: a reply to add (ORDER), the page's form as
read back (its `seen` version, its text box), and a case page's picker."""

from __future__ import annotations

import re

from tests.desk.conftest import Desk

PT_BR = {"Accept-Language": "pt-BR"}
PT_PT = {"Accept-Language": "pt-PT"}
SEEN = re.compile(r'name="seen" value="([0-9a-f]+)"')
BOX = re.compile(r'<textarea name="text"[^>]*>([^<]*)</textarea>')
ORDER = {"id": "order", "title": "Order number", "lang": "en"}
ORDER_TEXT = "Hi {{ full_name }}{% if case %}, {{ case }}{% endif %}: your order number?"


async def seen_version(desk: Desk, path: str) -> str:
    """The version of the reply the form at `path` shows (what an edit or delete acts on)."""
    found = SEEN.search(await (await desk.client.get(path)).text())
    assert found
    return found.group(1)


async def case_page(desk: Desk, case: int | None, saved: str = "") -> str:
    """The case page (`case`: as seed.add returns it), with the saved reply `saved` picked
    into Reply now's box."""
    assert case is not None
    query = f"?saved={saved}&into=reply" if saved else ""
    return await (await desk.client.get(f"/cases/{case}{query}")).text()
