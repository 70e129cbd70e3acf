"""What a screen reader is told on the queue: the one-key shortcuts' switch says which keys it
turns on, as the hint beside it shows the eye (the hint itself stays out of the reading order)."""

from __future__ import annotations

import html
import re
from collections.abc import Awaitable, Callable

from mentiondesk.store import Store
from tests.desk.conftest import Desk
from tests.desk.seed import add

Login = Callable[[str], Awaitable[Desk]]


def _described(page: str, control: str) -> str:
    """The text of what `control` (an id) is described by, tags dropped."""
    found = re.search(rf'<input[^>]*id="{control}"[^>]*>', page)
    assert found, control
    named = re.search(r'aria-describedby="([^"]+)"', found.group(0))
    assert named, found.group(0)
    texts = []
    for ref in named.group(1).split():
        hint = re.search(rf'<(\w+)[^>]*id="{ref}"[^>]*>(.*?)</\1>', page, re.S)
        assert hint, ref
        texts.append(re.sub(r"<[^>]+>", "", hint.group(2)))
    return " ".join(html.unescape(" ".join(texts)).split())


async def test_the_shortcut_switch_names_its_keys(as_role: Login, store: Store) -> None:
    add(store, "Cadê meu pedido?")
    desk = await as_role("agent")
    pt = await (await desk.client.get("/queue", headers={"Accept-Language": "pt-BR"})).text()
    assert _described(pt, "keys-on") == "j/k navegar · o abrir · a aprovar · r rejeitar"
    en = await (await desk.client.get("/queue")).text()
    assert _described(en, "keys-on") == "j/k move · o open · a approve · r reject"
