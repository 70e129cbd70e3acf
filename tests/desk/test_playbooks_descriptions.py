"""The Playbooks page shows each rule's description in the reader's language: Brazil's or
Portugal's Portuguese, else English; a description is the site's text, escaped as any other."""

from __future__ import annotations

import re
import tomllib
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer, make_mocked_request

from mentiondesk.config import Config
from mentiondesk.store import Store
from mentiondesk.web import create_app
from mentiondesk.web.i18n import ENGLISH, EUROPEAN_PORTUGUESE, PORTUGUESE, regional
from playbooks import load_playbook
from playbooks.loading import SHIPPED_RULES
from tests.desk.conftest import Desk

Login = Callable[[str], Awaitable[Desk]]
_COMPLAINT_EN = "A detractor reaches an agent fast, with a private message drafted in their"
_COMPLAINT_BR = (
    "Uma reclamação chega rápido a alguém da equipe, com um rascunho de mensagem privada no"
)
_COMPLAINT_PT = (
    "Uma reclamação chega depressa a alguém da equipa, com um rascunho de mensagem privada"
)


def test_the_shipped_portuguese_descriptions_never_assume_the_customers_gender() -> None:
    """The desk does not know who wrote a mention: "no idioma da pessoa", never "dele"."""
    rules = tomllib.loads((SHIPPED_RULES / "default.toml").read_text(encoding="utf-8"))["rules"]
    texts = [rule["description"][locale] for rule in rules for locale in ("pt-BR", "pt-PT")]
    assert not [t for t in texts if re.search(r"\b(?:del[ae]s?|detrator)\b", t, re.IGNORECASE)]
    spam = next(rule["description"] for rule in rules if rule["name"] == "spam")
    assert spam["pt-BR"] == "Spam e sorteios: são lidos e guardados, e nada mais."
    assert spam["pt-PT"] == "Spam e passatempos: são lidos e guardados, e nada mais."


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
    desk = await as_role("manager")
    portugal = await _page(desk, **{"Accept-Language": "pt-PT,pt;q=0.9"})
    assert _COMPLAINT_PT in portugal and _COMPLAINT_BR not in portugal
    assert '<html lang="pt-PT">' in portugal


async def test_the_descriptions_follow_the_switch_not_the_browser(as_role: Login) -> None:
    """Someone in Portugal who picked PT-BR reads Brazil's words throughout, and back."""
    desk = await as_role("manager")
    await desk.client.get("/lang/pt-BR", allow_redirects=False)
    brazil = await _page(desk, **{"Accept-Language": "pt-PT"})
    assert _COMPLAINT_BR in brazil and _COMPLAINT_PT not in brazil
    await desk.client.get("/lang/pt-PT", allow_redirects=False)
    portugal = await _page(desk, **{"Accept-Language": "pt-BR"})
    assert _COMPLAINT_PT in portugal and _COMPLAINT_BR not in portugal


async def test_the_english_switch_wins_over_a_portuguese_browser(as_role: Login) -> None:
    desk = await as_role("manager")
    await desk.client.get("/lang/en", allow_redirects=False)
    page = await _page(desk, **{"Accept-Language": "pt-PT"})
    assert _COMPLAINT_EN in page and _COMPLAINT_PT not in page


@pytest.mark.parametrize("header", ["pt-PT,pt;q=0.9", "pt-br", "pt-AO", "pt", ""])
def test_a_regional_desk_language_is_the_readers_region(header: str) -> None:
    """pt-BR and pt-PT are regions already (the switch's or the browser's choice)."""
    request = make_mocked_request("GET", "/playbooks", headers={"Accept-Language": header})
    assert regional(request, PORTUGUESE) == "pt-BR"
    assert regional(request, EUROPEAN_PORTUGUESE) == "pt-PT"


@pytest.mark.parametrize(
    ("header", "locale"),
    [
        ("en-GB,en;q=0.9", "en-GB"),
        ("pt-PT;q=0.9,en-au;q=0.5", "en-AU"),  # the page's language's tag, wherever it is
        ("en", "en"),
        ("", "en"),
    ],
)
def test_the_readers_region_comes_from_the_browser(header: str, locale: str) -> None:
    request = make_mocked_request("GET", "/playbooks", headers={"Accept-Language": header})
    assert regional(request, ENGLISH) == locale


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
