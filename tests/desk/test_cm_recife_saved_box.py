"""The Saved replies form's text box, for a screen reader: it is described by the hint that
lists the placeholders (heard in the box, not only seen under it), and read in the reply's
language, as the form holds it (never a language the form refused)."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable

from tests.desk.conftest import Desk

Login = Callable[[str], Awaitable[Desk]]
_BOX = re.compile(r'<textarea name="text"[^>]*>')


async def _box(desk: Desk, path: str, **headers: str) -> tuple[str, str]:
    page = await (await desk.client.get(path, headers=headers)).text()
    found = _BOX.search(page)
    assert found
    return found.group(0), html.unescape(page)


async def test_the_text_box_is_described_by_the_placeholders_hint(as_role: Login) -> None:
    manager = await as_role("manager")
    box, page = await _box(manager, "/saved-replies", **{"Accept-Language": "pt-BR"})
    assert 'aria-describedby="saved-hint"' in box
    hint = re.search(r'<p class="muted small" id="saved-hint">([^<]*)</p>', page)
    assert hint and "{{ name }}" in hint.group(1)
    assert 'lang="pt-BR"' in box  # a new reply starts in the page's language


async def test_the_text_box_is_in_the_replys_language(as_role: Login) -> None:
    manager = await as_role("manager")
    reply = {"id": "demora", "title": "Lamentamos a demora", "lang": "pt-PT"}
    await manager.post("/saved-replies", **reply, text="Lamentamos a demora!")
    box, _ = await _box(manager, "/saved-replies/demora")
    assert 'lang="pt-PT"' in box
    response = await manager.post("/saved-replies", **{**reply, "id": "x", "lang": "klingon"})
    box, page = await _box(manager, response.headers["Location"])
    assert 'id="saved-refusal"' in page and "klingon" in page
    assert "lang=" not in box  # refused: no language claimed for the text
