"""The Playbooks page shows each rule's description in the reader's language: Brazil's or
Portugal's Portuguese, else English; a description is the site's text, escaped as any other."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer, make_mocked_request

from mentiondesk.config import Config
from mentiondesk.store import Store
from mentiondesk.web import create_app
from mentiondesk.web.i18n import PORTUGUESE, Locale, regional
from playbooks import load_playbook
from tests.desk.conftest import Desk

Login = Callable[[str], Awaitable[Desk]]
_COMPLAINT_EN = "A detractor reaches an agent fast, with a private message drafted in their"
_COMPLAINT_BR = "Detrator chega rápido a um atendente, com uma mensagem privada escrita no idioma"
_COMPLAINT_PT = "Um detrator chega depressa a um operador, com uma mensagem privada redigida"


async def _page(desk: Desk, **headers: str) -> str:
    return await (await desk.client.get("/playbooks", headers=headers)).text()


async def test_the_shipped_rules_are_described_in_the_readers_language(as_role: Login) -> None:
    desk = await as_role("manager")
    brazil = await _page(desk, **{"Accept-Language": "pt-BR,pt;q=0.9,en;q=0.8"})
    english = await _page(desk, **{"Accept-Language": "en"})
    assert _COMPLAINT_BR in brazil and _COMPLAINT_EN not in brazil
    assert "direto para o help desk" in brazil and "Elogio ganha" in brazil
    assert _COMPLAINT_EN in english and _COMPLAINT_BR not in english


async def test_a_browser_in_portugal_reads_portugals_portuguese(as_role: Login) -> None:
    # The desk itself speaks Brazil's Portuguese to it; the playbook has Portugal's words.
    desk = await as_role("manager")
    portugal = await _page(desk, **{"Accept-Language": "pt-PT,pt;q=0.9"})
    assert _COMPLAINT_PT in portugal and _COMPLAINT_BR not in portugal
    assert '<html lang="pt-BR">' in portugal


async def test_the_english_switch_wins_over_a_portuguese_browser(as_role: Login) -> None:
    desk = await as_role("manager")
    await desk.client.get("/lang/en", allow_redirects=False)
    page = await _page(desk, **{"Accept-Language": "pt-PT"})
    assert _COMPLAINT_EN in page and _COMPLAINT_PT not in page


@pytest.mark.parametrize(
    ("header", "locale"),
    [
        ("pt-PT,pt;q=0.9", "pt-PT"),
        ("pt-br", "pt-BR"),
        ("pt", "pt-BR"),  # no region: the desk's own
        ("en;q=0.9,pt-pt;q=0.5", "pt-PT"),  # the page's language's tag, wherever it is
        ("", "pt-BR"),
    ],
)
def test_the_readers_region_comes_from_the_browser(header: str, locale: str) -> None:
    request = make_mocked_request("GET", "/playbooks", headers={"Accept-Language": header})
    assert regional(request, PORTUGUESE) == locale
    assert regional(request, Locale("en")) == "en"


@pytest.fixture
async def hostile(config: Config, store: Store, tmp_path: Path) -> AsyncIterator[Desk]:
    """The desk with a playbook whose descriptions hold markup, logged in as a manager."""
    path = tmp_path / "hostile.toml"
    path.write_text(
        '[[rules]]\nname = "r"\n'
        'description.en = "<script>alert(1)</script> en"\n'
        'description.pt-BR = "<img src=x onerror=alert(2)> br"\n',
        encoding="utf-8",
    )
    playbook = load_playbook([path], brand=config.brand)
    async with TestClient(TestServer(create_app(config, store, playbook=playbook))) as client:
        desk = Desk(client)
        assert await desk.login("manager") == 303
        yield desk


async def test_markup_in_a_description_is_escaped_in_every_language(hostile: Desk) -> None:
    english = await _page(hostile, **{"Accept-Language": "en"})
    brazil = await _page(hostile, **{"Accept-Language": "pt-BR"})
    assert "&lt;script&gt;alert(1)&lt;/script&gt; en" in english and "<script>alert" not in english
    assert "&lt;img src=x onerror=alert(2)&gt; br" in brazil and "<img src=x" not in brazil
